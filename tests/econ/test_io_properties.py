"""Hypothesis properties of regionalisation, Leontief inverses and inoperability."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from hromada.econ.inoperability import dynamic_inoperability, inoperability, interdependency_matrix
from hromada.econ.inputoutput import (
    leontief_inverse,
    output_multipliers,
    regionalise,
    technical_coefficients,
)

SETTINGS = settings(max_examples=50, deadline=None)


@st.composite
def systems(draw, max_n=6):
    n = draw(st.integers(2, max_n))
    Z = draw(arrays(float, (n, n), elements=st.floats(0, 100)))
    va = draw(arrays(float, (n,), elements=st.floats(1, 100)))
    return Z, Z.sum(axis=0) + va


@st.composite
def regional(draw):
    Z, x = draw(systems())
    n = len(x)
    R = draw(st.integers(1, 4))
    E = draw(arrays(float, (R, n), elements=st.floats(0, 1000)))
    E[:, 0] += 1.0  # every region has some activity
    extra = draw(arrays(float, (n,), elements=st.floats(0, 1000)))
    N = E.sum(axis=0) + extra + 1.0
    delta = draw(st.floats(0, 0.95))
    return technical_coefficients(Z, x), E, N, delta


@SETTINGS
@given(regional())
def test_regional_coefficients_never_exceed_national(data):
    A, E, N, delta = data
    for method in ("slq", "cilq", "flq", "aflq"):
        R = regionalise(A, E, N, method=method, delta=delta)
        assert np.all(R <= A[None] + 1e-15)
        assert np.all(R >= 0)


@SETTINGS
@given(regional())
def test_flq_below_cilq(data):
    A, E, N, delta = data
    flq = regionalise(A, E, N, method="flq", delta=delta)
    cilq = regionalise(A, E, N, method="cilq", delta=delta)
    assert np.all(flq <= cilq + 1e-15)


@SETTINGS
@given(regional(), st.floats(0, 0.9), st.floats(0, 0.09))
def test_larger_delta_never_raises(data, d1, step):
    A, E, N, _ = data
    for method in ("flq", "aflq"):
        lo = regionalise(A, E, N, method=method, delta=d1)
        hi = regionalise(A, E, N, method=method, delta=d1 + step)
        assert np.all(hi <= lo + 1e-15)


@SETTINGS
@given(systems())
def test_leontief_column_sums_at_least_one(sys_):
    Z, x = sys_
    L = leontief_inverse(technical_coefficients(Z, x))
    assert np.all(output_multipliers(L) >= 1 - 1e-12)
    assert np.all(L >= -1e-12)
    assert np.all(np.diag(L) >= 1 - 1e-12)


@SETTINGS
@given(systems())
def test_zero_shock_zero_inoperability(sys_):
    Z, x = sys_
    S = interdependency_matrix(technical_coefficients(Z, x), x)
    np.testing.assert_array_equal(inoperability(S, np.zeros(len(x))), 0.0)
    traj = dynamic_inoperability(S, np.full(len(x), 0.1), np.zeros(len(x)), steps=10)
    np.testing.assert_array_equal(traj, 0.0)


@SETTINGS
@given(systems(), st.data())
def test_inoperability_in_unit_interval(sys_, data):
    Z, x = sys_
    n = len(x)
    S = interdependency_matrix(technical_coefficients(Z, x), x)
    c = data.draw(arrays(float, (n,), elements=st.floats(0, 1)))
    q = inoperability(S, c)
    assert np.all((q >= 0) & (q <= 1))
    traj = dynamic_inoperability(S, np.full(n, 0.3), c, c, steps=20)
    assert np.all((traj >= 0) & (traj <= 1))
    # monotone: the unclipped response is at least the direct shock
    assert np.all(inoperability(S, c, clip=False) >= c - 1e-12)
