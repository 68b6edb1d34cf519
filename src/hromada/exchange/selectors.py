"""Reads of the peer exchange. Every read of what a municipality shared goes through its
active :class:`~hromada.exchange.models.Share` rows (never the items themselves), and
drops a share at once when its item has since been deleted or marked restricted."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404

from hromada.core.disclosure import outward
from hromada.exchange.models import (
    Comment,
    GoodPractice,
    GroupMember,
    MemberStatus,
    Notification,
    PeerGroup,
    ProgressSnapshot,
    Session,
    Share,
    ShareKind,
    Step,
    WarSituation,
    practice_languages,
    practice_text,
)
from hromada.exchange.permissions import visible_groups


# ---------------------------------------------------------------- plan and follow-up
def plan_selectors():
    """The follow-up app's plain-data selectors (``kpi_list``, ``kpi_history``,
    ``project_list``, ``plan_progress_summary``), or None where the app lacks them."""
    try:
        from hromada.monitoring import selectors
    except ImportError:  # pragma: no cover - the app is optional
        return None
    needed = ("kpi_list", "kpi_history", "project_list", "plan_progress_summary")
    return selectors if all(hasattr(selectors, n) for n in needed) else None


def shareable_kpis(municipality) -> list[dict]:
    sel = plan_selectors()
    if sel is None:
        return []
    return sel.kpi_list(municipality, include_restricted=False)


def shareable_projects(municipality) -> list[dict]:
    sel = plan_selectors()
    if sel is None:
        return []
    return sel.project_list(municipality, include_restricted=False)


# ---------------------------------------------------------------- groups
def group_list(*, user) -> list[PeerGroup]:
    return list(visible_groups(user).order_by("name", "pk"))


def group_members(group: PeerGroup, *, statuses=(MemberStatus.ACTIVE,)) -> list[GroupMember]:
    return list(
        GroupMember.objects.filter(group=group, status__in=statuses).select_related("municipality")
    )


def municipality_places(municipality) -> list[GroupMember]:
    """The municipality's places in groups (invited, active, declined, left)."""
    return list(
        GroupMember.objects.filter(municipality=municipality)
        .select_related("group")
        .order_by("group__name")
    )


# ---------------------------------------------------------------- shares
def _alive(shares: list[Share]) -> list[Share]:
    """Drop shares whose item has been deleted or restricted since it was shared."""
    by_type: dict[int, set[int]] = defaultdict(set)
    for s in shares:
        if s.content_type_id is not None:
            by_type[s.content_type_id].add(s.object_id)
    ok: dict[int, set[int]] = {}
    for ct_id, ids in by_type.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is None:
            ok[ct_id] = set()
            continue
        manager = getattr(model, "all_objects", model._default_manager)
        qs = outward(manager.filter(pk__in=ids))  # neither it nor a parent restricted
        names = {f.name for f in model._meta.get_fields()}
        if "deleted_at" in names:
            qs = qs.filter(deleted_at__isnull=True)
        ok[ct_id] = set(qs.values_list("pk", flat=True))
    return [s for s in shares if s.content_type_id is None or s.object_id in ok[s.content_type_id]]


def share_list(
    group: PeerGroup, *, kind: str | None = None, session: Session | None = None, municipality=None
) -> list[Share]:
    """The group's visible shares: active, from active members, items still shareable."""
    qs = (
        Share.objects.active()
        .filter(
            group=group,
            municipality__in=GroupMember.objects.filter(
                group=group, status=MemberStatus.ACTIVE
            ).values("municipality"),
        )
        .select_related("municipality", "session")
    )
    if kind is not None:
        qs = qs.filter(kind=kind)
    if session is not None:
        qs = qs.filter(session=session)
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return _alive(list(qs))


def share_get(group: PeerGroup, pk: int) -> Share:
    """A visible share of the group, or 404."""
    share = get_object_or_404(
        Share.objects.active().select_related("municipality", "session"), pk=pk, group=group
    )
    if not GroupMember.objects.filter(
        group=group, municipality=share.municipality, status=MemberStatus.ACTIVE
    ).exists() or not _alive([share]):
        from django.http import Http404

        raise Http404("No such shared item")
    return share


def municipality_shares(municipality) -> list[Share]:
    """Everything the municipality shares, in every group (its own view)."""
    return list(
        Share.objects.active()
        .filter(municipality=municipality)
        .select_related("group", "session")
        .order_by("group__name", "kind", "pk")
    )


def shared_keys(municipality, group) -> dict[tuple, Share]:
    """(kind, object id) -> active share, to mark items already shared with a group."""
    return {
        (s.kind, s.object_id): s
        for s in Share.objects.active().filter(municipality=municipality, group=group)
    }


# ---------------------------------------------------------------- sessions and snapshots
def session_list(group: PeerGroup) -> list[Session]:
    return list(Session.objects.filter(group=group))


def session_get(group: PeerGroup, pk: int) -> Session:
    return get_object_or_404(Session, pk=pk, group=group)


def submissions(session: Session) -> list[dict]:
    """For every active member: its submitted snapshot share, or None. The facilitator sees
    who has submitted, and the snapshots themselves only through the shares."""
    shares = {
        s.municipality_id: s
        for s in share_list(session.group, kind=ShareKind.SNAPSHOT, session=session)
    }
    return [
        {"municipality": m.municipality, "share": shares.get(m.municipality_id)}
        for m in group_members(session.group)
    ]


