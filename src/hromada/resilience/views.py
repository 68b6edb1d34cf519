"""Pages of the Resilience step: the scenario builder, saved scenarios, their comparison,
and the multiplier calculator for projects.

The model runs inline: a scenario on the 20-section regional table takes about 0.02 s
(730 days) (see docs/resilience.md), so no background task is needed.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseForbidden, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hromada.core.exports import csv_response, xlsx_response
from hromada.resilience import presentation, selectors, services
from hromada.resilience.forms import (
    MultiplierForm,
    SaveForm,
    ScenarioForm,
)
from hromada.resilience.models import Scenario
from hromada.workspaces.crud import delete_view
from hromada.workspaces.models import Role
from hromada.workspaces.permissions import municipality_view, wants_internal

MAX_COMPARE = 4


def _scenario_form(request, data):
    sizes = selectors.damage_sizes(municipality=request.municipality)
    form = ScenarioForm(data, damage_available=bool(sizes))
    return form, sizes or {}


def _run(request, form, sizes):
    data = form.cleaned_data
    return selectors.scenario_run(
        municipality=request.municipality,
        shocks=form.shocks(sizes),
        method=data["method"],
        delta=data["delta"],
        horizon=data["horizon"],
        params=data,
    )


def _results_context(request, outcome, shocks, csv_url, name=""):
    used = selectors.employment_used(municipality=request.municipality)
    return {
        "outcome": outcome,
        "ranking": presentation.ranking_rows(outcome),
        "charts": presentation.scenario_charts(outcome, csv_url),
        "facts": presentation.model_facts(outcome.model, used["name"] if used else ""),
        "data_used": used,
        "shock_rows": presentation.shock_rows(shocks),
        "indirect_pct": 100.0 * outcome.indirect_share,
        "money": {
            "total": presentation.ranged(
                outcome.total_loss, *outcome.total_loss_range, fmt=presentation.thousand_uah
            ),
            "direct": presentation.thousand_uah(outcome.direct_loss),
            "lifeline": presentation.thousand_uah(outcome.lifeline_loss),
            "cascade": presentation.thousand_uah(outcome.indirect_loss - outcome.lifeline_loss),
        },
        "model_used": presentation.model_used(outcome),
        "dependence_rows": presentation.dependence_rows(outcome),
        "dependence_lifelines": list(outcome.dependence.index)
        if outcome.dependence is not None
        else [],
        "skipped": ", ".join(outcome.skipped),
        "name": name,
    }


@municipality_view()
def index(request):
    """The scenario builder (GET: the form posts to itself, so a run is a shareable link)."""
    municipality = request.municipality
    run = "run" in request.GET
    form, sizes = _scenario_form(request, request.GET if run else None)
    context = {
        "form": form,
        "scenarios": selectors.scenario_list(municipality=municipality),
        "can_edit": request.membership.has_role(Role.EDITOR),
        "damage_sizes": sorted(sizes.items()),
        "save_form": SaveForm(),
    }
    if run and form.is_valid():
        run = _run(request, form, sizes)
        if not run.ok:
            messages.error(request, run.error)
        else:
            query = request.GET.urlencode()

            def csv_url(table):
                return (
                    reverse("resilience:run_export", args=[municipality.code])
                    + "?"
                    + query
                    + "&"
                    + urlencode({"table": table})
                )

            context.update(_results_context(request, run.value, form.shocks(sizes), csv_url))
            context["query"] = query
            context["query_items"] = [(k, v) for k, vs in request.GET.lists() for v in vs]
            context["xlsx_url"] = csv_url("xlsx")
    return TemplateResponse(request, "resilience/index.html", context)


def _export(request, outcome, shocks, table, name, filename, *, internal: bool = False):
    """``internal``: a restricted scenario in an owner's internal copy (marked so). From
    illustrative employment data, every file says so (a ``data`` column, a workbook
    mark)."""
    used = selectors.employment_used(municipality=request.municipality)
    illustrative = bool(used and used["illustrative"])
    if internal:
        filename = f"{filename}-internal"
    if table == "daily":
        return csv_response(
            presentation.daily_frame(outcome), f"{filename}-daily", illustrative=illustrative
        )
    if table == "loss":
        return csv_response(
            presentation.loss_frame(outcome), f"{filename}-loss", illustrative=illustrative
        )
    if table == "xlsx":
        return xlsx_response(
            presentation.scenario_sheets(outcome, shocks, name, used),
            filename,
            mark=presentation.export_mark(internal=internal, illustrative=illustrative),
        )
    raise Http404("Unknown table")


@municipality_view()
def run_export(request):
    form, sizes = _scenario_form(request, request.GET)
    if not form.is_valid():  # nothing to export: back to the builder
        return redirect("resilience:index", code=request.municipality.code)
    run = _run(request, form, sizes)
    if not run.ok:
        raise Http404(run.error)
    return _export(
        request, run.value, form.shocks(sizes), request.GET.get("table", ""), "", "scenario"
    )


@require_POST
@municipality_view(Role.EDITOR)
def scenario_save(request):
    form, sizes = _scenario_form(request, request.POST)
    save = SaveForm(request.POST)
    if not (form.is_valid() and save.is_valid()):
        messages.error(request, _("Give the scenario a name, and check its settings."))
        params = QueryDict(mutable=True)
        for key, values in request.POST.lists():
            if key not in ("csrfmiddlewaretoken", "name", "note"):
                params.setlist(key, values)
        url = reverse("resilience:index", args=[request.municipality.code])
        return redirect(url + ("?" + params.urlencode() if params else ""))
    data = form.cleaned_data
    params = {
        k: v for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "name", "note")
    }
    # chosen by the municipality's size: keep the value used
    delta = selectors.scenario_delta(
        municipality=request.municipality, method=data["method"], delta=data["delta"]
    )
    try:
        scenario = services.scenario_create(
            municipality=request.municipality,
            name=save.cleaned_data["name"],
            note=save.cleaned_data["note"],
            shocks=form.shocks(sizes),
            method=data["method"],
            delta=delta,
            horizon=data["horizon"],
            params=params,
            by=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("resilience:index", code=request.municipality.code)
    messages.success(request, _("Scenario saved."))
    return redirect("resilience:scenario", code=request.municipality.code, pk=scenario.pk)


@municipality_view()
def scenario_detail(request, pk: int):
    scenario = get_object_or_404(Scenario, pk=pk, municipality=request.municipality)
    code = request.municipality.code
    context = {
        "scenario": scenario,
        "can_edit": request.membership.has_role(Role.EDITOR),
        "reopen": reverse("resilience:index", args=[code])
        + "?"
        + urlencode({**scenario.params, "run": "1"}),
    }
    run = selectors.saved_scenario_run(municipality=request.municipality, scenario=scenario)
    if not run.ok:
        messages.error(request, run.error)
        return TemplateResponse(request, "resilience/scenario.html", context)

    def csv_url(table):
        return reverse("resilience:scenario_export", args=[code, pk, table])

    context.update(_results_context(request, run.value, scenario.shocks, csv_url, scenario.name))
    context["xlsx_url"] = csv_url("xlsx")
    return TemplateResponse(request, "resilience/scenario.html", context)


@municipality_view()
def scenario_export(request, pk: int, table: str):
    scenario = get_object_or_404(Scenario, pk=pk, municipality=request.municipality)
    if scenario.restricted and not wants_internal(request):
        return HttpResponseForbidden(
            _(
                "This scenario is restricted: it is not exported unless "
                "an owner explicitly includes it."
            )
        )
    run = selectors.saved_scenario_run(municipality=request.municipality, scenario=scenario)
    if not run.ok:
        raise Http404(run.error)
    return _export(
        request,
        run.value,
        scenario.shocks,
        table,
        scenario.name,
        f"scenario-{scenario.pk}",
        internal=scenario.restricted,
    )


scenario_delete = delete_view(
    model=Scenario,
    delete=lambda scenario, by: services.scenario_delete(scenario=scenario, by=by),
    back="resilience:index",
    message=gettext_lazy("Scenario deleted."),
)


def _compared(request):
    ids = []
    for value in request.GET.getlist("s"):
        if value.isdigit() and int(value) not in ids:
            ids.append(int(value))
    return selectors.scenarios_compared(
        municipality=request.municipality, ids=ids, most=MAX_COMPARE
    )


@municipality_view()
def compare(request):
    chosen, named, failed = _compared(request)
    context = {
        "scenarios": selectors.scenario_list(municipality=request.municipality),
        "chosen_ids": [s.pk for s in chosen],
        "failed": failed,
        "max": MAX_COMPARE,
    }
    if "s" in request.GET and not 2 <= len(named) <= MAX_COMPARE:
        messages.error(request, _("Choose two to four saved scenarios to compare."))
    if 2 <= len(named):
        csv_url = (
            reverse("resilience:compare_export", args=[request.municipality.code])
            + "?"
            + request.GET.urlencode()
        )
        context["rows"] = presentation.compare_rows(named)
        used = selectors.employment_used(municipality=request.municipality)
        context["data_used"] = used
        context["facts"] = presentation.model_facts(named[0][1].model, used["name"] if used else "")
        context["charts"] = presentation.compare_charts(named, csv_url)
        context["csv_url"] = csv_url
    return TemplateResponse(request, "resilience/compare.html", context)


@municipality_view()
def compare_export(request):
    chosen, named, _failed = _compared(request)
    if not wants_internal(request):  # restricted scenarios only in an owner's internal copy
        hidden = {s.name for s in chosen if s.restricted}
        named = [(name, outcome) for name, outcome in named if name not in hidden]
    if not named:  # nothing chosen: back to the comparison page
        return redirect("resilience:compare", code=request.municipality.code)
    internal = wants_internal(request) and any(s.restricted for s in chosen)
    used = selectors.employment_used(municipality=request.municipality)
    return csv_response(
        presentation.compare_frame(named),
        "scenario-comparison-internal" if internal else "scenario-comparison",
        illustrative=bool(used and used["illustrative"]),
    )


@municipality_view()
def multipliers(request):
    bound = "amount" in request.GET
    form = MultiplierForm(request.GET if bound else None)
    context = {"form": form}
    if bound and form.is_valid():
        data = form.cleaned_data
        computed = selectors.project_multipliers(
            municipality=request.municipality,
            method=data["method"],
            delta=data["delta"],
            sector=data["sector"],
            amount=data["amount"],
        )
        if computed.error:
            messages.error(request, computed.error)
        if computed.value is not None:
            found = computed.value
            context["facts"] = presentation.model_facts(found["model"], found["dataset_name"])
            context["data_used"] = found["data_used"]
            if found["result"] is not None:
                context.update(presentation.multiplier_context(found["result"]))
    return TemplateResponse(request, "resilience/multipliers.html", context)
