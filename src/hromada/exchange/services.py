"""Writes of the peer exchange: groups, invitations, sessions, sharing, snapshots, good
practice, comments and notifications."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, cast

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.core.disclosure import hidden_texts, is_outward, mentions
from hromada.exchange import selectors
from hromada.exchange.models import (
    Comment,
    GoodPractice,
    GroupMember,
    MemberStatus,
    NoticeKind,
    Notification,
    PeerGroup,
    ProgressSnapshot,
    Session,
    Share,
    ShareKind,
)
from hromada.exchange.permissions import group_access, is_facilitator
from hromada.workspaces.models import Membership, Municipality, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from hromada.workspaces.models import Municipality

log = logging.getLogger(__name__)


# ---------------------------------------------------------------- notifications
def _municipality_users(municipality: Municipality, *, owners_only: bool = False) -> list:
    qs = Membership.objects.filter(municipality=municipality).select_related("user")
    if owners_only:
        qs = qs.filter(role=Role.OWNER)
    return [m.user for m in qs]


#: The background tasks this module enqueues, by name. ``hromada.exchange.tasks`` fills it
#: on import (``ExchangeConfig.ready`` imports it), so tasks import services, never the
#: reverse.
_TASKS: dict[str, Any] = {}


def register_task(name: str, task: Any) -> None:
    """Let this module enqueue ``task`` as ``name`` (called by ``exchange.tasks``)."""
    _TASKS[name] = task


def notify(
    *, users, kind: str, subject: str, url: str = "", group=None, exclude=None
) -> list[Notification]:
    """In-app notices for ``users`` (each once, never to ``exclude``); an e-mail to those
    with an address, through Django's mail settings, after the transaction commits."""
    seen, notes = set(), []
    for user in users:
        if user is None or user.pk in seen or (exclude is not None and user.pk == exclude.pk):
            continue
        seen.add(user.pk)
        note = Notification(user=user, kind=kind, subject=subject[:300], url=url, group=group)
        note.full_clean()
        note.save()
        notes.append(note)
    ids = [n.pk for n in notes if n.user.email]
    if ids:
        transaction.on_commit(lambda: _TASKS["notification_emails"].enqueue(ids))
    return notes


