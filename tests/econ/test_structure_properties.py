"""Hypothesis properties of structure, shift-share and resilience indices."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st_

from hromada.econ import resilience as rs
from hromada.econ import shiftshare as ss
from hromada.econ import structure as st

SETTINGS = settings(max_examples=50, deadline=None)
PANEL_SETTINGS = settings(max_examples=20, deadline=None)  # each example builds DataFrames
pytestmark = pytest.mark.filterwarnings("ignore::hromada.econ.errors.DegenerateResultWarning")

# zero or a realistic magnitude (no subnormals, which underflow to 0 when scaled)
value = st_.one_of(st_.just(0.0), st_.floats(min_value=1e-3, max_value=1e6))
positive = st_.floats(min_value=0.5, max_value=1e6, allow_nan=False, allow_infinity=False)


@st_.composite
def vectors(draw, min_size=1, max_size=12):
    v = draw(st_.lists(value, min_size=min_size, max_size=max_size))
    v[draw(st_.integers(0, len(v) - 1))] = draw(positive)  # positive total
    return np.array(v)


@st_.composite
def panels(draw, years=(2020, 2021)):
    """A panel whose every region and sector has a positive total in every year."""
    R = draw(st_.integers(1, 5))
    S = draw(st_.integers(1, 5))
    shape = (len(years), R, S)
    cells = draw(st_.lists(value, min_size=int(np.prod(shape)), max_size=int(np.prod(shape))))
    x = np.array(cells).reshape(shape)
    x[:, 0, :] += draw(positive)  # every sector present in region 0
    x[:, :, 0] += draw(positive)  # every region has sector 0
    rows = [
        {"region": f"r{r}", "sector": f"s{s}", "year": y, "value": x[t, r, s]}
        for t, y in enumerate(years)
        for r in range(R)
        for s in range(S)
    ]
    return pd.DataFrame(rows)


INDEX_FUNCS = {
    "herfindahl": st.herfindahl,
    "herfindahl_normalized": lambda v: st.herfindahl(v, normalized=True),
    "equivalent_number": st.equivalent_number,
    "shannon_entropy": st.shannon_entropy,
    "gini": st.gini,
    "theil": lambda v: st.theil(v, zeros="drop"),
}


@SETTINGS
@given(v=vectors(min_size=2), k=st_.floats(min_value=1e-3, max_value=1e3))
def test_indices_invariant_to_scaling(v, k):
    for name, f in INDEX_FUNCS.items():
        assert f(v * k) == pytest.approx(f(v), rel=1e-9, abs=1e-12), name
    ref = v[::-1] + 1.0
    for f in (st.hoover, st.krugman_specialisation, st.hachman):
        assert f(v * k, ref) == pytest.approx(f(v, ref), rel=1e-9, abs=1e-12)
        assert f(v, ref * k) == pytest.approx(f(v, ref), rel=1e-9, abs=1e-12)


@SETTINGS
@given(v=vectors())
def test_bounds(v):
    n = v.size
    h = st.herfindahl(v)
    assert 1.0 / n - 1e-12 <= h <= 1.0 + 1e-12
    assert 1.0 - 1e-9 <= st.equivalent_number(v) <= n + 1e-9
    g = st.gini(v)
    assert 0.0 <= g < 1.0
    assert g <= (n - 1) / n + 1e-12
    assert 0.0 <= st.shannon_entropy(v) <= np.log(n) + 1e-9
    assert st.theil(v, zeros="drop") >= 0.0
    assert 0.0 <= st.hoover(v) < 1.0


@SETTINGS
@given(v=vectors(min_size=2), seed=st_.integers(0, 2**32 - 1))
def test_vector_indices_ignore_sector_order(v, seed):
    perm = np.random.default_rng(seed).permutation(v.size)
    ref = np.arange(1.0, v.size + 1)
    for f in INDEX_FUNCS.values():
        assert f(v[perm]) == pytest.approx(f(v), rel=1e-9, abs=1e-12)
    assert st.hachman(v[perm], ref[perm]) == pytest.approx(st.hachman(v, ref), rel=1e-9)


@PANEL_SETTINGS
@given(ref=vectors(min_size=1), k=st_.floats(min_value=1e-3, max_value=1e3))
def test_lq_is_one_for_a_region_proportional_to_the_reference(ref, k):
    ref = ref + 0.1  # every reference sector positive
    sectors = [f"s{i}" for i in range(ref.size)]
    panel = pd.DataFrame({"region": "r", "sector": sectors, "value": ref * k})
    reference = pd.DataFrame({"sector": sectors, "value": ref})
    lq = st.location_quotients(panel, reference)["lq"]
    np.testing.assert_allclose(lq, 1.0, rtol=1e-12)
    assert st.krugman_specialisation(panel, reference).iloc[0] == pytest.approx(0, abs=1e-12)
    assert st.hachman(panel, reference).iloc[0] == pytest.approx(1.0, rel=1e-12)


@PANEL_SETTINGS
@given(panel=panels(), seed=st_.integers(0, 2**32 - 1))
def test_row_order_changes_nothing(panel, seed):
    shuffled = panel.sample(frac=1.0, random_state=seed % 2**31)
    pd.testing.assert_frame_equal(st.location_quotients(panel), st.location_quotients(shuffled))
    pd.testing.assert_frame_equal(st.profile(panel), st.profile(shuffled))
    pd.testing.assert_frame_equal(
        ss.decompose(panel, 2020, 2021), ss.decompose(shuffled, 2020, 2021)
    )


@PANEL_SETTINGS
@given(panel=panels(), scale=st_.floats(min_value=1e-2, max_value=1e2))
def test_profile_invariant_to_scaling_all_values(panel, scale):
    a = st.profile(panel)
    b = st.profile(panel.assign(value=panel.value * scale))
    cols = [c for c in a.columns if c not in ("region", "year", "total", "n_sectors")]
    np.testing.assert_allclose(a[cols], b[cols], rtol=1e-9, atol=1e-12)


def _extreme_growth_panel() -> pd.DataFrame:
    """Found by hypothesis: a sector growing from 0.001 to 68,420 makes Esteban's two parts
    of the regional share about 1.5e12 each, of opposite sign."""
    start = {
        "r0": (128610, 1),
        "r1": (128609, 0),
        "r2": (128609, 0),
        "r3": (128609, 128606),
        "r4": (128609, 0.001),
    }
    end = {
        "r0": (128610, 1),
        "r1": (128609, 0),
        "r2": (128609, 0),
        "r3": (128609, 0),
        "r4": (128609, 68420),
    }
    rows = [
        [r, s, year, float(v)]
        for year, table in ((2020, start), (2021, end))
        for r, pair in table.items()
        for s, v in zip(("s0", "s1"), pair, strict=True)
    ]
    return pd.DataFrame(rows, columns=["region", "sector", "year", "value"])


@PANEL_SETTINGS
@given(panel=panels(), method=st_.sampled_from(["dunn", "esteban"]))
@example(panel=_extreme_growth_panel(), method="esteban")
def test_shift_share_components_sum_to_growth(panel, method):
    res = ss.decompose(panel, 2020, 2021, method=method)
    growth = res["growth"].to_numpy()
    tol = 1e-9 * (1 + np.abs(res[["value_start", "value_end"]]).max(axis=1).to_numpy())
    assert np.all(np.abs(res["national_share"] + res["net_total_shift"] - growth) <= tol)
    dunn = ss.decompose(panel, 2020, 2021)
    assert np.all(
        np.abs(dunn[["national_share", "industry_mix", "regional_share"]].sum(axis=1) - growth)
        <= tol
    )
    if method == "esteban":
        ok = res["regional_share"].notna()
        split = res["regional_share"] + res["allocation_effect"]
        # With extreme sector growth (e.g. 0.001 -> 68,420) the two parts are huge and of
        # opposite sign; their sum carries the rounding of the parts, not of the values.
        parts = (res["regional_share"].abs() + res["allocation_effect"].abs()).to_numpy()
        split_tol = tol + 1e-13 * parts
        assert np.all(np.abs(split[ok] - dunn["regional_share"][ok]) <= split_tol[ok])
    # with the reference = sum of regions, regional shares (and industry mixes) sum to zero
    scale = 1e-9 * (1 + res["value_start"].sum() + res["value_end"].sum())
    assert abs(dunn["regional_share"].sum()) <= scale


@PANEL_SETTINGS
@given(panel=panels(years=(2020, 2021, 2022)))
def test_dynamic_sums_pairs_and_telescopes(panel):
    dyn = ss.dynamic(panel, 2020, 2022)
    tot = dyn[dyn.period == "total"].set_index("region")
    pairs = dyn[dyn.period != "total"].groupby("region").sum(numeric_only=True)
    for k in ss.COMPONENTS:
        np.testing.assert_allclose(tot[k], pairs[k], rtol=1e-9, atol=1e-6)
    e = panel.pivot_table(index="region", columns="year", values="value", aggfunc="sum")
    np.testing.assert_allclose(tot["growth"], (e[2022] - e[2020]).loc[tot.index], atol=1e-6)


@PANEL_SETTINGS
@given(panel=panels(years=(2021, 2022)))
def test_resistance_splits_exactly(panel):
    res = rs.shock_indices(panel, 2021, 2022)
    ok = res["resistance"].notna()
    np.testing.assert_allclose(
        res.loc[ok, "resistance"],
        res.loc[ok, "resistance_structural"] + res.loc[ok, "resistance_competitive"],
        rtol=1e-9,
        atol=1e-9,
    )
