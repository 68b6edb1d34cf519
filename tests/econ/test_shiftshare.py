"""hromada.econ.shiftshare: the Farhauer & Kroell textbook example (REAT shift), real data
(Freiburg, Goettingen), a naive loop oracle, dynamic shift-share and errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hromada.econ import shiftshare as ss
from hromada.econ.errors import DegenerateResultWarning, HromadaDataError
from tests.conftest import load_json
from tests.econ.test_structure import goettingen_panels, random_panel


@pytest.fixture(scope="module")
def fk(validation_dir):
    return load_json(validation_dir / "structure" / "shiftshare_farhauer_kroell.json")


@pytest.fixture(scope="module")
def goettingen(validation_dir):
    df = pd.read_csv(validation_dir / "structure" / "reat_Goettingen.csv")
    return df[df["WZ2008_Code"] != "A-R"].reset_index(drop=True)


def fk_panel(fk):
    rows = []
    for region, d in fk["regions"].items():
        for year, key in ((2000, "t0"), (2001, "t1")):
            for i, v in enumerate(d[key]):
                rows.append({"region": region, "sector": f"i{i + 1}", "year": year, "value": v})
    return pd.DataFrame(rows)


def naive_dunn(r0, r1, n0, n1):
    """Sector-by-sector loop, straight from the textbook definitions."""
    gN = sum(n1) / sum(n0) - 1
    out = dict(
        growth=sum(r1) - sum(r0),
        national_share=sum(r0) * gN,
        industry_mix=0.0,
        regional_share=0.0,
        competitive=0.0,
        allocation=0.0,
    )
    for e0, e1, a0, a1 in zip(r0, r1, n0, n1, strict=True):
        gi = a1 / a0 - 1
        out["industry_mix"] += e0 * (gi - gN)
        hom = sum(r0) * a0 / sum(n0)
        if e0 == 0:  # a sector born in the region: all its growth is regional
            out["regional_share"] += e1
            if e1 > 0:
                out["competitive"] = out["allocation"] = float("nan")
            continue
        gri = e1 / e0 - 1
        out["regional_share"] += e0 * (gri - gi)
        out["competitive"] += hom * (gri - gi)
        out["allocation"] += (e0 - hom) * (gri - gi)
    return out


# ------------------------------------------------------------------- textbook example


@pytest.mark.parametrize("region", ["A", "B", "C"])
def test_farhauer_kroell_dunn_and_esteban(fk, region):
    d, exp = fk["regions"][region], fk["expected"][region]
    dunn = ss.shift_share(d["t0"], d["t1"], fk["nation_t0"], fk["nation_t1"])
    for k, v in exp["dunn"].items():
        assert dunn[k] == pytest.approx(v, abs=1e-8), k
    esm = ss.shift_share(d["t0"], d["t1"], fk["nation_t0"], fk["nation_t1"], method="esteban")
    for k, v in exp["esteban"].items():
        assert esm[k] == pytest.approx(v, abs=1e-8), k
    for k in ("growth", "national_share", "industry_mix", "net_total_shift"):
        assert esm[k] == pytest.approx(exp["dunn"][k], abs=1e-8)


@pytest.mark.parametrize("method", ["dunn", "esteban"])
def test_farhauer_kroell_decompose_all_regions_at_once(fk, method):
    # the nation X is A + B + C, so the default reference reproduces the textbook
    panel = fk_panel(fk)
    res = ss.decompose(panel, 2000, 2001, method=method).set_index("region")
    for region, exp in fk["expected"].items():
        for k, v in {**exp["dunn"], **(exp["esteban"] if method == "esteban" else {})}.items():
            if method == "esteban" and k == "regional_share":
                v = exp["esteban"]["regional_share"]
            assert res.loc[region, k] == pytest.approx(v, abs=1e-8), (region, k)
    # explicit reference gives the same
    ref = pd.DataFrame(
        {
            "sector": [f"i{i}" for i in range(1, 5)] * 2,
            "year": [2000] * 4 + [2001] * 4,
            "value": fk["nation_t0"] + fk["nation_t1"],
        }
    )
    res2 = ss.decompose(panel, 2000, 2001, method=method, reference=ref).set_index("region")
    pd.testing.assert_frame_equal(res, res2)


def test_by_sector_sums_to_totals(fk):
    d = fk["regions"]["B"]
    for method in ("dunn", "esteban"):
        tot = ss.shift_share(d["t0"], d["t1"], fk["nation_t0"], fk["nation_t1"], method=method)
        per = ss.shift_share(
            d["t0"], d["t1"], fk["nation_t0"], fk["nation_t1"], method=method, by_sector=True
        )
        assert len(per) == 4
        pd.testing.assert_series_equal(per.sum(), tot, check_names=False, rtol=1e-12)
    panel = fk_panel(fk)
    long = ss.decompose(panel, 2000, 2001, by_sector=True)
    agg = long.groupby("region", observed=True)[["growth", "regional_share"]].sum()
    per_region = ss.decompose(panel, 2000, 2001).set_index("region")
    np.testing.assert_allclose(agg.to_numpy(), per_region[["growth", "regional_share"]].to_numpy())


# ------------------------------------------------------------------------ real data


def test_freiburg_matches_naive_loop(validation_dir):
    f = pd.read_csv(validation_dir / "structure" / "reat_Freiburg.csv")
    cols = ["e_Freiburg2008", "e_Freiburg2014", "e_Germany2008", "e_Germany2014"]
    args = [f[c].tolist() for c in cols]
    naive = naive_dunn(*args)
    dunn = ss.shift_share(*args)
    esm = ss.shift_share(*args, method="esteban")
    for k in ("growth", "national_share", "industry_mix", "regional_share"):
        assert dunn[k] == pytest.approx(naive[k], rel=1e-10)
    assert esm["regional_share"] == pytest.approx(naive["competitive"], rel=1e-10)
    assert esm["allocation_effect"] == pytest.approx(naive["allocation"], rel=1e-10)
    assert dunn["growth"] == f["e_Freiburg2014"].sum() - f["e_Freiburg2008"].sum()


def test_goettingen_dynamic(goettingen):
    panel, ref = goettingen_panels(goettingen)
    dyn = ss.dynamic(panel, 2008, 2017, reference=ref)
    assert list(dyn["period"]) == [f"{y}-{y + 1}" for y in range(2008, 2017)] + ["total"]
    total = dyn[dyn.period == "total"].iloc[0]
    g = goettingen
    assert total["growth"] == pytest.approx(g["Goettingen2017"].sum() - g["Goettingen2008"].sum())
    comps = ["national_share", "industry_mix", "regional_share"]
    assert total[comps].sum() == pytest.approx(total["growth"], rel=1e-10)
    # each pair equals the static decomposition of that pair, and the naive loop
    for y in (2008, 2012, 2016):
        row = dyn[dyn.period == f"{y}-{y + 1}"].iloc[0]
        static = ss.decompose(panel, y, y + 1, reference=ref).iloc[0]
        naive = naive_dunn(
            g[f"Goettingen{y}"], g[f"Goettingen{y + 1}"], g[f"BRD{y}"], g[f"BRD{y + 1}"]
        )
        for k in comps:
            assert row[k] == pytest.approx(static[k], rel=1e-12)
            assert row[k] == pytest.approx(naive[k], rel=1e-9)
    # dynamic differs from the static decomposition over the whole period
    static = ss.decompose(panel, 2008, 2017, reference=ref).iloc[0]
    assert static["growth"] == pytest.approx(total["growth"])
    assert abs(static["national_share"] - total["national_share"]) > 1.0


@pytest.mark.filterwarnings("ignore::hromada.econ.errors.DegenerateResultWarning")
def test_dynamic_two_years_equals_decompose():
    panel = random_panel(seed=11)
    dyn = ss.dynamic(panel, 2019, 2020, method="esteban")
    dec = ss.decompose(panel, 2019, 2020, method="esteban")
    tot = dyn[dyn.period == "total"].reset_index(drop=True)
    for k in ss.ESTEBAN_COMPONENTS:
        np.testing.assert_allclose(tot[k], dec[k], rtol=1e-12, equal_nan=True)


def test_dynamic_uses_years_present_in_range():
    panel = random_panel(seed=4, years=(2018, 2019, 2021, 2023))
    dyn = ss.dynamic(panel, 2019, 2023)
    assert sorted(set(dyn.period)) == ["2019-2021", "2021-2023", "total"]


@pytest.mark.filterwarnings("ignore::hromada.econ.errors.DegenerateResultWarning")
def test_decompose_matches_naive_for_every_region():
    panel = random_panel(seed=9, regions=6, sectors=4)
    res = ss.decompose(panel, 2019, 2021, method="esteban").set_index("region")
    nat = panel.groupby(["year", "sector"])["value"].sum()
    for region, grp in panel.groupby("region"):
        v = grp.set_index(["year", "sector"])["value"]
        naive = naive_dunn(
            v[2019].tolist(), v[2021].tolist(), nat[2019].tolist(), nat[2021].tolist()
        )
        assert res.loc[region, "net_total_shift"] == pytest.approx(
            naive["industry_mix"] + naive["regional_share"], rel=1e-10, abs=1e-9
        )
        for k in ("growth", "national_share", "industry_mix"):
            assert res.loc[region, k] == pytest.approx(naive[k], rel=1e-10, abs=1e-9)
        for ours, theirs in (
            ("regional_share", "competitive"),
            ("allocation_effect", "allocation"),
        ):
            assert res.loc[region, ours] == pytest.approx(
                naive[theirs], rel=1e-10, abs=1e-9, nan_ok=True
            )
    assert res["regional_share"].isna().any() and res["regional_share"].notna().any()


# --------------------------------------------------------------------- degenerate


def test_esteban_sector_born_from_zero_is_nan_with_warning():
    r0, r1 = [10.0, 0.0], [12.0, 5.0]
    n0, n1 = [100.0, 50.0], [110.0, 60.0]
    with pytest.warns(DegenerateResultWarning, match="grew from zero"):
        esm = ss.shift_share(r0, r1, n0, n1, method="esteban")
    assert np.isnan(esm["regional_share"]) and np.isnan(esm["allocation_effect"])
    dunn = ss.shift_share(r0, r1, n0, n1)
    assert dunn["regional_share"] == pytest.approx(17 - 10 * 1.1)
    assert np.isfinite(esm["net_total_shift"])


def test_region_losing_everything_is_allowed():
    res = ss.shift_share([10.0, 5.0], [0.0, 0.0], [100.0, 50.0], [110.0, 60.0])
    assert res["growth"] == -15.0


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"start": 2019, "end": 2025}, "'end'=2025 is not in 'panel'"),
        ({"start": 2017, "end": 2020}, "'start'=2017 is not in 'panel'"),
        ({"start": 2020, "end": 2019}, "before"),
        ({"start": 2019, "end": 2020, "method": "classic"}, "'method'"),
    ],
)
def test_decompose_errors(kwargs, match):
    panel = random_panel(seed=1)
    with pytest.raises(HromadaDataError, match=match):
        ss.decompose(panel, **kwargs)


def test_decompose_needs_years_and_positive_start():
    panel = random_panel(seed=1)
    with pytest.raises(HromadaDataError, match="year"):
        ss.decompose(panel.drop(columns="year").drop_duplicates(["region", "sector"]), 2019, 2020)
    bad = panel.copy()
    bad.loc[(bad.sector == "s2") & (bad.year == 2019), "value"] = 0.0
    with pytest.raises(HromadaDataError, match="'s2' in 2019"):
        ss.decompose(bad, 2019, 2020)
    bad = panel.copy()
    bad.loc[(bad.region == "r4") & (bad.year == 2020), "value"] = 0.0
    with pytest.raises(HromadaDataError, match="'r4' in 2020"):
        ss.dynamic(bad, 2019, 2021)
    ss.decompose(bad, 2019, 2020)  # zero at the end year is fine


def test_shift_share_errors():
    with pytest.raises(HromadaDataError, match="one entry per sector"):
        ss.shift_share([1, 2], [1, 2], [1, 2, 3], [1, 2, 3])
    with pytest.raises(HromadaDataError, match="'nation_t0' is zero"):
        ss.shift_share([1, 2], [1, 2], [1, 0], [1, 2])
    with pytest.raises(HromadaDataError, match="non-negative"):
        ss.shift_share([1, -2], [1, 2], [1, 2], [1, 2])
