"""Writes of the follow-up: projects, funding, KPI updates, bound KPIs refreshed from data."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from hromada.monitoring.models import (
    SUPPORT_INDICATORS,
    SUPPORT_TYPES,
    KpiUpdate,
    Project,
    ProjectIndicator,
    UpdateSource,
)
from hromada.planning.evidence import binding_illustrative, binding_series
from hromada.planning.models import Kpi
from hromada.planning.services import record_save


@transaction.atomic
def project_save(*, project: Project, by=None, goals=None, risks=None) -> Project:
    """Save a project; support measures get their standard indicators (firms supported,
    jobs created) the first time."""
    m2m = {}
    if goals is not None:
        m2m["goals"] = goals
    if risks is not None:
        m2m["risks"] = risks
    record_save(instance=project, by=by, m2m=m2m)
    if project.project_type in SUPPORT_TYPES:
        have = set(ProjectIndicator.objects.filter(project=project).values_list("key", flat=True))
        for key, name, unit in SUPPORT_INDICATORS:
            if key not in have:
                record_save(
                    instance=ProjectIndicator(
                        municipality=project.municipality,
                        project=project,
                        key=key,
                        name=str(name),
                        unit=str(unit),
                    ),
                    by=by,
                )
    return project


@transaction.atomic
def kpi_update_create(
    *,
    kpi: Kpi,
    date: dt.date,
    value: float,
    comment: str = "",
    evidence_url: str = "",
    by=None,
    source: str = UpdateSource.MANUAL,
    restricted: bool = False,
) -> KpiUpdate:
    return record_save(
        instance=KpiUpdate(
            municipality=kpi.municipality,
            kpi=kpi,
            date=date,
            value=value,
            comment=comment,
            evidence_url=evidence_url,
            source=source,
            restricted=restricted,
        ),
        by=by,
    )


@transaction.atomic
def kpi_refresh_bound(*, kpi: Kpi, by=None) -> list[KpiUpdate]:
    """For a KPI bound to an analysis output, add an update for every year of the imported
    data after the baseline year that has no update with that value yet (dated 31 Dec)."""
    if not kpi.binding:
        return []
    series = binding_series(
        kpi.municipality,
        binding=kpi.binding,
        measure=kpi.binding_measure or "employment",
        sector=kpi.binding_sector,
    )
    comment = f"{kpi.get_binding_display()} · {kpi.binding_measure} {kpi.binding_sector}".strip()
    if binding_illustrative(kpi.municipality, kpi.binding_measure or "employment"):
        # the value keeps saying where it came from, even after the data are replaced
        comment = f"{comment} ({_('illustrative')})"
    existing = {
        (u.date, round(u.value, 9))
        for u in KpiUpdate.objects.filter(kpi=kpi, source=UpdateSource.ANALYSIS)
    }
    created = []
    for year, value in series.items():
        if int(year) <= kpi.baseline_year:
            continue
        date = dt.date(int(year), 12, 31)
        if (date, round(float(value), 9)) in existing:
            continue
        created.append(
            kpi_update_create(
                kpi=kpi,
                date=date,
                value=float(value),
                by=by,
                source=UpdateSource.ANALYSIS,
                comment=comment,
            )
        )
    return created


def kpis_refresh_bound(*, municipality, by=None) -> int:
    """Refresh every bound KPI of a municipality; the number of new updates."""
    return sum(
        len(kpi_refresh_bound(kpi=k, by=by))
        for k in Kpi.objects.filter(municipality=municipality).exclude(binding="")
    )
