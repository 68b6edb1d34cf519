"""Tests of hromada.econ.inoperability: published IIM/DIIM cases, naive oracles, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.linalg import expm

from hromada.econ.errors import HromadaDataError
from hromada.econ.inoperability import (
    dynamic_inoperability,
    economic_loss,
    inoperability,
    interdependency_matrix,
    recovery,
    recovery_rates,
    scenario,
)
from hromada.econ.inputoutput import technical_coefficients
from tests.conftest import load_json


@pytest.fixture(scope="module")
def cases(validation_dir):
    return {
        c["id"]: c for c in load_json(validation_dir / "iim" / "iim_published_cases.json")["cases"]
    }


@pytest.mark.parametrize("case_id", ["haimes_jiang_2001_2x2", "lian_haimes_2006_2x2"])
def test_static_published(cases, case_id):
    c = cases[case_id]
    q = inoperability(c["Astar"], c["cstar"])
    np.testing.assert_allclose(q, c["q_expected"], atol=c["atol"])


def test_dynamic_converges_to_published_and_static(cases):
    c = cases["lian_haimes_2006_2x2"]
    d = c["dynamic"]
    traj = dynamic_inoperability(c["Astar"], d["K_diag"], [0.0, 0.0], c["cstar"], steps=d["steps"])
    assert traj.shape == (d["steps"] + 1, 2)
    np.testing.assert_allclose(traj[-1], c["q_expected"], atol=c["atol"])
    # recomputed value after 99 steps (fixture) and convergence to the static solution
    np.testing.assert_allclose(traj[99], [0.066006, 0.112211], atol=1e-6)
    static = inoperability(c["Astar"], c["cstar"], clip=False)
    long = dynamic_inoperability(c["Astar"], d["K_diag"], [0.0, 0.0], c["cstar"], steps=400)
    np.testing.assert_allclose(long[-1], static, atol=1e-10)


def test_recovery_closed_form_fixture(cases):
    c = cases["lian_haimes_2006_2x2"]
    r = c["recovery"]
    q10 = recovery(c["Astar"], r["K_diag"], r["q0"], 10)
    np.testing.assert_allclose(q10, r["recomputed_q_t10"], atol=1e-5)
    both = recovery(c["Astar"], r["K_diag"], r["q0"], [10.0, 50.0])
    np.testing.assert_allclose(both[1], r["recomputed_q_t50"], atol=1e-6)


def test_interdependency_matrix_naive():
    rng = np.random.default_rng(5)
    n = 5
    Z = rng.uniform(0, 10, (n, n))
    x = Z.sum(axis=0) + rng.uniform(5, 10, n)
    A = technical_coefficients(Z, x)
    S = interdependency_matrix(A, x)
    for i in range(n):
        for j in range(n):
            assert S[i, j] == pytest.approx(A[i, j] * x[j] / x[i])
    sup = interdependency_matrix(A, x, side="supply")
    np.testing.assert_allclose(sup, A.T, rtol=1e-12)
    # same spectrum as A
    np.testing.assert_allclose(
        np.sort(np.abs(np.linalg.eigvals(S))), np.sort(np.abs(np.linalg.eigvals(A))), atol=1e-10
    )


def test_static_batch_and_labels():
    s = pd.Index(["power", "water", "trade"])
    A = pd.DataFrame([[0.1, 0.3, 0.1], [0.05, 0.1, 0.05], [0.1, 0.1, 0.2]], index=s, columns=s)
    x = pd.Series([100.0, 50.0, 300.0], index=s)
    S = interdependency_matrix(A, x)
    assert isinstance(S, pd.DataFrame) and S.columns.equals(s)
    shocks = pd.DataFrame(
        [[0.4, 0.0, 0.0], [0.0, 0.5, 0.1]], index=["blackout", "flood"], columns=s
    )
    q = inoperability(S, shocks)
    assert isinstance(q, pd.DataFrame) and list(q.index) == ["blackout", "flood"]
    for name in shocks.index:
        np.testing.assert_allclose(
            q.loc[name], np.linalg.solve(np.eye(3) - S.to_numpy(), shocks.loc[name])
        )
    loss = economic_loss(q, x)
    np.testing.assert_allclose(loss.to_numpy(), q.to_numpy() * x.to_numpy())
    assert isinstance(inoperability(S, shocks.loc["flood"]), pd.Series)


def test_clip():
    q = inoperability([[0.5, 0.4], [0.4, 0.5]], [0.5, 0.5])
    np.testing.assert_allclose(q, [1.0, 1.0])
    q = inoperability([[0.5, 0.4], [0.4, 0.5]], [0.5, 0.5], clip=False)
    assert q[0] > 1


def test_dynamic_naive_time_varying_and_batch():
    rng = np.random.default_rng(6)
    n, steps, m = 4, 20, 3
    S = rng.uniform(0, 0.15, (n, n))
    K = rng.uniform(0.1, 0.5, n)
    c = rng.uniform(0, 0.3, (steps, n))
    q = np.zeros(n)
    naive = [q]
    for t in range(steps):
        q = q + K * (S @ q + c[t] - q)
        q = np.clip(q, 0, 1)
        naive.append(q)
    got = dynamic_inoperability(S, K, np.zeros(n), c, steps=steps)
    np.testing.assert_allclose(got, np.array(naive), atol=1e-12)
    q0 = rng.uniform(0, 0.5, (m, n))
    batch = dynamic_inoperability(S, K, q0, steps=steps)
    assert batch.shape == (m, steps + 1, n)
    for k in range(m):
        np.testing.assert_allclose(batch[k], dynamic_inoperability(S, K, q0[k], steps=steps))
    # full K matrix equals the diagonal vector
    np.testing.assert_allclose(
        dynamic_inoperability(S, np.diag(K), q0[0], steps=steps), batch[0], atol=1e-12
    )


def test_recovery_rates_formula_and_errors():
    S = np.array([[0.2, 0.1], [0.1, 0.0]])
    K = recovery_rates(S, [30.0, 60.0])
    np.testing.assert_allclose(K, [np.log(100) / (30 * 0.8), np.log(100) / 60])
    # the DIIM without coupling recovers to 1 % in T steps (continuous: exactly)
    Sd = np.zeros((2, 2))
    Kd = recovery_rates(Sd, [30.0, 60.0])
    q = recovery(Sd, Kd, [0.5, 0.5], [30.0, 60.0])
    np.testing.assert_allclose([q[0, 0], q[1, 1]], [0.005, 0.005])
    with pytest.raises(HromadaDataError, match="recovery_days"):
        recovery_rates(S, [0.0, 10.0])
    with pytest.raises(HromadaDataError, match="residual"):
        recovery_rates(S, [10.0, 10.0], residual=2)


def test_recovery_matches_expm():
    rng = np.random.default_rng(7)
    S = rng.uniform(0, 0.2, (3, 3))
    K = np.array([0.1, 0.2, 0.3])
    q0 = np.array([0.3, 0.1, 0.0])
    got = recovery(S, K, q0, 7.5)
    np.testing.assert_allclose(got, expm(-np.diag(K) @ (np.eye(3) - S) * 7.5) @ q0)


def test_scenario_naive_and_outputs():
    s = pd.Index(["electricity", "water", "manufacturing", "trade"])
    Z = pd.DataFrame(
        [[5, 8, 30, 10], [2, 1, 5, 3], [5, 3, 60, 20], [4, 2, 25, 30]],
        index=s,
        columns=s,
        dtype=float,
    )
    x = pd.Series([100.0, 40.0, 300.0, 250.0], index=s)
    A = technical_coefficients(Z, x)
    res = scenario(A, x, {"electricity": 0.4}, days=30, recovery_days=90, horizon=200)
    # naive: q0 = c, c active for 30 days, K from recovery times
    S = A.to_numpy() * x.to_numpy()[None, :] / x.to_numpy()[:, None]
    c = np.array([0.4, 0, 0, 0])
    K = np.log(100) / (90 * (1 - np.diag(S)))
    q = c.copy()
    total = q * x.to_numpy() / 365
    for t in range(200):
        q = np.clip(q + K * (S @ q + (c if t < 30 else 0) - q), 0, 1)
        total = total + q * x.to_numpy() / 365
    np.testing.assert_allclose(res.loss_by_sector.iloc[0].to_numpy(), total, rtol=1e-12)
    assert res.total_loss.iloc[0] == pytest.approx(total.sum())
    assert res.daily.shape == (201, 4)
    assert res.ranking.iloc[0, 0] == s[np.argmax(total)]
    assert 0 < res.indirect_share.iloc[0] < 1
    # direct loss: electricity alone, no cascade
    q = c.copy()
    direct = q[0] * 100 / 365
    k0 = np.log(100) / 90
    for t in range(200):
        q = np.clip(q + k0 * ((c if t < 30 else 0) - q), 0, 1)
        direct += q[0] * 100 / 365
    assert res.direct_loss.iloc[0] == pytest.approx(direct)


def test_scenario_batch_equals_single():
    rng = np.random.default_rng(8)
    n, m = 6, 5
    Z = rng.uniform(0, 10, (n, n))
    x = Z.sum(axis=0) + rng.uniform(10, 30, n)
    A = technical_coefficients(Z, x)
    shocks = np.zeros((m, n))
    shocks[np.arange(m), rng.integers(0, n, m)] = rng.uniform(0.1, 0.9, m)
    days = rng.integers(1, 40, m).astype(float)
    res = scenario(A, x, shocks, days=days, recovery_days=60, horizon=120)
    assert res.daily.shape == (m, 121, n)
    for k in range(m):
        one = scenario(A, x, shocks[k], days=days[k], recovery_days=60, horizon=120)
        np.testing.assert_allclose(one.daily[0], res.daily[k])
        np.testing.assert_allclose(one.total_loss[0], res.total_loss[k])
        np.testing.assert_array_equal(one.ranking[0], res.ranking[k])


def test_scenario_errors():
    A = np.array([[0.1, 0.2], [0.3, 0.1]])
    s = pd.Index(["a", "b"])
    with pytest.raises(HromadaDataError, match="not in A"):
        scenario(pd.DataFrame(A, index=s, columns=s), pd.Series([1.0, 2.0], index=s), {"zz": 0.3})
    with pytest.raises(HromadaDataError, match="shares"):
        scenario(A, [1.0, 2.0], [1.5, 0.0])
    with pytest.raises(HromadaDataError, match="drop it"):
        interdependency_matrix(A, [1.0, 0.0])


def test_iterative_equals_direct():
    rng = np.random.default_rng(9)
    n = 60
    S = rng.uniform(0, 1.5 / n, (n, n))
    c = np.zeros((3, n))
    c[0, 3], c[1, 10], c[2, :5] = 0.4, 0.2, 0.1
    d = inoperability(S, c, clip=False, method="direct")
    it = inoperability(S, c, clip=False, method="iterative")
    np.testing.assert_allclose(it, d, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(d, np.linalg.solve(np.eye(n) - S, c.T).T)
    with pytest.raises(HromadaDataError, match="method"):
        inoperability(S, c[0], method="magic")


@pytest.mark.parametrize("days", [0.0, 2.5, 30.0, 500.0])
def test_scenario_direct_closed_form_matches_uncoupled_run(days):
    # with no interdependency the simulated loss is all direct: indirect share 0
    A = np.zeros((3, 3))
    res = scenario(
        A,
        [10.0, 20.0, 30.0],
        [[0.5, 0.2, 0.0]],
        days=days,
        recovery_days=[10.0, 40.0, 90.0],
        horizon=120,
    )
    np.testing.assert_allclose(res.direct_loss, res.total_loss, rtol=1e-12)
    np.testing.assert_allclose(res.indirect_share, 0.0, atol=1e-12)
