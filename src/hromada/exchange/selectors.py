"""Reads of the peer exchange. Every read of what a municipality shared goes through its
active :class:`~hromada.exchange.models.Share` rows (never the items themselves), and
drops a share at once when its item has since been deleted or marked restricted."""

from __future__ import annotations

import warnings
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pandas as pd
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from hromada.core.disclosure import outward
from hromada.econ.errors import HromadaError
from hromada.econ.fiscal import fiscal_indicators
from hromada.econ.neighbours import feature_table, similar_municipalities
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
from hromada.planning.models import Kpi
from hromada.refdata import budgets, hromadas
from hromada.workspaces.models import Municipality
from hromada.workspaces.selectors import membership_list


# ---------------------------------------------------------------- plan and follow-up
def plan_selectors():
    """The follow-up app's plain-data selectors (``kpi_list``, ``kpi_history``,
    ``project_list``, ``plan_progress_summary``), or None where the app lacks them."""
    try:  # imported here: the follow-up app is optional
        from hromada.monitoring import selectors
    except ImportError:  # pragma: no cover - the app is optional
        return None
    needed = ("kpi_list", "kpi_history", "project_list", "plan_progress_summary")
    return selectors if all(hasattr(selectors, n) for n in needed) else None


def shareable_kpis(municipality: Municipality) -> list[dict]:
    sel = plan_selectors()
    if sel is None:
        return []
    return sel.kpi_list(municipality, include_restricted=False)


def shareable_projects(municipality: Municipality) -> list[dict]:
    sel = plan_selectors()
    if sel is None:
        return []
    return sel.project_list(municipality, include_restricted=False)


# ---------------------------------------------------------------- groups
def group_list(*, user: User) -> list[PeerGroup]:
    return list(visible_groups(user).order_by("name", "pk"))


def group_members(group: PeerGroup, *, statuses=(MemberStatus.ACTIVE,)) -> list[GroupMember]:
    return list(
        GroupMember.objects.filter(group=group, status__in=statuses).select_related("municipality")
    )


def municipality_places(municipality: Municipality) -> list[GroupMember]:
    """The municipality's places in groups (invited, active, declined, left)."""
    return list(
        GroupMember.objects.filter(municipality=municipality)
        .select_related("group")
        .order_by("group__name")
    )


# ---------------------------------------------------------------- shares
def _alive(shares: list[Share]) -> list[Share]:
    """Drop shares whose item has been deleted or restricted since it was shared."""
    by_type: dict[int, set[int | None]] = defaultdict(set)
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
    group: PeerGroup,
    *,
    kind: str | None = None,
    session: Session | None = None,
    municipality: Municipality | None = None,
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
        raise Http404("No such shared item")
    return share


def municipality_shares(municipality: Municipality) -> list[Share]:
    """Everything the municipality shares, in every group (its own view)."""
    return list(
        Share.objects.active()
        .filter(municipality=municipality)
        .select_related("group", "session")
        .order_by("group__name", "kind", "pk")
    )


def shared_keys(municipality: Municipality, group) -> dict[tuple, Share]:
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


def snapshot_get(*, municipality: Municipality, session: Session) -> ProgressSnapshot | None:
    return ProgressSnapshot.objects.filter(municipality=municipality, session=session).first()


def comment_list(*, share: Share | None = None, session: Session | None = None) -> list[Comment]:
    qs = Comment.objects.select_related("author", "municipality")
    if share is not None:
        return list(qs.filter(share=share))
    return list(qs.filter(session=session, share__isnull=True))


# ---------------------------------------------------------------- good-practice library
def _entry(values: dict, *, municipality: Municipality, share=None, practice=None) -> dict:
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
    *, user: User, q: str = "", step: str = "", sector: str = "", war: str = "", language: str = ""
) -> list[dict]:
    """Good-practice cases the user may read: their own municipalities' cases, and cases
    shared with a group they see (through the share rows). Filtered and searched."""
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


def practice_entry(*, user: User, pk: int) -> dict:
    """One case the user may read (own municipality's or shared with a visible group), or
    404."""
    for e in library(user=user):
        if e["pk"] == pk:
            return e
    raise Http404("No such case")


# ---------------------------------------------------------------- notifications
def notification_list(*, user: User, limit: int = 50) -> list[Notification]:
    return list(Notification.objects.filter(user=user)[:limit])


