"""Diversify results name the data they used (the reference and the municipality's
dataset: name, year, kind), results from illustrative data are marked on the page and in
the downloads (issue 19), and industries without PCI are listed as not ranked (issue 20)."""

import io
import json

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from django.urls import reverse

from hromada.core.exports import ILLUSTRATIVE_COLUMN, ILLUSTRATIVE_VALUE
from hromada.diversify.kved import kved_ranking, names
from hromada.diversify.presentation import unranked_text
from hromada.economy.demo import (
    DEMO_DATASET_NAME,
    DEMO_DIVISIONS_NAME,
    demo_divisions_seed,
    demo_economy_seed,
    illustrative_divisions,
    illustrative_employment,
)
from hromada.economy.services import dataset_import
from hromada.refdata import industry_complexity
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db

OFFICIAL = "Employment (Derzhstat)"


def _demo_frames():
    d = illustrative_divisions()
    y = d[d["year"] == 2021]
    return (
        y[y["area"] == "local"].set_index("sector")["value"],
        y[y["area"] == "reference"].set_index("sector")["value"],
    )


@pytest.fixture(params=["illustrative", "official"])
def case(request, client):
    """A municipality with the demo's illustrative employment (sections and divisions),
    or the same numbers uploaded as official statistics."""
    m = make_municipality(name_en="Testova")
    viewer = make_member(m, "viewer")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.login(username=viewer.username, password=PASSWORD)
    if request.param == "illustrative":
        demo_economy_seed(m)
        demo_divisions_seed(m)
        return m, True, DEMO_DATASET_NAME, DEMO_DIVISIONS_NAME
    for name, frame in (
        (OFFICIAL, illustrative_employment()),
        (f"{OFFICIAL}, divisions", illustrative_divisions()),
    ):
        dataset_import(
            municipality=m,
            frame=frame,
            name=name,
            measure="employment",
            unit="persons",
            kind="official",
        )
    return m, False, OFFICIAL, f"{OFFICIAL}, divisions"


def _between(html: str, testid: str) -> str:
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</p>", start)]


def _csv(response) -> pd.DataFrame:
    assert response.status_code == 200
    return pd.read_csv(io.StringIO(response.content.decode().lstrip("\ufeff")), dtype=str)


def _marked(frame: pd.DataFrame, illustrative: bool) -> None:
    if illustrative:
        assert len(frame) and (frame[ILLUSTRATIVE_COLUMN] == ILLUSTRATIVE_VALUE).all()
    else:
        assert ILLUSTRATIVE_COLUMN not in frame.columns


def test_opportunity_map_and_space_name_and_mark_the_data(client, case):
    from hromada.economy.selectors import analysis_dataset

    m, illustrative, _sections, _divisions = case
    # the dataset the analyses use: the most complete (here the newer, by division)
    sections = analysis_dataset(municipality=m).name
    query = {"panel": "de_sections"}
    html = client.get(reverse("diversify:index", args=[m.code]), query).content.decode()
    used = _between(html, "data-used")
    assert f"“{sections}”" in used and "2021" in used
    assert ("(illustrative)" in used) is illustrative and ("(official)" in used) is not illustrative
    assert ('data-testid="illustrative-badge"' in used) is illustrative
    # next to the result: between the map and the table
    assert html.index('data-testid="chart-opportunity-map"') < html.index('data-testid="data-used"')
    assert html.index('data-testid="data-used"') < html.index('data-testid="opportunities"')
    space = client.get(reverse("diversify:space", args=[m.code]), query).content.decode()
    assert ('data-testid="illustrative-badge"' in _between(space, "data-used")) is illustrative
    for table in ("opportunities", "space", "links"):
        response = client.get(reverse("diversify:export", args=[m.code, table]), query)
        _marked(_csv(response), illustrative)


def test_a_region_of_the_panel_uses_no_municipal_data(client):
    """Without the municipality's data the map shows a panel region: nothing of the
    municipality's is used, so nothing is marked."""
    m = make_municipality(name_en="Testova")
    viewer = make_member(m, "viewer")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.login(username=viewer.username, password=PASSWORD)
    query = {"panel": "de_sections", "region": "Bayern"}
    html = client.get(reverse("diversify:index", args=[m.code]), query).content.decode()
    assert 'data-testid="opportunities"' in html and 'data-testid="data-used"' not in html
    _marked(
        _csv(client.get(reverse("diversify:export", args=[m.code, "opportunities"]), query)), False
    )


