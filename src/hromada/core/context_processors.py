"""Template context shared by every page: the navigation (the user's municipalities come
from :func:`hromada.workspaces.context_processors.memberships`)."""

from __future__ import annotations

from django.urls import reverse

from hromada.core.navigation import available_steps
from hromada.core.progress import guide_url


def navigation(request):
    municipality = getattr(request, "municipality", None)
    steps = []
    if municipality is not None:
        steps = [
            {"step": s, "label": label, "url": reverse(url_name, args=[municipality.code])}
            for s, label, url_name in available_steps()
        ]
    # The step this page belongs to (its entry page is a prefix of the path), the step after
    # it and its part of the methodology guide: the end of every step's page links to both.
    current_step = next_step = None
    path = getattr(request, "path", "")
    for i, s in enumerate(steps):
        if path.startswith(s["url"]):
            current_step = {**s, "guide_url": guide_url(s["step"])}
            next_step = steps[i + 1] if i + 1 < len(steps) else None
    return {
        "nav_steps": steps,
        "current_step": current_step,
        "next_step": next_step,
        "current_municipality": municipality,
    }
