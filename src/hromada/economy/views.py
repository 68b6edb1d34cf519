"""Pages of the Assess step: datasets and their import, the diagnosis, population and
workforce, and the war damage register."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hromada.core.disclosure import INTERNAL_MARK
from hromada.core.exports import csv_response, xlsx_response
from hromada.economy import presentation, selectors, services
from hromada.economy.charts import CHART_TABLES
from hromada.economy.columns import DIAGNOSIS_HEADERS, diagnosis_workbook
from hromada.economy.forms import (
    DamageForm,
    EnterpriseForm,
    ImpactForm,
    PopulationForm,
    StatusForm,
    UploadForm,
)
from hromada.economy.importing import (
    count_errors,
    level_label,
    template_about,
    template_csv_bytes,
    template_frame,
)
from hromada.economy.models import Dataset, DatasetVersion, DraftStatus, ImportDraft, RunStatus
from hromada.workspaces.models import Role
from hromada.workspaces.permissions import municipality_view, wants_internal


def _code(request) -> str:
    return request.municipality.code


@municipality_view()
def overview(request):
    municipality = request.municipality
    return TemplateResponse(
        request,
        "economy/overview.html",
        {
            "datasets": selectors.dataset_list_with_versions(municipality=municipality),
            **selectors.register_counts(municipality=municipality),
            "can_edit": request.membership.has_role(Role.EDITOR),
        },
    )


# --- Import ------------------------------------------------------------------------------


def _upload_page(request, form, problems=None, n_errors=0):
    return TemplateResponse(
        request,
        "economy/import.html",
        {
            "form": form,
            "problems": problems,
            "n_errors": n_errors,
            "existing": [d.name for d in selectors.dataset_list(municipality=request.municipality)],
        },
    )


@municipality_view(Role.EDITOR)
def import_upload(request):
    initial = {"name": request.GET.get("name", "")}
    form = UploadForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        draft, result = services.import_upload_start(
            municipality=request.municipality,
            user=request.user,
            content=upload.read(),
            filename=upload.name,
            name=data["name"],
            measure=data["measure"],
            unit=data["unit"],
            reference_level=data["reference_level"],
            source=data["source"],
            kind=data["kind"],
        )
        if draft is None:
            return _upload_page(request, form, result.problems, count_errors(result.problems))
        return redirect("economy:import_preview", code=_code(request), pk=draft.pk)
    return _upload_page(request, form)


def _to_stored_dataset(request, version):
    messages.success(
        request,
        _("Stored as version %(n)d of “%(name)s”.")
        % {"n": version.number, "name": version.dataset.name},
    )
    return redirect("economy:diagnosis", code=_code(request), pk=version.dataset.pk)


def _draft(request, pk: int) -> ImportDraft:
    return selectors.draft_get_or_404(municipality=request.municipality, pk=pk)


@municipality_view(Role.EDITOR)
def import_preview(request, pk: int):
    """The upload's page through its states: being checked or stored (progress, polled by
    htmx), rejected (its problems and the form to upload the fixed file), failed
    (retry), ready (the preview to confirm), stored (on to the diagnosis)."""
    draft = _draft(request, pk)
    if draft.status == DraftStatus.STORED:
        version = draft.version
        draft.delete()
        if version is None:
            return redirect("economy:overview", code=_code(request))
        return _to_stored_dataset(request, version)
    if draft.status == DraftStatus.REJECTED:
        form = UploadForm(
            initial={
                "name": draft.name,
                "measure": draft.measure,
                "unit": draft.unit,
                "reference_level": draft.reference_level,
                "source": draft.source,
                "kind": draft.kind,
            }
        )
        return _upload_page(request, form, draft.problems, count_errors(draft.problems))
    if draft.status != DraftStatus.READY:
        return TemplateResponse(
            request,
            "economy/import_progress.html",
            {"draft": draft, "stale": selectors.draft_is_stale(draft)},
        )
    frame = selectors.draft_frame(draft)
    return TemplateResponse(
        request,
        "economy/import_preview.html",
        {
            "draft": draft,
            **presentation.preview_rows(frame),
            "existing": selectors.dataset_by_name(
                municipality=request.municipality, name=draft.name
            ),
            "level": level_label(draft.level),
            "warnings": draft.problems,
            "coverage": selectors.frame_coverage(frame),
        },
    )


@municipality_view(Role.EDITOR)
def import_progress(request, pk: int):
    """The progress fragment htmx polls; once the draft has moved on, the page reloads."""
    draft = _draft(request, pk)
    response = TemplateResponse(
        request,
        "economy/_import_progress.html",
        {"draft": draft, "stale": selectors.draft_is_stale(draft)},
    )
    if not draft.in_progress and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@require_POST
@municipality_view(Role.EDITOR)
def import_retry(request, pk: int):
    services.import_draft_retry(draft=_draft(request, pk))
    return redirect("economy:import_preview", code=_code(request), pk=pk)


@require_POST
@municipality_view(Role.EDITOR)
def import_confirm(request, pk: int):
    draft = _draft(request, pk)
    try:
        draft = services.import_draft_store_start(draft=draft, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("economy:overview", code=_code(request))
    if draft.status != DraftStatus.STORED:
        return redirect("economy:import_preview", code=_code(request), pk=draft.pk)
    version = draft.version
    draft.delete()
    return _to_stored_dataset(request, version)


@require_POST
@municipality_view(Role.EDITOR)
def import_cancel(request, pk: int):
    services.import_draft_cancel(draft=_draft(request, pk))
    messages.success(request, _("The upload was discarded; nothing was stored."))
    return redirect("economy:overview", code=_code(request))


@municipality_view()
def import_template(request, lang: str, fmt: str):
    if lang not in ("uk", "en") or fmt not in ("csv", "xlsx"):
        raise Http404
    filename = f"hromada-template-{lang}"
    reference, source = selectors.ukraine_reference_by_section(municipality=request.municipality)
    if fmt == "xlsx":
        return xlsx_response(
            dict(  # sheet names in the template's language (the import reads the first)
                zip(
                    {"uk": ("дані", "довідка"), "en": ("data", "about")}[lang],
                    (template_frame(lang, reference), template_about(lang, source)),
                    strict=True,
                )
            ),
            filename,
        )
    content_type = "text/csv; charset=windows-1251" if lang == "uk" else "text/csv; charset=utf-8"
    response = HttpResponse(template_csv_bytes(lang, reference), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


# --- Diagnosis ---------------------------------------------------------------------------


def _dataset(request, pk: int) -> Dataset:
    return selectors.dataset_get_or_404(municipality=request.municipality, pk=pk)


def _exported(request, pk: int) -> Dataset:
    """A dataset about to be exported: a restricted one only in an owner's internal copy."""
    dataset = _dataset(request, pk)
    if dataset.restricted and not wants_internal(request):
        raise PermissionDenied(
            _(
                "This dataset is restricted: it is not exported unless an "
                "owner explicitly includes it."
            )
        )
    return dataset


