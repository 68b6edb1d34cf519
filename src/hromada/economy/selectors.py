"""Reads of the Assess step: datasets and their values as the long DataFrames that
hromada.econ takes, the registers (population, enterprises, damage), upload drafts, and
the diagnosis (computed from a dataset's values, or read back from a stored run)."""

from __future__ import annotations

import hashlib
import json
import warnings
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hromada.core.charts import Chart
from hromada.core.disclosure import outward
from hromada.econ import resilience as econ_resilience
from hromada.econ import shiftshare as econ_shiftshare
from hromada.econ import structure as econ_structure
from hromada.econ.errors import HromadaError
from hromada.economy.models import (
    Area,
    DamageEntry,
    DamageImpact,
    Dataset,
    DatasetVersion,
    DiagnosisRun,
    ImportDraft,
    Observation,
    PopulationRecord,
    RelocatedEnterprise,
    RunStatus,
)

if TYPE_CHECKING:
    from hromada.workspaces.models import Municipality


def dataset_list(*, municipality: Municipality) -> list[Dataset]:
    return list(Dataset.objects.filter(municipality=municipality).order_by("name"))


def dataset_list_with_versions(
    *, municipality: Municipality
) -> list[tuple[Dataset, DatasetVersion | None]]:
    """The municipality's datasets by name, each with its newest version."""
    return [(d, d.latest_version) for d in dataset_list(municipality=municipality)]


def dataset_get(*, municipality: Municipality, pk: int) -> Dataset | None:
    """A dataset of this municipality, or None (also when it belongs to another)."""
    return Dataset.objects.filter(municipality=municipality, pk=pk).first()


def dataset_get_or_404(*, municipality: Municipality, pk: int) -> Dataset:
    """A dataset of this municipality (404 for any other)."""
    return get_object_or_404(Dataset, pk=pk, municipality=municipality)


def dataset_by_name(*, municipality: Municipality, name: str) -> Dataset | None:
    """The municipality's dataset called ``name`` (an upload adds a version to it)."""
    return Dataset.objects.filter(municipality=municipality, name=name).first()


def version_get(dataset: Dataset, number: str | None) -> DatasetVersion | None:
    """The version numbered ``number`` (as a query gives it), or None when it names none."""
    if number and number.isdigit():
        return dataset.versions.filter(number=int(number)).first()
    return None


# --- Upload drafts ---------------------------------------------------------------------------

# A draft still parsing or storing with no sign of life for this long lost its worker
# (killed, power cut) and the page offers a retry (its worker touches it every
# ``services.DRAFT_HEARTBEAT`` seconds).
STALE_DRAFT = timedelta(seconds=90)


def draft_get_or_404(*, municipality: Municipality, pk: int) -> ImportDraft:
    return get_object_or_404(ImportDraft, pk=pk, municipality=municipality)


def draft_is_stale(draft: ImportDraft) -> bool:
    """True when a draft has been parsing or storing so long that its worker must be gone."""
    return bool(draft.in_progress and draft.updated_at < timezone.now() - STALE_DRAFT)


def draft_frame(draft: ImportDraft) -> pd.DataFrame:
    """A checked draft's values: area ("local"/"reference"), sector, year, value."""
    return pd.DataFrame(draft.rows, columns=["area", "sector", "year", "value"])


# --- Dataset values ----------------------------------------------------------------------------


def version_frames(version: DatasetVersion) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(local, reference) long frames with columns sector, year, value."""
    rows = Observation.objects.filter(version=version).values_list(
        "area", "sector", "year", "value"
    )
    frame = pd.DataFrame.from_records(list(rows), columns=["area", "sector", "year", "value"])
    local = frame[frame["area"] == Area.LOCAL].drop(columns="area").reset_index(drop=True)
    reference = frame[frame["area"] == Area.REFERENCE].drop(columns="area").reset_index(drop=True)
    return local, reference


def dataset_panel(
    dataset: Dataset, *, version: DatasetVersion | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The municipality's panel (region = its code) and its reference (sector, year, value),
    from ``version`` or the newest one; empty frames when nothing was imported."""
    version = version or dataset.latest_version
    if version is None:
        empty = pd.DataFrame(columns=["sector", "year", "value"])
        return empty.assign(region=pd.Series(dtype=str)), empty
    local, reference = version_frames(version)
    local.insert(0, "region", dataset.municipality.code)
    return local, reference


