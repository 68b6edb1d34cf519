"""Nothing is lost: every record of a municipality (any ``MunicipalityRecord`` in any app)
can be listed when deleted, restored, and traced through its versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db import transaction
from django.http import Http404

from hromada.core.models import MunicipalityRecord


def record_models() -> list[type[MunicipalityRecord]]:
    """Every concrete model of a municipality's records, across all apps."""
    return [
        m for m in apps.get_models() if issubclass(m, MunicipalityRecord) and not m._meta.abstract
    ]


def record_model(label: str) -> type[MunicipalityRecord]:
    """The record model for ``app_label.model_name``; 404 for anything else."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404("unknown record type") from None
    if model not in record_models():
        raise Http404("unknown record type")
    return model


def record_get(*, municipality, label: str, pk: int, include_deleted: bool = True):
    model = record_model(label)
    manager = model.all_objects if include_deleted else model.objects
    obj = manager.filter(municipality=municipality, pk=pk).first()
    if obj is None:
        raise Http404("no such record")
    return obj


@dataclass(frozen=True)
class DeletedRecord:
    label: str
    verbose_name: str
    pk: int
    title: str
    deleted_at: datetime


def deleted_record_list(*, municipality) -> list[DeletedRecord]:
    items = []
    for model in record_models():
        for obj in model.all_objects.deleted().filter(municipality=municipality):
            items.append(
                DeletedRecord(
                    model._meta.label_lower,
                    str(model._meta.verbose_name),
                    obj.pk,
                    str(obj),
                    obj.deleted_at,
                )
            )
    return sorted(items, key=lambda r: r.deleted_at, reverse=True)


@dataclass(frozen=True)
class Version:
    history_id: int
    date: object
    user: object
    kind: str  # "+" created, "~" changed, "-" deleted
    changes: list[tuple[str, object, object]]  # (field, old, new)
    kind_label: str = ""  # "Created", "Changed", "Deleted" in the active language


def version_list(obj) -> list[Version]:
    """The record's versions, newest first, each with what changed from the one before."""
    history = list(obj.history.all().order_by("-history_date", "-history_id"))
    versions = []
    for i, h in enumerate(history):
        previous = history[i + 1] if i + 1 < len(history) else None
        changes = []
        if previous is not None:
            delta = h.diff_against(previous)
            changes = [(c.field, c.old, c.new) for c in delta.changes if c.field != "updated_at"]
        versions.append(
            Version(
                h.history_id,
                h.history_date,
                h.history_user,
                h.history_type,
                changes,
                str(h.get_history_type_display()),
            )
        )
    return versions


@transaction.atomic
def record_save(*, instance, by=None, m2m: dict | None = None):
    """Validate and save any record of the municipality (new or changed), as ``by``."""
    if instance.pk is None and by is not None and getattr(by, "is_authenticated", False):
        instance.created_by = by
    if by is not None:
        instance._history_user = by
    instance.full_clean()
    instance.save()
    for name, values in (m2m or {}).items():
        getattr(instance, name).set(values)
    return instance


@transaction.atomic
def record_delete(*, instance, by=None) -> None:
    """Soft-delete: the record disappears from lists but stays in the history."""
    instance.soft_delete(by=by)


@transaction.atomic
def record_restore(*, obj, by) -> None:
    """Undelete a soft-deleted record."""
    obj.restore(by=by)


@transaction.atomic
def version_restore(*, obj, history_id: int, by) -> None:
    """Make the record's current state equal to one of its earlier versions (a new version
    is recorded, so the restore itself can be undone)."""
    h = obj.history.filter(history_id=history_id).first()
    if h is None:
        raise Http404("no such version")
    old = h.instance
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in {"municipality", "created_at", "created_by"}:
            continue
        setattr(obj, field.attname, getattr(old, field.attname))
    obj._history_user = by
    obj.full_clean()
    obj.save()


#: Kinds of record without an edit form of their own: their pages (and every record's
#: history page) carry the generic "restricted" switch of :func:`record_set_restricted`.
SWITCHED = (
    "economy.dataset",
    "diversify.referencepanel",
    "diversify.shortlistitem",
    "territory.ownbudgetyear",
    "resilience.scenario",
    "budget.monthlybudget",
    "budget.pulseassumptions",
)


@transaction.atomic
def record_set_restricted(*, obj, restricted: bool, by) -> None:
    """Mark any record of a municipality restricted (or not); restricting revokes what it
    was shared as (the exchange app's signal)."""
    obj.restricted = bool(restricted)
    obj._history_user = by
    obj.save(update_fields=["restricted", "updated_at"])
