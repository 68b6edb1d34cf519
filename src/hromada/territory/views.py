"""Pages on the municipality's territory from the public reference data: fiscal resilience
(Assess step), the profile with war exposure and the oblast map, and "About the data"."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from hromada.core.exports import csv_response
from hromada.territory import presentation, selectors
from hromada.territory.forms import BudgetUploadForm, MapForm, WeightsForm
from hromada.territory.services import own_budget_import
from hromada.workspaces.models import Role
from hromada.workspaces.permissions import municipality_view

FISCAL_MAP_DEFAULT = "own_change_2021_2022"
PROFILE_MAP_DEFAULT = "war_status"


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _unavailable(request, template: str, context: dict):
    """The page without reference data: the code is not in the registry or the data folder
    lacks the files. Still 200: the municipality's own pages keep working."""
    context = {
        **context,
        "municipality": request.municipality,
        "unavailable": True,
        "data_available": selectors.reference_available(),
    }
    return TemplateResponse(request, template, context)


def _map_context(request, code: str, *, default: str, highlight=None) -> dict:
    form = MapForm(request.GET or None)
    form.is_valid()
    indicator = form.indicator_value(default)
    frame = selectors.oblast_map_frame(code, indicator)
    return {
        "map_form": MapForm(initial={"indicator": indicator}),
        **presentation.oblast_map(frame, indicator=indicator, highlight=highlight),
    }


@municipality_view(Role.VIEWER)
def fiscal(request):
    """Fiscal resilience: revenue structure, the 2022 shock and the 2023 recovery against
    the oblast, the size class, the war-status group and similar hromadas."""
    municipality = request.municipality
    template = "territory/fiscal.html"
    try:
        in_registry = selectors.registry_row(municipality.code) is not None
    except selectors.ReferenceDataUnavailable:
        in_registry = False
    if not in_registry:
        return _unavailable(request, template, {})
    form = WeightsForm(request.GET or None)
    valid = form.is_valid() if request.GET else True
    weights = form.weights() if request.GET and valid else None
    k = form.k_value() if request.GET and valid else selectors.DEFAULT_K
    ov = selectors.fiscal_overview(municipality.code, weights=weights, k=k)
    if ov is None:
        return _unavailable(request, template, {})
    real = {
        "change": selectors.real_own_change(municipality.code, 2021, 2022),
        "inflation": selectors.annual_inflation(2021, 2022),
    }
    context = {
        "municipality": municipality,
        "ov": ov,
        "form": form,
        "groups": list(selectors.GROUPS),
        **presentation.fiscal_page(ov, coverage=selectors.year_coverage(), real=real),
    }
    context.update(
        _map_context(
            request,
            municipality.code,
            default=FISCAL_MAP_DEFAULT,
            highlight=presentation.neighbour_codes(ov),
        )
    )
    if _is_htmx(request):
        target = request.headers.get("HX-Target", "")
        part = "map" if target == "oblast-map" else "results"
        return TemplateResponse(request, f"{template}#{part}", context)
    return TemplateResponse(request, template, context)


@municipality_view(Role.VIEWER)
def fiscal_csv(request):
    """The comparison table of the fiscal page as CSV."""
    form = WeightsForm(request.GET or None)
    valid = form.is_valid() if request.GET else True
    try:
        table = selectors.fiscal_table(
            request.municipality.code,
            weights=form.weights() if request.GET and valid else None,
            k=form.k_value() if request.GET and valid else selectors.DEFAULT_K,
        )
    except selectors.ReferenceDataUnavailable:
        table = None
    if table is None:
        raise Http404(_("No public budget data for this municipality."))
    table = presentation.fiscal_table_noted(table, selectors.year_coverage())
    return csv_response(table, f"fiscal-{request.municipality.code}")


@municipality_view(Role.VIEWER)
def profile(request):
    """The municipality's profile from the registry, its war exposure and the oblast map."""
    municipality = request.municipality
    template = "territory/profile.html"
    try:
        row = selectors.registry_row(municipality.code)
    except selectors.ReferenceDataUnavailable:
        row = None
    if row is None:
        return _unavailable(request, template, {})
    context = {
        "municipality": municipality,
        "h": row,
        **presentation.profile_page(row, selectors.nearby_hromadas(municipality.code)),
    }
    context.update(_map_context(request, municipality.code, default=PROFILE_MAP_DEFAULT))
    if _is_htmx(request):
        return TemplateResponse(request, f"{template}#map", context)
    return TemplateResponse(request, template, context)


@municipality_view(Role.VIEWER)
def data(request):
    """About the data: sources, attribution, and which reference files are present."""
    return TemplateResponse(
        request,
        "territory/data.html",
        {"municipality": request.municipality, **selectors.data_sources_context()},
    )


@municipality_view(Role.VIEWER)
def budget(request):
    """The hromada's revenues by year, and the upload of its own budget-execution file."""
    result = None
    can_edit = request.membership.has_role(Role.EDITOR)
    form = BudgetUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_edit:
            return TemplateResponse(request, "403.html", status=403)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > 20 * 1024 * 1024:
                form.add_error("file", _("The file is larger than 20 MB."))
            else:
                result = own_budget_import(
                    municipality=request.municipality,
                    content=upload.read(),
                    filename=upload.name,
                    source=form.cleaned_data["source"],
                    by=request.user,
                )
                if result.ok:
                    messages.success(
                        request, _("Imported %(n)s year(s).") % {"n": len(result.frame)}
                    )
                    return redirect("territory:budget", code=request.municipality.code)
    series = selectors.own_budget_series(request.municipality)
    return TemplateResponse(
        request,
        "territory/budget.html",
        {
            "rows": presentation.budget_rows(series),
            "form": form,
            "result": result,
            "can_edit": can_edit,
        },
    )
