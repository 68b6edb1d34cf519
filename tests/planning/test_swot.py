"""SWOT suggestions from given analysis results (pure function, no database)."""

import pandas as pd
import pytest

from hromada.econ import shiftshare, structure
from hromada.planning.swot import swot_suggestions


def keys(suggestions, category=None):
    return [s.key for s in suggestions if category is None or s.category == category]


def test_strength_needs_specialisation_and_positive_regional_share():
    lq = pd.DataFrame({"sector": ["A", "B", "C", "D"], "lq": [2.0, 1.3, 1.2, 0.4]})
    ss = pd.DataFrame(
        {
            "sector": ["A", "B", "C", "D"],
            "growth": [5, 3, 1, -4],
            "regional_share": [2.0, -1.0, 3.0, -2.0],
        }
    )
    out = swot_suggestions({"lq": lq, "shift_share": ss})
    assert keys(out, "strength") == ["strength:lq:A"]  # B shrinks vs reference, C LQ<=1.25
    s = out[0]
    assert s.evidence["lq"] == 2.0 and s.evidence["regional_share"] == 2.0
    assert "A" in s.text


def test_lq_alone_without_shift_share_and_threshold_is_strict():
    lq = pd.DataFrame({"sector": ["A", "B"], "lq": [1.25, 1.26]})
    assert keys(swot_suggestions({"lq": lq})) == ["strength:lq:B"]


def test_weaknesses_concentration_decline_transfers():
    ss = pd.DataFrame(
        {"sector": ["A", "B", "C"], "growth": [-10, -2, -5], "regional_share": [-3, -1, 1]}
    )
    out = swot_suggestions(
        {
            "shift_share": ss,
            "concentration": {"herfindahl": 0.31, "reference_herfindahl": 0.12},
            "fiscal": {"transfer_share": 0.62, "year": 2022},
        }
    )
    w = keys(out, "weakness")
    assert w == [
        "weakness:concentration",
        "weakness:declining:A",
        "weakness:declining:B",
        "weakness:transfers",
    ]  # C declines but gains vs reference: not a weakness
    assert swot_suggestions({"concentration": {"herfindahl": 0.4}}) == []  # no reference
    assert (
        swot_suggestions({"concentration": {"herfindahl": 0.13, "reference_herfindahl": 0.12}})
        == []
    )
    assert swot_suggestions({"fiscal": {"transfer_share": 0.49}}) == []


def test_opportunities_and_threats_take_the_top():
    opp = pd.DataFrame({"sector": list("PQRS"), "score": [0.9, 0.8, 0.7, 0.6]})
    shocks = pd.DataFrame({"sector": list("XYZW"), "loss": [10, 50, 0, 30]})
    out = swot_suggestions(
        {"opportunities": opp, "shocks": shocks, "damage": {"total": 1.5e9, "currency": "UAH"}}
    )
    assert keys(out, "opportunity") == [
        "opportunity:diversify:P",
        "opportunity:diversify:Q",
        "opportunity:diversify:R",
    ]
    assert keys(out, "threat") == [
        "threat:shock:Y",
        "threat:shock:W",
        "threat:shock:X",
        "threat:war_damage",
    ]
    assert out[-1].evidence["total"] == 1.5e9


def test_empty_analysis_gives_nothing():
    assert swot_suggestions({}) == []
    assert (
        swot_suggestions({"lq": pd.DataFrame(columns=["sector", "lq"]), "damage": {"total": 0}})
        == []
    )


def test_from_econ_results():
    """The pure function on real hromada.econ output: strengths are exactly the sectors
    with LQ > 1.25 and positive regional share computed by hromada.econ."""
    panel = pd.DataFrame(
        {
            "region": "X",
            "sector": list("ABC") * 2,
            "year": [2020] * 3 + [2021] * 3,
            "value": [10, 20, 30, 12, 18, 40],
        }
    )
    ref = pd.DataFrame(
        {
            "sector": list("ABC") * 2,
            "year": [2020] * 3 + [2021] * 3,
            "value": [100, 100, 100, 110, 90, 120],
        }
    )
    lq = structure.location_quotients(panel[panel.year == 2021], ref[ref.year == 2021])
    ss = shiftshare.decompose(panel, 2020, 2021, reference=ref, by_sector=True)
    out = swot_suggestions({"lq": lq, "shift_share": ss})
    expected = set(lq[lq.lq > 1.25].sector) & set(ss[ss.regional_share > 0].sector)
    assert {s.evidence["sector"] for s in out if s.category == "strength"} == expected == {"C"}
    assert out[0].evidence["lq"] == pytest.approx(lq.set_index("sector").lq["C"], abs=1e-3)
