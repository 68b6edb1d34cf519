"""Hypothesis properties of hromada.econ.complexity: invariances and bounds."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hromada.econ.complexity import (
    complexity_indices,
    ecomplexity,
    presence,
    proximity,
    relatedness_density,
)
from hromada.econ.errors import DegenerateResultWarning

SETTINGS = settings(max_examples=30, deadline=None)


@st.composite
def panels(draw):
    n_r = draw(st.integers(4, 9))
    n_s = draw(st.integers(3, 7))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    V = rng.lognormal(2, 1, (n_r, n_s)) * (rng.random((n_r, n_s)) > 0.3)
    V[:, 0] += 1.0  # no zero totals
    V[0, :] += 1.0
    df = pd.DataFrame(V, index=[f"r{i}" for i in range(n_r)], columns=[f"s{j}" for j in range(n_s)])
    panel = df.stack().rename("value").rename_axis(["region", "sector"]).reset_index()
    return panel, rng


def _quiet(f, *a, **k):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateResultWarning)
        return f(*a, **k)


@SETTINGS
@given(panels())
def test_permuting_rows_permutes_results(data):
    panel, rng = data
    shuffled = panel.sample(frac=1.0, random_state=int(rng.integers(1e6)))
    a = _quiet(ecomplexity, panel, normalization="standard")
    b = _quiet(ecomplexity, shuffled, normalization="standard")
    key = ["region", "sector"]
    a = a.astype({"region": str, "sector": str}).sort_values(key).reset_index(drop=True)
    b = b.astype({"region": str, "sector": str}).sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_exact=False, atol=1e-9, rtol=0)


@SETTINGS
@given(panels(), st.sampled_from(["eigenvalues", "reflections", "fitness"]))
def test_permuting_matrix_permutes_indices(data, method):
    panel, rng = data
    M = presence(panel)
    if method == "eigenvalues":  # the 2nd eigenvector is only defined up to a repeated eigenvalue
        with warnings.catch_warnings():
            warnings.simplefilter("error", DegenerateResultWarning)
            try:
                complexity_indices(M)
            except DegenerateResultWarning:
                assume(False)
    e1, _ = _quiet(complexity_indices, M, method=method)
    if e1.notna().all() and e1.std() > 0:  # the sign is a convention only when ECI ~ diversity
        c = np.corrcoef(e1, M.sum(axis=1))[0, 1]
        skew = float(((e1 - e1.mean()) ** 3).sum())
        assume(abs(c) > 1e-8 or abs(skew) > 1e-8)
    r = rng.permutation(M.shape[0])
    c = rng.permutation(M.shape[1])
    e1, p1 = _quiet(complexity_indices, M, method=method)
    e2, p2 = _quiet(complexity_indices, M.iloc[r, c], method=method)
    pd.testing.assert_series_equal(e1, e2.loc[e1.index], atol=1e-7, rtol=0)
    pd.testing.assert_series_equal(p1, p2.loc[p1.index], atol=1e-7, rtol=0)
    phi = proximity(M)
    pd.testing.assert_frame_equal(phi, proximity(M.iloc[r, c]).loc[phi.index, phi.columns])


@SETTINGS
@given(panels(), st.floats(1e-3, 1e4))
def test_scaling_values_changes_nothing(data, k):
    panel, _ = data
    a = _quiet(ecomplexity, panel)
    b = _quiet(ecomplexity, panel.assign(value=panel["value"] * k))
    for c in ["rca", "mcp", "eci", "pci", "density", "coi", "cog"]:
        np.testing.assert_allclose(a[c], b[c], atol=1e-7, rtol=1e-9, err_msg=c)


@SETTINGS
@given(panels())
def test_density_in_unit_interval_and_proximity_symmetric(data):
    panel, _ = data
    M = presence(panel)
    phi = proximity(M)
    assert np.allclose(phi, phi.T)
    assert ((phi.to_numpy() >= 0) & (phi.to_numpy() <= 1)).all()
    d = relatedness_density(M, phi).to_numpy()
    assert ((d >= -1e-12) & (d <= 1 + 1e-12)).all()
    # a held sector always has positive density (its own proximity 1 counts)
    assert (d[M.to_numpy() == 1] > 0).all()


@SETTINGS
@given(panels())
def test_region_with_every_sector_has_largest_diversity(data):
    panel, _ = data
    n_s = panel["sector"].nunique()
    M = presence(panel)
    M.loc["everything"] = 1
    div = M.sum(axis=1)
    assert div.idxmax() == "everything" and div.max() == n_s
    eci, _ = _quiet(complexity_indices, M)
    assert np.isfinite(eci["everything"]) or eci.isna().all()


@pytest.mark.parametrize("method", ["eigenvalues", "reflections", "fitness"])
def test_eci_follows_diversity_sign(method):
    rng = np.random.default_rng(0)
    M = (rng.random((40, 25)) < np.linspace(0.05, 0.9, 40)[:, None]).astype(int)
    M[:, 0] = 1
    eci, _ = complexity_indices(pd.DataFrame(M), method=method)
    assert np.corrcoef(eci, M.sum(axis=1))[0, 1] > 0
