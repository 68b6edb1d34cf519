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