def version_list(dataset: Dataset) -> list[DatasetVersion]:
    return list(dataset.versions.order_by("-number"))


def dataset_data_frame(dataset: Dataset, *, version: DatasetVersion | None = None) -> pd.DataFrame:
    """The stored values in the import layout (area, kved, year, value): a file that
    re-imports to the same observations."""
    version = version or dataset.latest_version
    if version is None:
        return pd.DataFrame(columns=["area", "kved", "year", "value"])
    rows = (
        Observation.objects.filter(version=version)
        .order_by("area", "sector", "year")
        .values_list("area", "sector", "year", "value")
    )
    frame = pd.DataFrame.from_records(list(rows), columns=["area", "kved", "year", "value"])
    frame["area"] = frame["area"].map({Area.LOCAL: "municipality", Area.REFERENCE: "reference"})
    return frame


# --- Population and workforce ----------------------------------------------------------


def population_list(
    *, municipality: Municipality, include_restricted: bool = True
) -> QuerySet[PopulationRecord]:
    return outward(
        PopulationRecord.objects.filter(municipality=municipality),
        include_restricted=include_restricted,
    ).order_by("indicator", "year")


def population_record_get_or_404(*, municipality: Municipality, pk: int) -> PopulationRecord:
    return get_object_or_404(PopulationRecord, pk=pk, municipality=municipality)


def enterprise_get_or_404(*, municipality: Municipality, pk: int) -> RelocatedEnterprise:
    return get_object_or_404(RelocatedEnterprise, pk=pk, municipality=municipality)


def population_frame(
    *, municipality: Municipality, include_restricted: bool = True
) -> pd.DataFrame:
    """year, indicator, value of every population and workforce figure."""
    rows = population_list(
        municipality=municipality, include_restricted=include_restricted
    ).values_list("year", "indicator", "value")
    return pd.DataFrame.from_records(list(rows), columns=["year", "indicator", "value"])


def enterprise_list(
    *, municipality: Municipality, include_restricted: bool = True
) -> QuerySet[RelocatedEnterprise]:
    return outward(
        RelocatedEnterprise.objects.filter(municipality=municipality),
        include_restricted=include_restricted,
    )


def enterprise_frame(
    *, municipality: Municipality, include_restricted: bool = True
) -> pd.DataFrame:
    """year, direction, name, sector, jobs of every relocated enterprise."""
    rows = enterprise_list(
        municipality=municipality, include_restricted=include_restricted
    ).values_list("year", "direction", "name", "sector", "jobs")
    return pd.DataFrame.from_records(
        list(rows), columns=["year", "direction", "name", "sector", "jobs"]
    )


def relocation_by_year(
    *, municipality: Municipality, include_restricted: bool = True
) -> pd.DataFrame:
    """year, direction, enterprises, jobs: relocated enterprises summed by year."""
    frame = enterprise_frame(municipality=municipality, include_restricted=include_restricted)
    if frame.empty:
        return pd.DataFrame(columns=["year", "direction", "enterprises", "jobs"])
    return frame.groupby(["year", "direction"], as_index=False).agg(
        enterprises=("name", "size"), jobs=("jobs", "sum")
    )


def register_counts(*, municipality: Municipality) -> dict[str, int]:
    """How many population figures, relocated enterprises and damage entries the
    municipality recorded (``population_count``, ``enterprise_count``, ``damage_count``)."""
    return {
        "population_count": population_list(municipality=municipality).count(),
        "enterprise_count": enterprise_list(municipality=municipality).count(),
        "damage_count": damage_list(municipality=municipality).count(),
    }


# --- War damage, losses and needs -----------------------------------------------------


