"""The war damage register: entries, impacts, and the shock sizes it gives the Resilience
step."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from hromada.core.disclosure import outward
from hromada.economy.models import DamageEntry, DamageImpact
from hromada.economy.selectors.coverage import analysis_dataset
from hromada.economy.selectors.datasets import dataset_panel
from hromada.refdata import kved_lookup

if TYPE_CHECKING:
    from hromada.workspaces.models import Municipality


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
