"""Writes of the Assess step: imports of datasets, population records, the damage register."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from hromada.economy.importing import ParseResult, parse_upload
from hromada.economy.models import (
    Area,
    DamageEntry,
    DamageImpact,
    Dataset,
    DatasetVersion,
    ImportDraft,
    Observation,
    PopulationRecord,
    RelocatedEnterprise,
)

DRAFT_LIFETIME = timedelta(days=1)


@transaction.atomic
def dataset_import(*, municipality, frame: pd.DataFrame, name: str, measure: str, unit: str,
                   reference_level: str = "ukraine", source: str = "", user=None,
                   filename: str = "", note: str = "", is_illustrative: bool = False
                   ) -> DatasetVersion:
    """Store ``frame`` (area, sector, year, value) as a new version of the dataset called
    ``name`` (created if new). All or nothing: any failure stores nothing."""
    dataset = Dataset.objects.filter(municipality=municipality, name=name).first()
    if dataset is None:
        dataset = Dataset(municipality=municipality, name=name, measure=measure, unit=unit,
                          reference_level=reference_level, source=source, created_by=user,
                          is_illustrative=is_illustrative)
    else:
        dataset.measure, dataset.unit = measure, unit
        dataset.reference_level = reference_level
        dataset.source = source or dataset.source
        dataset.is_illustrative = is_illustrative
    dataset.full_clean()
    dataset.save()
    number = (dataset.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DatasetVersion(dataset=dataset, number=number, created_by=user,
                             source_filename=filename[:255], note=note[:500])
    version.full_clean()
    version.save()
    areas = {"local": Area.LOCAL, "reference": Area.REFERENCE}
    Observation.objects.bulk_create([
        Observation(version=version, area=areas[r.area], sector=str(r.sector),
                    year=int(r.year), value=float(r.value))
        for r in frame.itertuples(index=False)
    ])
    return version


def _draft_cleanup(municipality) -> None:
    ImportDraft.objects.filter(municipality=municipality,
                               created_at__lt=timezone.now() - DRAFT_LIFETIME).delete()


@transaction.atomic
def import_draft_create(*, municipality, user, content: bytes, filename: str, name: str,
                        measure: str, unit: str, reference_level: str, source: str = ""
                        ) -> tuple[ImportDraft | None, ParseResult]:
    """Check an upload. With errors nothing is stored and the draft is None; otherwise a
    draft waits for :func:`import_draft_confirm`."""
    _draft_cleanup(municipality)
    result = parse_upload(content, filename)
    if not result.ok:
        return None, result
    draft = ImportDraft(municipality=municipality, created_by=user, filename=filename[:255],
                        name=name, measure=measure, unit=unit, reference_level=reference_level,
                        source=source, level=result.level,
                        rows=[[r.area, r.sector, int(r.year), float(r.value)]
                              for r in result.frame.itertuples(index=False)],
                        problems=[p.as_dict() for p in result.problems])
    draft.full_clean()
    draft.save()
    return draft, result


def draft_frame(draft: ImportDraft) -> pd.DataFrame:
    return pd.DataFrame(draft.rows, columns=["area", "sector", "year", "value"])


@transaction.atomic
def import_draft_confirm(*, draft: ImportDraft, user=None) -> DatasetVersion:
    """Store a checked draft as a new dataset version, then delete the draft."""
    if not draft.rows:
        raise ValidationError(_("This upload has no values to store."))
    version = dataset_import(municipality=draft.municipality, frame=draft_frame(draft),
                             name=draft.name, measure=draft.measure, unit=draft.unit,
                             reference_level=draft.reference_level, source=draft.source,
                             user=user, filename=draft.filename)
    draft.delete()
    return version


@transaction.atomic
def import_draft_cancel(*, draft: ImportDraft) -> None:
    draft.delete()


# --- Population and workforce --------------------------------------------------------


@transaction.atomic
def population_record_create(*, municipality, user=None, **fields) -> PopulationRecord:
    """Add a figure, or replace the figure of the same indicator and year."""
    record = PopulationRecord.objects.filter(municipality=municipality, year=fields["year"],
                                             indicator=fields["indicator"]).first()
    if record is None:
        record = PopulationRecord(municipality=municipality, created_by=user)
    for key, value in fields.items():
        setattr(record, key, value)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def relocated_enterprise_create(*, municipality, user=None, **fields) -> RelocatedEnterprise:
    from hromada.refdata import kved_lookup

    code = kved_lookup([fields.get("sector", "")])["code"].iloc[0]
    if code is None or pd.isna(code):
        raise ValidationError({"sector": _("Not a KVED 2010 code.")})
    fields["sector"] = code
    enterprise = RelocatedEnterprise(municipality=municipality, created_by=user, **fields)
    enterprise.full_clean()
    enterprise.save()
    return enterprise


@transaction.atomic
def record_delete(*, record, user=None) -> None:
    """Soft-delete a population figure, relocated enterprise or damage entry."""
    record.soft_delete(by=user)


# --- War damage, losses and needs ------------------------------------------------------


@transaction.atomic
def damage_entry_create(*, municipality, user=None, impacts: list[dict] | None = None,
                        **fields) -> DamageEntry:
    """Add an entry of the register, with the firms, jobs and output it affected by KVED
    section (``impacts``: dicts with ``sector``, ``firms``, ``jobs``, ``output``)."""
    entry = DamageEntry(municipality=municipality, created_by=user, **fields)
    entry.full_clean()
    entry.save()
    for impact in impacts or []:
        damage_impact_add(entry=entry, **impact)
    return entry


@transaction.atomic
def damage_impact_add(*, entry: DamageEntry, sector: str, firms: int = 0, jobs: int = 0,
                      output=0) -> DamageImpact:
    impact = DamageImpact(entry=entry, sector=str(sector).strip().upper(), firms=firms,
                          jobs=jobs, output=output)
    impact.full_clean()
    from hromada.refdata import kved

    sections = set(kved().query("level == 'section'")["code"])
    if impact.sector not in sections:
        raise ValidationError({"sector": _("Not a KVED 2010 section (A-U).")})
    impact.save()
    return impact


@transaction.atomic
def damage_entry_set_status(*, entry: DamageEntry, status: str, user=None) -> DamageEntry:
    entry.status = status
    if user is not None:
        entry._history_user = user
    entry.full_clean()
    entry.save()
    return entry


# --- Diagnosis in the background ------------------------------------------------------------

STALE_RUN = timedelta(minutes=10)


def diagnosis_run_start(*, dataset, version, query, language: str, csv_base: str):
    """The stored diagnosis for these years and language, started as a background task
    when there is none yet (or the last attempt failed or stalled)."""
    from hromada.economy.diagnosis import run_key
    from hromada.economy.models import DiagnosisRun, RunStatus
    from hromada.economy.tasks import diagnosis_run_task

    key, clean = run_key(query, language)
    with transaction.atomic():
        run, created = DiagnosisRun.objects.get_or_create(
            version=version, key=key,
            defaults={"municipality": dataset.municipality, "query": clean,
                      "language": language, "csv_base": csv_base})
        stale = (run.status in (RunStatus.PENDING, RunStatus.RUNNING)
                 and run.updated_at < timezone.now() - STALE_RUN)
        restart = created or run.status == RunStatus.FAILED or stale
        if restart and not created:
            run.status, run.progress, run.error = RunStatus.PENDING, 0, ""
            run.save(update_fields=["status", "progress", "error", "updated_at"])
    if restart:
        # Enqueued after the run row is committed (outside the atomic block above).
        diagnosis_run_task.enqueue(run.pk)
    run.refresh_from_db()
    return run


def _run_progress(run, progress: int, status: str | None = None) -> None:
    run.progress = progress
    fields = ["progress", "updated_at"]
    if status:
        run.status = status
        fields.append("status")
    run.save(update_fields=fields)


def diagnosis_run_execute(*, run_id: int) -> None:
    """Compute and store one diagnosis run (called by the background task)."""
    from django.utils import translation

    from hromada.economy.charts import diagnosis_charts
    from hromada.economy.diagnosis import diagnosis_compute, diagnosis_to_json
    from hromada.economy.models import DiagnosisRun, RunStatus

    run = DiagnosisRun.objects.select_related("version__dataset").filter(pk=run_id).first()
    if run is None:
        return
    dataset = run.version.dataset
    try:
        with translation.override(run.language):
            _run_progress(run, 10, RunStatus.RUNNING)
            diag = diagnosis_compute(dataset, version=run.version, query=run.query)
            _run_progress(run, 50)
            qs = "&".join(f"{k}={v}" for k, v in
                          (diag.params.as_query().items() if diag.params else []))
            qs += f"&version={run.version.number}"
            charts = (diagnosis_charts(diag, lambda cid: f"{run.csv_base}{cid}/?{qs}")
                      if diag.params else {})
            _run_progress(run, 90)
            run.result = diagnosis_to_json(diag, charts)
            run.status, run.progress = RunStatus.DONE, 100
            run.save(update_fields=["result", "status", "progress", "updated_at"])
    except Exception as exc:  # noqa: BLE001 - stored and shown on the page
        run.status, run.error = RunStatus.FAILED, str(exc)[:2000]
        run.save(update_fields=["status", "error", "updated_at"])
        raise
