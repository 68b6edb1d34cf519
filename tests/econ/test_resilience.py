"""hromada.econ.resilience: Martin (2012) / Martin et al. (2016) indices against a naive
loop, on real data (Goettingen vs Germany, 2008-2009 recession and recovery), and errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hromada.econ import resilience as rs
from hromada.econ.errors import DegenerateResultWarning, HromadaDataError
from tests.econ.test_structure import goettingen_panels, random_panel


@pytest.fixture(scope="module")
def goettingen(validation_dir):
    df = pd.read_csv(validation_dir / "structure" / "reat_Goettingen.csv")
    return df[df["WZ2008_Code"] != "A-R"].reset_index(drop=True)


def naive_phase(e0, e1, n0, n1):
    """Martin et al. (2016) for one region, one phase, by loops."""
    E0, E1, N0, N1 = sum(e0), sum(e1), sum(n0), sum(n1)
    gN = N1 / N0 - 1
    expected = E0 * gN
    sector_expected = sum(a * (b1 / b0 - 1) for a, b0, b1 in zip(e0, n0, n1, strict=True))
    actual = E1 - E0
    return {
        "index": (actual - expected) / abs(expected),
        "structural": (sector_expected - expected) / abs(expected),
        "competitive": (actual - sector_expected) / abs(expected),
        "g_r": E1 / E0 - 1,
        "g_N": gN,
    }


def test_goettingen_great_recession(goettingen):
    panel, ref = goettingen_panels(goettingen)
    res = rs.shock_indices(panel, 2008, 2009, 2011, reference=ref).iloc[0]
    g = goettingen
    shock = naive_phase(g["Goettingen2008"], g["Goettingen2009"], g["BRD2008"], g["BRD2009"])
    rec = naive_phase(g["Goettingen2009"], g["Goettingen2011"], g["BRD2009"], g["BRD2011"])
    assert shock["g_N"] < 0 < rec["g_N"]  # Germany lost jobs in 2009 and then recovered
    assert res["resistance"] == pytest.approx(shock["index"], rel=1e-10)
    assert res["resistance_structural"] == pytest.approx(shock["structural"], rel=1e-10)
    assert res["resistance_competitive"] == pytest.approx(shock["competitive"], rel=1e-10)
    assert res["recovery"] == pytest.approx(rec["index"], rel=1e-10)
    assert res["recovery_competitive"] == pytest.approx(rec["competitive"], rel=1e-10)
    assert res["sensitivity"] == pytest.approx(shock["g_r"] / shock["g_N"], rel=1e-10)
    assert res["resistance"] == pytest.approx((shock["g_r"] - shock["g_N"]) / abs(shock["g_N"]))
    # Goettingen grew while Germany shrank: more resistant than the nation
    assert res["resistance"] > 0


def test_components_add_up_for_every_region():
    panel = random_panel(seed=21, regions=9, sectors=6, years=(2021, 2022, 2023))
    res = rs.shock_indices(panel, 2021, 2022, 2023)
    assert len(res) == 9
    for phase, index in (("shock", "resistance"), ("recovery", "recovery")):
        np.testing.assert_allclose(
            res[index],
            res[f"{index}_structural"] + res[f"{index}_competitive"],
            rtol=1e-10,
            atol=1e-12,
        )
        np.testing.assert_allclose(
            res[f"{phase}_actual_change"],
            res[f"{phase}_expected_change"]
            + res[f"{phase}_structural_effect"]
            + res[f"{phase}_competitive_effect"],
            rtol=1e-10,
        )
    # with the default reference, the competitive effects of all regions sum to zero
    assert res["shock_competitive_effect"].sum() == pytest.approx(0, abs=1e-8)
    nat = panel.groupby(["year", "sector"])["value"].sum()
    for region, grp in panel.groupby("region"):
        v = grp.set_index(["year", "sector"])["value"]
        naive = naive_phase(v[2021], v[2022], nat[2021], nat[2022])
        row = res.set_index("region").loc[region]
        assert row["resistance"] == pytest.approx(naive["index"], rel=1e-10)


def test_by_sector():
    panel = pd.DataFrame(
        {
            "region": ["a"] * 4 + ["b"] * 4,
            "sector": ["x", "y"] * 4,
            "year": [2021, 2021, 2022, 2022] * 2,
            "value": [10.0, 0.0, 5.0, 2.0, 10.0, 10.0, 9.0, 6.0],
        }
    )
    with pytest.warns(DegenerateResultWarning, match="1 region-sector"):
        res = rs.shock_indices(panel, 2021, 2022, by_sector=True)
    res = res.astype({"region": str, "sector": str}).set_index(["region", "sector"])
    # sector x: nation 20 -> 14 (g = -0.3); region a: -0.5 -> (-0.5 + 0.3) / 0.3
    assert res.loc[("a", "x"), "resistance"] == pytest.approx(-0.2 / 0.3)
    assert res.loc[("b", "x"), "resistance"] == pytest.approx(0.2 / 0.3)
    assert np.isnan(res.loc[("a", "y"), "resistance"])  # none of y in a before the shock


def test_no_change_in_reference_is_nan_with_warning():
    panel = pd.DataFrame(
        {
            "region": ["a", "a", "b", "b"],
            "sector": ["x"] * 4,
            "year": [2021, 2022] * 2,
            "value": [10.0, 12.0, 10.0, 8.0],
        }
    )
    with pytest.warns(DegenerateResultWarning, match="expected change is zero"):
        res = rs.shock_indices(panel, 2021, 2022)
    assert res["resistance"].isna().all()
    assert res["shock_competitive_effect"].tolist() == [2.0, -2.0]


@pytest.mark.parametrize(
    "args, match",
    [
        ((2022, 2021), "in order"),
        ((2021, 2022, 2022), "in order"),
        ((2021, 2030), "'trough'=2030 is not in 'panel'"),
        ((2021, 2022, 2031), "'post'=2031"),
        (("x", 2022), "must be years"),
    ],
)
def test_errors(args, match):
    panel = random_panel(seed=2, years=(2021, 2022, 2023))
    with pytest.raises(HromadaDataError, match=match):
        rs.shock_indices(panel, *args)


def test_missing_reference_year():
    panel = random_panel(seed=2, years=(2021, 2022, 2023))
    ref = panel[panel.year < 2023].groupby(["sector", "year"], as_index=False)["value"].sum()
    with pytest.raises(HromadaDataError, match="2023"):
        rs.shock_indices(panel, 2021, 2022, 2023, reference=ref)
    rs.shock_indices(panel, 2021, 2022, reference=ref)  # only the years used are needed
