"""Pages of the Follow-up step: portfolio and funding, projects, KPI progress, reports."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.core.charts import make_chart
from hromada.core.disclosure import INTERNAL_MARK
from hromada.core.exports import xlsx_response
from hromada.monitoring import charts, report, selectors, services
from hromada.monitoring.dream import project_to_dream
from hromada.monitoring.forms import (
    FundingSourceForm,
    KpiUpdateForm,
    MilestoneForm,
    ProjectForm,
    ProjectIndicatorForm,
)
from hromada.monitoring.illustrative import ILLUSTRATIVE_CAPTION, mark
from hromada.monitoring.models import FundingSource, Milestone, Project, ProjectIndicator
from hromada.planning.models import Kpi
from hromada.workspaces.crud import crud_views
from hromada.workspaces.models import Role
from hromada.workspaces.permissions import municipality_view, wants_internal


@municipality_view()
def index(request):
    m = request.municipality
    funding = selectors.funding_summary(m)
    items = [{"project": p, "funding": selectors.project_funding(p)} for p in selectors.projects(m)]
    chart = None
    if funding["mix"]:
        chart = make_chart(
            charts.funding_mix(funding["mix"]),
            id="funding-mix",
            title=_("Funding mix"),
            explanation=_(
                "Money for the action plan by source: green is secured, blue "
                "pledged, yellow only sought; a long yellow bar means the plan "
                "depends on applications still open."
            ),
        )
    return TemplateResponse(
        request,
        "monitoring/index.html",
        {
            "funding": funding,
            "chart": chart,
            "quick_wins": [i for i in items if i["project"].is_quick_win],
            "bets": [i for i in items if not i["project"].is_quick_win],
            "kpis": selectors.kpi_list(m),
        },
    )


#: The edit and delete pages of the follow-up's records
#: (the form is the plan's page, which links to the record's history).
_record_views = partial(crud_views, template="planning/form.html")


def _project_save(*, instance, by, m2m):
    services.project_save(project=instance, by=by, goals=m2m.get("goals"), risks=m2m.get("risks"))


project_edit, project_delete = _record_views(
    model=Project,
    form_class=ProjectForm,
    back="monitoring:index",
    history_slug="project",
    save=_project_save,
)
funding_edit, funding_delete = _record_views(
    model=FundingSource,
    form_class=FundingSourceForm,
    back="monitoring:index",
    history_slug="funding",
)
milestone_edit, milestone_delete = _record_views(
    model=Milestone, form_class=MilestoneForm, back="monitoring:index", history_slug="milestone"
)
indicator_edit, indicator_delete = _record_views(
    model=ProjectIndicator,
    form_class=ProjectIndicatorForm,
    back="monitoring:index",
    history_slug="indicator",
)


@municipality_view()
def project(request, pk: int):
    p = get_object_or_404(Project, pk=pk, municipality=request.municipality)
    return TemplateResponse(
        request,
        "monitoring/project.html",
        {
            "p": p,
            "funding": selectors.project_funding(p),
            "sources": p.funding.filter(deleted_at__isnull=True),
            "milestones": p.milestones.filter(deleted_at__isnull=True),
            "indicators": p.indicators.filter(deleted_at__isnull=True),
        },
    )


@municipality_view()
def project_dream(request, pk: int):
    p = get_object_or_404(Project, pk=pk, municipality=request.municipality)
    internal = _include_restricted(request)
    if p.restricted and not internal:
        return HttpResponseForbidden(
            _(
                "This project is restricted: it is not exported unless "
                "an owner explicitly includes it."
            )
        )
    response = JsonResponse(
        project_to_dream(p, include_restricted=internal),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="dream-project-{p.pk}.json"'
    return response


@municipality_view()
def kpi(request, pk: int):
    k = get_object_or_404(Kpi, pk=pk, municipality=request.municipality)
    history = selectors.kpi_history(k)
    form = KpiUpdateForm(municipality=request.municipality)
    illustrative = selectors.kpi_illustrative(k)
    explanation = _(
        "The dashed line runs from the baseline to the target; recorded values "
        "below it (for a rising target) mean the indicator lags behind the plan."
    )
    if illustrative:
        explanation = f"{explanation} {ILLUSTRATIVE_CAPTION()}"
    chart = make_chart(
        charts.kpi_trajectory(k, history),
        id="kpi-trajectory",
        title=mark(k.indicator, illustrative),
        explanation=explanation,
    )
    return TemplateResponse(
        request,
        "monitoring/kpi.html",
        {
            "kpi": k,
            "illustrative": illustrative,
            "history": history,
            "state": selectors.kpi_state(k),
            "form": form,
            "chart": chart,
            "updates": selectors.kpi_updates(k),
        },
    )


@require_POST
@municipality_view(Role.EDITOR)
def kpi_update(request, pk: int):
    k = get_object_or_404(Kpi, pk=pk, municipality=request.municipality)
    form = KpiUpdateForm(request.POST, municipality=request.municipality)
    if form.is_valid():
        services.kpi_update_create(kpi=k, by=request.user, **form.cleaned_data)
        messages.success(request, _("Value recorded."))
    else:
        messages.error(request, _("Check the date and the value."))
    return redirect("monitoring:kpi", code=request.municipality.code, pk=k.pk)


@require_POST
@municipality_view(Role.EDITOR)
def kpis_refresh(request):
    n = services.kpis_refresh_bound(municipality=request.municipality, by=request.user)
    messages.success(request, _("%(n)d new values from the imported data.") % {"n": n})
    return redirect("monitoring:index", code=request.municipality.code)


def _language(request) -> str:
    lang = request.GET.get("lang", "")
    return lang if lang in ("uk", "en") else (getattr(request, "LANGUAGE_CODE", "uk") or "uk")


def _include_restricted(request) -> bool:
    """Restricted items leave the municipality only when an owner asks for them."""
    return wants_internal(request)


@municipality_view()
def report_pdf(request):
    lang = _language(request)
    pdf = report.report_pdf(
        request.municipality, language=lang, include_restricted=_include_restricted(request)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="follow-up-{request.municipality.code}-{lang}.pdf"'
    )
    return response


@municipality_view()
def report_xlsx(request):
    lang = _language(request)
    internal = _include_restricted(request)
    with translation.override(lang):
        mark = str(INTERNAL_MARK) if internal else ""
    return xlsx_response(
        report.report_sheets(request.municipality, language=lang, include_restricted=internal),
        f"follow-up-{request.municipality.code}-{lang}",
        mark=mark,
    )
