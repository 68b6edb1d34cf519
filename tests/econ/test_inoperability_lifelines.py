"""Lifeline outages as an input constraint in hromada.econ.inoperability.scenario:
a naive loop as oracle, hypothesis properties, the default dependence table, errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from hromada.econ.errors import HromadaDataError
from hromada.econ.inoperability import LIFELINES, default_dependence, scenario
from hromada.econ.inputoutput import technical_coefficients

SETTINGS = settings(max_examples=40, deadline=None)
S = pd.Index(["electricity", "water", "manufacturing", "trade"])


def _table():
    Z = pd.DataFrame(
        [[5, 8, 30, 10], [2, 1, 5, 3], [5, 3, 60, 20], [4, 2, 25, 30]],
        index=S,
        columns=S,
        dtype=float,
    )
    x = pd.Series([100.0, 40.0, 300.0, 250.0], index=S)
    return technical_coefficients(Z, x), x


def _naive(A, x, c, days, rec, horizon, dep, backup):
    """One scenario, written out step by step from the docstring's formulas."""
    n = len(x)
    S_ = A * x[None, :] / x[:, None]
    K = np.log(100) / (rec * (1 - np.diag(S_)))
    dep = dep.copy()
    np.fill_diagonal(dep, 0.0)

    def ceff(t):
        own = np.array([c[i] if (t is None or t < days[i]) else 0.0 for i in range(n)])
        out = np.empty(n)
        for j in range(n):
            keep = 1.0 - own[j]
            for i in range(n):
                keep *= 1.0 - dep[i, j] * own[i] * (1.0 - backup[j])
            out[j] = 1.0 - keep
        return out

    q = np.clip(ceff(None), 0, 1)
    qs = [q]
    for t in range(horizon):
        q = np.clip(q + K * (S_ @ q + ceff(t) - q), 0, 1)
        qs.append(q)
    return np.array(qs)


def test_constraint_matches_naive_loop():
    A, x = _table()
    dep = np.zeros((4, 4))
    dep[0, 2], dep[0, 3], dep[1, 2], dep[1, 0] = 0.9, 0.6, 0.5, 0.3
    backup = np.array([0.0, 0.2, 0.4, 0.1])
    c = np.array([0.4, 0.3, 0.0, 0.1])
    days = np.array([30.0, 10.0, 5.0, 50.0])
    rec = np.array([60.0, 30.0, 90.0, 45.0])
    res = scenario(
        A.to_numpy(),
        x.to_numpy(),
        c,
        days=days,
        recovery_days=rec,
        horizon=150,
        critical=dep,
        backup=backup,
    )
    want = _naive(A.to_numpy(), x.to_numpy(), c, days, rec, 150, dep, backup)
    np.testing.assert_allclose(res.daily[0], want, rtol=1e-12, atol=1e-15)
    assert res.model == "input constraint"
    # the users' own first-round loss: the same naive loop with A = 0
    first = _naive(np.zeros((4, 4)), x.to_numpy(), c, days, rec, 150, dep, backup)
    first_loss = (first * x.to_numpy() / 365).sum()
    assert res.lifeline_loss[0] == pytest.approx(first_loss - res.direct_loss[0], rel=1e-10)
    assert res.lifeline_loss[0] > 0


def test_labelled_forms_agree_and_keep_shape():
    A, x = _table()
    frame = pd.DataFrame(
        {"manufacturing": [0.9, 0.5], "trade": [0.6, 0.0]}, index=["electricity", "water"]
    )
    pairs = {
        ("electricity", "manufacturing"): 0.9,
        ("electricity", "trade"): 0.6,
        ("water", "manufacturing"): 0.5,
    }
    shocks = pd.DataFrame(
        [[0.4, 0.0, 0, 0], [0.2, 0.5, 0, 0]], columns=S, index=pd.Index(["a", "b"], name="case")
    )
    r1 = scenario(A, x, shocks, critical=frame, backup={"manufacturing": 0.3})
    r2 = scenario(A, x, shocks, critical=pairs, backup=pd.Series([0.0, 0.0, 0.3, 0.0], index=S))
    pd.testing.assert_frame_equal(r1.daily, r2.daily)
    # shape (scenarios, steps, sectors) in A's column order
    assert r1.daily.shape == (2 * 366, 4) and list(r1.daily.columns) == list(S)
    assert r1.daily.to_numpy().reshape(2, 366, 4).shape == (2, 366, 4)
    assert list(r1.lifeline_loss.index) == ["a", "b"]


