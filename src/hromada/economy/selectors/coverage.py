"""Which dataset an analysis uses, how complete it is, and what a page says about it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import pandas as pd
from django.utils.translation import gettext as _

from hromada.economy.models import Area, Dataset, DatasetVersion, Observation, ReferenceLevel
from hromada.economy.selectors.datasets import dataset_panel
from hromada.refdata import kved_lookup

if TYPE_CHECKING:
    from hromada.workspaces.models import Municipality


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
