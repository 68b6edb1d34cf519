"""Pages of the Diversify step: the opportunity map, the industry space, reference panels,
the local resources register and the shortlist.

Complexity on these panels (at most a few dozen regions and sectors) takes under a tenth
of a second, so it runs inline, not as a background task.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.core.exports import csv_response
from hromada.diversify import kved, presentation, selectors, services
from hromada.diversify.analysis import DEFAULT_WEIGHTS
from hromada.diversify.forms import (
    KvedRankingForm,
    OpportunityForm,
    PanelUploadForm,
    ResourceForm,
    ShortlistForm,
    preset_labels,
)
from hromada.diversify.models import LocalResource, ReferencePanel, ShortlistItem
from hromada.workspaces.crud import delete_view
from hromada.workspaces.models import Role
from hromada.workspaces.permissions import municipality_view, wants_internal

DEFAULT_PANEL = "de_sections"


def _analysis_context(request):
    """The bound form, the analysis and what the page says about the panel and placement.
    Returns a dict; ``analysis`` is None when nothing could be computed."""
    municipality = request.municipality
    choices = selectors.panel_choices(municipality=municipality)
    keys = [k for k, _t in choices]
    data = request.GET.copy()
    if not data.get("panel") or data.get("panel") not in keys:
        data["panel"] = DEFAULT_PANEL if DEFAULT_PANEL in keys else (keys[0] if keys else "")
    for k, v in DEFAULT_WEIGHTS.items():
        data.setdefault(k, str(v))
    panel = selectors.panel_get(municipality=municipality, key=data["panel"]) if keys else None
    regions = panel.regions if panel is not None else []
    form = OpportunityForm(data, panels=choices, regions=regions)
    context = {"form": form, "panel": panel, "analysis": None, "has_panels": bool(keys)}
    if panel is None or not form.is_valid():
        return context
    d = form.cleaned_data
    placed = selectors.placement_get(municipality=municipality, panel=panel)
    placement, region = placed["placement"], placed["region"]
    year = panel.years[-1]
    context.update(
        {
            "placement": placement,
            "dataset_name": placed["dataset_name"],
            "year": year,
            "has_local": placed["has_local"],
        }
    )
    if not placement.possible:
        if not d.get("region"):
            return context
        region = d["region"]
        placement = None
    # the municipality's own data enters the analysis only when it is placed in the panel
    context["data_used"] = placed["data_used"] if placement is not None else None
    weights = {k: d[k] for k in DEFAULT_WEIGHTS}
    analysed = selectors.opportunity_analysis(
        panel=panel, region=region, placement=placement, year=year, weights=weights
    )
    if not analysed.ok:
        messages.error(request, analysed.error)
        return context
    analysis = analysed.value
    rows = presentation.opportunity_rows(
        analysis,
        resources=selectors.resources_by_section(municipality=municipality),
        family=d.get("family") or "",
        horizon=d.get("horizon") or "",
        min_size=d.get("min_size") or 0.0,
    )
    context.update(
        {
            "analysis": analysis,
            "rows": presentation.exploratory_order(rows, analysis),
            "region": region,
            "weights": weights,
            "query": data.urlencode(),
            "exploratory": presentation.is_exploratory(analysis),
            "n_sectors": len(analysis.nodes),
            "min_industries": kved.MIN_INDUSTRIES,
        }
    )
    return context


@municipality_view()
def index(request):
    context = _analysis_context(request)
    analysis = context["analysis"]
    if analysis is not None:
        code = request.municipality.code
        csv_url = reverse("diversify:export", args=[code, "opportunities"]) + "?" + context["query"]
        context["chart"] = presentation.opportunity_chart(context["rows"], csv_url)
        context["csv_url"] = csv_url
        context["shortlisted"] = selectors.shortlisted_sectors(
            municipality=request.municipality, panel=analysis.panel.key
        )
    context["can_edit"] = request.membership.has_role(Role.EDITOR)
    context["defaults"] = DEFAULT_WEIGHTS
    return TemplateResponse(request, "diversify/index.html", context)


@municipality_view()
def space(request):
    context = _analysis_context(request)
    analysis = context["analysis"]
    if analysis is not None:
        csv_url = (
            reverse("diversify:export", args=[request.municipality.code, "space"])
            + "?"
            + context["query"]
        )
        context["chart"] = presentation.space_chart(analysis, csv_url)
        context["present"] = presentation.present_names(analysis)
    return TemplateResponse(request, "diversify/space.html", context)


@municipality_view()
def export(request, table: str):
    context = _analysis_context(request)
    analysis = context["analysis"]
    if analysis is None:
        raise Http404("No analysis")
    if selectors.panel_restricted(
        municipality=request.municipality, key=context["form"].data.get("panel", "")
    ) and not wants_internal(request):
        return HttpResponseForbidden(
            _(
                "This panel is restricted: it is not exported unless "
                "an owner explicitly includes it."
            )
        )
    used = context.get("data_used")
    illustrative = bool(used and used["illustrative"])
    if table == "opportunities":
        return csv_response(
            presentation.opportunity_frame(context["rows"]),
            "opportunities",
            illustrative=illustrative,
        )
    if table == "space":
        return csv_response(
            presentation.space_frame(analysis), "industry-space", illustrative=illustrative
        )
    if table == "links":
        return csv_response(analysis.edges, "industry-space-links", illustrative=illustrative)
    raise Http404("Unknown table")


# --- Ranking on the industry space in KVED codes ---------------------------------------


def _kved_weights(d: dict):
    if d.get("preset") == "custom":
        return {k: float(d.get(k) or 0.0) for k in ("density", "pci", "cog")}
    return d.get("preset") or "recommended"


def _kved_context(request):
    municipality = request.municipality
    data = request.GET.copy()
    data.setdefault("source", "cbp2019")
    data.setdefault("preset", "recommended")
    form = KvedRankingForm(data)
    found = selectors.kved_employment(municipality=municipality)
    context = {"form": form, "found": found, "ranking": None, "min_industries": kved.MIN_INDUSTRIES}
    if found is None or not form.is_valid():
        return context
    d = form.cleaned_data
    name = municipality.name or municipality.code
    ranked = selectors.kved_ranking_get(
        found=found,
        source=d["source"],
        weights=_kved_weights(d),
        region=name,
        lang=get_language() or "en",
    )
    if not ranked.ok:
        messages.error(request, ranked.error)
        return context
    ranking = ranked.value
    rows = presentation.kved_rows(
        ranking,
        resources=selectors.resources_by_section(municipality=municipality),
        names=presentation.related_names(ranking, lang=get_language() or "en"),
        region=name,
    )
    labels = preset_labels()
    level_names = {"division": _("division"), "group": _("group"), "class": _("class")}
    context.update(
        {
            "level_label": level_names[ranking.level],
            "data_level_label": level_names[ranking.data_level],
            "ranking": ranking,
            "rows": rows,
            "query": data.urlencode(),
            "preset_label": labels.get(ranking.preset, _("My own weights")),
            "recommended_label": labels.get(ranking.recommended, ""),
            "source_title": dict(form.fields["source"].choices)[ranking.source],
            "unranked": presentation.unranked_text(ranking),
            "reference_kind": _("real but foreign"),
            "panel_key": kved.panel_key(ranking.source, ranking.level),
        }
    )
    return context


@municipality_view()
def industries(request):
    """Opportunities of the municipality's own KVED data on the industry space."""
    context = _kved_context(request)
    ranking = context["ranking"]
    if ranking is not None:
        found = context["found"]
        nodes = kved.division_view(ranking, found["values"], found["national"])
        context["chart"] = presentation.kved_space_chart(nodes, lang=get_language() or "en")
        context["shortlisted"] = selectors.shortlisted_sectors(
            municipality=request.municipality, panel=context["panel_key"]
        )
        context["csv_url"] = (
            reverse("diversify:industries_export", args=[request.municipality.code])
            + "?"
            + context["query"]
        )
    context["can_edit"] = request.membership.has_role(Role.EDITOR)
    return TemplateResponse(request, "diversify/industries.html", context)