def notification_unread_count(*, user: User) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


# ---------------------------------------------------------------- snapshots
def snapshot_draft(municipality: Municipality) -> dict[str, str]:
    """A draft snapshot from the plan: goal progress, KPI movement, funding gap."""
    sel = plan_selectors()
    if sel is None:
        return {}
    summary = sel.plan_progress_summary(municipality, include_restricted=False)
    done = [f"{g['title']}: {_pct(g['progress'])}" for g in summary.get("goals", [])]
    p = summary.get("projects", {})
    done.append(
        _("Projects: %(count)s, completed %(completed)s, quick wins %(quick)s")
        % {
            "count": p.get("count", 0),
            "completed": p.get("completed", 0),
            "quick": p.get("quick_wins", 0),
        }
    )
    movement = []
    for k in shareable_kpis(municipality):
        actual = "—" if k.get("actual") is None else f"{k['actual']:g}"
        name = (
            f"{k['indicator']} ({_('illustrative')})" if k.get("illustrative") else k["indicator"]
        )
        movement.append(
            f"{name}: {k['baseline_value']:g} ({k['baseline_year']}) → "
            f"{actual} / {k['target_value']:g} {k.get('unit') or ''}".rstrip()
        )
    gap = summary.get("funding", {}).get("gap")
    obstacles = (
        _("Funding gap: %(gap)s UAH") % {"gap": f"{gap:,.0f}".replace(",", " ")} if gap else ""
    )
    return {"done": "\n".join(done), "kpi_movement": "\n".join(movement), "obstacles": obstacles}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}%"


# ---------------------------------------------------------------- acting for a municipality
def practice_list(
    municipality: Municipality, *, include_restricted: bool = True
) -> list[GoodPractice]:
    """The municipality's good practices (its own page lists restricted ones too)."""
    qs = GoodPractice.objects.filter(municipality=municipality)
    if not include_restricted:
        qs = qs.filter(restricted=False)
    return list(qs)


def practice_get_or_404(municipality: Municipality, pk: int) -> GoodPractice:
    return get_object_or_404(GoodPractice, pk=pk, municipality=municipality)


def shareable_items(municipality: Municipality, group: PeerGroup | int) -> dict[str, Any]:
    """What the municipality could share with a group, marked when already shared."""
    shared = shared_keys(municipality, group.pk if isinstance(group, PeerGroup) else group)
    return {
        "summary": shared.get((ShareKind.SUMMARY, None)),
        "summary_available": plan_selectors() is not None,
        "kpis": [
            {"item": k, "share": shared.get((ShareKind.KPI, k["id"]))}
            for k in shareable_kpis(municipality)
        ],
        "projects": [
            {"item": p, "share": shared.get((ShareKind.PROJECT, p["id"]))}
            for p in shareable_projects(municipality)
        ],
        "practices": [
            {"item": p, "share": shared.get((ShareKind.PRACTICE, p.pk))}
            for p in practice_list(municipality, include_restricted=False)
        ],
    }


def share_item_get_or_404(municipality: Municipality, kind: str, pk: int | None) -> Any:
    """The municipality's item a share of ``kind`` would carry (None for the plan's
    summary); 404 for another municipality's or an unknown kind."""
    if kind == ShareKind.SUMMARY:
        return None
    if kind == ShareKind.PRACTICE:
        return get_object_or_404(GoodPractice, pk=pk, municipality=municipality)
    if kind == ShareKind.KPI:
        return get_object_or_404(Kpi, pk=pk, municipality=municipality)
    if kind == ShareKind.PROJECT:
        from hromada.monitoring.models import Project  # here: the follow-up app is optional

        return get_object_or_404(Project, pk=pk, municipality=municipality)
    raise Http404


def own_share_get_or_404(municipality: Municipality, pk: int, *, active: bool = False) -> Share:
    """A share the municipality made (``active``: not revoked)."""
    filters: dict[str, Any] = {"pk": pk, "municipality": municipality}
    if active:
        filters["revoked_at__isnull"] = True
    return get_object_or_404(Share, **filters)


def session_any_get_or_404(pk: int) -> Session:
    """A session of any group (the caller checks the municipality belongs to it)."""
    return get_object_or_404(Session.objects.select_related("group"), pk=pk)