def _version(request, dataset: Dataset) -> DatasetVersion | None:
    return selectors.version_get(dataset, request.GET.get("version"))


@municipality_view()
def diagnosis(request, pk: int):
    """The diagnosis, computed in the background: the first visit starts the computation
    and shows its progress (htmx polls it); later visits draw the stored result."""
    dataset = _dataset(request, pk)
    version = _version(request, dataset) or dataset.latest_version
    context = {
        "dataset": dataset,
        "versions": selectors.version_list(dataset),
        "version": version,
        "quadrants": presentation.quadrant_labels(),
        "coverage": selectors.dataset_coverage(dataset, version=version),
        "kind": selectors.dataset_kind(dataset),
        "analysis_dataset": selectors.analysis_dataset(
            municipality=request.municipality, measure=dataset.measure
        ),
        "can_edit": request.membership.has_role(Role.EDITOR),
    }
    if version is None:
        return TemplateResponse(request, "economy/diagnosis.html", context)
    csv_base = reverse("economy:diagnosis_csv", args=[_code(request), dataset.pk, "_"])[:-2]
    can_edit = request.membership.has_role(Role.EDITOR)
    run = services.diagnosis_run_start(
        dataset=dataset,
        version=version,
        query=request.GET,
        language=get_language() or "uk",
        csv_base=csv_base,
        may_start=can_edit,
    )
    context.update({"run": run, "can_edit": can_edit})
    if run.status != RunStatus.DONE:
        return TemplateResponse(request, "economy/diagnosis.html", context)
    diag, charts = selectors.diagnosis_stored(dataset=dataset, version=version, run=run)
    query = diag.params.as_query() if diag.params else {}
    query["version"] = version.number
    qs = urlencode(query)
    context.update(
        {
            "diag": diag,
            "params": diag.params,
            "charts": charts,
            **presentation.diagnosis_rows(diag),
            "xlsx_url": reverse("economy:diagnosis_xlsx", args=[_code(request), dataset.pk])
            + f"?{qs}",
            "data_url": reverse("economy:dataset_data", args=[_code(request), dataset.pk])
            + f"?version={version.number}",
        }
    )
    return TemplateResponse(request, "economy/diagnosis.html", context)


