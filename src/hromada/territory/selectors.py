"""Reads of the public reference data for one municipality: its registry facts, fiscal
resilience against comparable hromadas, similar hromadas, war exposure and the oblast map.

Every number comes from :mod:`hromada.econ.fiscal` and :mod:`hromada.econ.neighbours` run
over all 1,469 hromadas (``hromada.refdata``); nothing is recomputed here. The tables are
computed once per process and data folder.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from hromada import refdata

# the "About the data" reads, shared with the site's about page
from hromada.core.data_sources import data_sources, data_sources_context  # noqa: F401
from hromada.econ.errors import DegenerateResultWarning
from hromada.econ.fiscal import (
    KSE_COLUMNS,
    fiscal_indicators,
    peer_percentiles,
    revenue_change,
    revenue_structure,
    size_classes,
)
from hromada.econ.fiscal_coverage import months_covered, part_years
from hromada.econ.neighbours import DEFAULT_FEATURES, feature_table, similar_municipalities
from hromada.econ.pulse import price_level
from hromada.refdata import ReferenceDataMissingError, budgets
from hromada.refdata.budget_monthly import budget_hromadas, cpi_monthly, monthly_incomes
from hromada.refdata.locations import data_dir
from hromada.territory.models import OwnBudgetYear

if TYPE_CHECKING:
    from hromada.workspaces.models import Municipality

#: Indicators compared on the fiscal page, in display order.
COMPARED = (
    "own_change_2021_2022",
    "own_excl_military_change_2021_2022",
    "own_change_2022_2023",
    "own_excl_military_change_2022_2023",
    "transfer_share",
    "military_share_own",
    "own_per_capita",
    "hhi_total",
)
GROUPS = ("oblast", "size_class", "war_status", "neighbours", "ukraine")
#: Year of the fiscal features of the neighbour search (feature_table's default).
FEATURE_YEAR = 2022
DEFAULT_K = 10


class ReferenceDataUnavailable(Exception):
    """The data folder lacks the files the registry and fiscal pages need."""


@dataclass(frozen=True)
class Tables:
    registry: pd.DataFrame  # hromadas() indexed by code
    budget: pd.DataFrame  # budgets()
    years: tuple[int, ...]
    level_year: int
    indicators: pd.DataFrame  # fiscal_indicators(..., year=level_year)
    features: pd.DataFrame  # feature_table(registry, budget, year=FEATURE_YEAR)
    size_class: pd.Series


@lru_cache(maxsize=2)
def _tables(root: Path) -> Tables:
    try:
        reg = refdata.hromadas()
        budget = budgets()
    except ReferenceDataMissingError as exc:
        raise ReferenceDataUnavailable(str(exc)) from exc
    registry = reg.set_index("code")
    population = registry["population"].astype(float)
    years = tuple(sorted(int(y) for y in budget["year"].unique()))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateResultWarning)
        indicators = fiscal_indicators(budget, population, year=years[-1])
        features = feature_table(reg, budget, year=FEATURE_YEAR)
    return Tables(
        registry, budget, years, years[-1], indicators, features, size_classes(population)
    )


def tables() -> Tables:
    """The reference tables and the fiscal indicators of every hromada (cached)."""
    return _tables(data_dir())


def reference_available() -> bool:
    try:
        tables()
    except ReferenceDataUnavailable:
        return False
    return True


def registry_row(code: str) -> dict | None:
    """The registry facts of the hromada with this KATOTTG code, or None."""
    try:
        t = tables()
    except ReferenceDataUnavailable:
        return None
    if code not in t.registry.index:
        return None
    row = t.registry.loc[code].to_dict()
    row["code"] = code
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}


# --- Fiscal resilience -----------------------------------------------------------------


@dataclass
class GroupStat:
    group: str
    key: object  # the group's label (oblast code, size class, ...)
    n: int
    median: float
    percentile: float  # peer_percentiles(kind="rank")
    lower: float  # peer_percentiles(kind="strict"): share of the group with a lower value
    higher: float  # 100 - peer_percentiles(kind="weak"): share with a higher value


@dataclass
class Comparison:
    indicator: str
    value: float
    groups: dict[str, GroupStat]


@dataclass
class FiscalOverview:
    code: str
    hromada: dict
    years: tuple[int, ...]
    level_year: int
    values: dict[str, float]
    comparisons: list[Comparison]
    neighbours: pd.DataFrame  # similar_municipalities output joined with registry facts
    weights: dict[str, float]
    k: int
    group_keys: dict[str, object]
    structure: pd.DataFrame  # revenue_structure(base="total") of this hromada, by year
    own_structure: pd.DataFrame  # own-revenue shares: this hromada and group means
    extra: dict = field(default_factory=dict)


def neighbours_get(
    code: str, *, weights: dict[str, float] | None = None, k: int = DEFAULT_K
) -> pd.DataFrame:
    """The ``k`` hromadas most similar to ``code``
    (:func:`hromada.econ.neighbours.similar_municipalities` on
    :func:`~hromada.econ.neighbours.feature_table`), with names, oblast and war status."""
    t = tables()
    near = similar_municipalities(t.features, code, weights=weights or None, k=k)
    facts = t.registry.loc[
        near.index,
        ["name_uk", "name_en", "oblast_uk", "oblast_en", "type", "war_status", "population"],
    ]
    return near.join(facts)


STATIC_GROUPS = ("oblast", "size_class", "war_status", "ukraine")
PERCENTILE_KINDS = ("rank", "strict", "weak")


@dataclass(frozen=True)
class StaticComparison:
    """Groups that do not depend on the neighbour weights, with every hromada's
    percentiles in them (computed once over all hromadas)."""

    groups: pd.DataFrame  # index hromada, one column per static group
    percentiles: dict[str, pd.DataFrame]  # kind -> peer_percentiles(values, groups, kind)


@lru_cache(maxsize=2)
def _static(root: Path) -> StaticComparison:
    t = _tables(root)
    reg = t.registry
    groups = pd.DataFrame(index=t.indicators.index)
    groups["oblast"] = reg["oblast_code"].reindex(groups.index)
    groups["size_class"] = t.size_class.astype(object).reindex(groups.index)
    groups["war_status"] = reg["war_status"].reindex(groups.index)
    groups["ukraine"] = "UA"
    values = t.indicators[list(COMPARED)]
    return StaticComparison(
        groups, {kind: peer_percentiles(values, groups, kind=kind) for kind in PERCENTILE_KINDS}
    )


def fiscal_overview(
    code: str, *, weights: dict[str, float] | None = None, k: int = DEFAULT_K
) -> FiscalOverview | None:
    """Fiscal resilience of the hromada ``code`` against its oblast, size class, war-status
    group, its ``k`` most similar hromadas and all of Ukraine; None if the code is not in
    the registry or has no budget rows.

    Values are :func:`hromada.econ.fiscal.fiscal_indicators` (levels in the latest budget
    year); group medians include the hromada itself; percentiles are
    :func:`hromada.econ.fiscal.peer_percentiles` within each group.
    """
    t = tables()
    if code not in t.indicators.index or code not in t.features.index:
        return None
    near = neighbours_get(code, weights=weights, k=k)
    static = _static(data_dir())
    values = t.indicators[list(COMPARED)]
    # The similar hromadas and this one form the "neighbours" group.
    peers = values.loc[[code, *near.index]]
    peer_pct = {kind: peer_percentiles(peers, kind=kind) for kind in PERCENTILE_KINDS}
    group_keys = {g: static.groups.at[code, g] for g in STATIC_GROUPS}
    group_keys["neighbours"] = "peers"
    members = {g: static.groups.index[static.groups[g] == group_keys[g]] for g in STATIC_GROUPS}
    members["neighbours"] = peers.index
    comparisons = [
        _comparison(ind, code, values, members, group_keys, static, peer_pct) for ind in COMPARED
    ]

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateResultWarning)
        rows = t.budget[t.budget["hromada_code"] == code]
        structure = revenue_structure(rows).xs(code, level="hromada")
    own_structure = _own_structure(t.indicators, code, members)

    w = {f: 1.0 for f in DEFAULT_FEATURES}
    w.update(weights or {})
    return FiscalOverview(
        code=code,
        hromada=registry_row(code) or {},
        years=t.years,
        level_year=t.level_year,
        values={c: float(t.indicators.at[code, c]) for c in t.indicators.columns},
        comparisons=comparisons,
        neighbours=near,
        weights=w,
        k=k,
        group_keys={g: group_keys[g] for g in GROUPS},
        structure=structure,
        own_structure=own_structure,
    )


def _comparison(
    ind: str,
    code: str,
    values: pd.DataFrame,
    members: dict[str, pd.Index],
    group_keys: dict[str, Any],
    static: Any,
    peer_pct: dict[str, pd.DataFrame],
) -> Comparison:
    """The hromada's value of ``ind`` against each group: the group's size and median,
    and the hromada's percentile in it."""
    stats = {}
    for g in GROUPS:
        if g == "neighbours":
            pct = {kind: float(peer_pct[kind].at[code, ind]) for kind in PERCENTILE_KINDS}
        else:
            pct = {
                kind: float(static.percentiles[kind].at[code, (g, ind)])
                for kind in PERCENTILE_KINDS
            }
        col = values.loc[members[g], ind].dropna()
        stats[g] = GroupStat(
            group=g,
            key=group_keys[g],
            n=int(col.size),
            median=float(col.median()) if col.size else float("nan"),
            percentile=pct["rank"],
            lower=pct["strict"],
            higher=100 - pct["weak"],
        )
    return Comparison(ind, float(values.at[code, ind]), stats)


