"""Template context shared by every page: the navigation and the user's municipalities."""

from __future__ import annotations

from django.urls import reverse

from hromada.core.navigation import available_steps


def navigation(request):
    municipality = getattr(request, "municipality", None)
    steps = []
    if municipality is not None:
        steps = [
            {"step": s, "label": label, "url": reverse(url_name, args=[municipality.code])}
            for s, label, url_name in available_steps()
        ]
    memberships = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        from hromada.workspaces.selectors import membership_list

        memberships = membership_list(user=user)
    return {
        "nav_steps": steps,
        "current_municipality": municipality,
        "my_memberships": memberships,
    }