@municipality_view()
def industries_export(request):
    context = _kved_context(request)
    if context["ranking"] is None:
        raise Http404("No analysis")
    return csv_response(
        presentation.kved_frame(context["rows"]),
        "kved-opportunities",
        illustrative=context["found"]["data_used"]["illustrative"],
    )


def _kved_post_weights(post):
    """The ranking's weights as the industries page posts them: a preset, or custom."""
    preset = post.get("preset") or "recommended"
    if preset != "custom":
        return preset
    return {k: float(post.get(f"w_{k}") or 0) for k in ("density", "pci", "cog")}


# --- Shortlist -------------------------------------------------------------------------


@require_POST
@municipality_view(Role.EDITOR)
def shortlist_add(request):
    """Shortlist an opportunity of the opportunity map or of the industry-space ranking,
    recomputed on the server (never the numbers the browser posts)."""
    form = ShortlistForm(request.POST)
    back = request.POST.get("next", "")
    target = (
        back
        if back.startswith("/m/")
        else reverse("diversify:shortlist", args=[request.municipality.code])
    )
    if not form.is_valid():
        messages.error(request, _("This opportunity could not be added."))
        return redirect(target)
    d = form.cleaned_data
    key = kved.parse_panel_key(d["panel"])
    if key is not None:
        outcome = services.shortlist_add_kved(
            municipality=request.municipality,
            source=key[0],
            level=key[1],
            sector=d["sector"],
            weights=_kved_post_weights(request.POST),
            lang=get_language() or "en",
            by=request.user,
        )
    else:
        outcome = services.shortlist_add_panel(
            municipality=request.municipality,
            key=d["panel"],
            sector=d["sector"],
            year=d["year"],
            region=d.get("region") or "",
            weights=d,
            by=request.user,
        )
    if not outcome.ok:
        messages.error(request, outcome.error)
    elif outcome.value[1]:
        messages.success(
            request, _("“%(name)s” added to the shortlist.") % {"name": outcome.value[0]}
        )
    else:
        messages.info(
            request, _("“%(name)s” is already on the shortlist.") % {"name": outcome.value[0]}
        )
    return redirect(target)