def _own_structure(
    indicators: pd.DataFrame, code: str, members: dict[str, pd.Index]
) -> pd.DataFrame:
    """The shares of own revenue by source: the hromada's and each group's mean."""
    share_cols = [c for c in indicators.columns if c.startswith("share_")]
    own = {"self": indicators.loc[code, share_cols]}
    for g in ("oblast", "size_class", "war_status", "neighbours"):
        own[g] = indicators.loc[members[g], share_cols].mean()
    own_structure = pd.DataFrame(own).T
    own_structure.columns = [c.removeprefix("share_") for c in share_cols]
    return own_structure


def fiscal_table(code: str, *, weights=None, k: int = DEFAULT_K) -> pd.DataFrame | None:
    """The comparison table of :func:`fiscal_overview` as one flat frame (for CSV)."""
    ov = fiscal_overview(code, weights=weights, k=k)
    if ov is None:
        return None
    rows = []
    for c in ov.comparisons:
        for g, s in c.groups.items():
            rows.append(
                {
                    "indicator": c.indicator,
                    "value": c.value,
                    "group": g,
                    "group_key": s.key,
                    "group_size": s.n,
                    "group_median": s.median,
                    "percentile_in_group": s.percentile,
                    "share_of_group_lower": s.lower,
                    "share_of_group_higher": s.higher,
                }
            )
    return pd.DataFrame(rows)


