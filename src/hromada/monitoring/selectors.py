"""Reads of the follow-up, including the plain-data selectors the peer-exchange app uses:
``kpi_list``, ``kpi_history``, ``project_list``, ``plan_progress_summary``."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import DatabaseError

from hromada.budget.models import MonthlyBudget
from hromada.budget.selectors import fiscal_space_for
from hromada.core.disclosure import keep, outward
from hromada.econ.errors import HromadaError
from hromada.monitoring import rules
from hromada.monitoring.models import FundingType, KpiUpdate, Project
from hromada.planning.evidence import binding_illustrative
from hromada.planning.models import Kpi, OperationalGoal, StrategicGoal

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- KPIs
def kpi_updates(kpi: Kpi, *, include_restricted: bool = True) -> list[KpiUpdate]:
    return list(
        outward(KpiUpdate.objects.filter(kpi=kpi), include_restricted=include_restricted).order_by(
            "date", "pk"
        )
    )


def kpi_state(
    kpi: Kpi, *, updates: list[KpiUpdate] | None = None, include_restricted: bool = True
) -> dict:
    """The latest value, the value expected on its date, and the trajectory status."""
    updates = (
        kpi_updates(kpi, include_restricted=include_restricted) if updates is None else updates
    )
    latest = updates[-1] if updates else None
    expected = None
    if latest is not None:
        expected = rules.expected_value(
            baseline_value=kpi.baseline_value,
            baseline_year=kpi.baseline_year,
            target_value=kpi.target_value,
            target_date=kpi.target_date,
            on=latest.date,
        )
    status = rules.trajectory_status(
        baseline_value=kpi.baseline_value,
        baseline_year=kpi.baseline_year,
        target_value=kpi.target_value,
        target_date=kpi.target_date,
        actual_value=latest.value if latest else None,
        actual_date=latest.date if latest else None,
    )
    return {
        "actual": latest.value if latest else None,
        "actual_date": latest.date if latest else None,
        "expected": expected,
        "status": status,
    }


def kpi_illustrative(kpi: Kpi, *, memo: dict | None = None) -> bool:
    """True when the KPI is bound to an analysis output computed from an illustrative
    dataset (:func:`hromada.planning.evidence.binding_illustrative`): its values are an
    illustration, marked on its page, the plan, reports and exports. ``memo`` caches the
    answer per (municipality, measure) across the KPIs of one page."""
    if not kpi.binding:
        return False

    key = (kpi.municipality_id, kpi.binding_measure or "employment")
    if memo is not None and key in memo:
        return memo[key]
    found = binding_illustrative(kpi.municipality, key[1])
    if memo is not None:
        memo[key] = found
    return found


def project_illustrative(project: Project) -> bool:
    """True when one of the project's operational goals is measured by a KPI computed from
    illustrative data (:func:`kpi_illustrative`): what the project is judged by is then an
    illustration, and its exports (DREAM) say so."""
    memo: dict = {}
    return any(
        kpi_illustrative(k, memo=memo)
        for k in Kpi.objects.filter(
            operational_goal__in=project.goals.all(), deleted_at__isnull=True
        ).exclude(binding="")
    )


def _kpi_queryset(municipality, *, include_restricted: bool = True):
    return outward(
        Kpi.objects.filter(
            municipality=municipality,
            operational_goal__deleted_at__isnull=True,
            operational_goal__strategic_goal__deleted_at__isnull=True,
        ).select_related("operational_goal__strategic_goal"),
        include_restricted=include_restricted,
    )


def kpi_list(municipality, *, include_restricted: bool = True) -> list[dict]:
    """Every KPI of the municipality as plain data, with its latest value and status
    (``include_restricted=False``: what may leave the municipality, core.disclosure)."""
    out = []
    memo: dict = {}
    for kpi in _kpi_queryset(municipality, include_restricted=include_restricted):
        state = kpi_state(kpi, include_restricted=include_restricted)
        og = kpi.operational_goal
        out.append(
            {
                "id": kpi.pk,
                "indicator": kpi.indicator,
                "unit": kpi.unit,
                "operational_goal": str(og),
                "strategic_goal": str(og.strategic_goal),
                "baseline_value": kpi.baseline_value,
                "baseline_year": kpi.baseline_year,
                "target_value": kpi.target_value,
                "target_date": kpi.target_date,
                "data_source": kpi.data_source,
                "responsible": kpi.responsible,
                "binding": kpi.binding,
                "illustrative": kpi_illustrative(kpi, memo=memo),
                "restricted": kpi.restricted,
                **state,
            }
        )
    return out


def kpi_history(kpi: Kpi, *, include_restricted: bool = True) -> list[dict]:
    """The dated values of a KPI, oldest first, with the value expected on each date."""
    return [
        {
            "date": u.date,
            "value": u.value,
            "comment": u.comment,
            "evidence_url": u.evidence_url,
            "source": u.source,
            "expected": rules.expected_value(
                baseline_value=kpi.baseline_value,
                baseline_year=kpi.baseline_year,
                target_value=kpi.target_value,
                target_date=kpi.target_date,
                on=u.date,
            ),
        }
        for u in kpi_updates(kpi, include_restricted=include_restricted)
    ]


# ---------------------------------------------------------------- projects
def projects(municipality, *, include_restricted: bool = True):
    return outward(
        Project.objects.filter(municipality=municipality), include_restricted=include_restricted
    ).prefetch_related("goals", "funding")


def project_funding(project: Project, *, include_restricted: bool = True) -> rules.FundingTotals:
    return rules.funding_totals(
        None if project.budget is None else float(project.budget),
        [
            (float(f.secured), float(f.pledged), float(f.sought))
            for f in keep(project.funding.all(), include_restricted=include_restricted)
        ],
    )


def project_list(municipality, *, include_restricted: bool = True) -> list[dict]:
    """Every project as plain data, with its funding totals and gap."""
    out = []
    for p in projects(municipality, include_restricted=include_restricted):
        f = project_funding(p, include_restricted=include_restricted)
        out.append(
            {
                "id": p.pk,
                "title": p.title,
                "type": p.project_type,
                "status": p.status,
                "start": p.start,
                "end": p.end,
                "progress": p.progress,
                "quick_win": p.is_quick_win,
                "budget": f.budget,
                "secured": f.secured,
                "pledged": f.pledged,
                "sought": f.sought,
                "gap": f.gap,
                "goals": [
                    str(g) for g in keep(p.goals.all(), include_restricted=include_restricted)
                ],
                "restricted": p.restricted,
            }
        )
    return out


def funding_summary(
    municipality, *, include_restricted: bool = True, fiscal_space: bool = True
) -> dict:
    """Totals over all projects (the total gap is the sum of the projects' gaps: one
    project's surplus does not fill another's gap) and the mix by funding type; with
    ``fiscal_space`` also the co-financing the hromada's own revenue offers (its monthly
    pulse) and the gap left after it (``None`` without)."""
    items = list(projects(municipality, include_restricted=include_restricted))
    per = [project_funding(p, include_restricted=include_restricted) for p in items]
    mix: dict[str, dict[str, Any]] = {
        value: {"type": value, "label": str(label), "secured": 0.0, "pledged": 0.0, "sought": 0.0}
        for value, label in FundingType.choices
    }
    for p in items:
        for f in keep(p.funding.all(), include_restricted=include_restricted):
            row = mix[f.funding_type]
            row["secured"] += float(f.secured)
            row["pledged"] += float(f.pledged)
            row["sought"] += float(f.sought)
    gap = sum(f.gap for f in per)
    # the fiscal space runs the monthly pulse (seconds on a first call): only when shown
    space = (
        own_fiscal_space(municipality, include_restricted=include_restricted)
        if fiscal_space
        else None
    )
    return {
        "budget": sum(f.budget for f in per),
        "secured": sum(f.secured for f in per),
        "pledged": sum(f.pledged for f in per),
        "sought": sum(f.sought for f in per),
        "gap": gap,
        "mix": [r for r in mix.values() if r["secured"] or r["pledged"] or r["sought"]],
        # Co-financing the hromada's own revenue can offer (monthly fiscal pulse) and
        # the gap left after it; None without the hromada's own monthly budget data.
        "fiscal_space": space,
        "gap_after_own": max(gap - space["cofinancing"], 0.0) if space else None,
    }


def own_fiscal_space(municipality, *, include_restricted: bool = True) -> dict | None:
    """The fiscal space of :func:`hromada.budget.selectors.fiscal_space_for`, only when it
    rests on the hromada's own data (never on the example city's). Derived from the
    monthly budget records: none outward (``include_restricted=False``) when any of them is
    restricted."""
    if (
        not include_restricted
        and MonthlyBudget.objects.filter(municipality=municipality, restricted=True).exists()
    ):
        return None
    try:
        space = fiscal_space_for(municipality)
    except (HromadaError, OSError, LookupError, ValueError, ArithmeticError, DatabaseError) as exc:
        # the plan's page must not fail for the pulse: no amount is offered
        log.warning("no fiscal space for %s: %s", municipality.code, exc)
        return None
    return space if space and space["kind"] != "example" else None


# ---------------------------------------------------------------- goal progress
def operational_goal_progress(
    goal: OperationalGoal, *, include_restricted: bool = True
) -> float | None:
    """Weighted mean of the progress of the goal's tasks and linked projects."""
    r = include_restricted
    items = [
        (t.progress, t.weight)
        for t in outward(goal.tasks.filter(deleted_at__isnull=True), include_restricted=r)
    ]
    items += [
        (p.progress, p.weight)
        for p in outward(goal.projects.filter(deleted_at__isnull=True), include_restricted=r)
    ]
    return rules.weighted_progress(items)