def test_industries_page_names_its_reference_and_data_and_marks_them(client, case):
    m, illustrative, _sections, divisions = case
    html = client.get(reverse("diversify:industries", args=[m.code])).content.decode()
    caption = _between(html, "ranking-provenance")
    assert "County Business Patterns 2019" in caption and "(real but foreign)" in caption
    assert "KVED division level" in caption
    assert f"“{divisions}”" in caption and "2021" in caption
    assert ("(illustrative)" in caption) is illustrative and (
        "(official)" in caption
    ) is not illustrative
    assert ('data-testid="illustrative-badge"' in caption) is illustrative
    # next to the result: right under the ranking's heading, before its table
    assert html.index("Ranked industries</h2>") < html.index('data-testid="ranking-provenance"')
    assert html.index('data-testid="ranking-provenance"') < html.index(
        'data-testid="kved-opportunities"'
    )
    eu = client.get(reverse("diversify:industries", args=[m.code]), {"source": "sbs2015"})
    caption = _between(eu.content.decode(), "ranking-provenance")
    assert "Eurostat SBS 2015" in caption and "(real but foreign)" in caption
    _marked(_csv(client.get(reverse("diversify:industries_export", args=[m.code]))), illustrative)


def test_industries_without_pci_are_not_ranked_but_listed():
    local, national = _demo_frames()
    r = kved_ranking(local, national, draws=0)
    info = industry_complexity("division", "cbp2019")
    no_pci = set(info.index[info["pci"].isna()])
    assert no_pci  # the reference has a cut-off
    present = set(r.present["code"])
    # absent = not present (RCA < 1); the demo's Ukraine shares leave at least one absent
    absent = sorted(c for c in no_pci if c not in present)
    assert list(r.unranked["code"]) == absent and absent
    assert not set(r.table["code"]) & no_pci
    assert np.isfinite(r.table["pci"]).all()
    assert list(r.unranked["name"]) == [names([c])[c] for c in absent]
    text = unranked_text(r)
    assert all(f"{c} {names([c])[c]}" in text for c in absent)
    # with every cut-off industry present, nothing is left unranked
    both = pd.concat([local, pd.Series({c: 1e6 for c in no_pci})])
    assert kved_ranking(both, None, draws=0).unranked.empty


def test_industries_page_lists_the_unranked(client):
    m = make_municipality(name_en="Testova")
    viewer = make_member(m, "viewer")
    demo_divisions_seed(m)
    local, national = _demo_frames()
    unranked = kved_ranking(local, national, draws=0).unranked
    client.login(username=viewer.username, password=PASSWORD)
    for lang, words in (("en", "Not ranked: too small in the reference"), ("uk", "Не ранжовано")):
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = lang
        html = client.get(reverse("diversify:industries", args=[m.code])).content.decode()
        line = _between(html, "unranked")
        assert words in line
        for c in unranked["code"]:
            assert f"{c} {names([c], lang)[c]}" in line
        # under the ranking
        assert html.index('data-testid="kved-opportunities"') < html.index('data-testid="unranked"')


def test_cli_lists_the_unranked(tmp_path):
    from hromada.cli import main

    d = illustrative_divisions()
    d = d.assign(area=d["area"].map({"local": "municipality", "reference": "Ukraine"}))
    path = tmp_path / "h.csv"
    d.rename(columns={"sector": "kved"}).to_csv(path, index=False)
    local, national = _demo_frames()
    unranked = kved_ranking(local, national, draws=0).unranked
    assert len(unranked)
    result = CliRunner().invoke(
        main, ["analyze", "opportunities", str(path), "--json", "--draws", "0"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout[result.stdout.index("{") :])
    assert doc["unranked"] == [
        {"kved": c, "name": n} for c, n in zip(unranked["code"], unranked["name"], strict=True)
    ]
    assert not {c["kved"] for c in doc["candidates"]} & set(unranked["code"])
    table = CliRunner().invoke(main, ["analyze", "opportunities", str(path), "--draws", "0"])
    assert table.exit_code == 0, table.output
    footer = table.stdout.strip().splitlines()[-1]
    assert footer.startswith("Not ranked (too small in the reference to measure complexity):")
    for c, n in zip(unranked["code"], unranked["name"], strict=True):
        assert f"{c} {n}" in footer