# --- War exposure and the oblast map ---------------------------------------------------


def _haversine_km(lat0, lon0, lat, lon):
    r = 6371.0088
    p0, p1 = np.radians(lat0), np.radians(lat)
    dphi = p1 - p0
    dl = np.radians(lon) - np.radians(lon0)
    a = np.sin(dphi / 2) ** 2 + np.cos(p0) * np.cos(p1) * np.sin(dl / 2) ** 2
    return 2 * r * np.arcsin(np.sqrt(a))


def nearby_hromadas(code: str, *, n: int = 8) -> pd.DataFrame:
    """The ``n`` hromadas whose centres are nearest to this one's centre (great-circle
    distance, km), with their war status: the geographic neighbourhood."""
    reg = tables().registry
    me = reg.loc[code]
    others = reg.drop(index=code).dropna(subset=["lat", "lon"])
    dist = _haversine_km(me["lat"], me["lon"], others["lat"].to_numpy(), others["lon"].to_numpy())
    out = others.assign(distance_km=dist).nsmallest(n, "distance_km")
    return out[
        [
            "name_uk",
            "name_en",
            "oblast_uk",
            "oblast_en",
            "war_status",
            "deoccupation",
            "distance_km",
        ]
    ]


def oblast_map_frame(code: str, indicator: str) -> pd.DataFrame:
    """One row per hromada of this hromada's oblast with centre coordinates: code, names,
    lat, lon, the indicator's ``value``, and ``is_self``."""
    t = tables()
    reg = t.registry
    oblast = reg.at[code, "oblast_code"]
    sub = reg[(reg["oblast_code"] == oblast)].dropna(subset=["lat", "lon"])
    if indicator in t.indicators.columns:
        value = t.indicators[indicator].reindex(sub.index)
    else:
        value = sub[indicator]
    out = pd.DataFrame(
        {
            "code": sub.index,
            "name_uk": sub["name_uk"].to_numpy(),
            "name_en": sub["name_en"].to_numpy(),
            "lat": sub["lat"].to_numpy(dtype=float),
            "lon": sub["lon"].to_numpy(dtype=float),
            "value": value.to_numpy(),
        }
    )
    out["is_self"] = out["code"] == code
    return out


