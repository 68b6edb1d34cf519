"""The follow-up rules: trajectory status, weighted roll-up, funding gap, quick wins."""

import datetime as dt

import pytest

from hromada.monitoring import rules


def status(actual, on, **kw):
    args = dict(
        baseline_value=100, baseline_year=2023, target_value=200, target_date=dt.date(2027, 12, 31)
    )
    args.update(kw)
    return rules.trajectory_status(actual_value=actual, actual_date=on, **args)


def test_expected_value_is_the_straight_line():
    kw = dict(
        baseline_value=100, baseline_year=2023, target_value=200, target_date=dt.date(2027, 12, 31)
    )
    assert rules.expected_value(on=dt.date(2023, 12, 31), **kw) == 100
    assert rules.expected_value(on=dt.date(2027, 12, 31), **kw) == 200
    mid = dt.date(2023, 12, 31) + (dt.date(2027, 12, 31) - dt.date(2023, 12, 31)) / 2
    assert rules.expected_value(on=mid, **kw) == pytest.approx(150, abs=0.1)  # whole days
    assert rules.expected_value(on=dt.date(2020, 1, 1), **kw) == 100  # flat before
    assert rules.expected_value(on=dt.date(2030, 1, 1), **kw) == 200  # flat after


def test_status_thresholds_rising():
    on = dt.date(2025, 12, 31)  # expected ~150 (half way, leap day aside)
    exp = rules.expected_value(
        baseline_value=100,
        baseline_year=2023,
        target_value=200,
        target_date=dt.date(2027, 12, 31),
        on=on,
    )
    assert status(exp, on) == rules.ON_TRACK
    assert status(exp - 10, on) == rules.ON_TRACK  # 10 % of the planned change behind
    assert status(exp - 11, on) == rules.AT_RISK
    assert status(exp - 25, on) == rules.AT_RISK
    assert status(exp - 26, on) == rules.OFF_TRACK
    assert status(exp + 50, on) == rules.ON_TRACK  # ahead is fine
    assert status(None, None) == rules.NO_DATA


def test_status_falling_target():
    # unemployment from 20 % to 10 %: lower is better
    kw = dict(baseline_value=20, target_value=10)
    on = dt.date(2027, 12, 31)
    assert status(10, on, **kw) == rules.ON_TRACK
    assert status(11.5, on, **kw) == rules.AT_RISK
    assert status(14, on, **kw) == rules.OFF_TRACK
    assert status(8, on, **kw) == rules.ON_TRACK


def test_status_keep_level():
    kw = dict(baseline_value=50, target_value=50)
    on = dt.date(2025, 6, 1)
    assert status(50, on, **kw) == rules.ON_TRACK
    assert status(42, on, **kw) == rules.AT_RISK  # 16 % below
    assert status(30, on, **kw) == rules.OFF_TRACK


def test_weighted_progress():
    assert rules.weighted_progress([(100, 1), (0, 3)]) == 25
    assert rules.weighted_progress([(50, 2), (None, 5), (80, 0)]) == 50
    assert rules.weighted_progress([]) is None
    assert rules.weighted_progress([(30, 0)]) is None


def test_funding_gap():
    f = rules.funding_totals(1000, [(300, 200, 100), (100, 0, 500)])
    assert (f.secured, f.pledged, f.sought) == (400, 200, 600)
    assert f.gap == 400 and f.unsecured == 600 and f.gap_after_sought == 0
    over = rules.funding_totals(100, [(150, 0, 0)])
    assert over.gap == 0 and over.unsecured == 0  # never negative


def test_quick_win_needs_all_three_paca_criteria():
    assert rules.is_quick_win(local_resources=True, quick_to_implement=True, visible_results=True)
    assert not rules.is_quick_win(
        local_resources=True, quick_to_implement=True, visible_results=False
    )
