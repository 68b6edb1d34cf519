"""A region's opportunities on a reference industry space (space_opportunities, rank_stability)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.econ.complexity import (
    PRESETS,
    complexity_indices,
    complexity_outlook,
    kved_level,
    local_presence,
    proximity,
    rank_stability,
    recommended_preset,
    space_opportunities,
    to_level,
)
from hromada.econ.errors import HromadaDataError


def reference(seed=0, n=80, k=45):
    rng = np.random.default_rng(seed)
    # regions with a latent capability, industries needing some: a structured M
    cap = rng.random(n)
    need = rng.random(k)
    M = (rng.random((n, k)) < 0.15 + 0.6 * (cap[:, None] > need[None, :])).astype(int)
    codes = [f"{10 + i:02d}" for i in range(k)]
    M = pd.DataFrame(M, index=[f"r{i}" for i in range(n)], columns=codes)
    phi = proximity(M)
    _eci, pci = complexity_indices(M)
    share = pd.Series(rng.random(k) + 0.2, index=codes)
    return M, phi, pci, share / share.sum()


def local(seed=1, k=45, held=12):
    rng = np.random.default_rng(seed)
    codes = [f"{10 + i:02d}" for i in range(k)]
    v = pd.Series(rng.random(k) * 0.1, index=codes)
    v.iloc[rng.choice(k, held, replace=False)] += rng.random(held) * 10
    return v


def test_density_and_cog_are_the_librarys_and_cog_is_the_change_of_coi():
    M, phi, pci, share = reference()
    v = local()
    out = space_opportunities(v, phi, pci, share).set_index("code")
    m = local_presence(v, share)["present"].astype(int)
    row = pd.DataFrame([m.to_numpy()], index=["h"], columns=phi.index)
    coi, cog = complexity_outlook(row, phi, pci, own_term=True)
    from hromada.econ.complexity import relatedness_density

    d = relatedness_density(row, phi).loc["h"]
    np.testing.assert_allclose(out["density"], d.loc[out.index], atol=1e-12)
    np.testing.assert_allclose(out["cog"], cog.loc["h", out.index], atol=1e-12)
    for p in out.index[:5]:  # COG = exact change of COI when p is added
        row2 = row.copy()
        row2.loc["h", p] = 1
        coi2, _ = complexity_outlook(row2, phi, pci, cog=False)
        assert out.loc[p, "cog"] == pytest.approx(coi2["h"] - coi["h"], abs=1e-10)
    assert set(out.index).isdisjoint(out.attrs["present"])
    assert out.attrs["coi"] == pytest.approx(coi["h"], abs=1e-10)


def test_score_is_the_weighted_zscore_of_the_values_not_ranks():
    M, phi, pci, share = reference()
    out = space_opportunities(local(), phi, pci, share, weights="long_jumps")
    w = PRESETS["long_jumps"]

    def z(x):
        return (x - x.mean()) / x.std(ddof=0)

    expected = (
        w["density"] * z(out["density"]) + w["pci"] * z(out["pci"]) + w["cog"] * z(out["cog"])
    )
    np.testing.assert_allclose(out["score"], expected, atol=1e-12)
    assert out["score"].is_monotonic_decreasing and out["rank"].tolist() == list(
        range(1, len(out) + 1)
    )
    # two candidates with nearly equal density get nearly equal density contribution
    gap = np.abs(np.subtract.outer(out["density"].to_numpy(), out["density"].to_numpy()))
    zgap = np.abs(np.subtract.outer(out["z_density"].to_numpy(), out["z_density"].to_numpy()))
    np.testing.assert_allclose(zgap, gap / out["density"].std(ddof=0), atol=1e-12)


def test_presets_have_the_atlas_weights_and_user_weights_are_normalised():
    assert all(sum(w.values()) == pytest.approx(1.0) for w in PRESETS.values())
    assert PRESETS["low_hanging_fruit"] == {"density": 0.60, "pci": 0.15, "cog": 0.25}
    M, phi, pci, share = reference()
    a = space_opportunities(local(), phi, pci, share, weights={"density": 2, "pci": 1, "cog": 1})
    b = space_opportunities(
        local(), phi, pci, share, weights={"density": 0.5, "pci": 0.25, "cog": 0.25}
    )
    pd.testing.assert_frame_equal(a, b)
    only_d = space_opportunities(local(), phi, pci, share, weights={"density": 1})
    assert only_d["density"].is_monotonic_decreasing


def test_reasons_name_the_closest_present_industries():
    M, phi, pci, share = reference()
    out = space_opportunities(local(), phi, pci, share, region="Izium")
    present = out.attrs["present"]
    first = out.iloc[0]
    best = phi.loc[first["code"], present].sort_values(ascending=False)
    assert [c for c, _ in first["related"]] == list(best.index[:3])
    assert first["reasons"].startswith("Close to what Izium already does: " + best.index[0])


def test_errors_name_the_problem():
    M, phi, pci, share = reference()
    v = local()
    with pytest.raises(HromadaDataError, match="too coarse"):
        space_opportunities(v.iloc[:10], phi.iloc[:10, :10], pci, share.iloc[:10])
    bad = v.copy()
    bad.iloc[3] = -1
    with pytest.raises(HromadaDataError, match=f"industry '{bad.index[3]}' has -1.0"):
        space_opportunities(bad, phi, pci, share)
    with pytest.raises(HromadaDataError, match="Unknown ranking preset"):
        space_opportunities(v, phi, pci, share, weights="moonshot")
    with pytest.raises(HromadaDataError, match="non-negative"):
        space_opportunities(v, phi, pci, share, weights={"density": -1, "pci": 1})
    with pytest.raises(HromadaDataError, match="pci"):
        space_opportunities(v, phi, pci.iloc[:-1], share)
    with pytest.raises(HromadaDataError, match="None of the region's industries"):
        space_opportunities(pd.Series({"99": 5.0}), phi, pci, share)


def test_outside_codes_are_listed_not_used():
    M, phi, pci, share = reference()
    v = pd.concat([local(), pd.Series({"84": 1000.0})])
    out = space_opportunities(v, phi, pci, share)
    assert out.attrs["outside"] == ["84"]
    pd.testing.assert_frame_equal(
        out.drop(columns=[]), space_opportunities(local(), phi, pci, share)
    )


@settings(max_examples=25, deadline=None)
@given(scale=st.floats(0.01, 1e6), seed=st.integers(0, 50))
def test_ranking_does_not_depend_on_units(scale, seed):
    M, phi, pci, share = reference()
    v = local(seed)
    a = space_opportunities(v, phi, pci, share)
    b = space_opportunities(v * scale, phi, pci, share)
    assert a["code"].tolist() == b["code"].tolist()
    np.testing.assert_allclose(a["score"], b["score"], atol=1e-9)


def test_kved_levels():
    assert kved_level(["01", "99"]) == "division"
    with pytest.raises(HromadaDataError, match="mix KVED levels"):
        kved_level(["01", "01.1"])
    with pytest.raises(HromadaDataError, match="KVED divisions"):
        kved_level(["A", "B"])
    s = pd.Series({"10.11": 1.0, "10.12": 2.0, "10.20": 3.0})
    assert to_level(s, "group").to_dict() == {"10.1": 3.0, "10.2": 3.0}
    with pytest.raises(HromadaDataError, match="cannot be split"):
        to_level(pd.Series({"10": 1.0}), "class")


# ----------------------------------------------------------------- rank stability
def test_bootstrap_of_identical_regions_does_not_move_the_ranking():
    """Every reference region the same: each draw gives the same proximity, so the
    ranks never move and equal the full ranking (a bootstrap that resampled wrongly,
    or ranked differently from space_opportunities, would fail)."""
    M, phi, pci, share = reference()
    same = pd.DataFrame(np.repeat(M.to_numpy()[:1], 30, axis=0), columns=M.columns)
    phi1 = proximity(same)
    v = local()
    full = space_opportunities(v, phi1, pci, share, min_industries=1).set_index("code")
    bands = rank_stability(v, same, pci, share, draws=20)
    np.testing.assert_array_equal(bands["rank_low"], bands["rank_high"])
    np.testing.assert_array_equal(bands["rank_median"], full.loc[bands.index, "rank"])


def test_bootstrap_bands_contain_the_ranking_and_are_reproducible():
    M, phi, pci, share = reference()
    v = local()
    full = space_opportunities(v, phi, pci, share).set_index("code")
    a = rank_stability(v, M, pci, share, draws=150, seed=3)
    b = rank_stability(v, M, pci, share, draws=150, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert set(a.index) == set(full.index)
    assert (a["rank_low"] <= a["rank_median"]).all() and (a["rank_median"] <= a["rank_high"]).all()
    inside = (
        (a["rank_low"] <= full.loc[a.index, "rank"]) & (full.loc[a.index, "rank"] <= a["rank_high"])
    ).mean()
    assert inside > 0.8
    assert a["robust"].equals(a["in_top"] >= 0.8)
    assert (a["rank_high"] - a["rank_low"]).max() > 0  # resampling moves something


def test_recommended_preset_follows_the_atlas_positions():
    ref = [0.0, 1.0, 2.0]
    assert recommended_preset(2.0, 2.0, ref, ref) == "balanced_light_touch"
    assert recommended_preset(0.0, 2.0, ref, ref) == "balanced_parsimonious"
    assert recommended_preset(2.0, 0.0, ref, ref) == "balanced_strategic_bets"


def test_docstring_examples_run():
    import doctest

    from hromada.econ.complexity import _space
    from hromada.refdata import relatedness

    for module in (_space, relatedness):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0 and result.attempted > 3, module.__name__


# ------------------------------------------------- vectorised bootstrap vs a plain loop
def _plain_draw(X, m, w_counts, weights, codes):
    """One draw the plain way: the resampled panel (rows repeated), its PCI from
    complexity_indices, proximity from the counts, then _scores."""
    import warnings

    from hromada.econ.complexity._space import _scores

    Xb = np.repeat(X, w_counts, axis=0).astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _eci, pb = complexity_indices(pd.DataFrame(Xb, columns=codes))
    qb = pb.fillna(0.0).to_numpy()
    C = Xb.T @ Xb
    u = np.diag(C).copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        P = C / np.maximum(u[:, None], u[None, :])
    P[~np.isfinite(P)] = 0.0
    d, cog, score = _scores(m, P, qb, P.sum(axis=1), weights)
    return d, qb, cog, score


@pytest.mark.parametrize("seed", [0, 4])
def test_vectorised_draws_equal_a_plain_loop_over_draws(seed):
    """Oracle: density, PCI (recomputed per draw), COG and the ranks of every draw equal
    the plain per-draw computation on the resampled panel, for the same seed."""
    from hromada.econ.complexity._space import _bootstrap_parts, _draw_counts, _draw_ranks

    M, _phi, pci, share = reference(seed)
    X = M.to_numpy().astype(np.int8)
    codes = list(M.columns)
    m = local_presence(local(seed + 1), share)["present"].to_numpy(dtype=float)
    cand = np.flatnonzero(m == 0)
    W = _draw_counts(np.random.default_rng(11), len(X), 25)
    D, Qd, COG = _bootstrap_parts(X, m, pci.to_numpy(), np.arange(len(codes)), W)
    ranks = _draw_ranks(D, Qd, COG, cand, PRESETS["balanced_strategic_bets"])
    for b in range(len(W)):
        d, qb, cog, score = _plain_draw(X, m, W[b], PRESETS["balanced_strategic_bets"], codes)
        np.testing.assert_allclose(D[b], d, atol=1e-12)
        np.testing.assert_allclose(Qd[b], qb, atol=1e-8)
        np.testing.assert_allclose(COG[b, cand], cog[cand], atol=1e-9)
        s = score[cand]
        expected = np.empty(len(s))
        expected[np.lexsort((np.arange(len(s)), -np.round(s, 10)))] = np.arange(1, len(s) + 1)
        np.testing.assert_array_equal(ranks[b], expected)


def test_draw_counts_follow_the_documented_seed_semantics():
    from hromada.econ.complexity._space import _draw_counts

    W = _draw_counts(np.random.default_rng(3), 50, 4)
    rng = np.random.default_rng(3)
    for b in range(4):
        np.testing.assert_array_equal(W[b], np.bincount(rng.integers(0, 50, 50), minlength=50))
    assert (W.sum(axis=1) == 50).all()


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.integers(30, 90), st.integers(6, 30))
def test_per_draw_pci_with_unit_weights_is_the_librarys(seed, n, k):
    """All multiplicities 1: the batched Lanczos PCI equals complexity_indices' PCI,
    with its sign (a flipped sign or another eigenvector would fail)."""
    import warnings

    from hromada.econ.complexity._space import _pci_draws

    rng = np.random.default_rng(seed)
    cap = rng.random(n)
    X = (rng.random((n, k)) < 0.1 + 0.6 * (cap[:, None] > rng.random(k)[None, :])).astype(float)
    X = X[:, X.sum(axis=0) > 0]
    X = X[X.sum(axis=1) > 0]
    if X.shape[1] < 3 or X.shape[0] < 3:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _eci, pci = complexity_indices(X)
    if not np.isfinite(pci).all():
        return
    # start from a perturbed vector: the result must not depend on the start
    q0 = pci.to_numpy() + rng.normal(0, 0.3, X.shape[1])
    out = _pci_draws(X, np.ones((3, X.shape[0]), dtype=np.int64), q0)
    for row in out:
        np.testing.assert_allclose(row, pci.to_numpy(), atol=1e-7)


def test_pci_is_recomputed_in_each_draw_and_widens_the_bands():
    M, _phi, pci, share = reference(2)
    v = local(3)
    fixed = rank_stability(v, M, pci, share, draws=120, seed=1, recompute_pci=False)
    fresh = rank_stability(v, M, pci, share, draws=120, seed=1)
    assert list(fixed.index) == list(fresh.index)
    width = lambda t: (t["rank_high"] - t["rank_low"]).mean()  # noqa: E731
    assert not fixed.equals(fresh)
    assert width(fresh) >= width(fixed) * 0.9


def test_industries_without_pci_stay_out_of_the_recomputation():
    """An industry whose PCI is NaN (e.g. the Atlas cut-off) is not in any draw's
    eigenproblem: the others' PCI is that of the panel without it."""
    from hromada.econ.complexity._space import _bootstrap_parts

    M, _phi, pci, share = reference(1)
    X = M.to_numpy().astype(np.int8)
    keep = np.arange(1, X.shape[1])
    _eci, sub = complexity_indices(M.iloc[:, keep])
    q = pci.to_numpy().copy()
    q[0] = 0.0
    m = np.zeros(X.shape[1])
    m[:5] = 1
    _D, Qd, _G = _bootstrap_parts(X, m, q, keep, np.ones((2, len(X)), dtype=np.int64))
    np.testing.assert_allclose(Qd[0, keep], sub.to_numpy(), atol=1e-8)
    assert Qd[0, 0] == 0.0


