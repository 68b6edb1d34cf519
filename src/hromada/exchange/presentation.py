"""Between the peer exchange's reads and its templates: the shared KPIs' history as one
long table with progress toward target (the comparison page's chart and CSV). The
comparison's charts are in ``exchange/charts.py``."""

from __future__ import annotations

from typing import Any

import pandas as pd

from hromada.exchange.selectors import kpi_progress


def kpi_history_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
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