@municipality_view()
def shortlist(request):
    items = selectors.shortlist(municipality=request.municipality)
    panels = dict(selectors.panel_choices(municipality=request.municipality))
    for source, (title, levels) in kved.INDUSTRY_SOURCES.items():
        for level in levels:
            panels[kved.panel_key(source, level)] = f"{title} · {level}"
    return TemplateResponse(
        request,
        "diversify/shortlist.html",
        {
            "items": [(i, panels.get(i.panel, i.panel)) for i in items],
            "can_edit": request.membership.has_role(Role.EDITOR),
        },
    )


shortlist_remove = delete_view(
    model=ShortlistItem,
    delete=lambda item, by: services.shortlist_remove(item=item, by=by),
    back="diversify:shortlist",
    message=gettext_lazy("Removed from the shortlist."),
)


# --- Reference panels ------------------------------------------------------------------


@municipality_view()
def panels(request):
    form = PanelUploadForm()
    return TemplateResponse(
        request,
        "diversify/panels.html",
        {
            "builtin": selectors.builtin_panel_list(),
            "imported": selectors.panel_list(municipality=request.municipality),
            "form": form,
            "can_edit": request.membership.has_role(Role.EDITOR),
        },
    )


@require_POST
@municipality_view(Role.EDITOR)
def panel_upload(request):
    form = PanelUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Check the form: a name and a CSV file are needed."))
        return redirect("diversify:panels", code=request.municipality.code)
    upload = form.cleaned_data["file"]
    if upload.size > 20 * 1024 * 1024:
        messages.error(request, _("The file is too large (more than 20 MB)."))
        return redirect("diversify:panels", code=request.municipality.code)
    outcome = services.panel_import_csv(
        municipality=request.municipality,
        name=form.cleaned_data["name"],
        source=form.cleaned_data["source"],
        scale=float(form.cleaned_data["scale"]),
        content=upload.read(),
        by=request.user,
    )
    if not outcome.ok:
        for e in filter(None, outcome.error.split("\n")):
            messages.error(request, e)
        return redirect("diversify:panels", code=request.municipality.code)
    panel, rows = outcome.value
    messages.success(request, _("Panel imported: %(n)s rows.") % {"n": len(rows)})
    return redirect(
        reverse("diversify:index", args=[request.municipality.code]) + f"?panel=user-{panel.pk}"
    )


panel_delete = delete_view(
    model=ReferencePanel,
    delete=lambda panel, by: services.panel_delete(panel=panel, by=by),
    back="diversify:panels",
    message=gettext_lazy("Panel deleted."),
)


# --- Local resources -------------------------------------------------------------------


@municipality_view()
def resources(request):
    return TemplateResponse(
        request,
        "diversify/resources.html",
        {
            "resources": selectors.resource_list(municipality=request.municipality),
            "can_edit": request.membership.has_role(Role.EDITOR),
        },
    )


@municipality_view(Role.EDITOR)
def resource_edit(request, pk: int | None = None):
    instance = (
        get_object_or_404(LocalResource, pk=pk, municipality=request.municipality)
        if pk is not None
        else LocalResource(municipality=request.municipality)
    )
    form = ResourceForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        resource = form.save(commit=False)
        resource.sectors = list(form.cleaned_data["sectors"])
        try:
            services.resource_save(instance=resource, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved."))
            return redirect("diversify:resources", code=request.municipality.code)
    return TemplateResponse(
        request,
        "diversify/resource_form.html",
        {"form": form, "resource": instance if pk else None},
    )


resource_delete = delete_view(
    model=LocalResource,
    delete=lambda resource, by: services.resource_delete(resource=resource, by=by),
    back="diversify:resources",
    message=gettext_lazy("Deleted."),
)


@require_POST
@municipality_view(Role.EDITOR)
def shortlist_to_plan(request, pk: int):
    """Make a shortlisted opportunity a candidate strategic goal of the Plan step."""
    from hromada.planning.services import goal_candidate_create

    item = get_object_or_404(ShortlistItem, pk=pk, municipality=request.municipality)
    goal = services.shortlist_to_plan(item=item, create_goal=goal_candidate_create, by=request.user)
    messages.success(
        request, _("Added to the plan as a candidate goal: %(title)s") % {"title": goal.title}
    )
    return redirect("diversify:shortlist", code=request.municipality.code)
