"""Writes about workspaces: creating municipalities, memberships and invitations."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.accounts.services import profile_get, user_create
from hromada.workspaces.models import (
    ROLE_RANK,
    Invitation,
    Membership,
    Municipality,
    RequestStatus,
    Role,
    WorkspaceRequest,
)
from hromada.workspaces.selectors import registry_row


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def municipality_create(
    *, code: str, name_uk: str, name_en: str, owner=None, **fields
) -> Municipality:
    """Create a municipality workspace; ``owner`` (if given) becomes its first owner."""
    municipality = Municipality(code=code, name_uk=name_uk, name_en=name_en, **fields)
    municipality.full_clean()
    municipality.save()
    if owner is not None:
        Membership.objects.create(user=owner, municipality=municipality, role=Role.OWNER)
    return municipality


def registry_fields(row: dict) -> dict:
    """The Municipality fields filled from one registry row (hromada.refdata.hromadas())."""
    population = row.get("population")
    return {
        "code": row["code"],
        "name_uk": row.get("name_uk") or "",
        "name_en": row.get("name_en") or "",
        "oblast_uk": row.get("oblast_uk") or "",
        "oblast_en": row.get("oblast_en") or "",
        "raion_uk": row.get("raion_uk") or "",
        "raion_en": row.get("raion_en") or "",
        "hromada_type": row.get("type") or "",
        "population": int(population) if population is not None else None,
        "war_status": row.get("war_status") or "",
    }


@transaction.atomic
def municipality_create_from_registry(*, code: str, owner) -> Municipality:
    """Create the workspace of the hromada ``code`` with its registry facts (names uk/en,
    oblast, raion, type, population, war status); ``owner`` becomes its first owner.

    Raises ValidationError if the code is not in the registry or already has a workspace.
    """
    code = (code or "").strip()
    row = registry_row(code)
    if row is None:
        raise ValidationError(
            _(
                "%(code)s is not in the registry of hromadas. Pick your hromada from the "
                "search results."
            )
            % {"code": code or "–"}
        )
    if Municipality.objects.filter(code=code).exists():
        raise ValidationError(
            _("A workspace for %(name)s already exists. Ask its owner for an invitation.")
            % {"name": row["name_uk"]}
        )
    return municipality_create(owner=owner, **registry_fields(row))


@transaction.atomic
def membership_set(*, municipality: Municipality, user, role: str) -> Membership:
    """Give ``user`` the ``role`` in ``municipality`` (creating the membership if needed)."""
    if role not in Role.values:
        raise ValidationError(_("Unknown role: %(role)s") % {"role": role})
    membership, created = Membership.objects.get_or_create(
        user=user, municipality=municipality, defaults={"role": role}
    )
    if not created and membership.role != role:
        _ensure_an_owner_remains(membership, new_role=role)
        membership.role = role
        membership.save(update_fields=["role"])
    return membership


def _ensure_an_owner_remains(membership: Membership, *, new_role: str | None) -> None:
    if membership.role == Role.OWNER and new_role != Role.OWNER:
        owners = Membership.objects.filter(
            municipality=membership.municipality_id, role=Role.OWNER
        ).count()
        if owners <= 1:
            raise ValidationError(
                _("A municipality needs at least one owner. Make someone else owner first.")
            )


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    _ensure_an_owner_remains(membership, new_role=None)
    membership.delete()


@dataclass(frozen=True)
class NewInvitation:
    invitation: Invitation
    token: str  # shown once to the inviter as part of the link; only its hash is stored


@transaction.atomic
def invitation_create(
    *, municipality: Municipality, created_by, role: str = Role.EDITOR, email: str = ""
) -> NewInvitation:
    """Create a one-time invitation. Only owners may invite; nobody may invite above
    their own role."""
    inviter = Membership.objects.filter(user=created_by, municipality=municipality).first()
    if inviter is None or not inviter.has_role(Role.OWNER):
        raise PermissionDenied(_("Only owners can invite people."))
    if role not in Role.values:
        raise ValidationError(_("Unknown role: %(role)s") % {"role": role})
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        municipality=municipality,
        email=email,
        role=role,
        token_hash=_hash(token),
        created_by=created_by,
        expires_at=timezone.now() + timedelta(days=settings.HROMADA_INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    return NewInvitation(invitation, token)


def invitation_get(*, token: str) -> Invitation | None:
    """The invitation for this token, or None when the token is unknown."""
    return Invitation.objects.filter(token_hash=_hash(token)).select_related("municipality").first()


@transaction.atomic
def invitation_accept(*, token: str, user=None, new_user: dict | None = None) -> Membership:
    """Join the invitation's municipality. Works once; expired, revoked or used links fail.
    A user who is already a member keeps the higher of their role and the invited one.

    ``new_user`` (the arguments of ``accounts.services.user_create``) creates the account in
    the same transaction, after the invitation is claimed: of many concurrent uses of one
    link exactly one creates an account, the others create nothing."""
    now = timezone.now()
    # Claim first, with one conditional UPDATE (the row lock / SQLite's write lock is taken
    # before anything is read), so two requests can never both see the link unused.
    claimed = Invitation.objects.filter(
        token_hash=_hash(token),
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
    ).update(accepted_at=now)
    invitation = Invitation.objects.select_for_update().filter(token_hash=_hash(token)).first()
    if invitation is None:
        raise ValidationError(_("This invitation link is not valid."))
    if not claimed:
        if invitation.revoked_at is not None:
            raise ValidationError(_("This invitation was withdrawn."))
        if invitation.accepted_at is not None:
            raise ValidationError(_("This invitation has already been used."))
        raise ValidationError(_("This invitation has expired. Ask for a new one."))
    if user is None:
        user = user_create(**(new_user or {}))
    membership = Membership.objects.filter(user=user, municipality=invitation.municipality).first()
    if membership is None:
        membership = Membership.objects.create(
            user=user, municipality=invitation.municipality, role=invitation.role
        )
    elif ROLE_RANK[invitation.role] > ROLE_RANK[membership.role]:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_by"])
    return membership


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


def may_decide_requests(user) -> bool:
    """Facilitators and administrators approve or refuse workspace requests."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_superuser or profile_get(user=user).is_facilitator)
    )