def own_budget_series(municipality: Municipality) -> pd.DataFrame:
    """The hromada's revenues by year: the reference data folder's rows, with its own
    imported years added or taking precedence; one row per year with ``source`` saying which.
    Changes are :func:`hromada.econ.fiscal.revenue_change` between consecutive years."""
    columns = [c for k, c in KSE_COLUMNS.items() if k not in ("hromada", "year")]
    rows: dict[int, dict] = {}
    try:
        reference = tables().budget
        for r in reference[reference["hromada_code"] == municipality.code].to_dict("records"):
            rows[int(r["year"])] = {**{c: r.get(c) for c in columns}, "source": "reference"}
    except ReferenceDataUnavailable:
        pass
    for record in OwnBudgetYear.objects.filter(municipality=municipality):
        rows[record.year] = {
            **{c: record.values.get(c) for c in columns},
            "source": "imported",
            "record": record,
        }
    if not rows:
        return pd.DataFrame(columns=["year", *columns, "source"])
    frame = pd.DataFrame([{"year": y, **v} for y, v in sorted(rows.items())])
    budget = frame.assign(hromada_code=municipality.code)
    for revenue in ("own", "own_excl_military"):
        changes = [float("nan")]
        for start, end in zip(frame["year"][:-1], frame["year"][1:], strict=True):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DegenerateResultWarning)
                change = revenue_change(budget, start=int(start), end=int(end), revenue=revenue)
            changes.append(float(change.iloc[0]))
        frame[f"{revenue}_change"] = changes
    # A reference year that holds only some months (2023: January-July) is never compared
    # with a whole year: its changes are left out and the row says what it covers.
    try:
        coverage = year_coverage()
    except ReferenceDataUnavailable:
        coverage = {}
    part = [
        bool(src == "reference" and coverage.get(int(y), {}).get("part"))
        for y, src in zip(frame["year"], frame["source"], strict=True)
    ]
    frame["part_year"] = part
    frame["months_covered"] = [
        coverage.get(int(y), {}).get("months") if p else None
        for y, p in zip(frame["year"], part, strict=True)
    ]
    touched = np.array(part) | np.r_[False, np.array(part)[:-1]]
    for revenue in ("own", "own_excl_military"):
        frame.loc[touched, f"{revenue}_change"] = float("nan")
    return frame