def group_member_get_or_404(group: PeerGroup, pk: int) -> GroupMember:
    return get_object_or_404(GroupMember, pk=pk, group=group)


# ---------------------------------------------------------------- similar municipalities
@lru_cache(maxsize=1)
def _features():
    return feature_table(hromadas(), budgets())


def similar_list(code: str, *, k: int = 5) -> list[dict]:
    """Hromadas most like this one (size, urban share, type, war status, distance to
    Russia, fiscal structure), nearest first; empty when the reference data is missing or
    the code is not in the registry."""
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


# ---------------------------------------------------------------- the comparison page
# The group's municipalities' public indicators (population and fiscal indicators of
# hromada.econ.fiscal on the KSE budgets) and the KPIs they shared, side by side. Shared
# KPIs are read from the share rows only.

#: Fiscal indicators shown, in order: (column of fiscal_indicators, is a share 0-1).
FISCAL_COLUMNS = (
    ("total_per_capita", False),
    ("own_per_capita", False),
    ("own_excl_military_per_capita", False),
    ("transfer_share", True),
    ("military_share_own", True),
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def kpi_progress(row: dict[str, Any]) -> float | None:
    """Share of the way from baseline to target reached by the latest value (1 = target)."""
    actual, base, target = row.get("actual"), row.get("baseline_value"), row.get("target_value")
    if actual is None or base is None or target is None or target == base:
        return None
    return (actual - base) / (target - base)


def public_indicators(codes: list[str]) -> tuple[pd.DataFrame, int | None]:
    """Population (registry, 1 January 2022) and fiscal indicators of the latest budget
    year, one row per code (missing values where the reference data has none).

    Returns the table (index code) and the budget year (None without budget data).
    """
    out = pd.DataFrame(index=pd.Index(codes, name="code"))
    try:
        reg = hromadas().set_index("code")
    except OSError:
        return out, None
    out["population"] = reg["population"].reindex(out.index)
    out["urban_share"] = reg["urban_share"].reindex(out.index)
    out["war_status"] = reg["war_status"].reindex(out.index)
    year = None
    try:
        b = budgets()
    except OSError:
        b = None
    if b is not None:
        b = b[b["hromada_code"].isin(codes)]
        if len(b):
            year = int(b["year"].max())
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    fi = fiscal_indicators(b, reg["population"], year=year)
                except HromadaError:
                    fi = None
            if fi is not None:
                for col, _share in FISCAL_COLUMNS:
                    if col in fi:
                        out[col] = fi[col].reindex(out.index)
                years = sorted(b["year"].unique())
                if len(years) >= 2:
                    change = f"own_excl_military_change_{years[-2]}_{years[-1]}"
                    if change in fi:
                        out["own_excl_military_change"] = fi[change].reindex(out.index)
    return out, year


def shared_kpis(group: PeerGroup) -> list[dict[str, Any]]:
    """The KPIs shared with the group (snapshots), with progress toward target."""
    rows = []
    for share in share_list(group, kind=ShareKind.KPI):
        d = share.data
        rows.append(
            {
                "share": share,
                "municipality": share.municipality,
                "indicator": d.get("indicator", share.title),
                "unit": d.get("unit", ""),
                "baseline_value": d.get("baseline_value"),
                "baseline_year": d.get("baseline_year"),
                "target_value": d.get("target_value"),
                "target_date": d.get("target_date"),
                "actual": d.get("actual"),
                "actual_date": d.get("actual_date"),
                "status": d.get("status"),
                "progress": kpi_progress(d),
                "history": d.get("history") or [],
                # computed from illustrative (made-up) data in the sharing municipality
                "illustrative": bool(d.get("illustrative")),
            }
        )
    return rows


def comparison(group: PeerGroup) -> dict[str, Any]:
    """The comparison page's data: each active member's public indicators (``members``),
    the budget year (``year``) and the KPIs shared with the group (``kpis``)."""
    members = group_members(group)
    codes = [m.municipality.code for m in members]
    table, year = public_indicators(codes)
    rows = []
    for m in members:
        r = table.loc[m.municipality.code].to_dict() if m.municipality.code in table.index else {}
        r = {k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
        if r.get("population") is None and m.municipality.population:
            r["population"] = m.municipality.population
        rows.append({"municipality": m.municipality, **r})
    return {"members": rows, "year": year, "kpis": shared_kpis(group)}