def test_manufacturing_stops_with_power_unlike_the_value_based_cascade():
    A, x = _table()
    plain = scenario(A, x, {"electricity": 0.4})
    con = scenario(A, x, {"electricity": 0.4}, critical={("electricity", "manufacturing"): 1.0})
    assert plain.peak.iloc[0]["manufacturing"] < 0.1
    assert con.peak.iloc[0]["manufacturing"] >= 0.4
    assert con.indirect_share.iloc[0] > plain.indirect_share.iloc[0]


def test_backup_without_critical_and_bad_inputs():
    A, x = _table()
    with pytest.raises(HromadaDataError, match="needs 'critical'"):
        scenario(A, x, {"electricity": 0.4}, backup=0.5)
    with pytest.raises(HromadaDataError, match="not a sector of A"):
        scenario(A, x, {"electricity": 0.4}, critical={("power", "trade"): 0.5})
    with pytest.raises(HromadaDataError, match=r"\[0, 1\].*'electricity', user 'trade'"):
        scenario(
            A,
            x,
            {"electricity": 0.4},
            critical=pd.DataFrame({"trade": [1.5]}, index=["electricity"]),
        )
    with pytest.raises(HromadaDataError, match="backup.*'trade'"):
        scenario(
            A,
            x,
            {"electricity": 0.4},
            critical={("electricity", "trade"): 0.5},
            backup={"trade": -0.1},
        )
    with pytest.raises(HromadaDataError, match="pairs"):
        scenario(A, x, {"electricity": 0.4}, critical={"electricity": 0.5})
    with pytest.raises(HromadaDataError, match="shape"):
        scenario(A.to_numpy(), x.to_numpy(), [0.4, 0, 0, 0], critical=np.ones((3, 3)))


def test_default_dependence_table():
    d = default_dependence()
    assert list(d.index) == sorted(set(LIFELINES.values()))
    assert list(d.columns) == list("ABCDEFGHIJKLMNOPQRST")
    assert ((d >= 0) & (d <= 1)).all().all()
    for lifeline in d.index:
        assert d.loc[lifeline, lifeline] == 0.0
    # electricity is the lifeline manufacturing depends on most (ATC-25's ranking)
    assert d["C"].idxmax() == "D"


@st.composite
def cases(draw):
    n = draw(st.integers(2, 5))
    Z = draw(arrays(float, (n, n), elements=st.floats(0, 100)))
    va = draw(arrays(float, (n,), elements=st.floats(1, 100)))
    x = Z.sum(axis=0) + va
    life = draw(st.integers(0, n - 1))
    user = draw(st.integers(0, n - 1).filter(lambda j: j != life))
    share = draw(st.floats(0.01, 1.0))
    days = draw(st.floats(0, 60))
    dep = draw(arrays(float, (n, n), elements=st.floats(0, 1)))
    return technical_coefficients(Z, x), x, life, user, share, days, dep


@SETTINGS
@given(cases())
def test_full_dependence_no_backup_reaches_the_lifeline_loss(case):
    A, x, life, user, share, days, _dep = case
    c = np.zeros(len(x))
    c[life] = share
    dep = np.zeros((len(x), len(x)))
    dep[life, user] = 1.0
    r = scenario(A, x, c, days=days, recovery_days=30, horizon=60, critical=dep, backup=0.0)
    assert r.peak[0, user] >= share - 1e-12


@SETTINGS
@given(cases())
def test_full_backup_equals_plain_model(case):
    A, x, life, _user, share, days, dep = case
    c = np.zeros(len(x))
    c[life] = share
    plain = scenario(A, x, c, days=days, recovery_days=30, horizon=60)
    full = scenario(A, x, c, days=days, recovery_days=30, horizon=60, critical=dep, backup=1.0)
    np.testing.assert_allclose(full.daily, plain.daily, rtol=0, atol=1e-15)
    np.testing.assert_allclose(full.total_loss, plain.total_loss, rtol=1e-13)
    np.testing.assert_allclose(full.lifeline_loss, 0.0, atol=1e-12)


@SETTINGS
@given(cases(), st.floats(0, 1), st.floats(0, 1))
def test_monotone_in_backup(case, b1, b2):
    A, x, life, _user, share, days, dep = case
    lo, hi = sorted((b1, b2))
    c = np.zeros(len(x))
    c[life] = share
    less = scenario(A, x, c, days=days, recovery_days=30, horizon=60, critical=dep, backup=lo)
    more = scenario(A, x, c, days=days, recovery_days=30, horizon=60, critical=dep, backup=hi)
    # more backup never loses more output, in any sector on any day
    assert (more.daily <= less.daily + 1e-12).all()
    assert more.total_loss[0] <= less.total_loss[0] * (1 + 1e-12) + 1e-12
