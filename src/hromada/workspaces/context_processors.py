"""Template context shared by every page: the user's municipalities."""

from __future__ import annotations

from hromada.workspaces.selectors import membership_list


def memberships(request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return {"my_memberships": membership_list(user=user)}
    return {"my_memberships": []}
