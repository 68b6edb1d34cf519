"""Moving one municipality's complete workspace between instances, for offline work.

``workspace_export`` writes everything that belongs to the municipality (the records of
every app, their version history, datasets with all their values, memberships) to one
compressed JSON file. ``workspace_import`` loads it into another instance, all-or-nothing:
records new to the target are added, identical ones are left alone, and records that
differ on both sides are *conflicts*, reported instead of silently overwritten (pass
``overwrite=True`` to let the file win).

No database id crosses instances. Every record and every person carries a stable key
(``TransferKey``, a UUID given at the first export and remembered by each instance that
imports it); references between records are written as keys, the municipality by its
KATOTTG code, content types by name. A person is matched by their key only (or, when the
importing administrator asks for it, by an identical e-mail address of exactly one active
account), never by user name; an unmatched person becomes an inactive placeholder account
that cannot log in. What belongs to peer groups (memberships, sessions, shares, snapshots,
comments), invitations and derived or transient rows (diagnosis runs, upload drafts) do
not travel: they stay on the instance where they were made.
"""

from __future__ import annotations

import gzip
import json
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.apps import apps
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, transaction
from django.utils import translation

from hromada import __version__
from hromada.core.disclosure import _texts, mentions
from hromada.workspaces.models import Membership, Municipality, TransferKey

FORMAT = "hromada-workspace"
FORMAT_VERSION = 2  # 1 carried database ids: refused

#: What never travels: peer-group rows (a group, its sessions and shares exist on one
#: instance), one-time invitation links, and derived or transient rows.
STAYS = {
    "exchange.peergroup",
    "exchange.groupmember",
    "exchange.session",
    "exchange.share",
    "exchange.progresssnapshot",
    "exchange.comment",
    "exchange.notification",
    "workspaces.invitation",
    "economy.diagnosisrun",
    "economy.importdraft",
}
#: Rows matched by their natural key within their parent instead of a key of their own:
#: model -> (parent field, fields that identify the row within the parent).
NATURAL = {
    "economy.observation": ("version", ("area", "sector", "year")),
    "workspaces.membership": ("user", ("municipality",)),
}


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
            if (
                fk.is_relation
                and fk.name != "history_user"
                and related is not None
                and any(f.name == "municipality" for f in related._meta.fields)
            ):
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
    dropped = {
        (o._meta.label_lower, o.pk)
        for o in objects
        if getattr(o, "restricted", False) and not hasattr(o, "history_id")
    }
    changed = True
    while changed:  # children of dropped records (e.g. the jobs affected by a damage entry)
        changed = False
        for o in objects:
            key = (o._meta.label_lower, o.pk)
            if key in dropped or hasattr(o, "history_id"):
                continue
            for f in o._meta.concrete_fields:
                if (
                    f.is_relation
                    and f.related_model is not None
                    and (f.related_model._meta.label_lower, getattr(o, f.attname)) in dropped
                ):
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
            if any(
                f.is_relation
                and f.related_model is not None
                and (f.related_model._meta.label_lower, getattr(o, f.attname)) in dropped
                for f in o._meta.concrete_fields
            ):
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
    texts: set[str] = set()
    for o in gone:
        texts |= _texts(o)
    for o in kept:  # a text that records which stay carry too is not secret (a unit)
        if not hasattr(o, "history_id") and hasattr(o, "restricted"):
            texts -= _texts(o)
    dropped = set()
    for o in kept:
        ct = getattr(o, "content_type", None) if o._meta.label_lower == "exchange.share" else None
        linked = ct is not None and any(
            g._meta.label_lower == ct.model_class()._meta.label_lower and g.pk == o.object_id
            for g in gone
            if not hasattr(g, "history_id")
        )
        if o._meta.label_lower in (
            "exchange.share",
            "exchange.progresssnapshot",
            "exchange.historicalprogresssnapshot",
        ) and (linked or mentions(_values(o), texts)):
            dropped.add((o._meta.label_lower, o.pk))
    out = []
    for o in kept:
        if (o._meta.label_lower, o.pk) in dropped or any(
            f.is_relation
            and f.related_model is not None
            and (f.related_model._meta.label_lower, getattr(o, f.attname)) in dropped
            for f in o._meta.concrete_fields
        ):
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


