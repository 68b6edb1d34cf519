"""Resilience results name the employment data they used, and results from illustrative
data are marked on the page and in every download (issue 19)."""

import io

import pandas as pd
import pytest
from django.urls import reverse

from hromada.core.exports import ILLUSTRATIVE_COLUMN, ILLUSTRATIVE_VALUE
from hromada.economy.demo import DEMO_DATASET_NAME, demo_economy_seed
from hromada.economy.services import dataset_import
from hromada.resilience.services import scenario_create
from tests.resilience.test_views import RUN, SHOCK
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db

LOCAL = {"A": 500.0, "C": 3000.0, "D": 200.0, "F": 400.0, "G": 2000.0, "H": 600.0, "Q": 900.0}
OFFICIAL = "Employment by section (Derzhstat)"


def _official(m):
    rows = [("local", s, 2021, v) for s, v in LOCAL.items()]
    rows += [("reference", s, 2021, v * 1000) for s, v in LOCAL.items()]
    dataset_import(
        municipality=m,
        frame=pd.DataFrame(rows, columns=["area", "sector", "year", "value"]),
        name=OFFICIAL,
        measure="employment",
        unit="persons",
        kind="official",
    )


@pytest.fixture(params=["illustrative", "official"])
def case(request, client):
    m = make_municipality(population=48_000)
    editor = make_member(m, "editor")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.login(username=editor.username, password=PASSWORD)
    if request.param == "illustrative":
        demo_economy_seed(m)
        return m, editor, True, DEMO_DATASET_NAME
    _official(m)
    return m, editor, False, OFFICIAL


def _used(html: str) -> str:
    start = html.index('data-testid="data-used"')
    return html[start : html.index("</p>", start)]


def _csv(response) -> pd.DataFrame:
    assert response.status_code == 200
    return pd.read_csv(io.StringIO(response.content.decode().lstrip("\ufeff")))


def _marked(frame: pd.DataFrame, illustrative: bool) -> None:
    if illustrative:
        assert (frame[ILLUSTRATIVE_COLUMN] == ILLUSTRATIVE_VALUE).all() and len(frame)
    else:
        assert ILLUSTRATIVE_COLUMN not in frame.columns


def _summary(content: bytes) -> tuple[str, dict]:
    """(the mark above the summary table, the summary's item -> value)."""
    raw = pd.read_excel(io.BytesIO(content), sheet_name="Summary", header=None, engine="openpyxl")
    first = str(raw.iloc[0, 0]) if raw.iloc[0, 0] == raw.iloc[0, 0] else ""
    body = raw.iloc[1:] if first != "item" else raw
    rows = {str(k): v for k, v in zip(body.iloc[:, 0], body.iloc[:, 1], strict=True)}
    return ("" if first == "item" else first), rows


def test_scenario_page_and_downloads(client, case):
    m, _editor, illustrative, name = case
    html = client.get(reverse("resilience:index", args=[m.code]), RUN).content.decode()
    used = _used(html)
    assert f"“{name}”" in used and "2021" in used
    assert ("(illustrative)" in used) is illustrative
    assert ("(official)" in used) is not illustrative
    assert "demonstration" in used  # the national table's kind
    assert ('data-testid="illustrative-badge"' in used) is illustrative
    url = reverse("resilience:run_export", args=[m.code])
    for table in ("daily", "loss"):
        _marked(_csv(client.get(url, {**RUN, "table": table})), illustrative)
    mark, rows = _summary(client.get(url, {**RUN, "table": "xlsx"}).content)
    assert ("Illustrative data" in mark) is illustrative
    assert rows["Employment data"] == name
    assert rows["Employment data, kind"] == ("illustrative" if illustrative else "official")
    assert rows["National table, kind"] == "demonstration"


def test_saved_scenarios_comparison_and_multipliers(client, case):
    m, editor, illustrative, name = case
    ids = [
        scenario_create(
            municipality=m,
            name=f"s{i}",
            shocks=[{**SHOCK[0], "share": share}],
            method="flq",
            delta=0.25,
            horizon=365,
            by=editor,
        ).pk
        for i, share in enumerate((0.3, 0.6))
    ]
    html = client.get(reverse("resilience:scenario", args=[m.code, ids[0]])).content.decode()
    assert f"“{name}”" in _used(html)
    assert ('data-testid="illustrative-badge"' in _used(html)) is illustrative
    for table in ("daily", "loss"):
        response = client.get(reverse("resilience:scenario_export", args=[m.code, ids[0], table]))
        _marked(_csv(response), illustrative)
    xlsx = client.get(reverse("resilience:scenario_export", args=[m.code, ids[0], "xlsx"]))
    assert ("Illustrative data" in _summary(xlsx.content)[0]) is illustrative
    query = {"s": [str(i) for i in ids]}
    html = client.get(reverse("resilience:compare", args=[m.code]), query).content.decode()
    assert 'data-testid="comparison"' in html and f"“{name}”" in _used(html)
    assert ('data-testid="illustrative-badge"' in _used(html)) is illustrative
    _marked(
        _csv(client.get(reverse("resilience:compare_export", args=[m.code]), query)), illustrative
    )
    html = client.get(
        reverse("resilience:multipliers", args=[m.code]),
        {"sector": "F", "amount": "10000000", "method": "flq", "delta": "0.25"},
    ).content.decode()
    assert f"“{name}”" in _used(html) and "demonstration" in _used(html)
    assert ('data-testid="illustrative-badge"' in _used(html)) is illustrative


def test_without_employment_data_the_result_says_so(client):
    m = make_municipality(population=48_000)
    viewer = make_member(m, "viewer")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.login(username=viewer.username, password=PASSWORD)
    html = client.get(reverse("resilience:index", args=[m.code]), RUN).content.decode()
    assert "No employment dataset" in _used(html)
    assert 'data-testid="illustrative-badge"' not in html
    loss = _csv(
        client.get(reverse("resilience:run_export", args=[m.code]), {**RUN, "table": "loss"})
    )
    _marked(loss, False)


def test_marks_in_ukrainian(client):
    m = make_municipality(population=48_000)
    viewer = make_member(m, "viewer")
    demo_economy_seed(m)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "uk"
    client.login(username=viewer.username, password=PASSWORD)
    html = client.get(reverse("resilience:index", args=[m.code]), RUN).content.decode()
    used = _used(html)
    assert "Computed from" not in used and "демонстраційна" in used and "ілюстративн" in used


@pytest.mark.parametrize(
    ("kind", "illustrative", "words"),
    [
        ("official", False, "official"),
        ("foreign", False, "real but foreign"),
        ("own", False, "own records"),
        ("", False, "kind not stated"),
        ("official", True, "illustrative"),  # illustrative wins over any stated kind
    ],
)
def test_kind_in_words(kind, illustrative, words):
    from django.utils import translation

    from hromada.economy.models import Dataset
    from hromada.resilience.selectors import data_used

    dataset = Dataset(name="d", kind=kind, is_illustrative=illustrative)
    with translation.override("en"):
        used = data_used(dataset, 2021)
    assert used["kind"] == words and used["vintage"] == "2021"
    assert used["illustrative"] is illustrative
