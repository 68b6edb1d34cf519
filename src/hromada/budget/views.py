"""The monthly fiscal pulse page, the import and fetch of monthly budget execution, and the
forecast assumptions. Thin: reads in selectors, writes in services."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from hromada.budget import presentation, selectors, services
from hromada.budget.fetch import FetchError
from hromada.budget.forms import AssumptionsForm, FetchForm, UploadForm
from hromada.core.exports import csv_response
from hromada.econ.pulse import PIT_LOCAL_SHARE, PIT_RATE
from hromada.workspaces.models import Role
from hromada.workspaces.permissions import municipality_view

MAX_UPLOAD = 60 * 1024 * 1024


def _context(request, **extra) -> dict:
    m = request.municipality
    source, p = selectors.pulse_for(m)
    a = selectors.assumptions_of(m)
    ctx = {
        "municipality": m,
        "source": source,
        "p": p,
        "assumptions": a,
        "can_edit": request.membership.has_role(Role.EDITOR),
        "upload_form": UploadForm(),
        "fetch_form": FetchForm(
            initial={
                "budget_code": (source.get("codes") or [""])[-1]
                if source.get("kind") in ("reference", "imported", "fetched")
                else ""
            }
        ),
        "assumptions_form": AssumptionsForm(instance=a),
        "committed_hint": selectors.committed_hint(m),
        "pit_rate": PIT_RATE[2025],
        "pit_share_2021": PIT_LOCAL_SHARE[2021],
        "pit_share_2022": PIT_LOCAL_SHARE[2022],
    }
    if p is not None:
        ctx.update(
            presentation.pulse_page(
                p,
                a,
                selectors.adjusted_forecast(p, a),
                space=selectors.fiscal_space_for(m),
                peers=selectors.peers_or_none(),
            )
        )
    ctx.update(extra)
    return ctx


@municipality_view(Role.VIEWER)
def pulse(request):
    """The monthly fiscal pulse: own revenue by source, real growth, shock and recovery,
    wage bill, forecast with its backtest error, fiscal space."""
    return TemplateResponse(request, "budget/pulse.html", _context(request))


@municipality_view(Role.VIEWER)
def backtest_csv(request):
    _source, p = selectors.pulse_for(request.municipality)
    rows = presentation.backtest_frame(p)
    name = (
        "backtest"
        if p is None or p.backtest_rows is None
        else f"backtest_{request.municipality.code}"
    )
    return csv_response(rows, name)


@municipality_view(Role.EDITOR)
def import_(request):
    if request.method != "POST":
        return redirect("budget:pulse", code=request.municipality.code)
    form = UploadForm(request.POST, request.FILES)
    result = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("The file is larger than 60 MB."))
        else:
            result = services.monthly_budget_import(
                municipality=request.municipality,
                content=upload.read(),
                filename=upload.name,
                source=form.cleaned_data["source"],
                by=request.user,
            )
            if result.ok:
                messages.success(
                    request, _("Imported %(n)s monthly values.") % {"n": len(result.frame)}
                )
                return redirect("budget:pulse", code=request.municipality.code)
    return TemplateResponse(
        request, "budget/pulse.html", _context(request, upload_form=form, result=result), status=400
    )


@municipality_view(Role.EDITOR)
def fetch(request):
    if request.method != "POST":
        return redirect("budget:pulse", code=request.municipality.code)
    form = FetchForm(request.POST)
    result = None
    if form.is_valid():
        try:
            result = services.monthly_budget_fetch(
                municipality=request.municipality,
                budget_code=form.cleaned_data["budget_code"],
                years=[form.cleaned_data["year"]],
                by=request.user,
            )
        except FetchError as exc:
            form.add_error(None, str(exc))
        else:
            if result.ok:
                messages.success(
                    request,
                    _("Fetched %(n)s monthly values from OpenBudget.") % {"n": len(result.frame)},
                )
                return redirect("budget:pulse", code=request.municipality.code)
    return TemplateResponse(
        request, "budget/pulse.html", _context(request, fetch_form=form, result=result), status=400
    )


@municipality_view(Role.EDITOR)
def assumptions(request):
    if request.method != "POST":
        return redirect("budget:pulse", code=request.municipality.code)
    form = AssumptionsForm(request.POST, instance=selectors.assumptions_of(request.municipality))
    if form.is_valid():
        services.assumptions_save(
            municipality=request.municipality,
            values={f: form.cleaned_data[f] for f in form.Meta.fields},
            by=request.user,
        )
        messages.success(request, _("Assumptions saved."))
        return redirect("budget:pulse", code=request.municipality.code)
    return TemplateResponse(
        request, "budget/pulse.html", _context(request, assumptions_form=form), status=400
    )