def damage_list(
    *, municipality: Municipality, include_restricted: bool = True
) -> QuerySet[DamageEntry]:
    return (
        outward(
            DamageEntry.objects.filter(municipality=municipality),
            include_restricted=include_restricted,
        )
        .prefetch_related("impacts")
        .order_by("-date", "pk")
    )


def damage_entry_get_or_404(*, municipality: Municipality, pk: int) -> DamageEntry:
    return get_object_or_404(DamageEntry, pk=pk, municipality=municipality)


def damage_impact_list(entry: DamageEntry) -> QuerySet[DamageImpact]:
    """The firms, jobs and output an entry of the register affected, by KVED section."""
    return entry.impacts.all()


def damage_impact_get_or_404(entry: DamageEntry, pk: int) -> DamageImpact:
    return get_object_or_404(entry.impacts, pk=pk)


def damage_frame(*, municipality: Municipality, include_restricted: bool = True) -> pd.DataFrame:
    """One row per entry: date, kind, sector, asset_type, amount, status."""
    rows = damage_list(
        municipality=municipality, include_restricted=include_restricted
    ).values_list("date", "kind", "sector", "asset_type", "description", "amount", "status")
    frame = pd.DataFrame.from_records(
        list(rows),
        columns=["date", "kind", "sector", "asset_type", "description", "amount", "status"],
    )
    frame["amount"] = frame["amount"].astype(float)
    return frame


def damage_totals(*, municipality: Municipality, include_restricted: bool = True) -> pd.DataFrame:
    """By RDNA sector: damage, loss, need and total (UAH thousand)."""
    frame = damage_frame(municipality=municipality, include_restricted=include_restricted)
    cols = ["damage", "loss", "need"]
    if frame.empty:
        return pd.DataFrame(columns=["sector", *cols, "total"])
    out = frame.pivot_table(
        index="sector", columns="kind", values="amount", aggfunc="sum", fill_value=0.0
    )
    out = out.reindex(columns=cols, fill_value=0.0)
    out["total"] = out.sum(axis=1)
    return out.reset_index().sort_values("total", ascending=False).reset_index(drop=True)


def impact_totals(*, municipality: Municipality, include_restricted: bool = True) -> pd.DataFrame:
    """By KVED section: firms, jobs and output affected over all register entries."""
    rows = DamageImpact.objects.filter(
        entry__municipality=municipality, entry__deleted_at__isnull=True
    )
    if not include_restricted:
        rows = rows.filter(
            entry__in=damage_list(municipality=municipality, include_restricted=False)
        )
    values = rows.values_list("sector", "firms", "jobs", "output")
    frame = pd.DataFrame.from_records(list(values), columns=["sector", "firms", "jobs", "output"])
    if frame.empty:
        return frame
    frame["output"] = frame["output"].astype(float)
    return (
        frame.groupby("sector", as_index=False).sum().sort_values("sector").reset_index(drop=True)
    )


def employment_by_section(*, municipality: Municipality) -> tuple[pd.Series, int | None]:
    """The municipality's employment by KVED section in the last pre-war year (2021 or the
    latest before 2022; else the first year) of the employment dataset its analyses use
    (:func:`analysis_dataset`)."""
    from hromada.refdata import kved_lookup

    dataset = analysis_dataset(municipality=municipality)
    if dataset is None:
        return pd.Series(dtype=float), None
    local, _reference = dataset_panel(dataset)
    if local.empty:
        return pd.Series(dtype=float), None
    years = sorted(local["year"].unique())
    before = [y for y in years if y < 2022]
    year = int(before[-1] if before else years[0])
    rows = local[local["year"] == year]
    sections = kved_lookup(rows["sector"].tolist())["section"].to_numpy()
    return rows.assign(section=sections).groupby("section")["value"].sum(), year