def snapshot_get(*, municipality, session: Session) -> ProgressSnapshot | None:
    return ProgressSnapshot.objects.filter(municipality=municipality, session=session).first()


def comment_list(*, share: Share | None = None, session: Session | None = None) -> list[Comment]:
    qs = Comment.objects.select_related("author", "municipality")
    if share is not None:
        return list(qs.filter(share=share))
    return list(qs.filter(session=session, share__isnull=True))


# ---------------------------------------------------------------- good-practice library
def _entry(values: dict, *, municipality, share=None, practice=None) -> dict:
    return {
        "values": values,
        "title": practice_text(values, "title"),
        "problem": practice_text(values, "problem"),
        "approach": practice_text(values, "approach"),
        "results": practice_text(values, "results"),
        "languages": practice_languages(values),
        "municipality": municipality,
        "step_label": _label(Step, values.get("step")),
        "war_label": _label(WarSituation, values.get("war_situation")),
        "share": share,
        "practice": practice,
        "pk": practice.pk if practice is not None else share.object_id,
    }


def _label(choices, value) -> str:
    try:
        return str(choices(value).label) if value else ""
    except ValueError:
        return str(value)


def library(
    *, user, q: str = "", step: str = "", sector: str = "", war: str = "", language: str = ""
) -> list[dict]:
    """Good-practice cases the user may read: their own municipalities' cases, and cases
    shared with a group they see (through the share rows). Filtered and searched."""
    from hromada.workspaces.selectors import membership_list

    own = [m.municipality for m in membership_list(user=user)]
    entries, seen = [], set()
    # The library is read by peers too: restricted cases stay on the municipality's page.
    for p in outward(GoodPractice.objects.filter(municipality__in=own)).select_related(
        "municipality"
    ):
        entries.append(_entry(p.values(), municipality=p.municipality, practice=p))
        seen.add(p.pk)
    ct = ContentType.objects.get_for_model(GoodPractice)
    for group in visible_groups(user):
        for s in share_list(group, kind=ShareKind.PRACTICE):
            if s.content_type_id == ct.pk and s.object_id not in seen:
                seen.add(s.object_id)
                entries.append(_entry(s.data, municipality=s.municipality, share=s))
    return [
        e for e in entries if _matches(e, q=q, step=step, sector=sector, war=war, language=language)
    ]


def _matches(entry: dict, *, q: str, step: str, sector: str, war: str, language: str) -> bool:
    v = entry["values"]
    if step and v.get("step") != step:
        return False
    if war and v.get("war_situation") != war:
        return False
    if sector and sector.casefold() not in (v.get("sector") or "").casefold():
        return False
    if language == "both" and len(entry["languages"]) < 2:
        return False
    if language in ("uk", "en") and language not in entry["languages"]:
        return False
    if q:
        haystack = " ".join(str(x) for x in v.values() if x).casefold()
        return all(word in haystack for word in q.casefold().split())
    return True


def library_sectors(entries: list[dict]) -> list[str]:
    return sorted({e["values"].get("sector") for e in entries if e["values"].get("sector")})


def practice_entry(*, user, pk: int) -> dict:
    """One case the user may read (own municipality's or shared with a visible group), or
    404."""
    for e in library(user=user):
        if e["pk"] == pk:
            return e
    from django.http import Http404

    raise Http404("No such case")


# ---------------------------------------------------------------- notifications
def notification_list(*, user, limit: int = 50) -> list[Notification]:
    return list(Notification.objects.filter(user=user)[:limit])


def notification_unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


# ---------------------------------------------------------------- similar municipalities
@lru_cache(maxsize=1)
def _features():
    from hromada.econ.neighbours import feature_table
    from hromada.refdata import budgets, hromadas

    return feature_table(hromadas(), budgets())


def similar_list(code: str, *, k: int = 5) -> list[dict]:
    """Hromadas most like this one (size, urban share, type, war status, distance to
    Russia, fiscal structure), nearest first; empty when the reference data is missing or
    the code is not in the registry."""
    import warnings

    from hromada.econ.errors import HromadaError
    from hromada.econ.neighbours import similar_municipalities
    from hromada.refdata import hromadas

    try:
        features = _features()
        if code not in features.index:
            return []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            near = similar_municipalities(features, code, k=k)
        reg = hromadas().set_index("code")
    except (OSError, HromadaError, KeyError):
        return []
    from hromada.workspaces.models import Municipality

    in_app = set(
        Municipality.objects.filter(code__in=list(near.index)).values_list("code", flat=True)
    )
    out = []
    for c, row in near.iterrows():
        r = reg.loc[c]
        out.append(
            {
                "code": c,
                "name_uk": r["name_uk"],
                "name_en": r["name_en"],
                "oblast_uk": r["oblast_uk"],
                "oblast_en": r["oblast_en"],
                "population": int(r["population"]) if r["population"] == r["population"] else None,
                "war_status": r["war_status"],
                "distance": float(row["distance"]),
                "in_hromada": c in in_app,
            }
        )
    return out