# --- Part years and real terms (issue 19, item 6) ---------------------------------------
@lru_cache(maxsize=2)
def _year_coverage(root: Path) -> dict[int, dict]:
    t = tables()
    flags = part_years(t.budget)
    out: dict[int, dict] = {}
    monthly = mapping = None
    try:
        monthly, mapping = monthly_incomes(), budget_hromadas()
    except FileNotFoundError:
        pass
    previous = None
    for year, row in flags.iterrows():
        info = {
            "year": int(year),
            "part": bool(row["part_year"]),
            "total": float(row["total"]),
            "previous_total": previous,
            "months": None,
            "matched": 0,
            "months_estimate": float(row["months_estimate"]),
        }
        if info["part"] and monthly is not None and mapping is not None:
            tied = mapping[mapping["hromada_code"].ne("")]
            m = monthly[
                (monthly["fund"] == "T")
                & ~monthly["code"].str.startswith("4")
                & (monthly["month"].dt.year == year)
                & monthly["budget"].isin(tied["budget"])
            ]
            m = m.assign(hromada=m["budget"].map(tied.set_index("budget")["hromada_code"]))
            cum = (
                m.groupby(["hromada", m["month"].dt.month])["amount"]
                .sum()
                .unstack(fill_value=0.0)
                .cumsum(axis=1)
            )
            annual = t.budget[t.budget["year"] == year].set_index("hromada_code")["income_own"]
            if len(cum):
                found = months_covered(annual, cum)
                ok = found[found["matched"]]
                if len(ok):
                    info["months"] = int(ok["month"].median())
                    info["matched"] = int(len(ok))
        out[int(year)] = info
        if not info["part"]:
            previous = info["total"]
    return out


def year_coverage() -> dict[int, dict]:
    """By year of the annual budget table: ``part`` (the year holds only some months:
    :func:`hromada.econ.fiscal_coverage.part_years` on national own revenue), ``months``
    (the last month covered, matched against OpenBudget's monthly data of the bundled
    cities; None if not matched), ``matched`` (how many cities agreed), ``total`` and
    ``previous_total`` (national own revenue, UAH)."""
    return _year_coverage(data_dir())


@lru_cache(maxsize=2)
def _annual_price_index(root: Path) -> dict[int, float]:
    level = price_level(cpi_monthly()[0])
    by_year = level.groupby(level.index.year).agg(["mean", "size"])
    return {int(y): float(r["mean"]) for y, r in by_year.iterrows() if r["size"] == 12}


def real_own_change(code: str, y0: int, y1: int, *, revenue: str = "own") -> float | None:
    """Change of own revenue from ``y0`` to ``y1`` in real terms: nominal change deflated
    by the annual average consumer price level (monthly CPI of the State Statistics
    Service, averaged over the 12 months); None when a year is a part year or lacks CPI."""
    cov = year_coverage()
    if cov.get(y0, {}).get("part") or cov.get(y1, {}).get("part"):
        return None
    try:
        deflator = _annual_price_index(data_dir())
    except FileNotFoundError:
        return None
    if y0 not in deflator or y1 not in deflator:
        return None
    rows = tables().budget
    rows = rows[rows["hromada_code"] == code]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateResultWarning)
        change = revenue_change(rows, start=y0, end=y1, revenue=revenue, deflator=deflator)
    value = float(change.get(code, float("nan")))
    return None if math.isnan(value) else value


def annual_inflation(y0: int, y1: int) -> float | None:
    """Annual average price level of ``y1`` over ``y0``, minus 1 (e.g. 0.202 for 2022)."""
    try:
        p = _annual_price_index(data_dir())
    except FileNotFoundError:
        return None
    return p[y1] / p[y0] - 1 if y0 in p and y1 in p else None