def damage_shock_table(
    *, municipality: Municipality, include_restricted: bool = True
) -> pd.DataFrame:
    """section, jobs_affected, employment (pre-war), share_lost for every KVED section
    with recorded jobs affected."""
    impacts = impact_totals(municipality=municipality, include_restricted=include_restricted)
    employment, year = employment_by_section(municipality=municipality)
    if impacts.empty:
        return pd.DataFrame(columns=["section", "jobs_affected", "employment", "share_lost"])
    out = impacts.rename(columns={"sector": "section", "jobs": "jobs_affected"})[
        ["section", "jobs_affected"]
    ].copy()
    out["employment"] = out["section"].map(employment).astype(float)
    out["share_lost"] = (out["jobs_affected"] / out["employment"]).clip(upper=1.0)
    out.loc[~(out["employment"] > 0), "share_lost"] = float("nan")
    out.attrs["employment_year"] = year
    return out


def damage_shock_sizes(municipality: Municipality) -> dict[str, float]:
    """Shock sizes for the Resilience step: the share of each KVED section's capacity lost.

    The share is the jobs the damage register records as affected in a section, divided by
    the section's employment in the last pre-war year of the employment dataset the
    municipality's analyses use (:func:`analysis_dataset`), capped at 1. Sections
    without recorded jobs affected, or without employment to divide by, are left out
    (not derivable).

    Returns
    -------
    dict
        KVED section letter -> share lost in [0, 1], e.g. ``{"C": 0.35}``.
    """
    table = damage_shock_table(municipality=municipality).dropna(subset=["share_lost"])
    return {str(s): float(v) for s, v in zip(table["section"], table["share_lost"], strict=True)}


# --- Which dataset an analysis uses ---------------------------------------------------

# The KVED sections Ukraine's statistics report employment for (T, households as
# employers, and U, extraterritorial bodies, are not reported): what a complete dataset
# covers, with any other section its reference has.
NATIONAL_SECTIONS = tuple("ABCDEFGHIJKLMNOPQRS")
# A dataset covering fewer than this share of those sections is flagged wherever it is used.
LOW_COVERAGE = 0.75


def dataset_coverage(dataset: Dataset, *, version: DatasetVersion | None = None) -> dict[str, Any]:
    """How complete a dataset is: the KVED sections with a local value, out of the
    sections of the national statistics and its reference; its years.

    Returns ``{"sections": n covered, "of": n expected, "share", "low": share < 75 %,
    "years": [..]}``.
    """
    from hromada.refdata import kved_lookup

    version = version or dataset.latest_version
    out: dict[str, Any] = {
        "sections": 0,
        "of": len(NATIONAL_SECTIONS),
        "share": 0.0,
        "low": True,
        "years": [],
    }
    if version is None:
        return out
    rows = list(
        Observation.objects.filter(version=version, value__gt=0)
        .values_list("area", "sector")
        .distinct()
    )
    codes = sorted({s for _a, s in rows})
    section_of = dict(zip(codes, kved_lookup(codes)["section"], strict=True)) if codes else {}
    local = {section_of.get(s) for a, s in rows if a == Area.LOCAL} - {None}
    reference = {section_of.get(s) for a, s in rows if a == Area.REFERENCE} - {None}
    expected = set(NATIONAL_SECTIONS) | {s for s in reference if isinstance(s, str)}
    local = {s for s in local if isinstance(s, str)}
    out["sections"], out["of"] = len(local & expected), len(expected)
    out["share"] = out["sections"] / out["of"] if out["of"] else 0.0
    out["low"] = out["share"] < LOW_COVERAGE
    out["years"] = sorted(
        int(y)
        for y in Observation.objects.filter(version=version, area=Area.LOCAL)
        .values_list("year", flat=True)
        .distinct()
    )
    return out


def frame_coverage(frame: pd.DataFrame) -> dict:
    """:func:`dataset_coverage` of rows not stored yet (an upload's preview): a frame of
    area ("local"/"reference"), sector, year, value."""
    from hromada.refdata import kved_lookup

    frame = frame[frame["value"] > 0]
    codes = sorted(set(frame["sector"].astype(str)))
    section_of = dict(zip(codes, kved_lookup(codes)["section"], strict=True)) if codes else {}
    sections = frame["sector"].astype(str).map(section_of)
    local = {s for s in sections[frame["area"] == "local"] if isinstance(s, str)}
    reference = {s for s in sections[frame["area"] == "reference"] if isinstance(s, str)}
    expected = set(NATIONAL_SECTIONS) | reference
    share = len(local & expected) / len(expected)
    return {
        "sections": len(local & expected),
        "of": len(expected),
        "share": share,
        "low": share < LOW_COVERAGE,
        "years": sorted(int(y) for y in frame.loc[frame["area"] == "local", "year"].unique()),
    }


