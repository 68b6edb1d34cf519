"""Writes of the plan. Every write validates (full_clean) and records who made it, so the
version history says who changed what."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hromada.planning import evidence
from hromada.planning.models import (
    Risk,
    RiskCategory,
    StrategicGoal,
    SwotCategory,
    SwotItem,
    SwotStatus,
    Vision,
)
from hromada.planning.swot import Suggestion, swot_suggestions
from hromada.workspaces.records import record_save, version_restore


@transaction.atomic
def vision_save(
    *, municipality, text: str, note: str = "", by=None, restricted: bool = False
) -> Vision:
    """A new version of the vision (old versions are kept)."""
    return record_save(
        instance=Vision(municipality=municipality, text=text, note=note, restricted=restricted),
        by=by,
    )


@transaction.atomic
def swot_item_create(*, municipality, category: str, text: str, by=None) -> SwotItem:
    return record_save(
        instance=SwotItem(
            municipality=municipality, category=category, text=text, status=SwotStatus.ACCEPTED
        ),
        by=by,
    )


@transaction.atomic
def swot_suggestions_store(*, municipality, suggestions: list[Suggestion], by=None) -> int:
    """Store new suggestions; a finding already on the board (suggested, accepted or
    rejected) is not suggested again, but an undecided one gets its evidence refreshed."""
    existing = {
        i.key: i for i in SwotItem.all_objects.filter(municipality=municipality).exclude(key="")
    }
    created = 0
    for s in suggestions:
        item = existing.get(s.key)
        if item is None:
            record_save(
                instance=SwotItem(
                    municipality=municipality,
                    category=s.category,
                    text=s.text[:500],
                    status=SwotStatus.SUGGESTED,
                    key=s.key,
                    evidence=s.evidence,
                    is_illustrative=s.illustrative,
                ),
                by=by,
            )
            created += 1
        elif item.status == SwotStatus.SUGGESTED and item.deleted_at is None:
            item.text, item.evidence = s.text[:500], s.evidence
            item.is_illustrative = s.illustrative
            record_save(instance=item, by=by)
    return created


def swot_suggestions_refresh(*, municipality, by=None, analysis: dict | None = None) -> int:
    """Run the analysis on the municipality's data and store the new SWOT suggestions."""
    if analysis is None:
        analysis = evidence.gather_analysis(municipality)
    return swot_suggestions_store(
        municipality=municipality, suggestions=swot_suggestions(analysis), by=by
    )


@transaction.atomic
def swot_item_decide(*, item: SwotItem, status: str, text: str | None = None, by=None) -> SwotItem:
    """Accept (optionally with an edited text) or reject an item."""
    if status not in SwotStatus.values:
        raise ValidationError(_("Unknown status."))
    item.status = status
    if text:
        item.text = text
    return record_save(instance=item, by=by)


@transaction.atomic
def risk_from_threat(*, item: SwotItem, by=None) -> Risk:
    """Turn a SWOT threat into a risk of the plan (once)."""
    if item.category != SwotCategory.THREAT:
        raise ValidationError(_("Only threats can become risks."))
    existing = Risk.objects.filter(municipality=item.municipality, swot_item=item).first()
    if existing is not None:
        return existing
    return record_save(
        instance=Risk(
            municipality=item.municipality,
            title=item.text[:300],
            category=RiskCategory.OTHER,
            swot_item=item,
        ),
        by=by,
    )


@transaction.atomic
def history_restore(*, instance, history_id: int, by=None):
    """Bring a record back to one of its earlier versions (itself a new version), with the
    generic :func:`hromada.workspaces.records.version_restore`."""
    from django.http import Http404

    try:
        version_restore(obj=instance, history_id=history_id, by=by)
    except Http404:
        raise ValidationError(_("No such version.")) from None
    return instance


@transaction.atomic
def goal_candidate_create(
    *, municipality, title: str, description: str = "", by=None
) -> StrategicGoal:
    """A candidate strategic goal brought from another step (e.g. an opportunity of the
    Diversify step); the team edits, links and weighs it like any goal."""
    goal = StrategicGoal(
        municipality=municipality, title=title[:300], description=description, created_by=by
    )
    goal.full_clean()
    goal._history_user = by
    goal.save()
    return goal
