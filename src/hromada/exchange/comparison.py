"""Reads for the comparison page: the group's municipalities' public indicators (population
and fiscal indicators of :mod:`hromada.econ.fiscal` on the KSE budgets) and the KPIs they
shared, side by side. Shared KPIs are read from the share rows only."""

from __future__ import annotations

import warnings

import pandas as pd

from hromada.exchange import selectors
from hromada.exchange.models import PeerGroup, ShareKind

#: Fiscal indicators shown, in order: (column of fiscal_indicators, is a share 0-1).
FISCAL_COLUMNS = (
    ("total_per_capita", False),
    ("own_per_capita", False),
    ("own_excl_military_per_capita", False),
    ("transfer_share", True),
    ("military_share_own", True),
)


def public_indicators(codes: list[str]) -> tuple[pd.DataFrame, int | None]:
    """Population (registry, 1 January 2022) and fiscal indicators of the latest budget
    year, one row per code (missing values where the reference data has none).

    Returns the table (index code) and the budget year (None without budget data).
    """
    from hromada.econ.errors import HromadaError
    from hromada.econ.fiscal import fiscal_indicators
    from hromada.refdata import budgets, hromadas

    out = pd.DataFrame(index=pd.Index(codes, name="code"))
    try:
        reg = hromadas().set_index("code")
    except OSError:
        return out, None
    out["population"] = reg["population"].reindex(out.index)
    out["urban_share"] = reg["urban_share"].reindex(out.index)
    out["war_status"] = reg["war_status"].reindex(out.index)
    year = None
    try:
        b = budgets()
    except OSError:
        b = None
    if b is not None:
        b = b[b["hromada_code"].isin(codes)]
        if len(b):
            year = int(b["year"].max())
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    fi = fiscal_indicators(b, reg["population"], year=year)
                except HromadaError:
                    fi = None
            if fi is not None:
                for col, _share in FISCAL_COLUMNS:
                    if col in fi:
                        out[col] = fi[col].reindex(out.index)
                years = sorted(b["year"].unique())
                if len(years) >= 2:
                    change = f"own_excl_military_change_{years[-2]}_{years[-1]}"
                    if change in fi:
                        out["own_excl_military_change"] = fi[change].reindex(out.index)
    return out, year


def kpi_progress(row: dict) -> float | None:
    """Share of the way from baseline to target reached by the latest value (1 = target)."""
    actual, base, target = row.get("actual"), row.get("baseline_value"), row.get("target_value")
    if actual is None or base is None or target is None or target == base:
        return None
    return (actual - base) / (target - base)


def shared_kpis(group: PeerGroup) -> list[dict]:
    """The KPIs shared with the group (snapshots), with progress toward target."""
    rows = []
    for share in selectors.share_list(group, kind=ShareKind.KPI):
        d = share.data
        rows.append(
            {
                "share": share,
                "municipality": share.municipality,
                "indicator": d.get("indicator", share.title),
                "unit": d.get("unit", ""),
                "baseline_value": d.get("baseline_value"),
                "baseline_year": d.get("baseline_year"),
                "target_value": d.get("target_value"),
                "target_date": d.get("target_date"),
                "actual": d.get("actual"),
                "actual_date": d.get("actual_date"),
                "status": d.get("status"),
                "progress": kpi_progress(d),
                "history": d.get("history") or [],
                # computed from illustrative (made-up) data in the sharing municipality
                "illustrative": bool(d.get("illustrative")),
            }
        )
    return rows


def kpi_history_frame(rows: list[dict]) -> pd.DataFrame:
    """Long table: one row per shared KPI and dated value, with progress toward target."""
    records = []
    for r in rows:
        for h in r["history"]:
            progress = kpi_progress(
                {
                    "actual": h.get("value"),
                    "baseline_value": r["baseline_value"],
                    "target_value": r["target_value"],
                }
            )
            records.append(
                {
                    "municipality": r["municipality"].name,
                    "indicator": r["indicator"],
                    "date": h.get("date"),
                    "value": h.get("value"),
                    "progress": progress,
                    "data": "illustrative" if r.get("illustrative") else "",
                }
            )
    return pd.DataFrame(
        records, columns=["municipality", "indicator", "date", "value", "progress", "data"]
    )


def comparison(group: PeerGroup) -> dict:
    members = selectors.group_members(group)
    codes = [m.municipality.code for m in members]
    table, year = public_indicators(codes)
    rows = []
    for m in members:
        r = table.loc[m.municipality.code].to_dict() if m.municipality.code in table.index else {}
        r = {k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
        if r.get("population") is None and m.municipality.population:
            r["population"] = m.municipality.population
        rows.append({"municipality": m.municipality, **r})
    return {"members": rows, "year": year, "kpis": shared_kpis(group)}