def strategic_goal_progress(
    goal: StrategicGoal, *, include_restricted: bool = True
) -> float | None:
    """Weighted mean of its operational goals' progress (goals without progress skipped)."""
    return rules.weighted_progress(
        (operational_goal_progress(og, include_restricted=include_restricted), og.weight)
        for og in outward(
            goal.operational_goals.filter(deleted_at__isnull=True),
            include_restricted=include_restricted,
        )
    )


def goal_tree(municipality, *, include_restricted: bool = True) -> list[dict]:
    """Strategic goals, their operational goals, tasks, KPIs (with state) and progress."""
    r = include_restricted
    tree = []
    memo: dict = {}
    for sg in outward(
        StrategicGoal.objects.filter(municipality=municipality), include_restricted=r
    ):
        ogs = []
        for og in outward(
            sg.operational_goals.filter(deleted_at__isnull=True), include_restricted=r
        ):
            ogs.append(
                {
                    "goal": og,
                    "progress": operational_goal_progress(og, include_restricted=r),
                    "tasks": list(
                        outward(og.tasks.filter(deleted_at__isnull=True), include_restricted=r)
                    ),
                    "projects": list(
                        outward(og.projects.filter(deleted_at__isnull=True), include_restricted=r)
                    ),
                    "kpis": [
                        {
                            "kpi": k,
                            "illustrative": kpi_illustrative(k, memo=memo),
                            **kpi_state(k, include_restricted=r),
                        }
                        for k in outward(
                            og.kpis.filter(deleted_at__isnull=True), include_restricted=r
                        )
                    ],
                }
            )
        tree.append(
            {
                "goal": sg,
                "operational": ogs,
                "progress": rules.weighted_progress((o["progress"], o["goal"].weight) for o in ogs),
            }
        )
    return tree