def _stays(obj) -> bool:
    label = obj._meta.label_lower
    if hasattr(obj, "history_id"):
        label = obj.instance_type._meta.label_lower
    return label in STAYS


def _original_label(model) -> str | None:
    """For a historical model, the label of the model whose history it is."""
    instance_type = getattr(model, "instance_type", None)
    return instance_type._meta.label_lower if instance_type is not None else None


def _instance_key() -> uuid.UUID:
    row, _ = TransferKey.objects.get_or_create(
        model="hromada.instance", local_id=0, defaults={"key": uuid.uuid4()}
    )
    return row.key


def _keys_for(label: str, ids, *, create: bool) -> dict:
    """local id -> key (the oldest) for rows of ``label``; new keys made when ``create``."""
    ids = sorted({int(i) for i in ids if i is not None})
    found: dict = {}
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        for local_id, key in (
            TransferKey.objects.filter(model=label, local_id__in=chunk)
            .order_by("-pk")
            .values_list("local_id", "key")
        ):
            found[local_id] = str(key)
    if create:
        # Derived from this instance's own key, so a row exported again after a restore
        # from an older backup gets the same key as before.
        instance = _instance_key()
        missing = [
            TransferKey(key=uuid.uuid5(instance, f"{label}:{i}"), model=label, local_id=i)
            for i in ids
            if i not in found
        ]
        # A derived key may already name another row here (an import gave it the copy of
        # a part removed here): it stays the identity of the same record.
        TransferKey.objects.bulk_create(missing, batch_size=500, ignore_conflicts=True)
        found.update({k.local_id: str(k.key) for k in missing})
    return found


def _user_fields(model):
    User = get_user_model()
    return [f for f in model._meta.concrete_fields if f.is_relation and f.related_model is User]


def _travelling(objects: list) -> list:
    """The rows that can travel: a row whose required parent does not travel cannot
    travel either (repeated until nothing more drops out)."""
    present = {(o._meta.label_lower, o.pk) for o in objects}
    changed = True
    while changed:
        changed, kept = False, []
        for o in objects:
            broken = any(
                f.is_relation
                and not f.null
                and f.related_model is not None
                and f.related_model not in (Municipality, get_user_model(), ContentType)
                and (f.related_model._meta.label_lower, getattr(o, f.attname)) not in present
                for f in o._meta.concrete_fields
                if not hasattr(o, "history_id")
            )
            if broken:
                present.discard((o._meta.label_lower, o.pk))
                changed = True
            else:
                kept.append(o)
        objects = kept
    return objects


def _record_keys(objects: list) -> dict:
    """{model label: {local id: transfer key}} of the rows that travel, and of the records
    that their historical rows are versions of (also removed parts of records)."""
    by_label: dict = {}
    for o in objects:
        by_label.setdefault(o._meta.label_lower, []).append(o.pk)
    keys = {
        label: _keys_for(label, ids, create=label not in NATURAL) for label, ids in by_label.items()
    }
    for model in {type(o) for o in objects if hasattr(o, "history_id")}:
        original = _original_label(model)
        ids = [o.id for o in objects if type(o) is model]
        keys.setdefault(original, {}).update(
            {
                i: k
                for i, k in _keys_for(original, ids, create=True).items()
                if i not in keys.get(original, {})
            }
        )
    return keys


