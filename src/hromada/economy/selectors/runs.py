"""Stored diagnoses (background runs): their keys, reading one back, the export's choice."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd
from django.shortcuts import get_object_or_404

from hromada.core.charts import Chart
from hromada.economy.models import Dataset, DatasetVersion, DiagnosisRun, RunStatus
from hromada.economy.selectors.datasets import dataset_panel
from hromada.economy.selectors.diagnosis import (
    Diagnosis,
    DiagnosisParams,
    comparable,
    default_params,
    diagnosis_compute,
)

if TYPE_CHECKING:
    from hromada.workspaces.models import Municipality


# --- Stored diagnoses (background runs) -----------------------------------------------------

QUERY_KEYS = ("start", "end", "pre", "trough", "post")


def run_query(
    dataset: Dataset, version: DatasetVersion | None, query: Mapping[str, Any]
) -> dict[str, int]:
    """The years a diagnosis of ``version`` uses for ``query`` (e.g. request.GET), as a
    query: what a stored run is keyed by. A value that is no year of the data falls back to
    its default, so ``?start=1`` and no ``start`` at all key the same run."""
    local, reference = dataset_panel(dataset, version=version)
    if local.empty or reference.empty:
        return {}
    local, reference, years, _dropped = comparable(local, reference)
    if not years or local.empty:
        return {}
    return default_params(years, local, query).as_query()


def run_key(query: Mapping[str, Any], language: str) -> tuple[str, dict[str, str]]:
    """A stable key of the chosen years and language, and the normalised query."""
    clean = {k: str(query.get(k)) for k in QUERY_KEYS if query.get(k)}
    raw = json.dumps({"q": clean, "lang": language}, sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest(), clean


def diagnosis_from_json(
    dataset: Dataset, version: DatasetVersion | None, data: dict[str, Any]
) -> tuple[Diagnosis, dict[str, list[Chart]]]:
    """A stored run's diagnosis and charts (the inverse of ``services.diagnosis_to_json``)."""
    params = DiagnosisParams(**data["params"]) if data.get("params") else None
    tables = {
        k: pd.DataFrame(v["data"], columns=v["columns"]) for k, v in data.get("tables", {}).items()
    }
    diag = Diagnosis(
        dataset=dataset,
        version=version,
        params=params,
        tables=tables,
        notes=data.get("notes", []),
        errors=data.get("errors", {}),
    )
    charts = {
        section: [Chart(**c) for c in items] for section, items in data.get("charts", {}).items()
    }
    return diag, charts


def diagnosis_run_get(*, municipality: Municipality, dataset: Dataset, pk: int) -> DiagnosisRun:
    """A diagnosis run of this dataset (404 for any other, also another municipality's)."""
    return get_object_or_404(
        DiagnosisRun, pk=pk, municipality=municipality, version__dataset=dataset
    )


def diagnosis_stored(
    *, dataset: Dataset, version: DatasetVersion, run: DiagnosisRun
) -> tuple[Diagnosis, dict[str, list[Chart]]]:
    """The diagnosis and charts a finished run stored."""
    return diagnosis_from_json(dataset, version, run.result or {})


def diagnosis_for_export(
    *,
    dataset: Dataset,
    version: DatasetVersion | None,
    query: Mapping[str, Any],
    language: str,
    may_choose_years: bool,
) -> Diagnosis:
    """The diagnosis for a download: the stored background result for ``query``'s years
    when there is one, else computed now (no charts: quick). Without ``may_choose_years``
    (viewers) years no one computed yet are given only at their defaults (viewers start
    no computation of other years)."""
    queries: list[Mapping[str, Any]] = [query]
    if not may_choose_years:
        queries.append({})
    if version is not None:
        for q in queries:
            key, _wanted = run_key(run_query(dataset, version, q), language)
            run = DiagnosisRun.objects.filter(
                version=version, key=key, status=RunStatus.DONE
            ).first()
            if run is not None:
                return diagnosis_from_json(dataset, version, run.result or {})[0]
    return diagnosis_compute(dataset, version=version, query=queries[-1])
