"""Search-as-you-type over the registry of hromadas, for creating a workspace.

Not under the municipality prefix (it needs no municipality): ``config/urls.py`` wires
``hromada_search`` at ``workspaces:hromada_search``. Without JavaScript the search form
submits normally and this view returns a full page with the results.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from hromada import refdata
from hromada.refdata import ReferenceDataMissingError
from hromada.territory.forms import SearchForm
from hromada.workspaces.selectors import workspace_requested_codes
from hromada.workspaces.services import registry_fields

RESULT_LIMIT = 12


def hromada_results(query: str, *, limit: int = RESULT_LIMIT, user=None) -> list[dict]:
    """Registry rows matching ``query`` (Cyrillic or Latin), best first, as the fields of a
    new workspace plus display extras; [] for a query shorter than 2 characters or when
    the reference data is missing. Whether a hromada has a workspace is not said: only
    whether ``user`` already asked for one (``requested``)."""
    query = (query or "").strip()
    if len(query) < 2:
        return []
    try:
        found = refdata.search_hromadas(query, limit=limit)
    except ReferenceDataMissingError:
        return []
    requested = workspace_requested_codes(user=user)
    en = (get_language() or "uk").startswith("en")
    out = []
    for row in found.to_dict("records"):
        row = {k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
        fields = registry_fields(row)
        out.append(
            {
                "fields": fields,
                "name": row["name_en"] if en else row["name_uk"],
                "other_name": row["name_uk"] if en else row["name_en"],
                "oblast": row["oblast_en"] if en else row["oblast_uk"],
                "raion": row["raion_en"] if en else row["raion_uk"],
                "centre": (row.get("centre_en") if en else row.get("centre_uk")) or "",
                "requested": row["code"] in requested,
            }
        )
    return out


def registry_missing() -> bool:
    """True when the registry of hromadas cannot be read (then a search finds nothing,
    and the page must say why rather than "no match")."""
    try:
        refdata.hromadas()
    except ReferenceDataMissingError:
        return True
    return False


@login_required
def hromada_search(request):
    """GET ?q=...: the matching hromadas, each with a button requesting its workspace
    (a POST of the registry fields to ``workspaces:create``; an administrator creates it
    directly). An htmx request gets only the results list."""
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context = {
        "form": form,
        "query": query,
        "results": hromada_results(query, user=request.user),
        "search_url": request.path,
        "direct": request.user.is_superuser,
    }
    context["registry_missing"] = bool(query) and not context["results"] and registry_missing()
    if request.headers.get("HX-Request") == "true":
        return TemplateResponse(request, "territory/search.html#results", context)
    return TemplateResponse(request, "territory/search.html", context)
