"""hromada.econ.structure: published REAT values, real data (Freiburg, Goettingen),
a naive pandas oracle, and input errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hromada.econ import structure as st
from hromada.econ.errors import DegenerateResultWarning, HromadaDataError
from tests.conftest import load_json

# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def reat_cases(validation_dir):
    return load_json(validation_dir / "structure" / "reat_scalar_examples.json")["cases"]


def _case(cases, prefix):
    exact = [c for c in cases if c["function"] == prefix]
    [case] = exact or [c for c in cases if c["function"].startswith(prefix)]
    return case


@pytest.fixture(scope="module")
def freiburg(validation_dir):
    return pd.read_csv(validation_dir / "structure" / "reat_Freiburg.csv")


@pytest.fixture(scope="module")
def goettingen(validation_dir):
    df = pd.read_csv(validation_dir / "structure" / "reat_Goettingen.csv")
    # the all-industries row A-R is a total (and exceeds the sum of the sections): drop it
    return df[df["WZ2008_Code"] != "A-R"].reset_index(drop=True)


def goettingen_panels(df):
    """Long panel of Goettingen and the BRD reference, both with years."""
    years = range(2008, 2018)
    panel = pd.DataFrame(
        [
            {"region": "Goettingen", "sector": c, "year": y, "value": v}
            for y in years
            for c, v in zip(df["WZ2008_Code"], df[f"Goettingen{y}"], strict=True)
        ]
    )
    ref = pd.DataFrame(
        [
            {"sector": c, "year": y, "value": v}
            for y in years
            for c, v in zip(df["WZ2008_Code"], df[f"BRD{y}"], strict=True)
        ]
    )
    return panel, ref


def random_panel(seed=0, regions=7, sectors=5, years=(2019, 2020, 2021), zeros=0.2):
    rng = np.random.default_rng(seed)
    rows = []
    for y in years:
        for r in range(regions):
            for s in range(sectors):
                v = 0.0 if rng.random() < zeros else float(rng.lognormal(3, 1))
                rows.append({"region": f"r{r}", "sector": f"s{s}", "year": y, "value": v})
    df = pd.DataFrame(rows)
    # every region and sector keeps a positive total
    df.loc[df["sector"] == "s0", "value"] += 1.0
    df.loc[df["region"] == "r0", "value"] += 1.0
    return df


def naive_lq(panel, reference=None):
    """Plain pandas groupby/merge LQ: the oracle."""
    keys = ["year"] if "year" in panel.columns else []
    p = panel.copy()
    p["E_r"] = p.groupby(["region", *keys])["value"].transform("sum")
    ref = (
        panel.groupby(["sector", *keys], as_index=False)["value"].sum()
        if reference is None
        else reference
    )
    ref = ref.rename(columns={"value": "n_i"})
    ref["N"] = ref.groupby(keys)["n_i"].transform("sum") if keys else ref["n_i"].sum()
    m = p.merge(ref, on=["sector", *keys])
    m["lq"] = (m["value"] / m["E_r"]) / (m["n_i"] / m["N"])
    return m


# ------------------------------------------------------------------ published values


def test_location_quotient_reat_example(reat_cases):
    a = _case(reat_cases, "location quotient")["args"]
    panel = pd.DataFrame(
        {
            "region": ["r", "r"],
            "sector": ["i", "other"],
            "value": [a["e_region_sector"], a["e_region_total"] - a["e_region_sector"]],
        }
    )
    ref = pd.DataFrame(
        {
            "sector": ["i", "other"],
            "value": [a["e_nation_sector"], a["e_nation_total"] - a["e_nation_sector"]],
        }
    )
    lq = st.location_quotients(panel, ref).set_index("sector")["lq"]
    assert lq["i"] == pytest.approx(_case(reat_cases, "location quotient")["expected"], abs=1e-8)


def test_herfindahl_reat_examples(reat_cases):
    c = _case(reat_cases, "herfindahl")
    assert st.herfindahl(c["args"]["values"]) == pytest.approx(c["expected"], abs=1e-8)
    c = _case(reat_cases, "herfindahl normalised")
    assert st.herfindahl(c["args"]["values"], normalized=True) == pytest.approx(
        c["expected"], abs=1e-8
    )
    c = _case(reat_cases, "equivalent number")
    assert st.equivalent_number(c["args"]["values"]) == pytest.approx(c["expected"], abs=1e-8)


# values printed on the REAT 3.0.3 help pages (gini, theil, herf, krugman.spec), at the
# precision printed there
GDP_DE_2015 = [
    460.69,
    549.19,
    124.16,
    65.29,
    31.59,
    109.27,
    263.44,
    39.87,
    258.53,
    645.59,
    131.95,
    35.03,
    112.66,
    56.22,
    85.61,
    56.81,
]


@pytest.mark.parametrize(
    "func, args, expected, tol",
    [
        (st.gini, ([20, 50, 20, 10],), 0.3, 1e-12),
        (lambda v: st.gini(v, normalized=True), ([20, 50, 20, 10],), 0.4, 1e-12),
        (st.gini, (GDP_DE_2015,), 0.5009, 5e-5),
        (st.herfindahl, (GDP_DE_2015,), 0.125, 5e-4),
        (st.theil, ([10, 10, 10, 20, 50],), 0.2326302, 5e-8),
        (st.krugman_specialisation, ([20, 10, 70, 0, 0], [0, 0, 0, 60, 40]), 2.0, 1e-12),
    ],
)
def test_reat_help_page_values(func, args, expected, tol):
    assert func(*args) == pytest.approx(expected, abs=tol)


def test_krugman_goettingen_2017_reat_value(goettingen):
    # REAT help page: krugman.spec(Goettingen2017[2:16], BRD2017[2:16]) = 0.4508469
    k = st.krugman_specialisation(goettingen["Goettingen2017"], goettingen["BRD2017"])
    assert k == pytest.approx(0.4508469, abs=5e-8)
    panel, ref = goettingen_panels(goettingen)
    ks = st.krugman_specialisation(panel, ref)
    assert ks[("Goettingen", 2017)] == pytest.approx(k, rel=1e-12)
    assert st.hoover(panel, ref)[("Goettingen", 2017)] == pytest.approx(k / 2, rel=1e-12)


# ----------------------------------------------------------------------- real data


def test_freiburg_location_quotients_against_naive(freiburg):
    panel = pd.DataFrame(
        {"region": "Freiburg", "sector": freiburg["industry"], "value": freiburg["e_Freiburg2014"]}
    )
    ref = pd.DataFrame({"sector": freiburg["industry"], "value": freiburg["e_Germany2014"]})
    ours = st.location_quotients(panel, ref).astype({"sector": str}).set_index("sector")["lq"]
    ours = ours.reindex(freiburg["industry"])
    s_r = freiburg["e_Freiburg2014"] / freiburg["e_Freiburg2014"].sum()
    s_n = freiburg["e_Germany2014"] / freiburg["e_Germany2014"].sum()
    expected = pd.Series((s_r / s_n).to_numpy(), index=freiburg["industry"])
    np.testing.assert_allclose(ours.to_numpy(), expected.to_numpy(), rtol=1e-12)
    # the reference-weighted mean of the LQs is 1
    assert float((ours.to_numpy() * s_n.to_numpy()).sum()) == pytest.approx(1.0, rel=1e-12)


def test_goettingen_all_years_profile_consistent(goettingen):
    panel, ref = goettingen_panels(goettingen)
    prof = st.profile(panel, ref).set_index(["region", "year"])
    assert len(prof) == 10
    for y in range(2008, 2018):
        v = goettingen[f"Goettingen{y}"].to_numpy(float)
        n = goettingen[f"BRD{y}"].to_numpy(float)
        row = prof.loc[("Goettingen", y)]
        assert row["total"] == v.sum()
        assert row["herfindahl"] == pytest.approx(st.herfindahl(v), rel=1e-12)
        assert row["gini_normalized"] == pytest.approx(st.gini(v, normalized=True), rel=1e-12)
        assert row["theil"] == pytest.approx(st.theil(v), rel=1e-12)
        assert row["hachman"] == pytest.approx(st.hachman(v, n), rel=1e-12)
        # naive Hachman: 1 / sum s_r * LQ
        s_r, s_n = v / v.sum(), n / n.sum()
        assert row["hachman"] == pytest.approx(1 / np.sum(s_r * s_r / s_n), rel=1e-12)
        assert row["shannon_entropy"] == pytest.approx(-np.sum(s_r * np.log(s_r)), rel=1e-12)


def test_goettingen_total_row_would_change_results(goettingen, validation_dir):
    # guard: the fixture keeps A-R out of the sector sums
    raw = pd.read_csv(validation_dir / "structure" / "reat_Goettingen.csv")
    assert "A-R" in set(raw["WZ2008_Code"]) and "A-R" not in set(goettingen["WZ2008_Code"])
    assert (
        raw.loc[raw.WZ2008_Code == "A-R", "Goettingen2017"].item()
        > goettingen["Goettingen2017"].sum()
    )


# --------------------------------------------------------------- oracle and shapes


def test_location_quotients_match_naive_pandas():
    panel = random_panel()
    ours = st.location_quotients(panel)
    naive = naive_lq(panel)
    m = ours.astype({"region": str, "sector": str}).merge(
        naive[["region", "sector", "year", "lq"]],
        on=["region", "sector", "year"],
        how="left",
        suffixes=("", "_naive"),
    )
    assert len(ours) == 7 * 5 * 3
    np.testing.assert_allclose(m["lq"], m["lq_naive"], rtol=1e-12)


def test_location_quotients_with_reference_match_naive():
    panel = random_panel(seed=3)
    ref = panel.groupby(["sector", "year"], as_index=False)["value"].sum()
    ref["value"] *= 3.7  # a nation bigger than the sum of the panel's regions
    ref.loc[ref.sector == "s1", "value"] *= 2
    ours = st.location_quotients(panel, ref).astype({"region": str, "sector": str})
    naive = naive_lq(panel, ref)
    m = ours.merge(naive, on=["region", "sector", "year"], suffixes=("", "_naive"))
    np.testing.assert_allclose(m["lq"], m["lq_naive"], rtol=1e-12)


def test_reference_only_sectors_count_in_total():
    panel = pd.DataFrame({"region": ["a", "a"], "sector": ["x", "y"], "value": [1.0, 1.0]})
    ref = pd.DataFrame({"sector": ["x", "y", "z"], "value": [1.0, 1.0, 2.0]})
    lq = st.location_quotients(panel, ref).set_index("sector")["lq"]
    assert lq["x"] == pytest.approx(2.0) and lq["z"] == 0.0


def test_shares_and_lq_agree():
    panel = random_panel(seed=5)
    sh = st.shares(panel)
    lq = st.location_quotients(panel)
    np.testing.assert_allclose(sh["share"] / sh["reference_share"], lq["lq"], rtol=1e-12)
    np.testing.assert_allclose(sh.groupby(["region", "year"], observed=True)["share"].sum(), 1.0)


def test_panel_index_functions_match_vector_versions():
    panel = random_panel(seed=7)
    funcs = {
        "herfindahl": st.herfindahl,
        "equivalent_number": st.equivalent_number,
        "shannon_entropy": st.shannon_entropy,
        "gini": st.gini,
        "theil": lambda v: st.theil(v, zeros="drop"),
    }
    prof = st.profile(panel).set_index(["region", "year"])
    for (region, year), grp in panel.groupby(["region", "year"]):
        v = grp.sort_values("sector")["value"].to_numpy()
        ref = panel[panel.year == year].groupby("sector")["value"].sum().to_numpy()
        for name, f in funcs.items():
            assert prof.loc[(region, year), name] == pytest.approx(f(v), rel=1e-12), name
        assert prof.loc[(region, year), "hoover"] == pytest.approx(st.hoover(v, ref), rel=1e-12)
        assert prof.loc[(region, year), "krugman_specialisation"] == pytest.approx(
            st.krugman_specialisation(v, ref), rel=1e-12
        )
    h = st.herfindahl(panel, normalized=True)
    assert h.index.names == ["region", "year"]
    np.testing.assert_allclose(h.to_numpy(), prof["herfindahl_normalized"].to_numpy())
    np.testing.assert_allclose(st.gini(panel).to_numpy(), prof["gini"].to_numpy())


def test_columns_mapping():
    panel = random_panel(seed=1).rename(columns={"region": "hromada", "value": "employment"})
    lq = st.location_quotients(panel, columns={"region": "hromada", "value": "employment"})
    assert list(lq.columns) == ["region", "sector", "year", "lq"]


def test_theil_zero_handling():
    with pytest.warns(DegenerateResultWarning, match="zeros='drop'"):
        assert np.isnan(st.theil([0, 1, 2]))
    assert st.theil([0, 1, 3], zeros="drop") == pytest.approx(st.theil([1, 3]))


def test_single_sector_normalised_is_nan():
    with pytest.warns(DegenerateResultWarning):
        assert np.isnan(st.herfindahl([5.0], normalized=True))
    with pytest.warns(DegenerateResultWarning):
        assert np.isnan(st.gini([5.0], normalized=True))


def test_hoover_default_is_equal_distribution():
    assert st.hoover([1, 3]) == pytest.approx(0.25)
    assert st.hoover([2, 2, 2]) == 0.0


# ----------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    "mutate, match",
    [
        (lambda d: d.drop(columns="value"), "no column 'value'"),
        (lambda d: d.assign(value=d.value.where(d.index != 3, -1.0)), "non-negative"),
        (lambda d: d.assign(value=d.value.where(d.index != 4, np.inf)), "finite"),
        (
            lambda d: d.astype({"value": object}).assign(
                value=lambda x: x.value.where(x.index != 2, "12 kg")
            ),
            "numeric",
        ),
        (lambda d: pd.concat([d, d.iloc[[0]]]), "duplicate"),
        (lambda d: d.assign(value=d.value.where(d.region != "r3", 0.0)), "sums to zero.*'r3'"),
    ],
)
def test_bad_panels_raise(mutate, match):
    panel = mutate(random_panel(seed=2))
    with pytest.raises(HromadaDataError, match=match):
        st.location_quotients(panel)
    with pytest.raises(HromadaDataError):
        st.profile(panel)


def test_zero_sector_raises_for_lq():
    panel = random_panel(seed=2)
    panel.loc[panel.sector == "s4", "value"] = 0.0
    with pytest.raises(HromadaDataError, match="'s4'.*zero"):
        st.location_quotients(panel)


def test_reference_errors():
    panel = random_panel(seed=2)
    ref = panel.groupby("sector", as_index=False)["value"].sum()
    with pytest.raises(HromadaDataError, match="no 'year' column"):
        st.location_quotients(panel, ref)
    ref_y = panel[panel.year < 2021].groupby(["sector", "year"], as_index=False)["value"].sum()
    with pytest.raises(HromadaDataError, match="2021"):
        st.location_quotients(panel, ref_y)
    one = panel[panel.year == 2020].drop(columns="year")
    bad_codes = ref.assign(sector=ref.sector.str.upper())
    with pytest.raises(HromadaDataError, match="sector codes match"):
        st.location_quotients(one, bad_codes)
    with pytest.raises(HromadaDataError, match="'year' column but 'panel' has none"):
        st.location_quotients(one, ref_y)


@pytest.mark.parametrize(
    "call, match",
    [
        (lambda: st.herfindahl([1, -1]), "non-negative"),
        (lambda: st.herfindahl([1, np.nan]), "finite"),
        (lambda: st.gini([0, 0]), "sums to zero"),
        (lambda: st.gini([[1, 2], [3, 4]]), "1-D"),
        (lambda: st.hoover([1, 2], [1, 2, 3]), "one entry per sector"),
        (lambda: st.krugman_specialisation([1, 2]), "required"),
        (lambda: st.hachman([1, 2], [1, 0]), "Hachman index is undefined"),
        (lambda: st.theil([1, 2], zeros="skip"), "zeros"),
        (lambda: st.shannon_entropy(["a", "b"]), "numeric"),
    ],
)
def test_vector_errors(call, match):
    with pytest.raises(HromadaDataError, match=match):
        call()


def test_categorical_labels_give_the_same_results():
    panel = random_panel(seed=8)
    cat = panel.assign(
        region=pd.Categorical(
            panel.region, categories=["zz", "r6", "r1", "r0", "r5", "r4", "r3", "r2"]
        ),
        sector=pd.Categorical(panel.sector, categories=["s4", "s3", "s2", "s1", "s0", "unused"]),
    )
    a = st.location_quotients(panel).astype({"region": str, "sector": str})
    b = st.location_quotients(cat).astype({"region": str, "sector": str})
    pd.testing.assert_frame_equal(a, b)
    pd.testing.assert_frame_equal(
        st.profile(panel), st.profile(cat).astype({"region": object}), check_dtype=False
    )
