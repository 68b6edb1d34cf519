"""Diversify glue: placement in a panel, numbers equal to hromada.econ.complexity."""

import numpy as np
import pandas as pd
import pytest

from hromada.diversify.analysis import analyse, place, spring_layout
from hromada.diversify.panels import builtin_panel, parse_panel_csv, section_map
from hromada.econ.complexity import opportunities

LOCAL = pd.Series(
    {
        "A": 500.0,
        "C": 3000.0,
        "D": 200.0,
        "G": 2000.0,
        "H": 600.0,
        "O": 800.0,
        "P": 1500.0,
        "Q": 900.0,
        "U": 3.0,
    }
)


@pytest.fixture(params=["eu_a10", "de_a10", "de_sections"])
def panel(request):
    p = builtin_panel(request.param)
    if p is None:
        pytest.skip("europe/ panels not in the data folder")
    return p


def test_placement_maps_sections(panel):
    pl = place(panel, LOCAL, 2021)
    assert pl.possible
    mapped = pl.values.sum() * panel.scale + sum(LOCAL[s] for s in pl.dropped)
    assert mapped == pytest.approx(LOCAL.sum())
    if panel.key == "de_sections":
        assert pl.dropped == ["A", "O", "U"]
        assert pl.values["C"] == 3000.0
    else:
        assert pl.values["B-E"] * panel.scale == pytest.approx(3200.0)


def test_opportunities_equal_the_library(panel):
    pl = place(panel, LOCAL, 2021)
    a = analyse(panel, region="Here", placement=pl)
    year = panel.years[-1]
    rows = pd.DataFrame(
        {"region": "Here", "sector": pl.values.index, "year": year, "value": pl.values.to_numpy()}
    )
    full = pd.concat([panel.frame, rows], ignore_index=True)
    ref = panel.frame.groupby(["sector", "year"], as_index=False)["value"].sum()
    expected = opportunities(full, "Here", year, reference=ref)
    pd.testing.assert_frame_equal(a.opportunities, expected)
    assert set(a.nodes["sector"]) == set(panel.sections)
    assert a.nodes["x"].between(0, 1).all() and a.nodes["y"].between(0, 1).all()
    # the spanning tree connects every sector
    linked = set(a.edges["source"]) | set(a.edges["target"])
    assert linked == set(a.nodes["sector"])


def test_layout_is_deterministic(panel):
    a = analyse(panel, region="Here", placement=place(panel, LOCAL, 2021))
    assert spring_layout(a.phi, a.edges) == spring_layout(a.phi, a.edges)


def test_section_map_kinds():
    assert section_map(["A", "C", "F"])[1] == "sections"
    assert section_map(["A", "B-E", "M_N"])[1] == "a10"
    assert section_map(["steel", "food"]) == ({}, None)


def test_parse_panel_csv():
    lines = ["region;sector;year;value"] + [
        f"r{i};{s};2020;{10 + i * j}" for i in range(6) for j, s in enumerate("ABCD")
    ]
    rows, errors = parse_panel_csv("\n".join(lines).encode())
    assert errors == [] and len(rows) == 24
    rows, errors = parse_panel_csv(b"region,sector,year\nx,A,2020\n")
    assert rows is None and "value" in errors[0]
    rows, errors = parse_panel_csv(b"region,sector,year,value\nx,A,2020,-1\n")
    assert rows is None


def test_region_not_placeable_uses_panel_region():
    p = builtin_panel("eu_a10")
    if p is None:
        pytest.skip("no data")
    a = analyse(p, region="PL", placement=None)
    assert not a.in_panel
    assert np.isfinite(a.opportunities["score"]).all()
