"""Writes of the Diversify step."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from hromada.diversify.models import LocalResource, ReferencePanel, ShortlistItem


def _save(instance, by):
    instance.full_clean()
    if by is not None:
        instance._history_user = by
    instance.save()
    return instance


@transaction.atomic
def panel_import(
    *,
    municipality,
    name: str,
    rows: list,
    source: str = "",
    unit: str = "persons",
    scale: float = 1.0,
    by=None,
) -> ReferencePanel:
    return _save(
        ReferencePanel(
            municipality=municipality,
            name=name,
            source=source,
            unit=unit,
            scale=scale,
            rows=rows,
            created_by=by,
        ),
        by,
    )


@transaction.atomic
def panel_delete(*, panel: ReferencePanel, by=None) -> None:
    panel.soft_delete(by=by)


@transaction.atomic
def resource_save(*, instance: LocalResource, by=None) -> LocalResource:
    if instance.pk is None and by is not None:
        instance.created_by = by
    return _save(instance, by)


@transaction.atomic
def resource_delete(*, resource: LocalResource, by=None) -> None:
    resource.soft_delete(by=by)


@transaction.atomic
def shortlist_add(
    *,
    municipality,
    panel: str,
    sector: str,
    sector_name: str,
    year: int,
    score: float,
    feasibility: float,
    attractiveness: float | None,
    reasons: str = "",
    by=None,
) -> tuple[ShortlistItem, bool]:
    """Add an opportunity to the shortlist once; (item, created)."""
    existing = ShortlistItem.objects.filter(
        municipality=municipality, panel=panel, sector=sector
    ).first()
    if existing is not None:
        return existing, False
    item = ShortlistItem(
        municipality=municipality,
        panel=panel,
        sector=sector,
        sector_name=sector_name,
        year=year,
        score=score,
        feasibility=feasibility,
        attractiveness=attractiveness,
        reasons=reasons,
        created_by=by,
    )
    return _save(item, by), True


@transaction.atomic
def shortlist_remove(*, item: ShortlistItem, by=None) -> None:
    item.soft_delete(by=by)


@transaction.atomic
def shortlist_to_plan(*, item: ShortlistItem, create_goal, by=None):
    """Create a candidate goal from a shortlisted opportunity (once) and note it on the item."""
    title = _("Develop: %(sector)s") % {"sector": item.sector_name}
    description = _(
        "From the opportunity map (%(panel)s, %(year)s): score %(score).2f, "
        "feasibility %(feasibility).2f. Related strengths: %(reasons)s"
    ) % {
        "panel": item.panel,
        "year": item.year,
        "score": item.score,
        "feasibility": item.feasibility,
        "reasons": item.reasons or "-",
    }
    goal = create_goal(municipality=item.municipality, title=title, description=description, by=by)
    item.note = (_("In the plan as goal #%(pk)s") % {"pk": goal.pk})[:500]
    _save(item, by)
    return goal