@require_POST
@municipality_view(Role.EDITOR)
def dataset_choose(request, pk: int):
    """Make this dataset the one the analyses use, or (use=0) let the most complete one be
    used again."""
    dataset = _dataset(request, pk)
    chosen = request.POST.get("use") == "1"
    services.analysis_dataset_choose(
        municipality=request.municipality, dataset=dataset if chosen else None, user=request.user
    )
    messages.success(
        request,
        _("Your analyses now use “%(name)s”.") % {"name": dataset.name}
        if chosen
        else _("Your analyses now use the most complete dataset."),
    )
    return redirect("economy:diagnosis", code=_code(request), pk=dataset.pk)


@municipality_view()
def diagnosis_progress(request, pk: int, run: int):
    """The progress fragment htmx polls; when the run is done htmx reloads the page."""
    dataset = _dataset(request, pk)
    run = selectors.diagnosis_run_get(municipality=request.municipality, dataset=dataset, pk=run)
    services.diagnosis_run_mark_stale(run=run)
    response = TemplateResponse(
        request,
        "economy/_progress.html",
        {"dataset": dataset, "run": run, "can_edit": request.membership.has_role(Role.EDITOR)},
    )
    if run.status == RunStatus.DONE and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@require_POST
@municipality_view(Role.EDITOR)
def diagnosis_retry(request, pk: int, run: int):
    """Compute a failed diagnosis run again (a visit never does)."""
    dataset = _dataset(request, pk)
    run = selectors.diagnosis_run_get(municipality=request.municipality, dataset=dataset, pk=run)
    services.diagnosis_run_retry(run=run)
    url = reverse("economy:diagnosis", args=[_code(request), dataset.pk])
    return redirect(f"{url}?{urlencode({**run.query, 'version': run.version.number})}")


def _computed(request, dataset: Dataset):
    """The diagnosis for the request's version and years (see
    :func:`selectors.diagnosis_for_export`)."""
    return selectors.diagnosis_for_export(
        dataset=dataset,
        version=_version(request, dataset) or dataset.latest_version,
        query=request.GET,
        language=get_language() or "uk",
        may_choose_years=request.membership.has_role(Role.EDITOR),
    )


@municipality_view()
def diagnosis_csv(request, pk: int, chart: str):
    dataset = _exported(request, pk)
    table = CHART_TABLES.get(chart)
    if table is None:
        raise Http404
    diag = _computed(request, dataset)
    if table not in diag.tables:
        raise Http404
    return csv_response(
        diag.tables[table],
        f"{chart}-{dataset.pk}{'-internal' if dataset.restricted else ''}",
        illustrative=dataset.is_illustrative,
    )


@municipality_view()
def diagnosis_xlsx(request, pk: int):
    dataset = _exported(request, pk)
    return xlsx_response(
        diagnosis_workbook(presentation.diagnosis_sheets(_computed(request, dataset)), dataset),
        f"diagnosis-{dataset.pk}",
        headers=DIAGNOSIS_HEADERS,
        mark=" · ".join(
            str(m)
            for m, on in (
                (INTERNAL_MARK, dataset.restricted),
                (
                    _("Illustrative data: made-up numbers, not facts about your municipality."),
                    dataset.is_illustrative,
                ),
            )
            if on
        ),
    )