def analysis_dataset(
    *, municipality: Municipality, measure: str | None = "employment"
) -> Dataset | None:
    """The dataset the analyses of a municipality use (Diversify, Resilience, the SWOT,
    the war-toll table, KPIs bound to the analysis): the one the municipality chose, when
    it has this measure; else the most complete one (most KVED sections covered, then the
    newest upload). Never simply the newest: a partial upload does not silently replace
    a complete dataset. ``measure=None``: any measure."""
    qs = Dataset.objects.filter(municipality=municipality)
    if measure is not None:
        qs = qs.filter(measure=measure)
    datasets = [d for d in qs if d.latest_version is not None]
    if not datasets:
        return None
    chosen = [d for d in datasets if d.chosen_for_analysis]
    if chosen:
        return chosen[0]

    def rank(d: Dataset) -> tuple[int, Any, int]:
        version = cast(DatasetVersion, d.latest_version)  # the datasets have versions
        return (dataset_coverage(d, version=version)["sections"], version.created_at, d.pk)

    return max(datasets, key=rank)


def dataset_kind(dataset: Dataset) -> str:
    """What a dataset is, in words: illustrative (made up for the demo), official
    statistics, the municipality's own records, or real data from elsewhere; and its
    source."""
    if dataset.is_illustrative:
        return _("illustrative, made-up numbers: replace with your own")
    kind = dataset.get_kind_display() if dataset.kind else _("kind of data not stated")
    if dataset.source:
        return _("%(kind)s; source: %(source)s") % {"kind": kind, "source": dataset.source}
    return _("%(kind)s; source not given") % {"kind": kind}


def analysis_provenance(
    *, municipality: Municipality, measure: str | None = "employment"
) -> dict | None:
    """What an analysis page says about its data: the dataset used, why, its years, its
    kind and its coverage (with the low-coverage warning). None without a dataset."""
    dataset = analysis_dataset(municipality=municipality, measure=measure)
    if dataset is None:
        return None
    coverage = dataset_coverage(dataset)
    years = coverage["years"]
    vintage = (f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])) if years else ""
    return {
        "dataset": dataset,
        "version": dataset.latest_version,
        "chosen": dataset.chosen_for_analysis,
        "vintage": vintage,
        "kind": dataset_kind(dataset),
        "illustrative": dataset.is_illustrative,
        "coverage": coverage,
        "choices": Dataset.objects.filter(municipality=municipality).count(),
    }


def ukraine_reference_by_section(*, municipality: Municipality) -> tuple[dict, Dataset | None]:
    """Ukraine's values by KVED section and year that the municipality already has: the
    reference rows of the dataset its analyses use, when that reference is Ukraine.
    ({(section, year): value}, the dataset); ({}, None) when there are none."""
    from hromada.economy.models import ReferenceLevel
    from hromada.refdata import kved_lookup

    dataset = analysis_dataset(municipality=municipality)
    if dataset is None or dataset.reference_level != ReferenceLevel.UKRAINE:
        return {}, None
    _local, reference = dataset_panel(dataset)
    if reference.empty:
        return {}, None
    sections = kved_lookup(reference["sector"].astype(str).tolist())["section"].to_numpy()
    by = (
        reference.assign(section=sections)
        .dropna(subset=["section"])
        .groupby(["section", "year"])["value"]
        .sum()
    )
    return {(str(s), int(y)): float(v) for (s, y), v in by.items()}, dataset


