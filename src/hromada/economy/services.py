"""Writes of the Assess step: imports of datasets, population records, the damage register."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from dataclasses import asdict
from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pandas as pd
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hromada.core.charts import Chart
from hromada.econ.errors import HromadaError
from hromada.economy import selectors
from hromada.economy.charts import diagnosis_charts
from hromada.economy.importing import ParseResult, parse_upload
from hromada.economy.models import (
    Area,
    DamageEntry,
    DamageImpact,
    Dataset,
    DatasetVersion,
    DiagnosisRun,
    DraftStatus,
    ImportDraft,
    Observation,
    PopulationRecord,
    RelocatedEnterprise,
    RunStatus,
)
from hromada.economy.selectors import Diagnosis
from hromada.refdata import ReferenceDataMissingError, kved, kved_lookup

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from hromada.workspaces.models import Municipality

logger = logging.getLogger(__name__)

DRAFT_LIFETIME = timedelta(days=1)

#: The background tasks this module enqueues, by name. ``hromada.economy.tasks`` fills it
#: on import (``EconomyConfig.ready`` imports it), so tasks import services, never the
#: reverse.
_TASKS: dict = {}


def register_task(name: str, task: Any) -> None:
    """Let this module enqueue ``task`` as ``name`` (called by ``economy.tasks``)."""
    _TASKS[name] = task


def _enqueue(name: str, *args: Any) -> None:
    _TASKS[name].enqueue(*args)


@transaction.atomic
def dataset_import(
    *,
    municipality: Municipality,
    frame: pd.DataFrame,
    name: str,
    measure: str,
    unit: str,
    reference_level: str = "ukraine",
    source: str = "",
    user: User | None = None,
    filename: str = "",
    note: str = "",
    is_illustrative: bool = False,
    kind: str = "",
) -> DatasetVersion:
    """Store ``frame`` (area, sector, year, value) as a new version of the dataset called
    ``name`` (created if new). All or nothing: any failure stores nothing."""
    dataset = _dataset_save(
        municipality=municipality,
        name=name,
        measure=measure,
        unit=unit,
        reference_level=reference_level,
        source=source,
        user=user,
        is_illustrative=is_illustrative,
        kind=kind,
    )
    number = (dataset.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DatasetVersion(
        dataset=dataset,
        number=number,
        created_by=user,
        source_filename=filename[:255],
        note=note[:500],
    )
    version.full_clean()
    version.save()
    areas = {"local": Area.LOCAL, "reference": Area.REFERENCE}
    Observation.objects.bulk_create(
        [
            Observation(
                version=version,
                area=areas[r.area],
                sector=str(r.sector),
                year=int(r.year),
                value=float(r.value),
            )
            for r in frame.itertuples(index=False)
        ]
    )
    return version


def _dataset_save(
    *,
    municipality: Municipality,
    name: str,
    measure: str,
    unit: str,
    reference_level: str,
    source: str,
    user: User | None,
    is_illustrative: bool,
    kind: str,
) -> Dataset:
    """The dataset called ``name``, created or with its description updated."""
    dataset = selectors.dataset_by_name(municipality=municipality, name=name)
    if dataset is None:
        dataset = Dataset(
            municipality=municipality,
            name=name,
            measure=measure,
            unit=unit,
            reference_level=reference_level,
            source=source,
            created_by=user,
            is_illustrative=is_illustrative,
            kind=kind,
        )
    else:
        dataset.measure, dataset.unit = measure, unit
        dataset.reference_level = reference_level
        dataset.source = source or dataset.source
        dataset.is_illustrative = is_illustrative
        dataset.kind = kind or dataset.kind
    dataset.full_clean()
    dataset.save()
    return dataset


def _draft_cleanup(municipality: Municipality) -> None:
    ImportDraft.objects.filter(
        municipality=municipality, created_at__lt=timezone.now() - DRAFT_LIFETIME
    ).delete()


# Uploads up to this size are checked within the request (a section-level file of ten
# years is about 10 kB and checks in well under a second); larger ones by the worker, so
# no page waits on a big file.
INLINE_PARSE_BYTES = 32 * 1024
# Drafts up to this many values are stored within the request; more by the worker.
INLINE_STORE_ROWS = 3000
# A worker checking or storing a draft touches it this often (seconds) ...
DRAFT_HEARTBEAT = 15
# ... so a draft still parsing or storing with no sign of life for
# ``selectors.STALE_DRAFT`` lost its worker (killed, power cut) and the page offers a retry.


class _Heartbeat:
    """While a worker checks or stores a draft, a thread touches the draft's updated_at
    every DRAFT_HEARTBEAT seconds: a draft that stops being touched lost its worker."""

    def __init__(self, draft_id: int) -> None:
        self.draft_id = draft_id
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            while not self.stop.wait(DRAFT_HEARTBEAT):
                try:
                    draft_heartbeat(draft_id=self.draft_id)
                except DatabaseError:  # busy database: the next beat tries again
                    pass
        finally:
            connection.close()

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(timeout=5)


def draft_heartbeat(*, draft_id: int) -> None:
    """Mark a draft in progress as alive (its worker is still at it)."""
    ImportDraft.objects.filter(
        pk=draft_id, status__in=[DraftStatus.PARSING, DraftStatus.STORING]
    ).update(updated_at=timezone.now())


def _draft_fill(draft: ImportDraft, result: ParseResult) -> None:
    """Record a check's outcome on the draft: its values when the file is fine, only its
    problems when not (then nothing of the file is kept)."""
    draft.problems = [p.as_dict() for p in result.problems]
    draft.content = b""
    if result.ok and result.frame is not None:
        draft.status, draft.level = DraftStatus.READY, result.level
        draft.rows = [
            [r.area, r.sector, int(r.year), float(r.value)]
            for r in result.frame.itertuples(index=False)
        ]
    else:
        draft.status, draft.rows = DraftStatus.REJECTED, []
    draft.progress = 100


@transaction.atomic
def _new_draft(*, filename: str, **fields: Any) -> ImportDraft:
    """An unsaved upload draft, in the language of the request (its messages' language)."""
    return ImportDraft(filename=filename[:255], language=get_language() or "uk", **fields)


def import_draft_create(
    *,
    municipality: Municipality,
    user: User,
    content: bytes,
    filename: str,
    name: str,
    measure: str,
    unit: str,
    reference_level: str,
    source: str = "",
    kind: str = "",
) -> tuple[ImportDraft | None, ParseResult]:
    """Check an upload now. With errors nothing is stored and the draft is None; otherwise a
    draft waits for :func:`import_draft_confirm`."""
    _draft_cleanup(municipality)
    result = parse_upload(content, filename)
    if not result.ok:
        return None, result
    draft = _new_draft(
        municipality=municipality,
        created_by=user,
        filename=filename,
        name=name,
        measure=measure,
        unit=unit,
        reference_level=reference_level,
        source=source,
        kind=kind,
    )
    _draft_fill(draft, result)
    draft.full_clean()
    draft.save()
    return draft, result


def import_upload_start(
    *,
    municipality: Municipality,
    user: User,
    content: bytes,
    filename: str,
    name: str,
    measure: str,
    unit: str,
    reference_level: str,
    source: str = "",
    kind: str = "",
) -> tuple[ImportDraft | None, ParseResult | None]:
    """Check an upload: a small file now (as :func:`import_draft_create`), a large one in
    the background, in which case the draft is returned parsing and the result is None."""
    if len(content) <= INLINE_PARSE_BYTES:
        return import_draft_create(
            municipality=municipality,
            user=user,
            content=content,
            filename=filename,
            name=name,
            measure=measure,
            unit=unit,
            reference_level=reference_level,
            source=source,
            kind=kind,
        )
    with transaction.atomic():
        _draft_cleanup(municipality)
        draft = _new_draft(
            municipality=municipality,
            created_by=user,
            filename=filename,
            name=name,
            measure=measure,
            unit=unit,
            reference_level=reference_level,
            source=source,
            kind=kind,
            status=DraftStatus.PARSING,
            content=content,
        )
        draft.full_clean()
        draft.save()
    # Enqueued once the draft is committed: the worker must see it.
    _enqueue("import_parse", draft.pk)
    draft.refresh_from_db()
    return draft, None


def _draft_progress(draft: ImportDraft, progress: int) -> None:
    draft.progress = progress
    draft.save(update_fields=["progress", "updated_at"])


def import_draft_parse(*, draft_id: int) -> None:
    """Check a parsing draft's file (called by the background task)."""
    draft = ImportDraft.objects.filter(pk=draft_id, status=DraftStatus.PARSING).first()
    if draft is None:
        return
    try:
        _draft_progress(draft, 10)
        with translation.override(draft.language), _Heartbeat(draft.pk):
            result = parse_upload(bytes(draft.content), draft.filename)
        _draft_progress(draft, 80)
        _draft_fill(draft, result)
        draft.save()
    except Exception as exc:
        # Broad on purpose: this runs in a worker, and whatever stops the check (a bug, the
        # database) must be stored on the draft for its page to show, with a retry (the
        # file is kept); the task framework then records the re-raised error too.
        logger.exception("Checking upload draft %s failed", draft.pk)
        _draft_failed(draft, exc)
        raise


def _draft_failed(draft: ImportDraft, exc: Exception) -> None:
    draft.error = str(exc)[:2000] or exc.__class__.__name__
    draft.status = DraftStatus.FAILED
    draft.save(update_fields=["error", "status", "updated_at"])


def import_draft_retry(*, draft: ImportDraft) -> ImportDraft:
    """Start a failed (or stalled) check or store again: a failed check still has its
    file, a failed store its values."""
    if not (draft.status == DraftStatus.FAILED or selectors.draft_is_stale(draft)):
        return draft
    parse = bool(draft.content) and not draft.rows
    draft.status = DraftStatus.PARSING if parse else DraftStatus.STORING
    draft.progress, draft.error = 0, ""
    draft.save(update_fields=["status", "progress", "error", "updated_at"])
    if parse:
        _enqueue("import_parse", draft.pk)
    else:
        _enqueue("import_store", draft.pk, draft.created_by_id)
    draft.refresh_from_db()
    return draft


@transaction.atomic
def import_draft_confirm(*, draft: ImportDraft, user: User | None = None) -> DatasetVersion:
    """Store a checked draft as a new dataset version, then delete the draft."""
    version = _draft_version(draft=draft, user=user)
    draft.delete()
    return version


def _draft_version(*, draft: ImportDraft, user: User | None = None) -> DatasetVersion:
    if (
        draft.status not in (DraftStatus.READY, DraftStatus.STORING, DraftStatus.FAILED)
        or not draft.rows
    ):
        raise ValidationError(_("This upload has no values to store."))
    return dataset_import(
        municipality=draft.municipality,
        frame=selectors.draft_frame(draft),
        name=draft.name,
        measure=draft.measure,
        unit=draft.unit,
        reference_level=draft.reference_level,
        source=draft.source,
        user=user,
        filename=draft.filename,
        kind=draft.kind,
    )


@transaction.atomic
def _draft_store(*, draft: ImportDraft, user: User | None = None) -> None:
    """Store the draft's values and mark it stored, in one transaction (all or nothing)."""
    draft.version = _draft_version(draft=draft, user=user)
    draft.status, draft.rows, draft.progress = DraftStatus.STORED, [], 100
    draft.save()


def import_draft_store_start(*, draft: ImportDraft, user: User | None = None) -> ImportDraft:
    """Confirm a checked draft: a small one is stored now, a large one by the worker (the
    draft is then returned storing). A stored draft carries its new version."""
    if draft.status != DraftStatus.READY or not draft.rows:
        raise ValidationError(_("This upload has no values to store."))
    if len(draft.rows) <= INLINE_STORE_ROWS:
        _draft_store(draft=draft, user=user)
        return draft
    draft.status, draft.progress = DraftStatus.STORING, 0
    draft.save(update_fields=["status", "progress", "updated_at"])
    _enqueue("import_store", draft.pk, getattr(user, "pk", None))
    draft.refresh_from_db()
    return draft


def import_draft_store(*, draft_id: int, user_id: int | None = None) -> None:
    """Store a storing draft as a new dataset version (called by the background task).
    All or nothing: a failure stores nothing and leaves the draft failed, retryable."""
    draft = ImportDraft.objects.filter(pk=draft_id, status=DraftStatus.STORING).first()
    if draft is None:
        return
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    try:
        _draft_progress(draft, 10)
        with _Heartbeat(draft.pk):
            _draft_store(draft=draft, user=user)
    except Exception as exc:
        # Broad on purpose, as in import_draft_parse: any failure of the worker is stored on
        # the draft for its page to show, with a retry (the checked values are kept; the
        # transaction stored nothing).
        logger.exception("Storing upload draft %s failed", draft.pk)
        _draft_failed(draft, exc)
        raise


@transaction.atomic
def import_draft_cancel(*, draft: ImportDraft) -> None:
    draft.delete()


@transaction.atomic
def analysis_dataset_choose(
    *, municipality: Municipality, dataset: Dataset | None, user: User | None = None
) -> None:
    """Make ``dataset`` the one the municipality's analyses use (None: back to the most
    complete one); at most one dataset is chosen."""
    for other in Dataset.objects.filter(municipality=municipality, chosen_for_analysis=True):
        if dataset is None or other.pk != dataset.pk:
            other.chosen_for_analysis = False
            if user is not None:
                other._history_user = user
            other.save(update_fields=["chosen_for_analysis", "updated_at"])
    if dataset is not None and not dataset.chosen_for_analysis:
        if dataset.municipality_id != municipality.pk:
            raise ValidationError(_("This dataset belongs to another municipality."))
        dataset.chosen_for_analysis = True
        if user is not None:
            dataset._history_user = user
        dataset.save(update_fields=["chosen_for_analysis", "updated_at"])


# --- Population and workforce --------------------------------------------------------


@transaction.atomic
def population_record_create(
    *, municipality: Municipality, user: User | None = None, **fields: Any
) -> PopulationRecord:
    """Add a figure, or replace the figure of the same indicator and year."""
    record = PopulationRecord.objects.filter(
        municipality=municipality, year=fields["year"], indicator=fields["indicator"]
    ).first()
    if record is None:
        record = PopulationRecord(municipality=municipality, created_by=user)
    for key, value in fields.items():
        setattr(record, key, value)
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def relocated_enterprise_create(
    *, municipality: Municipality, user: User | None = None, **fields: Any
) -> RelocatedEnterprise:
    code = kved_lookup([fields.get("sector", "")])["code"].iloc[0]
    if code is None or pd.isna(code):
        raise ValidationError({"sector": _("Not a KVED 2010 code.")})
    fields["sector"] = code
    enterprise = RelocatedEnterprise(municipality=municipality, created_by=user, **fields)
    enterprise.full_clean()
    enterprise.save()
    return enterprise


@transaction.atomic
def record_delete(
    *, record: PopulationRecord | RelocatedEnterprise | DamageEntry, user: User | None = None
) -> None:
    """Soft-delete a population figure, relocated enterprise or damage entry."""
    record.soft_delete(by=user)


# --- War damage, losses and needs ------------------------------------------------------


@transaction.atomic
def damage_entry_create(
    *,
    municipality: Municipality,
    user: User | None = None,
    impacts: list[dict] | None = None,
    **fields: Any,
) -> DamageEntry:
    """Add an entry of the register, with the firms, jobs and output it affected by KVED
    section (``impacts``: dicts with ``sector``, ``firms``, ``jobs``, ``output``)."""
    entry = DamageEntry(municipality=municipality, created_by=user, **fields)
    entry.full_clean()
    entry.save()
    for impact in impacts or []:
        damage_impact_add(entry=entry, **impact)
    return entry


@transaction.atomic
def damage_impact_add(
    *,
    entry: DamageEntry,
    sector: str,
    firms: int = 0,
    jobs: int = 0,
    output: float | Decimal = 0,
    user: User | None = None,
) -> DamageImpact:
    impact = DamageImpact(
        entry=entry, sector=str(sector).strip().upper(), firms=firms, jobs=jobs, output=output
    )
    if user is not None:
        impact._history_user = user
    impact.full_clean()
    sections = set(kved().query("level == 'section'")["code"])
    if impact.sector not in sections:
        raise ValidationError({"sector": _("Not a KVED 2010 section (A-U).")})
    impact.save()
    return impact


@transaction.atomic
def damage_entry_update(
    *, entry: DamageEntry, user: User | None = None, **fields: Any
) -> DamageEntry:
    """Correct an entry of the register; the earlier text stays in its history."""
    for key, value in fields.items():
        setattr(entry, key, value)
    if user is not None:
        entry._history_user = user
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def damage_impact_remove(*, impact: DamageImpact, user: User | None = None) -> None:
    """Remove one section's figures from an entry (kept in the impacts' history)."""
    if user is not None:
        impact._history_user = user
    impact.delete()


@transaction.atomic
def damage_entry_set_status(
    *, entry: DamageEntry, status: str, user: User | None = None
) -> DamageEntry:
    entry.status = status
    if user is not None:
        entry._history_user = user
    entry.full_clean()
    entry.save()
    return entry


# --- Diagnosis in the background ------------------------------------------------------------

STALE_RUN = timedelta(minutes=10)


def _run_get_or_create(
    *,
    dataset: Dataset,
    version: DatasetVersion,
    query: dict[str, Any],
    language: str,
    csv_base: str,
    create: bool,
) -> tuple[DiagnosisRun | None, bool]:
    """The run of these inputs, created (pending) when ``create`` and there is none: one
    run per key, also when two requests race (the unique constraint decides)."""
    key, clean = selectors.run_key(query, language)
    run = DiagnosisRun.objects.filter(version=version, key=key).first()
    if run is not None or not create:
        return run, False
    try:
        with transaction.atomic():
            return DiagnosisRun.objects.create(
                version=version,
                key=key,
                municipality=dataset.municipality,
                query=clean,
                language=language,
                csv_base=csv_base,
            ), True
    except IntegrityError:
        return DiagnosisRun.objects.get(version=version, key=key), False


def diagnosis_run_mark_stale(*, run: DiagnosisRun) -> None:
    """A run waiting or computing for longer than STALE_RUN lost its worker: marked failed
    once (with the reason), so the page offers a retry instead of waiting forever."""
    if (
        run.status in (RunStatus.PENDING, RunStatus.RUNNING)
        and run.updated_at < timezone.now() - STALE_RUN
    ):
        with translation.override(run.language):
            run.error = _(
                "The computation stopped before it finished (the background "
                "worker was stopped or is not running)."
            )
        run.status = RunStatus.FAILED
        run.save(update_fields=["status", "error", "updated_at"])


def diagnosis_run_start(
    *,
    dataset: Dataset,
    version: DatasetVersion,
    query: Mapping[str, Any],
    language: str,
    csv_base: str,
    may_start: bool = True,
) -> DiagnosisRun:
    """The stored diagnosis of a dataset version for the years ``query`` asks (normalised
    to years of the data) in a language: one run per such key, computed once by a
    background task. A visit never queues a task for a run that exists: a failed or
    stalled run stays failed until :func:`diagnosis_run_retry`. Without ``may_start``
    (viewers) only the default years' run is ever created; a request for other years
    that no one computed yet gets that default run, marked ``fallback``."""
    wanted = selectors.run_query(dataset, version, query)
    run, created = _run_get_or_create(
        dataset=dataset,
        version=version,
        query=wanted,
        language=language,
        csv_base=csv_base,
        create=may_start,
    )
    fallback = run is None
    if fallback:
        run, created = _run_get_or_create(
            dataset=dataset,
            version=version,
            query=selectors.run_query(dataset, version, {}),
            language=language,
            csv_base=csv_base,
            create=True,
        )
    if run is None:  # not reached: with create=True there is always a run
        raise RuntimeError("no diagnosis run was created")
    if created:
        # Enqueued after the run row is committed.
        _enqueue("diagnosis_run", run.pk)
    run.refresh_from_db()
    diagnosis_run_mark_stale(run=run)
    run.fallback = fallback
    return run


def diagnosis_run_retry(*, run: DiagnosisRun) -> DiagnosisRun:
    """Compute a failed (or stalled) run again: the one way a failed run is re-queued."""
    diagnosis_run_mark_stale(run=run)
    if run.status != RunStatus.FAILED:
        return run
    run.status, run.progress, run.error = RunStatus.PENDING, 0, ""
    run.save(update_fields=["status", "progress", "error", "updated_at"])
    _enqueue("diagnosis_run", run.pk)
    run.refresh_from_db()
    return run


def _run_error_message(exc: Exception) -> str:
    """Why a run failed, in words for its user (the active language); the exception
    itself goes to the log."""
    if isinstance(exc, ReferenceDataMissingError):
        return _(
            "Reference data the diagnosis needs is missing on this server. Ask your "
            "administrator to run “hromada data check”."
        )
    if isinstance(exc, HromadaError):
        return _(
            "These data cannot be analysed as they are. Check the stored values "
            "(download them below), correct them and upload a new version."
        )
    return _(
        "An unexpected error stopped the computation. Try again; if it fails again, "
        "tell your administrator."
    )


def diagnosis_to_json(diag: Diagnosis, charts: dict[str, list[Chart]]) -> dict[str, Any]:
    """A computed diagnosis and its charts as JSON, as a run stores them (read back by
    :func:`hromada.economy.selectors.diagnosis_from_json`)."""
    return {
        "params": asdict(diag.params) if diag.params else None,
        "notes": list(diag.notes),
        "errors": dict(diag.errors),
        "tables": {
            k: json.loads(v.to_json(orient="split", index=False, double_precision=15))
            for k, v in diag.tables.items()
        },
        "charts": {
            section: [
                {
                    "id": c.id,
                    "spec": c.spec,
                    "title": c.title,
                    "explanation": c.explanation,
                    "csv_url": c.csv_url,
                }
                for c in items
            ]
            for section, items in charts.items()
        },
    }


def _run_progress(run: DiagnosisRun, progress: int, status: str | None = None) -> None:
    run.progress = progress
    fields = ["progress", "updated_at"]
    if status:
        run.status = status
        fields.append("status")
    run.save(update_fields=fields)


def diagnosis_run_execute(*, run_id: int) -> None:
    """Compute and store one diagnosis run (called by the background task)."""
    run = DiagnosisRun.objects.select_related("version__dataset").filter(pk=run_id).first()
    if run is None:
        return
    dataset = run.version.dataset
    try:
        with translation.override(run.language):
            _run_progress(run, 10, RunStatus.RUNNING)
            diag = selectors.diagnosis_compute(dataset, version=run.version, query=run.query)
            _run_progress(run, 50)
            qs = "&".join(
                f"{k}={v}" for k, v in (diag.params.as_query().items() if diag.params else [])
            )
            qs += f"&version={run.version.number}"
            charts = (
                diagnosis_charts(diag, lambda cid: f"{run.csv_base}{cid}/?{qs}")
                if diag.params
                else {}
            )
            _run_progress(run, 90)
            run.result = diagnosis_to_json(diag, charts)
            run.status, run.progress = RunStatus.DONE, 100
            run.save(update_fields=["result", "status", "progress", "updated_at"])
    except Exception as exc:
        # Broad on purpose: a background run must end failed, with a reason its user can
        # act on (_run_error_message), whatever stopped it; the details go to the log.
        logger.exception("Diagnosis run %s failed", run.pk)
        with translation.override(run.language):
            run.status, run.error = RunStatus.FAILED, _run_error_message(exc)
        run.save(update_fields=["status", "error", "updated_at"])
        raise