@transaction.atomic
def notification_read(*, user: User, pk: int | None = None) -> int:
    """Mark one (or all) of the user's notices read; returns how many changed."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if pk is not None:
        qs = qs.filter(pk=pk)
    return qs.update(read_at=timezone.now())


# ---------------------------------------------------------------- groups
@transaction.atomic
def group_create(*, facilitator: User, name: str, description: str = "") -> PeerGroup:
    if not is_facilitator(facilitator):
        raise PermissionDenied(_("Only facilitators can create peer groups."))
    group = PeerGroup(name=name, description=description, created_by=facilitator)
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def group_update(*, group: PeerGroup, name: str, description: str = "") -> PeerGroup:
    group.name, group.description = name, description
    group.full_clean()
    group.save()
    return group


@transaction.atomic
def group_invite(*, group: PeerGroup, by: User, code: str) -> GroupMember | None:
    """Invite the municipality with this KATOTTG code. Returns None when no workspace has
    that code (the caller shows the same message either way). Invites again a
    municipality that declined or left; leaves an active or invited one as it is."""
    municipality = Municipality.objects.filter(code=code.strip().upper()).first()
    if municipality is None:
        return None
    member, created = GroupMember.objects.get_or_create(
        group=group, municipality=municipality, defaults={"invited_by": by}
    )
    if not created and member.status in (MemberStatus.DECLINED, MemberStatus.LEFT):
        member.status, member.invited_by = MemberStatus.INVITED, by
        member.invited_at = timezone.now()
        member.responded_at = member.responded_by = None
        member.save()
    if member.status == MemberStatus.INVITED:
        notify(
            users=_municipality_users(municipality, owners_only=True),
            kind=NoticeKind.INVITATION,
            subject=group.name,
            url=reverse("exchange:municipality", args=[municipality.code]),
            group=group,
        )
    return member


@transaction.atomic
def group_respond(*, member: GroupMember, by: User, accept: bool) -> GroupMember:
    """An owner accepts or declines the invitation."""
    if member.status != MemberStatus.INVITED:
        raise ValidationError(_("This invitation is no longer open."))
    member.status = MemberStatus.ACTIVE if accept else MemberStatus.DECLINED
    member.responded_by, member.responded_at = by, timezone.now()
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def group_leave(*, member: GroupMember, by: User) -> GroupMember:
    """Leave a group: every item the municipality shares with it is revoked."""
    for share in Share.objects.active().filter(
        group=member.group, municipality=member.municipality
    ):
        share_revoke(share=share, by=by)
    member.status, member.responded_by, member.responded_at = MemberStatus.LEFT, by, timezone.now()
    member.save()
    return member


@transaction.atomic
def group_remove(*, member: GroupMember, by: User) -> None:
    """The facilitator removes a municipality (or withdraws its invitation)."""
    for share in Share.objects.active().filter(
        group=member.group, municipality=member.municipality
    ):
        share_revoke(share=share, by=by)
    member.delete()


# ---------------------------------------------------------------- sessions
SESSION_FIELDS = ("title", "starts_at", "agenda", "participants", "link", "place")


@transaction.atomic
def session_create(*, group: PeerGroup, by: User, **fields: Any) -> Session:
    session = Session(
        group=group, created_by=by, **{k: v for k, v in fields.items() if k in SESSION_FIELDS}
    )
    session.full_clean()
    session.save()
    url = reverse("exchange:session", args=[group.pk, session.pk])
    for m in selectors.group_members(group):
        notify(
            users=_municipality_users(m.municipality),
            kind=NoticeKind.SESSION,
            subject=session.title,
            url=url,
            group=group,
            exclude=by,
        )
    return session


@transaction.atomic
def session_update(*, session: Session, **fields: Any) -> Session:
    for k, v in fields.items():
        if k in SESSION_FIELDS:
            setattr(session, k, v)
    session.full_clean()
    session.save()
    return session


# ---------------------------------------------------------------- sharing
def _share_values(kind: str, municipality: Municipality, item) -> tuple[str, dict]:
    """(title, snapshot of values) of an item about to be shared: read through
    core.disclosure, so nothing restricted (a parent goal's title, a restricted project's
    budget in the totals, a restricted KPI value) is in it."""
    sel = selectors.plan_selectors()
    if kind == ShareKind.SUMMARY:
        if sel is None:
            raise ValidationError(_("The plan's progress summary is not available."))
        return str(_("Progress summary")), sel.plan_progress_summary(
            municipality, include_restricted=False
        )
    if kind == ShareKind.KPI:
        if sel is None:
            raise ValidationError(_("KPIs are not available."))
        row = next(
            (k for k in sel.kpi_list(municipality, include_restricted=False) if k["id"] == item.pk),
            None,
        )
        if row is None:
            raise ValidationError(_("No such KPI."))
        return row["indicator"], {**row, "history": sel.kpi_history(item, include_restricted=False)}
    if kind == ShareKind.PROJECT:
        if sel is None:
            raise ValidationError(_("Projects are not available."))
        row = next(
            (
                p
                for p in sel.project_list(municipality, include_restricted=False)
                if p["id"] == item.pk
            ),
            None,
        )
        if row is None:
            raise ValidationError(_("No such project."))
        return row["title"], row
    if kind == ShareKind.PRACTICE:
        return str(item) or str(_("Good practice")), item.values()
    if kind == ShareKind.SNAPSHOT:
        return str(item.session), item.values()
    raise ValidationError(_("Unknown kind of item: %(kind)s") % {"kind": kind})


def _json(values: dict) -> dict:
    """Values as they will read back from the JSON column (dates as ISO strings)."""
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def _check_shareable(
    *,
    municipality: Municipality,
    group: PeerGroup,
    kind: str,
    item: Any,
    session: Session | None,
) -> None:
    """Refuse (ValidationError, PermissionDenied) what may not be shared: an unknown kind,
    a municipality that is no active member, an item not its own, deleted or restricted,
    a snapshot for another group's session."""
    if kind not in ShareKind.values:
        raise ValidationError(_("Unknown kind of item: %(kind)s") % {"kind": kind})
    if not GroupMember.objects.filter(
        group=group, municipality=municipality, status=MemberStatus.ACTIVE
    ).exists():
        raise PermissionDenied(_("Your municipality is not a member of this group."))
    if kind != ShareKind.SUMMARY:
        if item is None or getattr(item, "municipality_id", None) != municipality.pk:
            raise ValidationError(_("No such item."))
        if getattr(item, "deleted_at", None) is not None:
            raise ValidationError(_("No such item."))
        if not is_outward(item):
            raise ValidationError(_("Restricted items can never be shared."))
    if kind == ShareKind.SNAPSHOT:
        if session is None or session.group_id != group.pk:
            raise ValidationError(_("A snapshot is shared with its own session's group."))