# --- The diagnosis -------------------------------------------------------------------------
#
# :func:`diagnosis_compute` returns plain DataFrames keyed by table name; the page's charts
# (``economy/charts.py``), the CSV of each chart and the XLSX of the whole diagnosis
# (``economy/presentation.py``) are all made from them, so what the page shows, what a user
# downloads and what ``hromada.econ`` computes are the same numbers. A diagnosis is
# computed once by a background run (``services.diagnosis_run_execute``) and stored as JSON
# on its :class:`DiagnosisRun`; :func:`diagnosis_from_json` reads it back.

WAR_YEAR = 2022


@dataclass
class DiagnosisParams:
    years: list[int]
    start: int
    end: int
    pre: int | None
    trough: int | None
    post: int | None

    def as_query(self) -> dict[str, int]:
        out = {"start": self.start, "end": self.end}
        for k in ("pre", "trough", "post"):
            value = getattr(self, k)
            if value is not None:
                out[k] = value
        return out


@dataclass
class Diagnosis:
    dataset: Dataset
    version: DatasetVersion | None
    params: DiagnosisParams | None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # section -> message

    @property
    def empty(self) -> bool:
        return self.params is None


def sector_names(codes: Iterable[str], *, lang: str | None = None) -> dict[str, str]:
    """KVED code -> name in the active language (Ukrainian or NACE English)."""
    from hromada.refdata import kved

    lang = lang or get_language() or "uk"
    table = kved().set_index("code")
    col = "name_en" if lang.startswith("en") else "name_uk"
    out = {}
    for c in codes:
        name = table[col].get(c)
        if isinstance(name, str):
            out[c] = name.capitalize() if name.isupper() else name
        else:
            out[c] = str(c)
    return out


def _int(value: Any, allowed: Collection[int], default: int | None) -> int | None:
    try:
        v = int(value)
    except (TypeError, ValueError):
        return default
    return v if v in allowed else default


def default_params(
    years: list[int], local: pd.DataFrame, query: Mapping[str, Any] | None = None
) -> DiagnosisParams:
    """The years compared: first and latest for shift-share; for resilience the last
    pre-war year (2021 where present), the trough (lowest total after it) and the latest
    year. ``query`` (e.g. request.GET) overrides each when it names a year of the data."""
    query = query or {}
    start = _int(query.get("start"), years, years[0]) or years[0]
    end = _int(query.get("end"), years, years[-1]) or years[-1]
    if start >= end:
        start, end = years[0], years[-1]
    before = [y for y in years if y < WAR_YEAR]
    pre = _int(query.get("pre"), years, before[-1] if before else None)
    trough = post = None
    if pre is not None:
        after = [y for y in years if y > pre]
        if after:
            totals = local[local["year"].isin(after)].groupby("year")["value"].sum()
            default_trough = int(totals.idxmin()) if len(totals) else after[0]
            trough = _int(query.get("trough"), after, default_trough)
            later = [y for y in years if trough is not None and y > trough]
            post = _int(query.get("post"), later, later[-1] if later else None) if later else None
    return DiagnosisParams(years=years, start=start, end=end, pre=pre, trough=trough, post=post)


def comparable(
    local: pd.DataFrame, reference: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, list[int], list[str]]:
    """The panel and reference restricted to the years both have and to the sectors with a
    positive reference value in each of those years (the others cannot be compared).
    Returns (local, reference, years, dropped sectors)."""
    years = sorted(set(local["year"]) & set(reference["year"]))
    local = local[local["year"].isin(years)]
    reference = reference[reference["year"].isin(years)]
    pos = reference[reference["value"] > 0].groupby("sector")["year"].nunique()
    keep = set(pos[pos == len(years)].index)
    dropped = sorted(set(local["sector"]) - keep)
    local = local[local["sector"].isin(keep)].reset_index(drop=True)
    reference = reference[reference["sector"].isin(keep)].reset_index(drop=True)
    return local, reference, [int(y) for y in years], dropped


def _quiet(fn: Callable[..., pd.DataFrame], *args: Any, **kwargs: Any) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


@dataclass
class _Inputs:
    """What every table of a diagnosis is computed from."""

    local: pd.DataFrame
    reference: pd.DataFrame
    params: DiagnosisParams
    names: dict[str, str]


