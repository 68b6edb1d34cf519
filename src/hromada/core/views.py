"""Site-wide pages: health check, language switch, about. The home page (it picks a
workspace) is :func:`hromada.workspaces.views.home`, wired as ``core:home`` by
``config/urls.py``."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from hromada import __version__
from hromada.accounts.services import profile_set_language
from hromada.core.data_sources import data_sources_context

log = logging.getLogger(__name__)


def health(request):
    """Liveness and database readiness for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        db = "ok"
    except DatabaseError as exc:  # no connection, or the database refuses: "not ready"
        log.warning("health check: database unavailable: %s", exc)
        db = "unavailable"
    status = 200 if db == "ok" else 503
    return JsonResponse(
        {"status": "ok" if status == 200 else "error", "database": db, "version": __version__},
        status=status,
    )


@require_POST
def language_switch(request):
    """Set the interface language in a cookie and, for a signed-in user, in their profile."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
        )
        if request.user.is_authenticated:
            profile_set_language(user=request.user, language=language)
    return response


def about(request):
    return TemplateResponse(
        request, "core/about.html", {"version": __version__, **data_sources_context()}
    )