def _exported_users(municipality, objects: list, *, include_restricted: bool) -> tuple[dict, list]:
    """The members and the users the rows name: ({user id: key}, their entries in the file;
    no e-mail address in a copy for others)."""
    User = get_user_model()
    user_ids = {
        municipality_user
        for municipality_user in Membership.objects.filter(municipality=municipality).values_list(
            "user_id", flat=True
        )
    }
    for o in objects:
        user_ids.update(getattr(o, f.attname) for f in _user_fields(type(o)))
    user_ids.discard(None)
    user_keys = _keys_for("auth.user", user_ids, create=True)
    all_user_keys: dict = {}
    for local_id, key in TransferKey.objects.filter(
        model="auth.user", local_id__in=list(user_ids)
    ).values_list("local_id", "key"):
        all_user_keys.setdefault(local_id, []).append(str(key))
    users = [
        {
            "key": user_keys[u.pk],
            "keys": sorted(all_user_keys.get(u.pk, [])),
            "username": u.username,
            "email": u.email if include_restricted else "",  # not in a copy for others
            "first_name": u.first_name,
            "last_name": u.last_name,
        }
        for u in User.objects.filter(pk__in=user_ids).order_by("username")
    ]
    return user_keys, users


def _serialized(objects: list, keys: dict, ref) -> list[dict]:
    """The rows as the file's items: every link to another row as that row's key
    (``ref``), never a local id."""
    items = []
    for raw, o in zip(serializers.serialize("python", objects), objects, strict=True):
        model, label = type(o), o._meta.label_lower
        fields = {}
        for name, value in raw["fields"].items():
            f = model._meta.get_field(name)
            if f.many_to_many:
                fields[name] = [k for k in (ref(f, v) for v in value) if k is not None]
            elif f.is_relation:
                fields[name] = ref(f, value)
            else:
                fields[name] = value
        item = {"model": label, "fields": fields}
        if hasattr(o, "history_id"):
            fields["id"] = keys[_original_label(model)][o.id]
        if label in NATURAL:
            item["key"] = None
        else:
            item["key"] = keys[label][o.pk]
        items.append(item)
    return items


@transaction.atomic
def workspace_export(*, code: str, path: str | Path, include_restricted: bool = True) -> dict:
    """Write the municipality's workspace to ``path``; returns counts by model.

    ``include_restricted=False`` makes a copy for others (a consultant, a partner): restricted
    records, what hangs off them, all their versions and any link to them stay out."""
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        raise TransferError(f"no municipality with code {code} in this instance")
    objects = [
        o for o in _collect(municipality) if not isinstance(o, Municipality) and not _stays(o)
    ]
    if not include_restricted:
        objects = _without_restricted(objects)
    objects = _travelling(objects)
    keys = _record_keys(objects)
    user_keys, users = _exported_users(municipality, objects, include_restricted=include_restricted)
    User = get_user_model()

    def ref(field, value):
        if value is None:
            return None
        related = field.related_model
        if related is Municipality:
            return code if value == municipality.pk else None
        if related is User:
            return user_keys.get(value)
        if related is ContentType:
            return list(ContentType.objects.get_for_id(value).natural_key())
        return keys.get(related._meta.label_lower, {}).get(value)

    items = _serialized(objects, keys, ref)
    counts = Counter(item["model"] for item in items)
    counts["workspaces.municipality"] = 1
    mun = {
        f.name: getattr(municipality, f.attname)
        for f in Municipality._meta.concrete_fields
        if f.name not in ("id", "created_at")
    }
    payload = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "hromada": __version__,
        "municipality": code,
        "exported_at": datetime.now(UTC).isoformat(),
        "restricted_included": include_restricted,
        "municipality_fields": mun,
        "users": users,
        "counts": dict(counts),
        "objects": items,
    }
    with gzip.open(Path(path), "wt", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False, cls=DjangoJSONEncoder)
    return dict(counts)