@transaction.atomic
def share_create(
    *,
    municipality: Municipality,
    group: PeerGroup,
    kind: str,
    by: User,
    item: Any = None,
    session: Session | None = None,
) -> Share:
    """Share one item with a group (or update the snapshot if it is already shared).

    The municipality must be an active member; the item must be its own, alive and not
    restricted. Only the values captured now are shown to the group.
    """
    _check_shareable(municipality=municipality, group=group, kind=kind, item=item, session=session)
    title, values = _share_values(kind, municipality, item)
    if kind in (ShareKind.SNAPSHOT, ShareKind.PRACTICE) and mentions(
        values, hidden_texts(municipality)
    ):
        raise ValidationError(_("The text names a restricted record; change it before sharing."))
    ct = ContentType.objects.get_for_model(item) if item is not None else None
    existing = Share.objects.active().filter(
        group=group,
        municipality=municipality,
        kind=kind,
        content_type=ct,
        object_id=item.pk if item is not None else None,
    )
    share = existing.first()
    if share is None:
        share = Share(
            group=group,
            municipality=municipality,
            kind=kind,
            session=session,
            content_type=ct,
            object_id=item.pk if item is not None else None,
            shared_by=by,
        )
    else:
        share.refreshed_at = timezone.now()
    created = share.pk is None
    share.title, share.data = title[:300], _json(values)
    share.full_clean()
    share.save()
    if created and kind != ShareKind.SNAPSHOT:
        notify(
            users=[group.created_by],
            kind=NoticeKind.SHARE,
            subject=f"{share.title} ({municipality.name})",
            url=reverse("exchange:share", args=[group.pk, share.pk]),
            group=group,
            exclude=by,
        )
    return share


@transaction.atomic
def share_refresh(*, share: Share, by: User | None) -> Share:
    """Update the shared values from the item as it is now; an item deleted or restricted
    since is no longer shared (the share comes back revoked)."""
    if not share.is_active:
        raise ValidationError(_("This item is no longer shared."))
    item = share.item if share.content_type_id else None
    if share.content_type_id and (
        item is None or not is_outward(item) or getattr(item, "deleted_at", None) is not None
    ):
        # Deleted or restricted since: stop sharing (the caller sees revoked_at set).
        return share_revoke(share=share, by=by)
    try:
        title, values = _share_values(share.kind, share.municipality, item)
    except ValidationError:  # no longer shareable (e.g. its goal is restricted now)
        return share_revoke(share=share, by=by)
    if share.kind in (ShareKind.SNAPSHOT, ShareKind.PRACTICE) and mentions(
        values, hidden_texts(share.municipality)
    ):
        return share_revoke(share=share, by=by)
    share.title, share.data, share.refreshed_at = title[:300], _json(values), timezone.now()
    share.save()
    return share


@transaction.atomic
def shares_recheck(*, municipality: Municipality, by: User | None = None) -> list[Share]:
    """After a record of the municipality was restricted (or moved under a restricted
    parent): every active share of the municipality is read again through core.disclosure;
    a share of a record that may no longer leave is revoked, the others get values without
    it (totals, parents' titles). Returns the shares revoked."""
    revoked = []
    for share in Share.objects.active().filter(municipality=municipality):
        share = share_refresh(share=share, by=by)
        if share.revoked_at is not None:
            revoked.append(share)
    return revoked


@transaction.atomic
def share_revoke(*, share: Share, by: User | None) -> Share:
    """Stop sharing: the item disappears from every page of the group at once."""
    if share.revoked_at is None:
        share.revoked_at, share.revoked_by = timezone.now(), by
        share.save(update_fields=["revoked_at", "revoked_by"])
        # Notices about it named the item: they no longer do.
        Notification.objects.filter(
            url=reverse("exchange:share", args=[share.group_id, share.pk])
        ).update(subject="—")
    return share


def _refresh_shares_of(item, *, by: User) -> None:
    ct = ContentType.objects.get_for_model(item)
    for share in Share.objects.active().filter(content_type=ct, object_id=item.pk):
        share_refresh(share=share, by=by)


# ---------------------------------------------------------------- snapshots
SNAPSHOT_FIELDS = ("done", "kpi_movement", "obstacles", "questions")