def plan_progress_summary(municipality, *, include_restricted: bool = True) -> dict:
    """Plain data: goals with progress, KPI status counts, project and funding totals."""
    tree = goal_tree(municipality, include_restricted=include_restricted)
    kpis = kpi_list(municipality, include_restricted=include_restricted)
    counts = {s: 0 for s in (rules.ON_TRACK, rules.AT_RISK, rules.OFF_TRACK, rules.NO_DATA)}
    for k in kpis:
        counts[k["status"]] += 1
    funding = funding_summary(
        municipality, include_restricted=include_restricted, fiscal_space=False
    )
    plist = project_list(municipality, include_restricted=include_restricted)
    return {
        "as_of": dt.date.today(),
        "goals": [
            {
                "id": g["goal"].pk,
                "title": str(g["goal"]),
                "progress": g["progress"],
                "operational": [
                    {"id": o["goal"].pk, "title": str(o["goal"]), "progress": o["progress"]}
                    for o in g["operational"]
                ],
            }
            for g in tree
        ],
        "kpi_status": counts,
        "projects": {
            "count": len(plist),
            "quick_wins": sum(1 for p in plist if p["quick_win"]),
            "completed": sum(1 for p in plist if p["status"] == "complete"),
        },
        "funding": {k: funding[k] for k in ("budget", "secured", "pledged", "sought", "gap")},
    }
