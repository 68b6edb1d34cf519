"""The gate to peer-group pages, in the spirit of ``municipality_view``.

- A facilitator manages the groups they created (and sees what was shared with them).
- A member of a municipality sees a group only while the municipality is an active member.
- Everyone else gets 404: they must not learn which groups exist or who is in them.
- A member trying a facilitator's action gets 403.

Views acting for one municipality (accepting an invitation, sharing, revoking, writing a
snapshot) take its code and go through ``hromada.workspaces.permissions.municipality_view``
instead; they then check the municipality's place in the group with
:func:`group_of_municipality`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from hromada.accounts.models import Profile, SiteRole
from hromada.exchange.models import GroupMember, MemberStatus, PeerGroup


def is_facilitator(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False

    return Profile.objects.filter(user=user, site_role=SiteRole.FACILITATOR).exists()


def visible_groups(user) -> QuerySet[PeerGroup]:
    """Groups the user may see: created by them, or with one of their municipalities as an
    active member."""
    if not getattr(user, "is_authenticated", False):
        return PeerGroup.objects.none()
    active = GroupMember.objects.filter(
        status=MemberStatus.ACTIVE, municipality__memberships__user=user
    )
    return PeerGroup.objects.filter(
        Q(created_by=user) | Q(pk__in=active.values("group"))
    ).distinct()


@dataclass
class GroupAccess:
    group: PeerGroup
    manage: bool  # the facilitator who created the group
    municipalities: list = field(default_factory=list)  # the user's active member ones

    @property
    def allowed(self) -> bool:
        return self.manage or bool(self.municipalities)


def group_access(user, group: PeerGroup) -> GroupAccess:
    if not getattr(user, "is_authenticated", False):
        return GroupAccess(group, False, [])
    manage = group.created_by_id == user.pk and is_facilitator(user)
    members = GroupMember.objects.filter(
        group=group, status=MemberStatus.ACTIVE, municipality__memberships__user=user
    ).select_related("municipality")
    return GroupAccess(group, manage, [m.municipality for m in members])


def group_view(*, manage: bool = False):
    """Decorate a view taking ``group`` (a peer group's id) as URL argument.

    Sets ``request.group`` and ``request.group_access``; non-members get 404, members
    asking for a facilitator's action (``manage=True``) get 403.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, group, *args, **kwargs):
            obj = get_object_or_404(PeerGroup, pk=group)
            access = group_access(request.user, obj)
            if not access.allowed:
                raise Http404("No such group")
            if manage and not access.manage:
                raise PermissionDenied
            request.group = obj
            request.group_access = access
            return view(request, *args, **kwargs)

        wrapper.group_manage = manage
        return wrapper

    return decorator


def facilitator_required(view):
    """Pages only a facilitator uses (creating a group)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_facilitator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def group_of_municipality(
    municipality, group_pk, *, statuses=(MemberStatus.ACTIVE,)
) -> GroupMember:
    """The municipality's place in the group, or 404 (also when it has none)."""
    return get_object_or_404(
        GroupMember.objects.select_related("group"),
        group_id=group_pk,
        municipality=municipality,
        status__in=statuses,
    )