@transaction.atomic
def snapshot_save(
    *, municipality: Municipality, session: Session, by: User, **fields: Any
) -> ProgressSnapshot:
    """Write the municipality's snapshot for a session; a submitted one is updated in the
    group too."""
    snap = selectors.snapshot_get(municipality=municipality, session=session)
    if snap is None:
        snap = ProgressSnapshot(municipality=municipality, session=session, created_by=by)
    for k, v in fields.items():
        if k in SNAPSHOT_FIELDS:
            setattr(snap, k, v)
    if "restricted" in fields:
        snap.restricted = bool(fields["restricted"])
    snap._history_user = by
    snap.full_clean()
    snap.save()
    _refresh_shares_of(snap, by=by)
    return snap


@transaction.atomic
def snapshot_generate(
    *, municipality: Municipality, session: Session, by: User
) -> ProgressSnapshot:
    """Fill the snapshot from the plan (keeping questions already written)."""
    draft = selectors.snapshot_draft(municipality)
    if not draft:
        raise ValidationError(_("The plan is not available to generate a snapshot from."))
    snap = snapshot_save(municipality=municipality, session=session, by=by, **draft)
    snap.generated = True
    snap.save(update_fields=["generated"])
    return snap


@transaction.atomic
def snapshot_submit(*, municipality: Municipality, session: Session, by: User) -> Share:
    """Submit the snapshot: share it with the session's group; the facilitator is told."""
    snap = selectors.snapshot_get(municipality=municipality, session=session)
    if snap is None:
        raise ValidationError(_("Write the snapshot first."))
    share = share_create(
        municipality=municipality,
        group=session.group,
        kind=ShareKind.SNAPSHOT,
        by=by,
        item=snap,
        session=session,
    )
    notify(
        users=[session.group.created_by],
        kind=NoticeKind.SNAPSHOT,
        subject=f"{municipality.name} · {session.title}",
        url=reverse("exchange:session", args=[session.group_id, session.pk]),
        group=session.group,
        exclude=by,
    )
    return share


# ---------------------------------------------------------------- good practice
PRACTICE_FIELDS = tuple(
    f.name
    for f in GoodPractice._meta.get_fields()
    if f.name.endswith(("_uk", "_en"))
    or f.name in ("costs", "partners", "contacts", "step", "sector", "war_situation", "restricted")
)


@transaction.atomic
def practice_save(
    *, municipality: Municipality, by: User, practice: GoodPractice | None = None, **fields: Any
) -> GoodPractice:
    """Create or change a case; its shares are updated (or revoked if now restricted)."""
    if practice is None:
        practice = GoodPractice(municipality=municipality, created_by=by)
    elif practice.municipality_id != municipality.pk:
        raise PermissionDenied
    for k, v in fields.items():
        if k in PRACTICE_FIELDS:
            setattr(practice, k, v)
    if not (practice.title_uk.strip() or practice.title_en.strip()):
        raise ValidationError(_("Give the case a title in Ukrainian or English."))
    practice._history_user = by
    practice.full_clean()
    practice.save()
    _refresh_shares_of(practice, by=by)
    return practice


# ---------------------------------------------------------------- comments
@transaction.atomic
def comment_add(
    *,
    group: PeerGroup,
    author: User,
    body: str,
    share: Share | None = None,
    session: Session | None = None,
    municipality: Municipality | None = None,
) -> Comment:
    """A comment on a shared item or a session; everyone concerned gets a notice."""
    if (share is None) == (session is None):
        raise ValidationError(_("A comment belongs to one shared item or one session."))
    target = share if share is not None else cast(Session, session)
    if target.group_id != group.pk or (share is not None and not share.is_active):
        raise ValidationError(_("No such item."))
    comment = Comment(
        group=group,
        author=author,
        body=body.strip(),
        share=share,
        session=session,
        municipality=municipality,
    )
    comment.full_clean()
    comment.save()
    if share is not None:
        users = _municipality_users(share.municipality) + [group.created_by]
        url = reverse("exchange:share", args=[group.pk, share.pk])
        subject = f"{share.title} ({share.municipality.name})"
    else:
        users = [group.created_by]
        for m in selectors.group_members(group):
            users += _municipality_users(m.municipality)
        session = cast(Session, session)  # the other of the two
        url = reverse("exchange:session", args=[group.pk, session.pk])
        subject = session.title
    users += [
        c.author
        for c in Comment.objects.filter(share=share, session=session).select_related("author")
    ]
    # Only people who can still open the group hear about it.
    users = [u for u in users if u is not None and group_access(u, group).allowed]
    notify(
        users=users, kind=NoticeKind.COMMENT, subject=subject, url=url, group=group, exclude=author
    )
    return comment