def diagnosis_compute(
    dataset: Dataset,
    *,
    version: DatasetVersion | None = None,
    query: Mapping[str, Any] | None = None,
) -> Diagnosis:
    """Every table of the diagnosis of ``version`` (default: the newest) for the years
    ``query`` asks. A section hromada.econ cannot compute for these data is left out, its
    reason in ``errors``; the others are still computed."""
    version = version or dataset.latest_version
    local_all, reference_all = dataset_panel(dataset, version=version)
    diag = Diagnosis(dataset=dataset, version=version, params=None)
    if local_all.empty or reference_all.empty:
        return diag
    local, reference, years, dropped = comparable(local_all, reference_all)
    if not years or local.empty:
        diag.notes.append(_("Your municipality and the reference have no year in common."))
        return diag
    if dropped:
        diag.notes.append(
            _("Left out because the reference has no value for them in every year: %(codes)s.")
            % {"codes": ", ".join(dropped)}
        )
    params = default_params(years, local, query)
    diag.params = params
    sectors = sorted(set(local["sector"]) | set(reference["sector"]))
    inputs = _Inputs(local, reference, params, sector_names(sectors))
    _section(diag, "structure", inputs, _structure_tables, _specialisation_table)
    _section(diag, "shiftshare", inputs, _shiftshare_tables)
    _section(diag, "concentration", inputs, _concentration_table)
    if params.pre is not None and params.trough is not None:
        _section(diag, "resilience", inputs, _resilience_tables)
    else:
        diag.errors["resilience"] = _(
            "The data need a year before the shock and a later year to measure resilience."
        )
    return diag


def _section(
    diag: Diagnosis,
    name: str,
    inputs: _Inputs,
    *steps: Callable[[dict[str, pd.DataFrame], _Inputs], None],
) -> None:
    """Run the steps of one section, each adding its tables; the first the library
    refuses (HromadaError) ends the section with its message (tables already made stay)."""
    try:
        for step in steps:
            step(diag.tables, inputs)
    except HromadaError as exc:
        diag.errors[name] = str(exc)


def _structure_tables(t: dict[str, pd.DataFrame], i: _Inputs) -> None:
    """Structure in the latest year (``structure``) and over time (``structure_time``)."""
    sh = _quiet(econ_structure.shares, i.local, i.reference)
    lq = _quiet(econ_structure.location_quotients, i.local, i.reference)
    sh = sh.merge(lq, on=["region", "sector", "year"])
    sh["sector"] = sh["sector"].astype(str)
    val = i.local.groupby(["sector", "year"])["value"].sum()
    sh["value"] = [
        float(val.get((s, y), 0.0)) for s, y in zip(sh["sector"], sh["year"], strict=True)
    ]
    sh["name"] = sh["sector"].map(i.names)
    latest = sh[sh["year"] == i.params.end]
    t["structure"] = (
        latest[["sector", "name", "value", "share", "reference_share", "lq"]]
        .sort_values("share", ascending=False)
        .reset_index(drop=True)
    )
    t["structure_time"] = sh[
        ["year", "sector", "name", "value", "share", "reference_share", "lq"]
    ].reset_index(drop=True)


def _specialisation_table(t: dict[str, pd.DataFrame], i: _Inputs) -> None:
    """Specialisation (LQ) against growth relative to the reference (``specialisation``)."""
    sh = t["structure_time"]
    s0 = sh[sh["year"] == i.params.start].set_index("sector")
    s1 = sh[sh["year"] == i.params.end].set_index("sector")
    r = i.reference.groupby(["sector", "year"])["value"].sum()
    rows = []
    for code in s1.index:
        v0, v1 = s0["value"].get(code, 0.0), s1.loc[code, "value"]
        n0, n1 = r.get((code, i.params.start), np.nan), r.get((code, i.params.end), np.nan)
        g_local = v1 / v0 - 1 if v0 > 0 else np.nan
        g_ref = n1 / n0 - 1 if n0 > 0 else np.nan
        rows.append(
            {
                "sector": code,
                "name": i.names.get(code, code),
                "lq": float(s1.loc[code, "lq"]),
                "value": float(v1),
                "growth": g_local,
                "reference_growth": g_ref,
                "relative_growth": g_local - g_ref,
            }
        )
    bubble = pd.DataFrame(rows)
    bubble["quadrant"] = [
        _quadrant(a, b) for a, b in zip(bubble["lq"], bubble["relative_growth"], strict=True)
    ]
    t["specialisation"] = bubble.sort_values("lq", ascending=False).reset_index(drop=True)