@transaction.atomic
def workspace_request_create(*, user, code: str, details: dict) -> WorkspaceRequest:
    """Ask for the workspace of the hromada ``code`` (``details``: its Municipality fields).
    The same answer whether or not a workspace exists: nothing is disclosed."""
    if profile_get(user=user).is_facilitator:
        raise PermissionDenied(_("Facilitators cannot create municipality workspaces."))
    pending = WorkspaceRequest.objects.filter(
        code=code, requested_by=user, status=RequestStatus.PENDING
    ).first()
    if pending is not None:
        return pending
    request = WorkspaceRequest(
        code=code, name_uk=details.get("name_uk", "")[:200], requested_by=user, details=details
    )
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def workspace_request_decide(*, request: WorkspaceRequest, by, approve: bool):
    """Approve (the workspace is created, the requester becomes its owner) or refuse a
    pending request; returns the new municipality or None."""
    if not may_decide_requests(by):
        raise PermissionDenied(_("Only facilitators and administrators decide requests."))
    request = WorkspaceRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RequestStatus.PENDING:
        raise ValidationError(_("This request was already decided."))
    municipality = None
    if approve:
        if Municipality.objects.filter(code=request.code).exists():
            raise ValidationError(
                _(
                    "%(code)s already has a workspace: ask its owners to invite the person, "
                    "then refuse this request."
                )
                % {"code": request.code}
            )
        municipality = municipality_create(owner=request.requested_by, **request.details)
    request.status = RequestStatus.APPROVED if approve else RequestStatus.REFUSED
    request.decided_by, request.decided_at = by, timezone.now()
    request.save(update_fields=["status", "decided_by", "decided_at"])
    return municipality
