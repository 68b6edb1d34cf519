"""The fiscal resilience page shows hromada.econ.fiscal's numbers, and its similar
hromadas follow the weights."""

from __future__ import annotations

import html as htmllib
import math
import re
import warnings

import pandas as pd
import pytest
from django.utils import translation

from hromada.econ.errors import DegenerateResultWarning
from hromada.econ.fiscal import (
    fiscal_indicators,
    peer_percentiles,
    revenue_change,
    size_classes,
)
from hromada.econ.neighbours import feature_table, similar_municipalities
from hromada.refdata import budgets, hromadas
from hromada.territory.selectors import COMPARED
from hromada.territory.templatetags.territory import format_pct
from tests.territory.helpers import IZIUM, attr_values, izium, member_client

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def econ():
    """The expected numbers, computed straight from hromada.econ on the raw rows."""
    reg = hromadas().set_index("code")
    b = budgets()
    pop = reg["population"].astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateResultWarning)
        ind = fiscal_indicators(b, pop, year=2023)
        features = feature_table(hromadas(), b)
    return {
        "registry": reg,
        "budget": b,
        "indicators": ind,
        "features": features,
        "population": pop,
    }


def _url(code=IZIUM):
    return f"/m/{code}/territory/fiscal/"


def test_page_values_equal_econ_fiscal(client, econ):
    m = izium()
    member_client(client, m)
    response = client.get(_url())
    assert response.status_code == 200
    page = response.content.decode()
    shown = attr_values(page, "data-value", "data-testid")
    ind = econ["indicators"]
    for indicator in COMPARED:
        expected = float(ind.at[IZIUM, indicator])
        assert float(shown[f"value-{indicator}"]) == pytest.approx(expected, rel=1e-12)
    # The change rows also equal revenue_change on this hromada's own budget rows alone.
    rows = econ["budget"][econ["budget"]["hromada_code"] == IZIUM]
    shock = float(revenue_change(rows, start=2021, end=2022).iloc[0])
    shock_x = float(revenue_change(rows, start=2021, end=2022, revenue="own_excl_military").iloc[0])
    recovery = float(revenue_change(rows, start=2022, end=2023).iloc[0])
    assert float(shown["value-own_change_2021_2022"]) == pytest.approx(shock, rel=1e-12)
    assert float(shown["value-own_excl_military_change_2021_2022"]) == pytest.approx(shock_x)
    assert float(shown["value-own_change_2022_2023"]) == pytest.approx(recovery, rel=1e-12)
    # The visible text is that number, rounded and localised (English here).
    with translation.override("en"):
        text = format_pct(shock, signed=True)
    cell = re.search(r'data-testid="value-own_change_2021_2022"[^>]*>([^<]*)<', page).group(1)
    assert htmllib.unescape(cell) == text
    assert shock < -0.4  # Izium lost almost half its own revenue in 2022


def test_group_medians_and_percentiles_equal_econ(client, econ):
    m = izium()
    member_client(client, m)
    page = client.get(_url()).content.decode()
    reg, ind = econ["registry"], econ["indicators"]
    groups = pd.DataFrame(
        {
            "oblast": reg["oblast_code"],
            "size_class": size_classes(econ["population"]).astype(object),
            "war_status": reg["war_status"],
        }
    ).reindex(ind.index)
    pct = peer_percentiles(ind[list(COMPARED)], groups)
    cells = re.findall(r'<tr data-indicator="(\w+)">(.*?)</tr>', page, re.S)
    assert [c[0] for c in cells] == list(COMPARED)
    for indicator, row in cells:
        for g in ("oblast", "size_class", "war_status"):
            median = float(re.search(rf'data-group="{g}" data-median="([^"]+)"', row).group(1))
            percentile = float(
                re.search(
                    rf'data-group="{g}" data-median="[^"]+" '
                    r'data-percentile="([^"]+)"',
                    row,
                ).group(1)
            )
            members = groups.index[groups[g] == groups.at[IZIUM, g]]
            assert median == pytest.approx(ind.loc[members, indicator].median(), rel=1e-12)
            assert percentile == pytest.approx(pct.at[IZIUM, (g, indicator)], rel=1e-12)


def test_reading_states_the_shock_against_similar_hromadas(client, econ):
    m = izium()
    member_client(client, m)
    page = htmllib.unescape(client.get(_url()).content.decode())
    shock = float(econ["indicators"].at[IZIUM, "own_change_2021_2022"])
    near = similar_municipalities(econ["features"], IZIUM, k=10)
    peers = econ["indicators"].loc[[IZIUM, *near.index], "own_change_2021_2022"]
    lower = 100 * (peers < shock).sum() / peers.notna().sum()
    higher = 100 * (peers > shock).sum() / peers.notna().sum()
    side, share = ("less", lower) if lower >= higher else ("more", higher)
    expected = (
        f"Own revenue fell by {round(abs(shock) * 100)}\u00a0% from 2021 to 2022, "
        f"{side} than in {round(share)}\u00a0% of similar hromadas."
    )
    assert expected in page