@dataclass
class ImportReport:
    added: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    overwritten: Counter = field(default_factory=Counter)
    conflicts: list[str] = field(default_factory=list)
    users_created: list[str] = field(default_factory=list)  # inactive placeholders
    users_matched_by_email: list[str] = field(default_factory=list)
    left_out: Counter = field(default_factory=Counter)  # versions of parts removed there
    updated: Counter = field(default_factory=Counter)  # changed only in the file: taken
    kept: Counter = field(default_factory=Counter)  # changed only here: this copy kept
    failure: str = ""  # what made the (real or dry) run fail; nothing was changed

    @property
    def ok(self) -> bool:
        return not self.conflicts and not self.failure


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
    if payload.get("version", 0) < FORMAT_VERSION:
        raise TransferError(
            f"{path} was written by an older Hromada with database ids, "
            f"which are not safe to import; export it again"
        )
    return payload


def _comparable(obj) -> dict:
    """Field values as the file holds them: JSON keeps times to the millisecond."""
    values = {}
    for f in obj._meta.concrete_fields:
        if f.name == "updated_at" or f.primary_key:
            continue
        value = getattr(obj, f.attname)
        if isinstance(value, datetime):
            value = value.replace(microsecond=value.microsecond // 1000 * 1000)
        values[f.attname] = value
    return values


def _owner_id(obj, depth: int = 0, cache: dict | None = None):
    """The id of the municipality a row belongs to: its own column, or its parent's (a
    damage impact through its entry, an observation through its version and dataset)."""
    if any(f.name == "municipality" for f in obj._meta.concrete_fields):
        return obj.municipality_id
    if depth > 3:
        return None
    User = get_user_model()
    for f in obj._meta.concrete_fields:
        if (
            f.is_relation
            and f.related_model not in (None, User, ContentType)
            and not (hasattr(obj, "history_id") and f.name == "history_user")
        ):
            pk = getattr(obj, f.attname)
            key = (f.related_model._meta.label_lower, pk)
            if cache is not None and key in cache:
                return cache[key]
            parent = f.related_model._base_manager.filter(pk=pk).first()
            if parent is not None:
                owner = _owner_id(parent, depth + 1, cache)
                if cache is not None:
                    cache[key] = owner
                return owner
    return None


def _belongs_to_a_municipality(model, depth: int = 0) -> bool:
    """Whether rows of ``model`` belong to one municipality (its own column or a parent's):
    the only rows a workspace file may carry."""
    if any(f.name == "municipality" for f in model._meta.concrete_fields):
        return True
    return depth < 3 and any(
        f.is_relation
        and f.related_model not in (None, get_user_model(), ContentType)
        and f.name != "history_user"
        and _belongs_to_a_municipality(f.related_model, depth + 1)
        for f in model._meta.concrete_fields
    )


def _describe(obj, municipalities: dict) -> str:
    owner = _owner_id(obj)
    where = municipalities.get(owner)
    if where is None and owner is not None:
        where = Municipality.objects.filter(pk=owner).first()
        municipalities[owner] = where
    text = str(obj)
    text = text if len(text) <= 60 else text[:57] + "..."
    place = f"{where.name_uk} ({where.code})" if where else "no municipality"
    with translation.override("en"):  # the command line speaks English
        kind = str(obj._meta.verbose_name)
    return f"{kind} «{text}» (#{obj.pk} here) of {place}"


class _Rollback(Exception):
    pass


def _match_users(payload, report, *, match_email: bool) -> dict:
    """file key -> local user id. By key; by e-mail only when asked; else a placeholder."""
    User = get_user_model()
    mapping = {}
    for person in payload.get("users", []):
        keys = [person["key"], *person.get("keys", [])]
        local_ids = list(
            TransferKey.objects.filter(model="auth.user", key__in=keys).values_list(
                "local_id", flat=True
            )
        )
        user = User.objects.filter(pk__in=local_ids).order_by("pk").first()
        if user is None and match_email and person.get("email"):
            same = list(User.objects.filter(email__iexact=person["email"], is_active=True)[:2])
            if len(same) == 1:
                user = same[0]
                report.users_matched_by_email.append(f"{person['username']} = {user.username}")
        if user is None:
            username = person["username"]
            if User.objects.filter(username__iexact=username).exists():
                username = f"{username}-{person['key'][:8]}"
            user = User(
                username=username,
                email=person.get("email", ""),
                first_name=person.get("first_name", ""),
                last_name=person.get("last_name", ""),
                is_active=False,
            )
            user.set_unusable_password()
            user.save()
            report.users_created.append(username)
        known = set(
            map(str, TransferKey.objects.filter(key__in=keys).values_list("key", flat=True))
        )
        TransferKey.objects.filter(key__in=keys, model="auth.user").exclude(
            local_id=user.pk
        ).update(local_id=user.pk)
        TransferKey.objects.bulk_create(
            [TransferKey(key=k, model="auth.user", local_id=user.pk) for k in set(keys) - known]
        )
        for k in keys:
            mapping[k] = user.pk
    return mapping


def workspace_import(
    *, path: str | Path, overwrite: bool = False, dry_run: bool = False, match_email: bool = False
) -> ImportReport:
    """Load a workspace file. Conflicts abort the whole import unless ``overwrite``;
    ``dry_run`` runs the very same import and rolls it back, constraint checks included.
    ``match_email`` (an explicit decision of the importing administrator) lets a person of
    the file be matched to the one active account with the same e-mail address."""
    payload = _read(Path(path))
    report = ImportReport()
    try:
        with transaction.atomic():
            _import(payload, report, overwrite=overwrite, match_email=match_email)
            if report.conflicts:
                raise _Rollback
            try:
                connection.check_constraints()
            except IntegrityError as exc:
                report.failure = f"the data does not hold together here: {exc}"
                raise _Rollback from None
            if dry_run:
                raise _Rollback
    except _Rollback:
        pass
    except (
        IntegrityError,
        ValidationError,
        ValueError,
        LookupError,
        serializers.base.DeserializationError,
    ) as exc:
        report.failure = f"{type(exc).__name__}: {exc}"
    return report


def _is_historical(model) -> bool:
    return getattr(model, "instance_type", None) is not None


class _Run:
    """One import: the keys known here, what the file holds, what was done."""

    def __init__(self, payload, report, municipality, users, *, overwrite):
        self.report, self.municipality, self.users = report, municipality, users
        self.overwrite, self.code = overwrite, municipality.code
        self.municipalities = {municipality.pk: municipality}
        items = payload["objects"]
        wanted = [i["key"] for i in items if i.get("key")]
        wanted += [i["fields"]["id"] for i in items if _is_historical(apps.get_model(i["model"]))]
        self.known: dict = {}  # key -> local id of the row it names here (maybe removed)
        self.known_as: dict = {}  # key -> the model it names here
        for start in range(0, len(wanted), 900):
            for key, label, local_id in TransferKey.objects.filter(
                key__in=wanted[start : start + 900]
            ).values_list("key", "model", "local_id"):
                self.known[str(key)] = local_id
                self.known_as[str(key)] = label
        self.local: dict = {}  # key -> local id of a row that exists here
        by_label: dict = {}
        for i in items:
            if i.get("key") in self.known and self.known_as[i["key"]] == i["model"]:
                by_label.setdefault(i["model"], []).append(self.known[i["key"]])
        existing = set()
        for label, ids in by_label.items():
            model = apps.get_model(label)
            for start in range(0, len(ids), 900):
                existing.update(
                    (label, pk)
                    for pk in model._base_manager.filter(
                        pk__in=ids[start : start + 900]
                    ).values_list("pk", flat=True)
                )
        for i in items:
            key = i.get("key")
            if (
                key in self.known
                and self.known_as[key] == i["model"]
                and (i["model"], self.known[key]) in existing
            ):
                self.local[key] = self.known[key]
        # The versions the file holds of each record: key -> {history key: date}.
        self.file_history: dict = {}
        for i in items:
            if _is_historical(apps.get_model(i["model"])):
                self.file_history.setdefault(i["fields"]["id"], {})[i["key"]] = i["fields"][
                    "history_date"
                ]
        self.added_rows: set = set()
        self.owners: dict = {}  # (label, id) -> municipality id, for parents
        self.siblings: dict = {}  # (label, parent id) -> {natural key: row}
        # A copy for others does not know the restricted records: its silence about them
        # (a missing link, an empty reference) is not a change.
        self.partial = not payload.get("restricted_included", True)
        self.links: list = []  # (model, local id, {m2m field: [keys]}, outcome)


def _import(payload: dict, report: ImportReport, *, overwrite: bool, match_email: bool):
    code = payload["municipality"]
    fields = payload.get("municipality_fields") or {"code": code}
    municipality = Municipality.objects.filter(code=code).first()
    if municipality is None:
        municipality = Municipality(**fields)
        municipality.full_clean()
        municipality.save()
        report.added["workspaces.municipality"] += 1
    elif all(getattr(municipality, k) == v for k, v in fields.items()):
        report.unchanged["workspaces.municipality"] += 1
    elif overwrite:
        for k, v in fields.items():
            setattr(municipality, k, v)
        municipality.save()
        report.overwritten["workspaces.municipality"] += 1
    else:
        report.conflicts.append(
            f"municipality {municipality.name_uk} ({code}): its details differ here and in the file"
        )
    for label in {i["model"] for i in payload["objects"]}:
        model = apps.get_model(label)
        original = _original_label(model) or label
        if original in STAYS or model is Municipality or not _belongs_to_a_municipality(model):
            raise ValueError(
                f"the file holds rows of {label}, which a workspace file never "
                f"carries; it was not written by export-workspace"
            )
    users = _match_users(payload, report, match_email=match_email)
    run = _Run(payload, report, municipality, users, overwrite=overwrite)
    pending = list(payload["objects"])
    while pending:
        pending_keys = {i["key"] for i in pending if i.get("key")}
        waiting = []
        for item in pending:
            model = apps.get_model(item["model"])
            values = _local_values(run, model, item, pending_keys)
            if values is None:
                waiting.append(item)
                continue
            _import_one(run, model, item, values)
        if len(waiting) == len(pending):
            raise ValueError(
                f"{len(waiting)} records of the file refer to records that "
                f"are neither in the file nor here"
            )
        pending = waiting
    _link(run)


def _local_values(run: _Run, model, item, pending_keys) -> dict | None:
    """The item's fields with references turned into ids of this instance; None while a
    parent of the file is still to be imported."""
    User = get_user_model()
    historical = _is_historical(model)
    values = {}
    for name, value in item["fields"].items():
        f = model._meta.get_field(name)
        if f.many_to_many or (historical and name == "id"):
            continue
        if not f.is_relation or value is None:
            values[name] = value
            continue
        related = f.related_model
        if related is Municipality:
            if value != run.code:
                raise ValueError(f"the file holds a row of another municipality ({value})")
            values[name] = run.municipality.pk
        elif related is User:
            values[name] = run.users.get(value)
        elif related is ContentType:
            values[name] = ContentType.objects.get_by_natural_key(*value).pk
        elif value in run.local:
            values[name] = run.local[value]
        elif value in pending_keys and value != item.get("key"):
            return None
        else:
            values[name] = None  # not in the file (left out of a copy for others)
    return values


def _is_restricted(model, pk) -> bool:
    return (
        any(f.name == "restricted" for f in model._meta.concrete_fields)
        and model._base_manager.filter(pk=pk, restricted=True).exists()
    )


def _history_key(model, current):
    """The key of the latest version of a record here, or None (edited here since it last
    crossed, or never crossed); "" when it has no versions here."""
    history = getattr(model, "history", None)
    if history is None:
        return None
    latest = history.filter(id=current.pk).order_by("-history_date", "-history_id").first()
    if latest is None:
        return ""
    if any(
        getattr(latest, f.attname) != getattr(current, f.attname)
        for f in model._meta.concrete_fields
        if f.name != "updated_at"
    ):
        return None  # changed here without a version (e.g. a bulk update)
    key = TransferKey.objects.filter(
        model=latest._meta.label_lower, local_id=latest.history_id
    ).values_list("key", flat=True)
    return str(key[0]) if key else None


def _import_one(run: _Run, model, item, values) -> None:
    report, label = run.report, item["model"]
    if _is_historical(model) and not _version_of_known(run, model, item, values):
        report.left_out[label] += 1  # the version of a part removed over there, never seen here
        return
    natural = NATURAL.get(label)
    if item.get("key") and run.known_as.get(item["key"], label) != label:
        report.conflicts.append(
            f"{label} with key {item['key']}: that key names a "
            f"{run.known_as[item['key']]} here; left out"
        )
        return
    current = _current_row(run, model, item, values, natural)
    orphan = False
    if current is not None:
        owner = _owner_id(current, cache=run.owners)
        if (
            owner is not None
            and owner != run.municipality.pk
            and not Municipality.objects.filter(pk=owner).exists()
        ):
            # Left over from a workspace deleted here (versions outlive their records):
            # not touched, the file's row is added beside it.
            current, orphan = None, True
        elif owner != run.municipality.pk:
            # Never touch a row of another municipality, whatever the file says.
            report.conflicts.append(
                f"{_describe(current, run.municipalities)}: the file says it belongs to "
                f"{run.municipality.name_uk} ({run.code}); left alone"
            )
            return
    pk = current.pk if current else None
    if current is None and not orphan and not natural and run.known_as.get(item["key"]) == label:
        # Removed here, still there: it comes back under its own id here (never handed out
        # again), so its earlier versions here stay its versions.
        pk = run.known[item["key"]]
    data = {"model": label, "pk": pk, "fields": values}
    obj = next(serializers.deserialize("python", [data])).object
    if current is None and _owner_id(obj, cache=run.owners) not in (None, run.municipality.pk):
        # A new row hung on a parent of another municipality here: never added.
        report.conflicts.append(
            f"a new {label} of the file would belong to a record of another municipality "
            f"here; left out"
        )
        return
    m2m = {n: v for n, v in item["fields"].items() if model._meta.get_field(n).many_to_many}
    if current is None:
        _add_row(run, model, item, obj, natural=natural, m2m=m2m)
        return
    if run.partial:
        _keep_restricted_links(model, obj, current)
    outcome = _outcome(run, model, item, current, obj, natural=natural)
    if outcome is None:
        return
    if outcome in ("updated", "overwritten"):
        obj.save_base(raw=True)
    run.links.append((model, current.pk, m2m, outcome))
    getattr(
        report,
        {
            "updated": "updated",
            "overwritten": "overwritten",
            "kept": "kept",
            "unchanged": "unchanged",
        }[outcome],
    )[label] += 1


def _version_of_known(run: _Run, model, item, values) -> bool:
    """For a historical row: whether the record it is a version of is known here (then
    ``values["id"]`` becomes that record's id here)."""
    record = item["fields"]["id"]
    if record in run.known and run.known_as[record] == _original_label(model):
        values["id"] = run.known[record]
        return True
    return False


def _current_row(run: _Run, model, item, values, natural):
    """The row here that the file's item is (by its natural key among its parent's rows,
    or by its transfer key), or None."""
    label = item["model"]
    if natural:
        parent_field, names = natural
        parent = model._meta.get_field(parent_field).related_model._meta.label_lower
        if (parent, values[parent_field]) in run.added_rows:
            return None
        siblings = run.siblings.get((label, values[parent_field]))
        if siblings is None:  # the rows of one parent, read once
            siblings = {
                tuple(getattr(o, model._meta.get_field(n).attname) for n in names): o
                for o in model._base_manager.filter(**{f"{parent_field}_id": values[parent_field]})
            }
            run.siblings[(label, values[parent_field])] = siblings
        return siblings.get(tuple(values[n] for n in names))
    if item["key"] in run.local:
        return model._base_manager.filter(pk=run.local[item["key"]]).first()
    return None


def _add_row(run: _Run, model, item, obj, *, natural, m2m) -> None:
    """Save a row new here, with its transfer key (rows with a natural key have none)."""
    label = item["model"]
    obj.save_base(raw=True)
    if not natural:
        TransferKey.objects.update_or_create(
            key=item["key"], defaults={"model": label, "local_id": obj.pk}
        )
        run.local[item["key"]] = run.known[item["key"]] = obj.pk
        run.known_as[item["key"]] = label
    run.added_rows.add((label, obj.pk))
    run.report.added[label] += 1
    run.links.append((model, obj.pk, m2m, "added"))


def _keep_restricted_links(model, obj, current) -> None:
    """A partial file leaves out links to restricted rows: keep this row's links to them."""
    for f in model._meta.concrete_fields:
        if (
            f.is_relation
            and getattr(obj, f.attname) is None
            and getattr(current, f.attname) is not None
            and _is_restricted(f.related_model, getattr(current, f.attname))
        ):
            setattr(obj, f.attname, getattr(current, f.attname))


def _outcome(run: _Run, model, item, current, obj, *, natural) -> str | None:
    """What happens to a row both sides have: unchanged, kept, updated or overwritten;
    None (a conflict, reported) when it changed on both sides and nothing overwrites."""
    if _comparable(current) == _comparable(obj):
        return "unchanged"
    if item["model"] == "workspaces.membership" and not run.overwrite:
        return "kept"  # roles are decided by the owners on each instance
    # Which side changed? The file holds the versions it has seen of the record.
    seen_there = run.file_history.get(item["key"], {})
    here = _history_key(model, current) if not natural else None
    latest_there = max(seen_there, key=seen_there.get) if seen_there else None
    if here and here in seen_there:
        return "updated"  # changed only over there: the file is newer
    if latest_there and latest_there in run.known and here != "":
        return "kept"  # changed only here since it crossed: this copy is newer
    if run.overwrite:
        return "overwritten"
    run.report.conflicts.append(
        f"{_describe(current, run.municipalities)}: changed here and in the file"
    )
    return None


def _link(run: _Run) -> None:
    """Many-to-many links, once every record is here (a link may name a later record)."""
    for model, pk, m2m, outcome in run.links:
        if not m2m:
            continue
        obj = model._base_manager.get(pk=pk)
        wanted = {
            n: sorted(run.local[k] for k in keys if k in run.local) for n, keys in m2m.items()
        }
        if run.partial and outcome != "added":
            for n in wanted:
                related = model._meta.get_field(n).related_model
                hidden = (
                    related._base_manager.filter(
                        pk__in=getattr(obj, n).values_list("pk", flat=True), restricted=True
                    )
                    if any(f.name == "restricted" for f in related._meta.concrete_fields)
                    else related._base_manager.none()
                )
                wanted[n] = sorted({*wanted[n], *hidden.values_list("pk", flat=True)})
        if outcome in ("added", "updated", "overwritten"):
            for name, ids in wanted.items():
                getattr(obj, name).set(ids)
            continue
        differs = [
            n
            for n, ids in wanted.items()
            if sorted(getattr(obj, n).values_list("pk", flat=True)) != ids
        ]
        if differs and outcome == "unchanged":
            if run.overwrite:
                for name in differs:
                    getattr(obj, name).set(wanted[name])
                label = model._meta.label_lower
                run.report.unchanged[label] -= 1
                run.report.overwritten[label] += 1
            else:
                run.report.conflicts.append(
                    f"{_describe(obj, run.municipalities)}: its links "
                    f"({', '.join(differs)}) differ here and in the file"
                )