@municipality_view()
def dataset_data(request, pk: int):
    dataset = _exported(request, pk)
    frame = selectors.dataset_data_frame(dataset, version=_version(request, dataset))
    return csv_response(
        frame,
        f"dataset-{dataset.pk}{'-internal' if dataset.restricted else ''}",
        illustrative=dataset.is_illustrative,
    )


# --- Population and workforce ------------------------------------------------------------


@municipality_view()
def population(request):
    municipality = request.municipality
    can_edit = request.membership.has_role(Role.EDITOR)
    pform, eform = PopulationForm(prefix="p"), EnterpriseForm(prefix="e")
    if request.method == "POST":
        if not can_edit:
            return HttpResponse(status=403)
        if "p-indicator" in request.POST:
            pform = PopulationForm(request.POST, prefix="p")
            if pform.is_valid():
                try:
                    services.population_record_create(
                        municipality=municipality, user=request.user, **pform.cleaned_data
                    )
                    messages.success(request, _("Saved."))
                    return redirect("economy:population", code=_code(request))
                except ValidationError as exc:
                    pform.add_error(None, exc)
        else:
            eform = EnterpriseForm(request.POST, prefix="e")
            if eform.is_valid():
                try:
                    services.relocated_enterprise_create(
                        municipality=municipality, user=request.user, **eform.cleaned_data
                    )
                    messages.success(request, _("Saved."))
                    return redirect("economy:population", code=_code(request))
                except ValidationError as exc:
                    eform.add_error(None, exc)
    csv_base = reverse("economy:population_csv", args=[_code(request)])
    return TemplateResponse(
        request,
        "economy/population.html",
        {
            "records": selectors.population_list(municipality=municipality),
            "enterprises": selectors.enterprise_list(municipality=municipality),
            "pform": pform,
            "eform": eform,
            "can_edit": can_edit,
            "charts": presentation.population_charts(
                population=selectors.population_frame(municipality=municipality),
                relocation=selectors.relocation_by_year(municipality=municipality),
                csv_base=csv_base,
            ),
        },
    )


@municipality_view()
def population_csv(request):
    which = request.GET.get("table", "population")
    r = wants_internal(request)  # restricted records only in an owner's internal copy
    if which == "enterprises":
        frame = selectors.enterprise_frame(municipality=request.municipality, include_restricted=r)
    elif which == "relocation":
        frame = selectors.relocation_by_year(
            municipality=request.municipality, include_restricted=r
        )
    else:
        frame = selectors.population_frame(municipality=request.municipality, include_restricted=r)
    return csv_response(frame, f"population-{which}{'-internal' if r else ''}")


@require_POST
@municipality_view(Role.EDITOR)
def population_delete(request, pk: int):
    record = selectors.population_record_get_or_404(municipality=request.municipality, pk=pk)
    services.record_delete(record=record, user=request.user)
    messages.success(request, _("Deleted."))
    return redirect("economy:population", code=_code(request))


@require_POST
@municipality_view(Role.EDITOR)
def enterprise_delete(request, pk: int):
    record = selectors.enterprise_get_or_404(municipality=request.municipality, pk=pk)
    services.record_delete(record=record, user=request.user)
    messages.success(request, _("Deleted."))
    return redirect("economy:population", code=_code(request))


# --- War damage, losses and needs ----------------------------------------------------------