def test_reading_in_ukrainian(client):
    m = izium()
    member_client(client, m, language="uk")
    page = htmllib.unescape(client.get(_url()).content.decode())
    assert "Власні доходи" in page and "схожих громад" in page
    assert "Фіскальна стійкість" in page


def _neighbour_codes(page: str) -> list[str]:
    table = re.search(r'data-testid="neighbours">(.*?)</table>', page, re.S).group(1)
    return re.findall(r'<tr data-code="(UA\d{17})">', table)


def test_neighbours_follow_the_weights(client, econ):
    m = izium()
    member_client(client, m)
    default = _neighbour_codes(client.get(_url()).content.decode())
    assert default == list(similar_municipalities(econ["features"], IZIUM, k=10).index)
    weights = {"war_status": 10, "distance_to_russia_km": 0, "log_population": 3}
    query = {f"w_{k}": v for k, v in weights.items()} | {"k": 12}
    changed = _neighbour_codes(client.get(_url(), query).content.decode())
    expected = list(similar_municipalities(econ["features"], IZIUM, k=12, weights=weights).index)
    assert changed == expected
    assert changed[:10] != default
    assert IZIUM not in changed
    # With war status weighted heavily, every similar hromada was deoccupied too.
    assert set(econ["registry"].loc[changed, "war_status"]) == {"deoccupied"}


def test_htmx_request_gets_only_the_results(client):
    m = izium()
    member_client(client, m)
    response = client.get(
        _url(), {"w_type": 2}, headers={"HX-Request": "true", "HX-Target": "fiscal-results"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="reading"' in body and 'data-testid="neighbours"' in body
    assert "<html" not in body and 'id="fiscal-results"' not in body  # swapped inside it
    response = client.get(
        _url(),
        {"indicator": "transfer_share"},
        headers={"HX-Request": "true", "HX-Target": "oblast-map"},
    )
    body = response.content.decode()
    assert 'data-testid="chart-map"' in body and 'data-testid="reading"' not in body
    assert "<html" not in body and 'id="oblast-map"' not in body


def test_invalid_weights_fall_back_to_defaults(client, econ):
    m = izium()
    member_client(client, m)
    response = client.get(_url(), {"w_type": "-3", "k": "lots"})
    assert response.status_code == 200
    page = response.content.decode()
    assert _neighbour_codes(page) == list(
        similar_municipalities(econ["features"], IZIUM, k=10).index
    )
    assert 'class="missing"' in page


def test_csv_download_equals_page(client, econ):
    m = izium()
    member_client(client, m)
    response = client.get(f"/m/{IZIUM}/territory/fiscal/comparison.csv")
    assert response.status_code == 200
    import io

    table = pd.read_csv(io.StringIO(response.content.decode("utf-8-sig")))
    row = table[(table["indicator"] == "own_change_2021_2022") & (table["group"] == "oblast")]
    assert float(row["value"].iloc[0]) == pytest.approx(
        econ["indicators"].at[IZIUM, "own_change_2021_2022"]
    )
    assert set(table["group"]) == {"oblast", "size_class", "war_status", "neighbours", "ukraine"}


def test_municipality_outside_the_registry_gets_a_notice(client):
    from tests.web.factories import make_municipality

    m = make_municipality()
    member_client(client, m)
    for url in (_url(m.code), f"/m/{m.code}/territory/"):
        response = client.get(url)
        assert response.status_code == 200
        assert 'data-testid="no-reference-data"' in response.content.decode()
    assert client.get(f"/m/{m.code}/territory/fiscal/comparison.csv").status_code == 404


@pytest.mark.parametrize("code", [IZIUM, "UA14080050000085820"])
def test_missing_values_show_as_a_dash_never_nan(client, econ, code):
    """Ilovaiska (occupied since 2014-2022) has no own revenue to compare: its changes are
    NaN in hromada.econ.fiscal and a dash on the page."""
    from tests.web.factories import make_municipality

    m = izium() if code == IZIUM else make_municipality(code=code)
    member_client(client, m)
    page = client.get(_url(code)).content.decode()
    visible = re.sub(r'<div hidden id="spec-.*?</div>', "", page, flags=re.S)
    visible = re.sub(r"<[^>]+>", " ", visible)  # the text a reader sees
    assert not re.search(r"\bnan\b", visible, re.I)
    missing = [i for i in COMPARED if math.isnan(econ["indicators"].at[code, i])]
    for indicator in missing:
        cell = re.search(rf'data-testid="value-{indicator}"[^>]*>([^<]*)<', page).group(1)
        assert cell == "–"
    assert bool(missing) == (code != IZIUM)
