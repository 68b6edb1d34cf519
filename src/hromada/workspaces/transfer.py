"""Moving one municipality's complete workspace between instances, for offline work.

``workspace_export`` writes everything that belongs to the municipality (the records of
every app, their version history, datasets with all their values, memberships) to one
compressed JSON file. ``workspace_import`` loads it into another instance, all-or-nothing:
records new to the target are added, identical ones are left alone, and records that
differ on both sides are *conflicts*, reported instead of silently overwritten (pass
``overwrite=True`` to let the file win).
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth import get_user_model
from django.core import serializers
from django.db import DEFAULT_DB_ALIAS, transaction

from hromada import __version__
from hromada.workspaces.models import Municipality

FORMAT = "hromada-workspace"
FORMAT_VERSION = 1


class TransferError(Exception):
    """The workspace file cannot be imported; the message says why."""


def _historical_lookups() -> list[tuple]:
    """(historical model, lookup of its municipality): the history of a municipality's
    records directly, and of their parts through the record they belong to (e.g. the
    impacts of a damage entry)."""
    found = []
    for model in apps.get_models():
        if not (model.__name__.startswith("Historical") and hasattr(model, "history_id")):
            continue
        names = {f.name: f for f in model._meta.fields}
        if "municipality" in names:
            found.append((model, "municipality_id"))
            continue
        for fk in model._meta.fields:
            related = getattr(fk, "related_model", None)
            if (fk.is_relation and fk.name != "history_user" and related is not None
                    and any(f.name == "municipality" for f in related._meta.fields)):
                found.append((model, f"{fk.name}__municipality_id"))
                break
    return found


def _collect(municipality) -> list:
    collector = NestedObjects(using=DEFAULT_DB_ALIAS)
    collector.collect([municipality])
    objects = []

    def flatten(items):
        for item in items:
            if isinstance(item, list):
                flatten(item)
            else:
                objects.append(item)

    flatten(collector.nested())
    for model, lookup in _historical_lookups():
        objects.extend(model.objects.filter(**{lookup: municipality.pk}))
    seen, unique = set(), []
    for obj in objects:
        key = (obj._meta.label_lower, obj.pk)
        if key not in seen:
            seen.add(key)
            unique.append(obj)
    return unique


def _without_restricted(objects: list) -> list:
    """Drop restricted records, everything that hangs off them, and all their versions."""
    dropped = {(o._meta.label_lower, o.pk) for o in objects if getattr(o, "restricted", False)
               and not hasattr(o, "history_id")}
    changed = True
    while changed:  # children of dropped records (e.g. the jobs affected by a damage entry)
        changed = False
        for o in objects:
            key = (o._meta.label_lower, o.pk)
            if key in dropped or hasattr(o, "history_id"):
                continue
            for f in o._meta.concrete_fields:
                if f.is_relation and f.related_model is not None and \
                        (f.related_model._meta.label_lower, getattr(o, f.attname)) in dropped:
                    dropped.add(key)
                    changed = True
                    break
    kept = []
    for o in objects:
        if hasattr(o, "history_id"):
            original = o.instance_type._meta.label_lower
            if (original, o.id) in dropped or getattr(o, "restricted", False):
                continue
            # A removed part's versions (no live row left) go with their restricted record.
            if any(f.is_relation and f.related_model is not None and
                   (f.related_model._meta.label_lower, getattr(o, f.attname)) in dropped
                   for f in o._meta.concrete_fields):
                continue
        elif (o._meta.label_lower, o.pk) in dropped:
            continue
        kept.append(o)
    return _without_derived(kept, [o for o in objects if o not in kept])


def _without_derived(kept: list, gone: list) -> list:
    """What was built from the dropped records leaves too (core.disclosure): shares of them
    (a generic link, no foreign key) and what hangs off those shares (comments), shares and
    snapshots whose text names one of them (written before it was restricted); any other
    text naming one has the name blanked."""
    from hromada.core.disclosure import _texts, mentions

    texts: set[str] = set()
    for o in gone:
        texts |= _texts(o)
    for o in kept:  # a text that records which stay carry too is not secret (a unit)
        if not hasattr(o, "history_id") and hasattr(o, "restricted"):
            texts -= _texts(o)
    dropped = set()
    for o in kept:
        ct = getattr(o, "content_type", None) if o._meta.label_lower == "exchange.share" else None
        linked = ct is not None and any(g._meta.label_lower == ct.model_class()._meta.label_lower
                                        and g.pk == o.object_id for g in gone
                                        if not hasattr(g, "history_id"))
        if o._meta.label_lower in ("exchange.share", "exchange.progresssnapshot",
                                   "exchange.historicalprogresssnapshot") and (
                linked or mentions(_values(o), texts)):
            dropped.add((o._meta.label_lower, o.pk))
    out = []
    for o in kept:
        if (o._meta.label_lower, o.pk) in dropped or any(
                f.is_relation and f.related_model is not None
                and (f.related_model._meta.label_lower, getattr(o, f.attname)) in dropped
                for f in o._meta.concrete_fields):
            continue
        for f in o._meta.concrete_fields:
            value = getattr(o, f.attname)
            if isinstance(value, str) and texts and mentions(value, texts):
                for t in sorted(texts, key=len, reverse=True):
                    value = value.replace(t, "[…]")
                setattr(o, f.attname, value)
        out.append(o)
    return out


def _values(o) -> list:
    return [getattr(o, f.attname) for f in o._meta.concrete_fields]


def workspace_export(*, code: str, path: str | Path, include_restricted: bool = True) -> dict:
    """Write the municipality's workspace to ``path``; returns counts by model.

    ``include_restricted=False`` makes a copy for others (a consultant, a partner): restricted
    records, what hangs off them and all their versions stay out."""
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        raise TransferError(f"no municipality with code {code} in this instance")
    objects = _collect(municipality)
    if not include_restricted:
        objects = _without_restricted(objects)
    data = json.loads(serializers.serialize("json", objects, use_natural_foreign_keys=True))
    users = sorted({o.username for o in
                    get_user_model().objects.filter(memberships__municipality=municipality)})
    counts = Counter(o._meta.label_lower for o in objects)
    payload = {"format": FORMAT, "version": FORMAT_VERSION, "hromada": __version__,
               "municipality": code, "exported_at": datetime.now(UTC).isoformat(),
               "users": users, "counts": dict(counts), "objects": data}
    with gzip.open(Path(path), "wt", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False)
    return dict(counts)


@dataclass
class ImportReport:
    added: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    overwritten: Counter = field(default_factory=Counter)
    conflicts: list[str] = field(default_factory=list)
    users_created: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.conflicts


def _read(path: Path) -> dict:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            payload = json.load(fh)
    except (OSError, ValueError) as exc:
        raise TransferError(f"{path} is not a Hromada workspace file ({exc})") from None
    if payload.get("format") != FORMAT:
        raise TransferError(f"{path} is not a Hromada workspace file")
    if payload.get("version", 0) > FORMAT_VERSION:
        raise TransferError(f"{path} was written by a newer Hromada; update this instance")
    return payload


def _comparable(obj) -> dict:
    """Field values as the file holds them: JSON keeps times to the millisecond."""
    values = {}
    for f in obj._meta.concrete_fields:
        if f.name == "updated_at":
            continue
        value = getattr(obj, f.attname)
        if isinstance(value, datetime):
            value = value.replace(microsecond=value.microsecond // 1000 * 1000)
        values[f.attname] = value
    return values


class _Rollback(Exception):
    pass


def workspace_import(*, path: str | Path, overwrite: bool = False,
                     dry_run: bool = False) -> ImportReport:
    """Load a workspace file. Conflicts abort the whole import unless ``overwrite``."""
    payload = _read(Path(path))
    report = ImportReport()
    User = get_user_model()
    try:
        with transaction.atomic():
            # People are matched by user name; missing ones get an inactive account that an
            # owner can later activate (they cannot log in until then).
            for username in payload.get("users", []):
                if not User.objects.filter(username=username).exists():
                    user = User(username=username, is_active=False)
                    user.set_unusable_password()
                    user.save()
                    report.users_created.append(username)
            code = payload["municipality"]
            target_municipality = Municipality.objects.filter(code=code).first()
            for item in payload["objects"]:
                if item["model"] == "workspaces.municipality" and target_municipality:
                    if target_municipality.pk != item["pk"]:
                        raise TransferError(
                            f"municipality {code} exists here under another identity; "
                            f"it cannot be merged automatically")
            objects = serializers.deserialize("json", json.dumps(payload["objects"]),
                                              handle_forward_references=True)
            for wrapped in objects:
                obj = wrapped.object
                label = obj._meta.label_lower
                model = type(obj)
                manager = getattr(model, "all_objects", model._base_manager)
                current = manager.filter(pk=obj.pk).first()
                if current is None:
                    wrapped.save()
                    report.added[label] += 1
                elif _comparable(current) == _comparable(obj):
                    report.unchanged[label] += 1
                else:
                    owner = getattr(current, "municipality_id", None)
                    foreign = owner is not None and owner != getattr(obj, "municipality_id",
                                                                    owner)
                    if overwrite and not foreign:
                        wrapped.save()
                        report.overwritten[label] += 1
                    else:
                        why = "belongs to another municipality" if foreign else "differs"
                        report.conflicts.append(f"{label} #{obj.pk}: {why}")
            if report.conflicts or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report
