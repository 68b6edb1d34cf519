"""Between the fiscal pulse (:class:`hromada.budget.selectors.Pulse`) and the pulse page:
its figures, rows and charts as the template shows them, and the backtest's download."""

from __future__ import annotations

from typing import Any

import pandas as pd

from hromada.budget import charts
from hromada.budget.models import PulseAssumptions
from hromada.budget.selectors import MAIN, Pulse


def pulse_page(
    p: Pulse,
    a: PulseAssumptions | None,
    fc: pd.DataFrame | None,
    *,
    space: dict[str, Any] | None,
    peers: pd.DataFrame | None,
) -> dict[str, Any]:
    """The pulse page's figures (last 12 months, latest growth, forecast), the peers'
    rows and the charts; ``fc`` is the forecast with the assumptions ``a``."""
    own12 = p.sources["own_excl_military"].iloc[-12:]
    return {
        "last_month": p.sources.index[-1],
        "own12": float(own12.sum()),
        "growth_last": p.growth.iloc[-1].to_dict() if len(p.growth) else {},
        "main_sources": [(s, p.sources[s].iloc[-12:].sum(), p.growth[s].iloc[-1]) for s in MAIN],
        "wage_month": (float(p.wage_bill.iloc[-12:].mean()) if p.wage_bill is not None else None),
        "forecast_rows": fc.reset_index().to_dict("records") if fc is not None else [],
        "forecast_total": float(fc["forecast"].sum()) if fc is not None else None,
        "space": space,
        "peers": peer_rows(peers, p.codes),
        "charts": _pulse_charts(p, a, fc),
    }


def _pulse_charts(p: Pulse, a: PulseAssumptions | None, fc: pd.DataFrame | None) -> list[Any]:
    out = [
        charts.pulse_chart(
            p.real["own_excl_military"],
            p.seasonal["adjusted"] if p.seasonal is not None else None,
            p.shock.pre_level if p.shock else None,
            p.base_month,
        )
    ]
    if fc is not None:
        out.append(
            charts.forecast_chart(
                p.sources["own_excl_military"], p.forecast, fc if a is not None else None
            )
        )
    return out


def peer_rows(table: pd.DataFrame | None, codes: list[str]) -> list[dict[str, Any]]:
    """The bundled budgets' shock and recovery as rows, the hromada's own marked
    ``is_self``; missing values as None."""
    if table is None:
        return []
    rows = table.to_dict("records")
    for r in rows:
        r["is_self"] = bool(set(r["budgets"].split(",")) & set(codes))
        r["recovered"] = None if pd.isna(r["recovered"]) else r["recovered"]
        r["months_to_recover"] = (
            None if pd.isna(r["months_to_recover"]) else int(r["months_to_recover"])
        )
    return rows


def backtest_frame(p: Pulse | None) -> pd.DataFrame:
    """The forecast's backtest, months as YYYY-MM, for its CSV (empty without one)."""
    if p is None or p.backtest_rows is None:
        return pd.DataFrame()
    rows = p.backtest_rows.copy()
    rows["origin"] = rows["origin"].dt.strftime("%Y-%m")
    rows["month"] = rows["month"].dt.strftime("%Y-%m")
    return rows
