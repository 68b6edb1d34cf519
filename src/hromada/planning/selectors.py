"""Reads of the plan."""

from __future__ import annotations

from hromada.core.disclosure import outward
from hromada.planning.models import (
    Kpi,
    OperationalGoal,
    Risk,
    StrategicGoal,
    SwotCategory,
    SwotItem,
    SwotStatus,
    Task,
    Vision,
)

#: How the goal tree is read: the follow-up step registers its ``goal_tree`` (goals with
#: progress, projects and KPI states) in its ``AppConfig.ready``, so planning's pages show
#: it without planning importing a later app.
_GOAL_TREE: list = []


def register_goal_tree(reader) -> None:
    """Set the reader :func:`goal_tree` calls (the follow-up step does)."""
    _GOAL_TREE[:] = [reader]


def goal_tree(municipality) -> list[dict]:
    """Strategic goals, their operational goals, tasks, KPIs (with state) and progress."""
    return _GOAL_TREE[0](municipality)


def vision_current(*, municipality, include_restricted: bool = True) -> Vision | None:
    return outward(
        Vision.objects.filter(municipality=municipality), include_restricted=include_restricted
    ).first()


def vision_versions(*, municipality) -> list[Vision]:
    return list(Vision.objects.filter(municipality=municipality))


def swot_board(
    *, municipality, include_rejected: bool = True, include_restricted: bool = True
) -> list[dict]:
    """One column per SWOT category: accepted items, open suggestions, rejected ones."""
    items = list(
        outward(
            SwotItem.objects.filter(municipality=municipality),
            include_restricted=include_restricted,
        )
    )
    board = []
    for value, label in SwotCategory.choices:
        mine = [i for i in items if i.category == value]
        board.append(
            {
                "category": value,
                "label": label,
                "accepted": [i for i in mine if i.status == SwotStatus.ACCEPTED],
                "suggested": [i for i in mine if i.status == SwotStatus.SUGGESTED],
                "rejected": [i for i in mine if i.status == SwotStatus.REJECTED]
                if include_rejected
                else [],
            }
        )
    return board


def swot_accepted(*, municipality) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {v: [] for v in SwotCategory.values}
    for i in SwotItem.objects.filter(municipality=municipality, status=SwotStatus.ACCEPTED):
        out[i.category].append(i.text)
    return out


def strategic_goals(*, municipality) -> list[StrategicGoal]:
    return list(StrategicGoal.objects.filter(municipality=municipality))


def operational_goals(*, municipality):
    return OperationalGoal.objects.filter(
        municipality=municipality, strategic_goal__deleted_at__isnull=True
    )


def tasks_of(goal: OperationalGoal) -> list[Task]:
    return list(Task.objects.filter(operational_goal=goal))


def kpis(*, municipality):
    return Kpi.objects.filter(
        municipality=municipality,
        operational_goal__deleted_at__isnull=True,
        operational_goal__strategic_goal__deleted_at__isnull=True,
    ).select_related("operational_goal__strategic_goal")


def risk_list(*, municipality, include_restricted: bool = True) -> list[Risk]:
    return list(
        outward(
            Risk.objects.filter(municipality=municipality), include_restricted=include_restricted
        )
        .select_related("swot_item")
        .prefetch_related("goals")
    )
