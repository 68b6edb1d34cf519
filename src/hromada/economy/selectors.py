"""Reads of economic data, as the long DataFrames that hromada.econ takes."""

from __future__ import annotations

import pandas as pd

from hromada.core.disclosure import outward
from hromada.economy.models import Area, Dataset, DatasetVersion, Observation


def dataset_list(*, municipality) -> list[Dataset]:
    return list(Dataset.objects.filter(municipality=municipality).order_by("name"))


def dataset_get(*, municipality, pk: int) -> Dataset | None:
    """A dataset of this municipality, or None (also when it belongs to another)."""
    return Dataset.objects.filter(municipality=municipality, pk=pk).first()


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


def population_list(*, municipality, include_restricted: bool = True):
    from hromada.economy.models import PopulationRecord

    return outward(
        PopulationRecord.objects.filter(municipality=municipality),
        include_restricted=include_restricted,
    ).order_by("indicator", "year")


def population_frame(*, municipality, include_restricted: bool = True) -> pd.DataFrame:
    """year, indicator, value of every population and workforce figure."""
    rows = population_list(
        municipality=municipality, include_restricted=include_restricted
    ).values_list("year", "indicator", "value")
    return pd.DataFrame.from_records(list(rows), columns=["year", "indicator", "value"])


def enterprise_list(*, municipality, include_restricted: bool = True):
    from hromada.economy.models import RelocatedEnterprise

    return outward(
        RelocatedEnterprise.objects.filter(municipality=municipality),
        include_restricted=include_restricted,
    )


def enterprise_frame(*, municipality, include_restricted: bool = True) -> pd.DataFrame:
    """year, direction, name, sector, jobs of every relocated enterprise."""
    rows = enterprise_list(
        municipality=municipality, include_restricted=include_restricted
    ).values_list("year", "direction", "name", "sector", "jobs")
    return pd.DataFrame.from_records(
        list(rows), columns=["year", "direction", "name", "sector", "jobs"]
    )


def relocation_by_year(*, municipality, include_restricted: bool = True) -> pd.DataFrame:
    """year, direction, enterprises, jobs: relocated enterprises summed by year."""
    frame = enterprise_frame(municipality=municipality, include_restricted=include_restricted)
    if frame.empty:
        return pd.DataFrame(columns=["year", "direction", "enterprises", "jobs"])
    return frame.groupby(["year", "direction"], as_index=False).agg(
        enterprises=("name", "size"), jobs=("jobs", "sum")
    )


# --- War damage, losses and needs -----------------------------------------------------


def damage_list(*, municipality, include_restricted: bool = True):
    from hromada.economy.models import DamageEntry

    return (
        outward(
            DamageEntry.objects.filter(municipality=municipality),
            include_restricted=include_restricted,
        )
        .prefetch_related("impacts")
        .order_by("-date", "pk")
    )


def damage_frame(*, municipality, include_restricted: bool = True) -> pd.DataFrame:
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


def damage_totals(*, municipality, include_restricted: bool = True) -> pd.DataFrame:
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


def impact_totals(*, municipality, include_restricted: bool = True) -> pd.DataFrame:
    """By KVED section: firms, jobs and output affected over all register entries."""
    from hromada.economy.models import DamageImpact

    rows = DamageImpact.objects.filter(
        entry__municipality=municipality, entry__deleted_at__isnull=True
    )
    if not include_restricted:
        rows = rows.filter(
            entry__in=damage_list(municipality=municipality, include_restricted=False)
        )
    rows = rows.values_list("sector", "firms", "jobs", "output")
    frame = pd.DataFrame.from_records(list(rows), columns=["sector", "firms", "jobs", "output"])
    if frame.empty:
        return frame
    frame["output"] = frame["output"].astype(float)
    return (
        frame.groupby("sector", as_index=False).sum().sort_values("sector").reset_index(drop=True)
    )


def employment_by_section(*, municipality) -> tuple[pd.Series, int | None]:
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


def damage_shock_table(*, municipality, include_restricted: bool = True) -> pd.DataFrame:
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


def damage_shock_sizes(municipality) -> dict[str, float]:
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


def dataset_coverage(dataset: Dataset, *, version: DatasetVersion | None = None) -> dict:
    """How complete a dataset is: the KVED sections with a local value, out of the
    sections of the national statistics and its reference; its years.

    Returns ``{"sections": n covered, "of": n expected, "share", "low": share < 75 %,
    "years": [..]}``.
    """
    from hromada.refdata import kved_lookup

    version = version or dataset.latest_version
    out = {"sections": 0, "of": len(NATIONAL_SECTIONS), "share": 0.0, "low": True, "years": []}
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


def analysis_dataset(*, municipality, measure: str | None = "employment") -> Dataset | None:
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

    def rank(d: Dataset):
        version = d.latest_version
        return (dataset_coverage(d, version=version)["sections"], version.created_at, d.pk)

    return max(datasets, key=rank)


def dataset_kind(dataset: Dataset) -> str:
    """What a dataset is, in words: illustrative (made up for the demo), official
    statistics, the municipality's own records, or real data from elsewhere; and its
    source."""
    from django.utils.translation import gettext as _

    if dataset.is_illustrative:
        return _("illustrative, made-up numbers: replace with your own")
    kind = dataset.get_kind_display() if dataset.kind else _("kind of data not stated")
    if dataset.source:
        return _("%(kind)s; source: %(source)s") % {"kind": kind, "source": dataset.source}
    return _("%(kind)s; source not given") % {"kind": kind}


def analysis_provenance(*, municipality, measure: str | None = "employment") -> dict | None:
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


def ukraine_reference_by_section(*, municipality) -> tuple[dict, Dataset | None]:
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
