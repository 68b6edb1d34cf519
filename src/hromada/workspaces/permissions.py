"""The one gate to a municipality's pages: the user must be its member with enough rights.

Non-members get 404 (they must not learn which municipalities exist or what they hold);
members without enough rights get 403.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from hromada.workspaces.models import Role
from hromada.workspaces.selectors import membership_get

#: Views wrapped by municipality_view, so a test can check that every URL taking a
#: municipality code is gated.
GATED_VIEWS: set = set()


def municipality_view(min_role: str = Role.VIEWER):
    """Decorate a view taking ``code`` (the municipality's KATOTTG code) as first URL
    argument. Sets ``request.municipality`` and ``request.membership``; the view itself
    is called without ``code``."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, code, *args, **kwargs):
            membership = membership_get(user=request.user, code=code)
            if membership is None:
                raise Http404("No such municipality")
            if not membership.has_role(min_role):
                raise PermissionDenied
            request.municipality = membership.municipality
            request.membership = membership
            request.session["municipality"] = code
            return view(request, *args, **kwargs)

        wrapper.min_role = min_role
        GATED_VIEWS.add(wrapper)
        return wrapper

    return decorator


def wants_internal(request) -> bool:
    """An export of a page includes restricted records only when an owner asks for it
    explicitly (``?restricted=1``): the internal copy."""
    membership = getattr(request, "membership", None)
    return (
        request.GET.get("restricted") == "1"
        and membership is not None
        and membership.has_role(Role.OWNER)
    )
