"""Pages of the Plan step: overview, vision, SWOT board, goals with KPIs, risks, history."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.core.charts import make_chart
from hromada.planning import presentation, selectors, services
from hromada.planning.forms import (
    KpiForm,
    OperationalGoalForm,
    RiskForm,
    StrategicGoalForm,
    SwotDecisionForm,
    SwotItemForm,
    SwotManualForm,
    TaskForm,
    VisionForm,
)
from hromada.planning.history import history_model, history_rows
from hromada.planning.models import (
    Kpi,
    OperationalGoal,
    Risk,
    StrategicGoal,
    SwotItem,
    Task,
)
from hromada.workspaces.crud import crud_views
from hromada.workspaces.models import Role
from hromada.workspaces.permissions import municipality_view


@municipality_view()
def index(request):
    m = request.municipality
    return TemplateResponse(
        request,
        "planning/index.html",
        {
            "vision": selectors.vision_current(municipality=m),
            "board": selectors.swot_board(municipality=m, include_rejected=False),
            "tree": selectors.goal_tree(m),
            "risks": selectors.risk_list(municipality=m)[:5],
        },
    )


@municipality_view()
def vision(request):
    m = request.municipality
    form = VisionForm(request.POST or None)
    if request.method == "POST":
        if not request.membership.has_role(Role.EDITOR):
            raise PermissionDenied
        if form.is_valid():
            services.vision_save(municipality=m, by=request.user, **form.cleaned_data)
            messages.success(request, _("Saved as a new version of the vision."))
            return redirect("planning:vision", code=m.code)
    elif (current := selectors.vision_current(municipality=m)) is not None:
        form = VisionForm(initial={"text": current.text, "restricted": current.restricted})
    return TemplateResponse(
        request,
        "planning/vision.html",
        {"form": form, "versions": selectors.vision_versions(municipality=m)},
    )


@municipality_view()
def swot(request):
    m = request.municipality
    return TemplateResponse(
        request,
        "planning/swot.html",
        {"board": selectors.swot_board(municipality=m), "manual_form": SwotManualForm()},
    )


@require_POST
@municipality_view(Role.EDITOR)
def swot_refresh(request):
    created = services.swot_suggestions_refresh(municipality=request.municipality, by=request.user)
    if created:
        messages.success(request, _("%(n)d new suggestions from the analysis.") % {"n": created})
    else:
        messages.info(
            request,
            _(
                "No new suggestions: import economic data in the Assess step "
                "to get suggestions from the analysis."
            ),
        )
    return redirect("planning:swot", code=request.municipality.code)


@require_POST
@municipality_view(Role.EDITOR)
def swot_add(request):
    form = SwotManualForm(request.POST)
    if form.is_valid():
        services.swot_item_create(
            municipality=request.municipality, by=request.user, **form.cleaned_data
        )
        messages.success(request, _("Added."))
    else:
        messages.error(request, _("Choose a category and write the item."))
    return redirect("planning:swot", code=request.municipality.code)


@require_POST
@municipality_view(Role.EDITOR)
def swot_decide(request, pk: int):
    item = get_object_or_404(SwotItem, pk=pk, municipality=request.municipality)
    form = SwotDecisionForm(request.POST)
    if form.is_valid():
        services.swot_item_decide(
            item=item,
            status=form.cleaned_data["decision"],
            text=form.cleaned_data["text"].strip() or None,
            by=request.user,
        )
    else:
        messages.error(request, _("Choose accept or reject."))
    return redirect("planning:swot", code=request.municipality.code)


@require_POST
@municipality_view(Role.EDITOR)
def swot_to_risk(request, pk: int):
    item = get_object_or_404(SwotItem, pk=pk, municipality=request.municipality)
    try:
        risk = services.risk_from_threat(item=item, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("planning:swot", code=request.municipality.code)
    messages.success(request, _("The threat is now a risk of the plan; rate it."))
    return redirect("planning:risk_edit", code=request.municipality.code, pk=risk.pk)


@municipality_view()
def goals(request):
    return TemplateResponse(
        request, "planning/goals.html", {"tree": selectors.goal_tree(request.municipality)}
    )


@municipality_view()
def risks(request):
    items = selectors.risk_list(municipality=request.municipality)
    chart = make_chart(
        presentation.risk_matrix(items),
        id="risk-matrix",
        title=_("Risks: likelihood and impact"),
        explanation=_(
            "Each dot is a risk, placed by how likely it is and how hard it would "
            "hit; those in the red upper-right corner need mitigation first."
        ),
    )
    return TemplateResponse(request, "planning/risks.html", {"risks": items, "chart": chart})


#: The edit and delete pages of the plan's records
#: (the form is the plan's page, which links to the record's history).
_record_views = partial(crud_views, template="planning/form.html")


swot_item_edit, swot_item_delete = _record_views(
    model=SwotItem, form_class=SwotItemForm, back="planning:swot", history_slug="swot"
)
sgoal_edit, sgoal_delete = _record_views(
    model=StrategicGoal,
    form_class=StrategicGoalForm,
    back="planning:goals",
    history_slug="strategic-goal",
)
ogoal_edit, ogoal_delete = _record_views(
    model=OperationalGoal,
    form_class=OperationalGoalForm,
    back="planning:goals",
    history_slug="operational-goal",
)
task_edit, task_delete = _record_views(
    model=Task, form_class=TaskForm, back="planning:goals", history_slug="task"
)
kpi_edit, kpi_delete = _record_views(
    model=Kpi, form_class=KpiForm, back="planning:goals", history_slug="kpi"
)
risk_edit, risk_delete = _record_views(
    model=Risk, form_class=RiskForm, back="planning:risks", history_slug="risk"
)


def _history_object(request, model_slug: str, pk: int):
    model = history_model(model_slug)
    if model is None:
        raise Http404
    return get_object_or_404(model.all_objects, pk=pk, municipality=request.municipality)


@municipality_view()
def history(request, model: str, pk: int):
    obj = _history_object(request, model, pk)
    return TemplateResponse(
        request,
        "planning/history.html",
        {
            "object": obj,
            "rows": history_rows(obj),
            "slug": model,
            "verbose_name": obj._meta.verbose_name,
            "can_restore": request.membership.has_role(Role.EDITOR),
        },
    )


@require_POST
@municipality_view(Role.EDITOR)
def history_restore(request, model: str, pk: int, history_id: int):
    obj = _history_object(request, model, pk)
    try:
        services.history_restore(instance=obj, history_id=history_id, by=request.user)
        messages.success(request, _("Restored to the chosen version."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("planning:history", code=request.municipality.code, model=model, pk=pk)
