"""The one rule for restricted content, in one place.

A record marked ``restricted`` (``core.models.MunicipalityRecord``) never leaves its
municipality: every path by which data leaves (reports, CSV and XLSX exports, the DREAM
export, peer shares and what is built from them, snapshots, session PDFs, comparisons, the
good-practice library, a workspace copy for others) reads through these helpers, which drop

- the restricted records themselves,
- every record that hangs off a restricted one (a KPI of a restricted goal, a value of a
  restricted KPI, the funding of a restricted project): the *children*, found by walking
  the record's foreign keys to other municipality records,
- and so everything computed from them (totals, the funding gap, progress), because the
  totals are computed from what these helpers return.

``include_restricted=True`` is the municipality's own view, and the *internal copy* an
owner asks for explicitly; such a copy is marked with :data:`INTERNAL_MARK` on every page.
See ``docs/security.md``.
"""

from __future__ import annotations

from functools import cache

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hromada.core.models import MunicipalityRecord

#: Printed on every page of an internal copy (a file that includes restricted records).
INTERNAL_MARK = _("internal: contains restricted records")

#: How far up a chain of parents is followed (strategic goal <- operational goal <- KPI <-
#: KPI value is three steps).
_DEPTH = 4


def _is_record(model) -> bool:
    return model is not None and issubclass(model, MunicipalityRecord)


@cache
def parent_paths(model) -> tuple[tuple[str, bool], ...]:
    """(lookup, nullable) of every parent record of ``model`` up to a few steps up, e.g.
    ``("operational_goal", False), ("operational_goal__strategic_goal", False)`` for a KPI."""
    out: list[tuple[str, bool]] = []

    def walk(m, prefix: str, nullable: bool, depth: int) -> None:
        if depth >= _DEPTH:
            return
        for f in m._meta.concrete_fields:
            if not (f.is_relation and f.many_to_one and _is_record(f.related_model)):
                continue
            path = f"{prefix}{f.name}"
            out.append((path, nullable or f.null))
            walk(f.related_model, f"{path}__", nullable or f.null, depth + 1)

    walk(model, "", False, 0)
    return tuple(out)


def outward(qs, *, include_restricted: bool = False):
    """``qs`` without restricted records and without records under a restricted parent
    (unless ``include_restricted``: the municipality's own view or an owner's internal
    copy)."""
    if include_restricted or not _is_record(qs.model):
        return qs
    q = Q(restricted=False)
    for path, nullable in parent_paths(qs.model):
        cond = Q(**{f"{path}__restricted": False})
        if nullable:
            cond |= Q(**{f"{path}__isnull": True})
        q &= cond
    return qs.filter(q)


def is_outward(obj, _depth: int = 0) -> bool:
    """Whether one record may leave the municipality: neither it nor a parent restricted
    (a deleted parent counts as gone)."""
    if obj is None:
        return True
    if getattr(obj, "restricted", False) or (
        _depth and getattr(obj, "deleted_at", None) is not None
    ):
        return False
    if _depth >= _DEPTH:
        return True
    for f in type(obj)._meta.concrete_fields:
        if f.is_relation and f.many_to_one and _is_record(f.related_model):
            if getattr(obj, f.attname) is None:
                continue
            parent = f.related_model.all_objects.filter(pk=getattr(obj, f.attname)).first()
            if not is_outward(parent, _depth + 1):
                return False
    return True


def keep(objects, *, include_restricted: bool = False) -> list:
    """The records of an already fetched list (e.g. a project's goals) that may leave."""
    objects = list(objects)
    return objects if include_restricted else [o for o in objects if is_outward(o)]


def record_models() -> list:
    """Every concrete model of a municipality's records (the kinds that can be restricted)."""
    from django.apps import apps

    return [
        m
        for m in apps.get_models()
        if _is_record(m) and not m._meta.abstract and not m.__name__.startswith("Historical")
    ]


#: Shorter texts ("m2", "UAH") are too common to stand for a record.
MIN_TEXT = 4


def _texts(obj) -> set[str]:
    from django.db import models

    out = set()
    for f in obj._meta.concrete_fields:
        if isinstance(f, models.CharField | models.TextField) and not f.choices:
            value = (getattr(obj, f.attname) or "").strip()
            if len(value) >= MIN_TEXT:
                out.add(value)
    return out


def hidden_texts(municipality) -> set[str]:
    """The texts (titles, descriptions...) of the municipality's records that may not leave
    it: restricted ones and those under a restricted parent. Used to catch text written
    from them earlier (a generated snapshot, a share made before the restriction). A text
    that a record which may leave carries too (a unit, a department) is not secret."""
    out: set[str] = set()
    public: set[str] = set()
    for model in record_models():
        qs = model.all_objects.filter(municipality=municipality).defer(
            *[
                f.name
                for f in model._meta.concrete_fields  # large JSON (panels) not needed
                if f.get_internal_type() == "JSONField"
            ]
        )
        shown = set(outward(qs).values_list("pk", flat=True))
        for obj in qs:
            (public if obj.pk in shown else out).update(_texts(obj))
    return out - public


def mentions(value, texts: set[str]) -> bool:
    """Whether ``value`` (text, or JSON-like data) contains any of ``texts``."""
    if not texts:
        return False
    if isinstance(value, dict):
        return any(mentions(v, texts) or mentions(k, texts) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(mentions(v, texts) for v in value)
    if isinstance(value, str):
        return any(t in value for t in texts)
    return False
