"""Writes of the Collaborate step: stakeholders, partnerships, engagement, communication.

Every write validates (``full_clean``), records who made it and keeps the version history
(:func:`hromada.workspaces.records.record_save`); a delete is a soft delete, restorable
from the history. ``m2m`` maps a many-to-many field to the records to link, set after the
record is saved.
"""

from __future__ import annotations

from django.db import transaction

from hromada.collaboration.models import CommunicationItem, Engagement, Partnership, Stakeholder
from hromada.workspaces.records import record_delete, record_save

Record = Stakeholder | Partnership | Engagement | CommunicationItem


@transaction.atomic
def stakeholder_save(*, instance: Stakeholder, by=None, m2m: dict | None = None) -> Stakeholder:
    """Save a stakeholder (interest and influence 1-5 place it on the grid)."""
    return record_save(instance=instance, by=by, m2m=m2m)


@transaction.atomic
def partnership_save(*, instance: Partnership, by=None, m2m: dict | None = None) -> Partnership:
    """Save a partnership; ``m2m`` may link its ``partners``, ``goals`` and ``projects``."""
    return record_save(instance=instance, by=by, m2m=m2m)


@transaction.atomic
def engagement_save(*, instance: Engagement, by=None, m2m: dict | None = None) -> Engagement:
    """Save an engagement event; ``m2m`` may link the ``stakeholders`` it involved."""
    return record_save(instance=instance, by=by, m2m=m2m)


@transaction.atomic
def communication_save(
    *, instance: CommunicationItem, by=None, m2m: dict | None = None
) -> CommunicationItem:
    """Save an item of the communication plan."""
    return record_save(instance=instance, by=by, m2m=m2m)


@transaction.atomic
def collaboration_record_delete(*, instance: Record, by=None) -> None:
    """Soft-delete any record of the step: it leaves the lists, stays in the history."""
    record_delete(instance=instance, by=by)
