"""Reads about workspaces. Every read of a municipality goes through a user's membership."""

from __future__ import annotations

from django.db.models import QuerySet

from hromada.workspaces.models import (
    Invitation,
    Membership,
    Municipality,
    RequestStatus,
    WorkspaceRequest,
)


def membership_list(*, user) -> list[Membership]:
    """The user's memberships with their municipalities, by municipality name."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Membership.objects.filter(user=user).select_related("municipality"))


def membership_get(*, user, code: str) -> Membership | None:
    """The user's membership of the municipality with this code, or None (also when it
    does not exist, so that callers cannot tell the two apart)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Membership.objects.filter(user=user, municipality__code=code)
        .select_related("municipality")
        .first()
    )


def member_list(*, municipality: Municipality) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(municipality=municipality)
        .select_related("user")
        .order_by("user__username")
    )


def invitation_open_list(*, municipality: Municipality) -> list[Invitation]:
    return [
        i
        for i in Invitation.objects.filter(
            municipality=municipality, accepted_at__isnull=True, revoked_at__isnull=True
        )
        if i.is_open
    ]


def workspace_requests_pending() -> QuerySet[WorkspaceRequest]:
    """Pending workspace requests, oldest first (for facilitators and administrators)."""
    return (
        WorkspaceRequest.objects.filter(status=RequestStatus.PENDING)
        .select_related("requested_by")
        .order_by("created_at")
    )


def workspace_requested_codes(*, user) -> set[str]:
    """The codes of hromadas this user has a pending request for."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        WorkspaceRequest.objects.filter(
            requested_by=user, status=RequestStatus.PENDING
        ).values_list("code", flat=True)
    )


#: How a hromada's facts are read from the public registry by its KATOTTG code (a dict, or
#: None): the territory step registers its reader in ``TerritoryConfig.ready``, so the
#: tenancy layer imports no domain app.
_REGISTRY_READER: list = []


def register_registry_reader(reader) -> None:
    """Set the reader :func:`registry_row` calls (the territory step does)."""
    _REGISTRY_READER[:] = [reader]


def registry_row(code: str) -> dict | None:
    """The registry facts of the hromada with this KATOTTG code, or None."""
    return _REGISTRY_READER[0](code)
