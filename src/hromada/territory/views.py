"""Pages on the municipality's territory from the public reference data: fiscal resilience
(Assess step), the profile with war exposure and the oblast map, and "About the data"."""

from __future__ import annotations

import pandas as pd
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hromada.core.exports import csv_response
from hromada.territory import charts, labels, selectors
from hromada.territory.forms import MapForm, WeightsForm
from hromada.territory.reading import fiscal_reading
from hromada.workspaces.models import Role
from hromada.workspaces.permissions import municipality_view

FISCAL_MAP_DEFAULT = "own_change_2021_2022"
PROFILE_MAP_DEFAULT = "war_status"


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _en() -> bool:
    return (get_language() or "uk").startswith("en")


def _name_col() -> str:
    return "name_en" if _en() else "name_uk"


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
    chart = charts.oblast_map(frame, indicator=indicator, name_col=_name_col(), highlight=highlight)
    return {
        "map_form": MapForm(initial={"indicator": indicator}),
        "map_chart": chart,
        "map_indicator": indicator,
        "map_count": len(frame),
    }


def _group_names(ov: selectors.FiscalOverview) -> dict[str, str]:
    h = ov.hromada
    return {
        "self": h["name_en"] if _en() else h["name_uk"],
        **{g: str(labels.GROUP[g]) for g in labels.GROUP},
    }


def _part_year_note(coverage: dict) -> str:
    """The caveat shown next to every change into a part year (empty if none)."""
    info = coverage.get(2023) or {}
    if not info.get("part"):
        return ""
    if info.get("months"):
        return _(
            "2023: January to month %(months)s only, not comparable with the whole of 2022"
        ) % {"months": info["months"]}
    return _("2023: part of the year only, not comparable with the whole of 2022")


def _shock_frame(ov: selectors.FiscalOverview) -> pd.DataFrame:
    names = _group_names(ov)
    note = _part_year_note(selectors.year_coverage())
    rows = []
    for c in ov.comparisons[:4]:
        measure = str(labels.INDICATOR[c.indicator])
        if note and c.indicator.endswith("_2022_2023"):
            measure = f"{measure} ({note})"
        rows.append({"measure": measure, "who": names["self"], "value": c.value, "is_self": True})
        for g in ("oblast", "size_class", "war_status", "neighbours"):
            rows.append(
                {"measure": measure, "who": names[g], "value": c.groups[g].median, "is_self": False}
            )
    return pd.DataFrame(rows)


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
    coverage = selectors.year_coverage()
    real = {
        "change": selectors.real_own_change(municipality.code, 2021, 2022),
        "inflation": selectors.annual_inflation(2021, 2022),
    }
    part_year_note = _part_year_note(coverage)
    group_names = _group_names(ov)
    near = ov.neighbours.copy()
    near["name"] = near[_name_col()]
    near["oblast"] = near["oblast_en" if _en() else "oblast_uk"]
    context = {
        "municipality": municipality,
        "ov": ov,
        "form": form,
        "reading": fiscal_reading(ov, coverage=coverage, real=real),
        "part_year_note": part_year_note,
        "group_names": group_names,
        "groups": [g for g in selectors.GROUPS],
        "size_class": labels.size_class_label(ov.group_keys["size_class"]),
        "oblast_name": labels.oblast_in_sentence(
            ov.hromada.get("oblast_uk") or "", ov.hromada.get("oblast_en") or ""
        ),
        "neighbours": near.reset_index().to_dict("records"),
        "weights": [(f, ov.weights[f]) for f in ov.weights],
        "charts": [
            charts.structure_chart(ov.structure),
            charts.own_structure_chart(ov.own_structure, group_names),
            charts.shock_chart(_shock_frame(ov)),
        ],
        "neighbours_chart": charts.neighbours_chart(near, "name"),
    }
    context.update(
        _map_context(
            request,
            municipality.code,
            default=FISCAL_MAP_DEFAULT,
            highlight=list(ov.neighbours.index),
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
    note = _part_year_note(selectors.year_coverage())
    table["note"] = [note if note and i.endswith("_2022_2023") else "" for i in table["indicator"]]
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
    nearby = selectors.nearby_hromadas(municipality.code).reset_index()
    nearby["name"] = nearby[_name_col()]
    nearby["oblast"] = nearby["oblast_en" if _en() else "oblast_uk"]
    war_zone = [(date, bool(row.get(col))) for col, date in labels.WAR_ZONE_DATES]
    status_counts = nearby["war_status"].map(labels.war_status_label).value_counts()
    context = {
        "municipality": municipality,
        "h": row,
        "war_zone": war_zone,
        "nearby": nearby.to_dict("records"),
        "nearby_status": list(status_counts.items()),
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
    from django import forms
    from django.contrib import messages
    from django.shortcuts import redirect

    from hromada.territory.services import own_budget_import

    class UploadForm(forms.Form):
        file = forms.FileField(label=_("Budget-execution file (CSV or XLSX)"))
        source = forms.CharField(label=_("Source"), required=False, max_length=300)

    result = None
    can_edit = request.membership.has_role(Role.EDITOR)
    form = UploadForm(request.POST or None, request.FILES or None)
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
        {"rows": series.to_dict("records"), "form": form, "result": result, "can_edit": can_edit},
    )