def _quadrant(lq: float, relative_growth: float) -> str:
    if pd.isna(lq) or pd.isna(relative_growth):
        return ""
    if lq >= 1:
        return "leading" if relative_growth >= 0 else "declining"
    return "emerging" if relative_growth >= 0 else "lagging"


def _shiftshare_tables(t: dict[str, pd.DataFrame], i: _Inputs) -> None:
    """Shift-share between two years, Dunn and Esteban-Marquillas, by sector
    (``shiftshare``) and in total (``shiftshare_total``), and the dynamic version
    (``shiftshare_dynamic``)."""
    p = i.params
    panel = i.local[i.local["year"].isin([p.start, p.end])]

    def decompose(**kwargs: Any) -> pd.DataFrame:
        return _quiet(
            econ_shiftshare.decompose, panel, p.start, p.end, reference=i.reference, **kwargs
        )

    dunn = decompose(by_sector=True)
    em = decompose(by_sector=True, method="esteban")
    ss = dunn.drop(columns=["region"]).copy()
    ss["sector"] = ss["sector"].astype(str)
    ss.insert(1, "name", ss["sector"].map(i.names))
    ss["competitive_effect"] = em["regional_share"].to_numpy()
    ss["allocation_effect"] = em["allocation_effect"].to_numpy()
    t["shiftshare"] = ss.reset_index(drop=True)
    tot_d = decompose()
    tot_e = decompose(method="esteban")
    total = tot_d.drop(columns=["region"]).iloc[[0]].copy()
    total["competitive_effect"] = tot_e["regional_share"].to_numpy()
    total["allocation_effect"] = tot_e["allocation_effect"].to_numpy()
    t["shiftshare_total"] = total.reset_index(drop=True)
    dyn = _quiet(econ_shiftshare.dynamic, i.local, p.start, p.end, reference=i.reference)
    t["shiftshare_dynamic"] = dyn.drop(columns=["region"]).reset_index(drop=True)


def _concentration_table(t: dict[str, pd.DataFrame], i: _Inputs) -> None:
    """Concentration, diversity and specialisation over time (``concentration``)."""
    prof = _quiet(econ_structure.profile, i.local, i.reference)
    ref_prof = _quiet(econ_structure.profile, i.reference.assign(region="reference"))
    cols = ["year", "herfindahl", "shannon_entropy"]
    conc = prof[cols + ["krugman_specialisation", "hachman"]].copy()
    conc = conc.merge(
        ref_prof[cols].rename(
            columns={
                "herfindahl": "reference_herfindahl",
                "shannon_entropy": "reference_shannon_entropy",
            }
        ),
        on="year",
    )
    t["concentration"] = conc.reset_index(drop=True)


def _resilience_tables(t: dict[str, pd.DataFrame], i: _Inputs) -> None:
    """War-shock resilience in total (``resilience``) and by sector
    (``resilience_sectors``)."""
    p = i.params

    def indices(**kwargs: Any) -> pd.DataFrame:
        return _quiet(
            econ_resilience.shock_indices,
            i.local,
            p.pre,
            p.trough,
            p.post,
            reference=i.reference,
            **kwargs,
        )

    t["resilience"] = indices().drop(columns=["region"]).reset_index(drop=True)
    by = indices(by_sector=True).drop(columns=["region"])
    by["sector"] = by["sector"].astype(str)
    by.insert(1, "name", by["sector"].map(i.names))
    t["resilience_sectors"] = by.reset_index(drop=True)


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