@municipality_view()
def damage(request):
    municipality = request.municipality
    can_edit = request.membership.has_role(Role.EDITOR)
    form = DamageForm(prefix="d")
    if request.method == "POST":
        if not can_edit:
            return HttpResponse(status=403)
        form = DamageForm(request.POST, prefix="d")
        if form.is_valid():
            try:
                entry = services.damage_entry_create(
                    municipality=municipality, user=request.user, **form.cleaned_data
                )
                messages.success(
                    request, _("Saved. Now record the firms and jobs it affected, if any.")
                )
                return redirect("economy:damage_entry", code=_code(request), pk=entry.pk)
            except ValidationError as exc:
                form.add_error(None, exc)
    csv_base = reverse("economy:damage_csv", args=[_code(request)])
    totals = selectors.damage_totals(municipality=municipality)
    impacts = selectors.impact_totals(municipality=municipality)
    shock = selectors.damage_shock_table(municipality=municipality)
    return TemplateResponse(
        request,
        "economy/damage.html",
        {
            "entries": selectors.damage_list(municipality=municipality),
            "form": form,
            "can_edit": can_edit,
            **presentation.damage_rows(totals=totals, impacts=impacts, shock=shock),
            "charts": presentation.damage_charts(totals=totals, impacts=impacts, csv_base=csv_base),
        },
    )


@municipality_view()
def damage_entry(request, pk: int):
    entry = selectors.damage_entry_get_or_404(municipality=request.municipality, pk=pk)
    can_edit = request.membership.has_role(Role.EDITOR)
    form = ImpactForm()
    if request.method == "POST":
        if not can_edit:
            return HttpResponse(status=403)
        form = ImpactForm(request.POST)
        if form.is_valid():
            try:
                services.damage_impact_add(entry=entry, user=request.user, **form.cleaned_data)
                messages.success(request, _("Saved."))
                return redirect("economy:damage_entry", code=_code(request), pk=entry.pk)
            except ValidationError as exc:
                form.add_error(None, exc)
    return TemplateResponse(
        request,
        "economy/damage_entry.html",
        {
            "entry": entry,
            "impacts": selectors.damage_impact_list(entry),
            "form": form,
            "can_edit": can_edit,
            "status_form": StatusForm(initial={"status": entry.status}),
        },
    )


@municipality_view(Role.EDITOR)
def damage_edit(request, pk: int):
    entry = selectors.damage_entry_get_or_404(municipality=request.municipality, pk=pk)
    form = DamageForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            services.damage_entry_update(entry=entry, user=request.user, **form.cleaned_data)
            messages.success(request, _("Saved. The earlier version is kept in the history."))
            return redirect("economy:damage_entry", code=_code(request), pk=entry.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    return TemplateResponse(request, "economy/damage_edit.html", {"entry": entry, "form": form})


@require_POST
@municipality_view(Role.EDITOR)
def damage_impact_remove(request, pk: int, impact: int):
    entry = selectors.damage_entry_get_or_404(municipality=request.municipality, pk=pk)
    services.damage_impact_remove(
        impact=selectors.damage_impact_get_or_404(entry, impact), user=request.user
    )
    messages.success(request, _("Removed."))
    return redirect("economy:damage_entry", code=_code(request), pk=entry.pk)


@require_POST
@municipality_view(Role.EDITOR)
def damage_status(request, pk: int):
    entry = selectors.damage_entry_get_or_404(municipality=request.municipality, pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.damage_entry_set_status(
            entry=entry, status=form.cleaned_data["status"], user=request.user
        )
        messages.success(request, _("Saved."))
    else:
        messages.error(request, _("Choose a status."))
    return redirect("economy:damage_entry", code=_code(request), pk=entry.pk)


@require_POST
@municipality_view(Role.EDITOR)
def damage_delete(request, pk: int):
    entry = selectors.damage_entry_get_or_404(municipality=request.municipality, pk=pk)
    services.record_delete(record=entry, user=request.user)
    messages.success(request, _("Deleted."))
    return redirect("economy:damage", code=_code(request))


@municipality_view()
def damage_csv(request):
    which = request.GET.get("table", "entries")
    m = request.municipality
    r = wants_internal(request)  # restricted records only in an owner's internal copy
    if which == "totals":
        frame = selectors.damage_totals(municipality=m, include_restricted=r)
    elif which == "impacts":
        frame = selectors.impact_totals(municipality=m, include_restricted=r)
    elif which == "shock":
        frame = selectors.damage_shock_table(municipality=m, include_restricted=r)
    else:
        frame = selectors.damage_frame(municipality=m, include_restricted=r)
    return csv_response(frame, f"damage-{which}{'-internal' if r else ''}")
