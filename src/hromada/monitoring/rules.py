"""The follow-up rules as pure functions: KPI trajectory status, weighted progress roll-up,
funding gap. No database; services and selectors call them, tests check them directly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = [
    "ON_TRACK",
    "AT_RISK",
    "OFF_TRACK",
    "NO_DATA",
    "baseline_date",
    "expected_value",
    "trajectory_status",
    "weighted_progress",
    "FundingTotals",
    "funding_totals",
    "is_quick_win",
]

ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA = "on_track", "at_risk", "off_track", "no_data"


def baseline_date(year: int) -> dt.date:
    """A baseline value for a year is taken as measured at the year's end."""
    return dt.date(int(year), 12, 31)


def expected_value(
    *,
    baseline_value: float,
    baseline_year: int,
    target_value: float,
    target_date: dt.date,
    on: dt.date,
) -> float:
    """The value on the straight line from (end of baseline year, baseline) to
    (target date, target) at date ``on``; flat before the start and after the target."""
    start = baseline_date(baseline_year)
    span = (target_date - start).days
    if span <= 0:
        return float(target_value)
    frac = min(max((on - start).days / span, 0.0), 1.0)
    return float(baseline_value) + (float(target_value) - float(baseline_value)) * frac


def trajectory_status(
    *,
    baseline_value: float,
    baseline_year: int,
    target_value: float,
    target_date: dt.date,
    actual_value: float | None,
    actual_date: dt.date | None,
    at_risk: float = 0.10,
    off_track: float = 0.25,
) -> str:
    """On track / at risk / off track against the straight line from baseline to target.

    The shortfall is how far the actual value lags behind the line at its date, as a
    share of the whole planned change ``|target - baseline|`` (in the target's direction,
    so it works for indicators that should fall as well as rise). Up to ``at_risk`` (10 %)
    behind: on track; up to ``off_track`` (25 %): at risk; more: off track. When target
    equals baseline (keep a level) the shortfall is relative to the target's size.
    """
    if actual_value is None or actual_date is None:
        return NO_DATA
    expected = expected_value(
        baseline_value=baseline_value,
        baseline_year=baseline_year,
        target_value=target_value,
        target_date=target_date,
        on=actual_date,
    )
    change = float(target_value) - float(baseline_value)
    if change == 0:
        scale = abs(float(target_value)) or 1.0
        shortfall = (float(target_value) - float(actual_value)) / scale
        shortfall = max(shortfall, 0.0)
    else:
        direction = 1.0 if change > 0 else -1.0
        shortfall = direction * (expected - float(actual_value)) / abs(change)
    if shortfall <= at_risk:
        return ON_TRACK
    if shortfall <= off_track:
        return AT_RISK
    return OFF_TRACK


def weighted_progress(items: Iterable[tuple[float | None, float]]) -> float | None:
    """Weighted mean of (progress %, weight) pairs; items without progress are skipped.

    None when nothing carries weight (an empty goal has no progress, not 0 %)."""
    total = weight_sum = 0.0
    for progress, weight in items:
        if progress is None or weight is None or weight <= 0:
            continue
        total += float(progress) * float(weight)
        weight_sum += float(weight)
    if weight_sum == 0:
        return None
    return total / weight_sum


@dataclass(frozen=True)
class FundingTotals:
    budget: float
    secured: float
    pledged: float
    sought: float

    @property
    def gap(self) -> float:
        """Budget not covered by secured or pledged money (never negative)."""
        return max(self.budget - self.secured - self.pledged, 0.0)

    @property
    def unsecured(self) -> float:
        """Budget not covered by secured money alone (never negative)."""
        return max(self.budget - self.secured, 0.0)

    @property
    def gap_after_sought(self) -> float:
        """What would still be missing if every application succeeded."""
        return max(self.gap - self.sought, 0.0)


def funding_totals(
    budget: float | None, sources: Iterable[tuple[float, float, float]]
) -> FundingTotals:
    """Totals of a project's funding sources, each (secured, pledged, sought)."""
    secured = pledged = sought = 0.0
    for s, p, o in sources:
        secured += float(s or 0)
        pledged += float(p or 0)
        sought += float(o or 0)
    return FundingTotals(float(budget or 0), secured, pledged, sought)


def is_quick_win(*, local_resources: bool, quick_to_implement: bool, visible_results: bool) -> bool:
    """PACA quick win: feasible with local resources, quick to implement, quick visible
    results. Anything else is a longer-term strategic bet."""
    return bool(local_resources and quick_to_implement and visible_results)
