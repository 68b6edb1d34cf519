"""Tests of hromada.econ.inputoutput: published values, naive oracles, labels, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hromada.econ.errors import DegenerateResultWarning, HromadaDataError, SingularSystemError
from hromada.econ.inputoutput import (
    close_households,
    employment_multipliers,
    gross_output,
    impact,
    income_multipliers,
    leontief_inverse,
    location_quotient_matrix,
    multiplier_table,
    output_multipliers,
    regionalise,
    technical_coefficients,
)
from tests.conftest import load_json


@pytest.fixture(scope="module")
def mb(validation_dir):
    return load_json(validation_dir / "io" / "miller_blair_ch2.json")


# --------------------------------------------------------------------------- published values
def test_miller_blair_coefficients_and_inverse(mb):
    Z = np.array(mb["Z"], dtype=float)
    x = gross_output(Z, np.array(mb["final_demand"], dtype=float))
    np.testing.assert_allclose(x, mb["x"])
    A = technical_coefficients(Z, x)
    np.testing.assert_allclose(A, mb["A_expected"], atol=1e-12)
    L = leontief_inverse(A)
    np.testing.assert_allclose(L, mb["L_expected"], atol=1e-8)


def test_miller_blair_new_final_demand_and_labour(mb):
    Z = np.array(mb["Z"], dtype=float)
    x = np.array(mb["x"], dtype=float)
    L = leontief_inverse(technical_coefficients(Z, x))
    res = impact(L, [600.0, 1500.0], x=x, jobs=np.array(mb["labour_coefficients"]) * x)
    np.testing.assert_allclose(res["output"], [1247.5, 1841.6], atol=0.05)
    np.testing.assert_allclose(res["jobs"], mb["labour_total_expected_for_x_new"], atol=0.05)


def test_miller_blair_dataframe_labels_kept(mb):
    sectors = pd.Index(["agriculture", "manufacturing"], name="sector")
    Z = pd.DataFrame(mb["Z"], index=sectors, columns=sectors, dtype=float)
    x = pd.Series(mb["x"], index=sectors, dtype=float)
    A = technical_coefficients(Z, x)
    assert isinstance(A, pd.DataFrame)
    assert A.index.equals(sectors) and A.columns.equals(sectors)
    L = leontief_inverse(A)
    assert isinstance(L, pd.DataFrame)
    np.testing.assert_allclose(L.to_numpy(), mb["L_expected"], atol=1e-8)
    m = output_multipliers(L)
    assert isinstance(m, pd.Series) and m.index.equals(sectors)
    # x given in another order is aligned by label
    A2 = technical_coefficients(Z, x.iloc[::-1])
    pd.testing.assert_frame_equal(A, A2)
    res = impact(L, pd.Series([600.0, 1500.0], index=sectors), x=x, jobs=x * 0.3)
    assert list(res.columns) == ["output", "jobs"]
    assert res.index.equals(sectors)


# --------------------------------------------------------------------------- naive oracles
def _random_system(rng, n, batch=()):
    Z = rng.uniform(0, 10, size=batch + (n, n))
    va = rng.uniform(5, 20, size=batch + (n,))
    x = Z.sum(axis=-2) + va
    return Z, x, va


def test_leontief_equals_power_series():
    rng = np.random.default_rng(1)
    Z, x, _ = _random_system(rng, 6)
    A = technical_coefficients(Z, x)
    series = np.eye(6)
    term = np.eye(6)
    for _ in range(400):
        term = term @ A
        series += term
    np.testing.assert_allclose(leontief_inverse(A), series, atol=1e-9)


def test_batched_equals_loop():
    rng = np.random.default_rng(2)
    Z, x, va = _random_system(rng, 5, batch=(7,))
    A = technical_coefficients(Z, x)
    L = leontief_inverse(A)
    m = output_multipliers(L)
    inc = income_multipliers(L, va, x, kind="type")
    for r in range(7):
        Ar = Z[r] / x[r][None, :]
        Lr = np.linalg.inv(np.eye(5) - Ar)
        np.testing.assert_allclose(A[r], Ar)
        np.testing.assert_allclose(L[r], Lr, rtol=1e-10)
        np.testing.assert_allclose(m[r], Lr.sum(axis=0), rtol=1e-10)
        h = va[r] / x[r]
        np.testing.assert_allclose(inc[r], (h @ Lr) / h, rtol=1e-10)


def test_type_two_naive_closed_model():
    rng = np.random.default_rng(3)
    n = 4
    Z, x, va = _random_system(rng, n)
    wages = 0.6 * va
    cons = rng.uniform(1, 5, n)
    jobs = rng.uniform(10, 100, n)
    A = technical_coefficients(Z, x)
    Abar = close_households(A, x, wages, cons)
    # naive: build the (n+1) system from flows as in Miller & Blair sect. 2.5
    naive = np.zeros((n + 1, n + 1))
    naive[:n, :n] = Z / x
    naive[:n, n] = cons / wages.sum()
    naive[n, :n] = wages / x
    np.testing.assert_allclose(Abar, naive)
    L1 = leontief_inverse(A)
    L2 = leontief_inverse(Abar)
    t1 = output_multipliers(L1)
    t2 = output_multipliers(L2, households=True)
    np.testing.assert_allclose(t2, np.linalg.inv(np.eye(n + 1) - naive)[:n, :n].sum(axis=0))
    assert np.all(t2 >= t1 - 1e-12)
    e1 = employment_multipliers(L1, jobs, x, kind="type")
    e2 = employment_multipliers(L2, jobs, x, kind="type", households=True)
    assert np.all(e2 >= e1 - 1e-12)
    # the household row of the closed inverse is the simple income multiplier (M&B 6.3)
    np.testing.assert_allclose(
        income_multipliers(L2, wages, x, households=True),
        np.linalg.inv(np.eye(n + 1) - naive)[n, :n],
    )
    table = multiplier_table(
        A, x, wages=wages, jobs=jobs, household_consumption=cons, value_added=va
    )
    np.testing.assert_allclose(table["output_type1"], t1)
    np.testing.assert_allclose(table["output_type2"], t2)
    np.testing.assert_allclose(table["employment_type2"], e2)


def test_close_households_labels():
    s = pd.Index(["a", "b"])
    A = pd.DataFrame([[0.1, 0.2], [0.3, 0.1]], index=s, columns=s)
    Abar = close_households(
        A,
        pd.Series([10.0, 20.0], index=s),
        pd.Series([3.0, 4.0], index=s),
        pd.Series([2.0, 3.0], index=s),
    )
    assert list(Abar.index) == ["a", "b", "households"]
    L2 = leontief_inverse(Abar)
    m = output_multipliers(L2, households=True)
    assert list(m.index) == ["a", "b"]


def _naive_lq(E, N, method, delta):
    R, n = E.shape
    out = np.zeros((R, n, n))
    for r in range(R):
        Er, Nt = E[r].sum(), N.sum()
        slq = [(E[r, i] / Er) / (N[i] / Nt) for i in range(n)]
        lam = np.log2(1 + Er / Nt) ** delta
        for i in range(n):
            for j in range(n):
                if method == "slq":
                    v = slq[i]
                else:
                    v = slq[i] if i == j else (slq[i] / slq[j] if slq[i] > 0 else 0.0)
                    if method in ("flq", "aflq"):
                        v *= lam
                    if method == "aflq" and slq[j] > 1:
                        v *= np.log2(1 + slq[j])
                out[r, i, j] = v
    return out


@pytest.mark.parametrize("method", ["slq", "cilq", "flq", "aflq"])
def test_regionalise_against_naive_loop(method):
    rng = np.random.default_rng(4)
    n, R = 5, 6
    Z, x, _ = _random_system(rng, n)
    A = technical_coefficients(Z, x)
    E = rng.uniform(1, 50, (R, n))
    N = E.sum(axis=0) * 3
    got = regionalise(A, E, N, method=method, delta=0.3)
    lq = _naive_lq(E, N, method, 0.3)
    np.testing.assert_allclose(got, A[None] * np.minimum(lq, 1.0), rtol=1e-12)
    np.testing.assert_allclose(
        location_quotient_matrix(E, N, method=method, delta=0.3), lq, rtol=1e-12
    )
    single = regionalise(A, E[2], N, method=method, delta=0.3)
    np.testing.assert_allclose(single, got[2])


def test_regionalise_labelled_panel_and_wide():
    s = pd.Index(["agri", "industry", "services"])
    A = pd.DataFrame([[0.1, 0.2, 0.05], [0.1, 0.3, 0.1], [0.05, 0.1, 0.2]], index=s, columns=s)
    wide = pd.DataFrame([[5.0, 10.0, 20.0], [1.0, 30.0, 5.0]], index=["r1", "r2"], columns=s)
    nat = pd.Series([50.0, 200.0, 300.0], index=s)
    res = regionalise(A, wide, nat)
    assert isinstance(res, pd.DataFrame)
    assert res.index.names == ["region", "sector"]
    assert res.loc["r2"].shape == (3, 3)
    panel = (
        wide.rename_axis("hromada")
        .reset_index()
        .melt(id_vars="hromada", var_name="sector", value_name="jobs")
    )
    res2 = regionalise(A, panel, nat, columns={"region": "hromada", "value": "jobs"})
    pd.testing.assert_frame_equal(res.sort_index(), res2.sort_index(), check_names=False)
    one = regionalise(A, wide.loc["r1"], nat)
    np.testing.assert_allclose(one.to_numpy(), res.loc["r1"].to_numpy())


def test_regionalise_absent_supplier_gives_zero():
    A = np.array([[0.1, 0.2], [0.3, 0.1]])
    r = regionalise(A, [0.0, 10.0], [10.0, 10.0], method="cilq")
    np.testing.assert_allclose(r[0], 0.0)
    assert np.all(r[1] <= A[1])


# --------------------------------------------------------------------------- errors
def test_errors_non_square():
    with pytest.raises(HromadaDataError, match="square"):
        leontief_inverse(np.ones((2, 3)) * 0.1)


def test_errors_negative():
    with pytest.raises(HromadaDataError, match="negative"):
        leontief_inverse([[0.1, -0.2], [0.1, 0.1]])
    with pytest.raises(HromadaDataError, match="negative"):
        technical_coefficients([[1.0, -2.0], [1.0, 1.0]], [10.0, 10.0])


def test_errors_column_sums():
    with pytest.raises(HromadaDataError, match="column sums"):
        leontief_inverse([[0.6, 0.2], [0.5, 0.1]])


def test_errors_singular():
    # column sums < 1 but a reducible block with an eigenvalue 1 cannot happen; a matrix with
    # exact unit eigenvalue has column sums >= 1, so singularity is caught by that check
    with pytest.raises((HromadaDataError, SingularSystemError)):
        leontief_inverse([[1.0, 0.0], [0.0, 0.0]])


def test_errors_mismatched_labels():
    s = pd.Index(["a", "b"])
    Z = pd.DataFrame([[1.0, 2.0], [3.0, 4.0]], index=s, columns=s)
    with pytest.raises(HromadaDataError, match="missing"):
        technical_coefficients(Z, pd.Series([10.0, 20.0], index=["a", "c"]))
    with pytest.raises(HromadaDataError, match="same sectors"):
        leontief_inverse(
            pd.DataFrame([[0.1, 0.2], [0.3, 0.1]], index=["a", "b"], columns=["a", "c"])
        )
    with pytest.raises(HromadaDataError, match="one entry per sector"):
        technical_coefficients([[1.0, 2.0], [3.0, 4.0]], [10.0, 20.0, 30.0])


def test_errors_zero_output_with_inputs():
    with pytest.raises(HromadaDataError, match="zero"):
        technical_coefficients([[1.0, 2.0], [3.0, 4.0]], [10.0, 0.0])
    A = technical_coefficients([[1.0, 0.0], [3.0, 0.0]], [10.0, 0.0])
    np.testing.assert_allclose(A, [[0.1, 0.0], [0.3, 0.0]])


def test_regionalise_errors():
    A = np.array([[0.1, 0.2], [0.3, 0.1]])
    with pytest.raises(HromadaDataError, match="method"):
        regionalise(A, [1.0, 2.0], [3.0, 4.0], method="xlq")
    with pytest.raises(HromadaDataError, match="delta"):
        regionalise(A, [1.0, 2.0], [3.0, 4.0], delta=1.5)
    with pytest.raises(HromadaDataError, match="national_size"):
        regionalise(A, [1.0, 2.0], [0.0, 4.0])


def test_type_multiplier_degenerate_warns():
    L = leontief_inverse([[0.1, 0.2], [0.3, 0.1]])
    with pytest.warns(DegenerateResultWarning):
        m = income_multipliers(L, [0.0, 5.0], [10.0, 10.0], kind="type")
    assert np.isnan(m[0]) and np.isfinite(m[1])


def test_regionalise_households_by_hand_and_like_firms():
    from hromada.econ.inputoutput import location_quotient_matrix, regionalise_households

    c = pd.Series([0.3, 0.2, 0.1], index=["a", "b", "c"])
    E = pd.Series([10.0, 30.0, 0.0], index=c.index)
    N = pd.Series([100.0, 100.0, 50.0], index=c.index)
    # SLQ by hand: (10/40)/(100/250) = 0.625, (30/40)/(100/250) = 1.875, 0
    slq = regionalise_households(c, E, N, method="slq")
    np.testing.assert_allclose(slq, [0.3 * 0.625, 0.2, 0.0])
    assert list(slq.index) == ["a", "b", "c"]
    np.testing.assert_allclose(regionalise_households(c, E, N, method="cilq"), slq)
    lam = np.log2(1 + 40 / 250) ** 0.25
    flq = regionalise_households(c, E, N, method="flq", delta=0.25)
    np.testing.assert_allclose(flq, [0.3 * min(0.625 * lam, 1), 0.2 * min(1.875 * lam, 1), 0])
    np.testing.assert_allclose(regionalise_households(c, E, N, method="aflq", delta=0.25), flq)
    # households are a purchaser with SLQ 1: FLQ_ij x SLQ_j off the diagonal
    E2 = pd.Series([10.0, 30.0, 16.0], index=c.index)
    lq = location_quotient_matrix(E2.to_numpy(), N.to_numpy(), method="flq", delta=0.3)
    slq2 = (E2 / E2.sum()) / (N / N.sum())
    hh = regionalise_households(np.ones(3), E2.to_numpy(), N.to_numpy(), method="flq", delta=0.3)
    np.testing.assert_allclose(hh[:2], np.minimum(lq[:2, 2] * slq2["c"], 1.0))
    # many regions at once equal one at a time
    many = regionalise_households(c.to_numpy(), np.vstack([E, E2]), N.to_numpy(), delta=0.2)
    np.testing.assert_allclose(
        many[1], regionalise_households(c.to_numpy(), E2.to_numpy(), N.to_numpy(), delta=0.2)
    )
    with pytest.raises(HromadaDataError, match="c_national"):
        regionalise_households([-0.1, 0.2, 0.1], E, N)
    with pytest.raises(HromadaDataError, match="delta"):
        regionalise_households(c, E, N, delta=1.5)