def test_draws_where_lanczos_stops_short_fall_back_to_a_dense_eigenproblem():
    """Two Lanczos steps cannot converge on 30 industries: every draw goes to the dense
    fall-back, which must give the resampled panel's own PCI."""
    import warnings

    from hromada.econ.complexity._space import _STATS, _draw_counts, _pci_draws

    M, _phi, pci, _share = reference(5, n=60, k=30)
    X = M.to_numpy().astype(float)
    W = _draw_counts(np.random.default_rng(2), len(X), 4)
    out = _pci_draws(X, W, pci.to_numpy(), steps=2)
    assert _STATS["dense_fallbacks"] == 4
    for b in range(4):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _eci, pb = complexity_indices(np.repeat(X, W[b], axis=0))
        np.testing.assert_allclose(np.nan_to_num(out[b], nan=0.0), pb.fillna(0.0), atol=1e-8)


def test_industries_without_pci_are_not_ranked_but_listed():
    """An absent industry with NaN PCI (the Atlas's cut-off: too small to measure) is no
    candidate in the ranking nor in its bootstrap bands, and is named in
    ``attrs["unranked"]``; it still counts in the others' density (the space keeps it)."""
    M, phi, pci, share = reference()
    v = local()
    full = space_opportunities(v, phi, pci, share)
    cut = full["code"].iloc[0]  # the top candidate loses its PCI
    pci_cut = pci.copy()
    pci_cut[cut] = np.nan
    out = space_opportunities(v, phi, pci_cut, share)
    assert cut not in set(out["code"]) and out.attrs["unranked"] == [cut]
    assert list(out["rank"]) == list(range(1, len(out) + 1))
    same = full.set_index("code").loc[out["code"], "density"].to_numpy()
    np.testing.assert_allclose(out["density"].to_numpy(), same)
    bands = rank_stability(v, M, pci_cut, share, draws=20)
    assert set(bands.index) == set(out["code"])
    assert bands["rank_high"].max() <= len(out)
