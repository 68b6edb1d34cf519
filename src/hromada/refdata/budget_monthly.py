"""Reading the bundled monthly budget data and the consumer price index.

``monthly_incomes()``: the tidy monthly frame of the 25 cities' OpenBudget incomes
(:data:`hromada.econ.budget_monthly.TIDY_COLUMNS`, funds C and S, the total T = C + S
added); ``budget_hromadas()``: budget code -> city -> KATOTTG; ``cpi_monthly()``: the
official CPI (previous month = 100) with its source. Each is read once per process and
data folder.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from hromada.refdata._files import open_text, read_csv, require
from hromada.refdata.locations import data_dir

MONTHLY = "ukraine/budget_monthly/openbudget_monthly_25cities_2021_2026.csv"
BUDGET_HROMADA = "ukraine/budget_monthly/openbudget_budget_hromada.csv"
RAW = "ukraine/budget_monthly/openbudget_incomes_25cities_2021_2026.csv"
CPI = "ukraine/cpi/cpi_monthly_sssu_2000_2026.json"


@lru_cache(maxsize=2)
def _monthly(root: Path) -> pd.DataFrame:
    f = read_csv(
        MONTHLY,
        root,
        dtype={"budget": str, "fund": str, "code": str, "month": str, "amount": float},
    )
    f["month"] = pd.to_datetime(f["month"], format="%Y-%m")
    total = f.groupby(["budget", "code", "month"], as_index=False)["amount"].sum()
    total["fund"] = "T"
    f = pd.concat([f, total], ignore_index=True)
    f = f.sort_values(["budget", "fund", "code", "month"], kind="stable").reset_index(drop=True)
    f["cumulative"] = f.groupby(["budget", "fund", "code", f["month"].dt.year])["amount"].cumsum()
    return f[["budget", "fund", "code", "month", "cumulative", "amount"]]


def monthly_incomes(root: Path | None = None) -> pd.DataFrame:
    """Return the bundled monthly incomes (a copy is not made: do not modify the frame)."""
    return _monthly(Path(root) if root else data_dir())


@lru_cache(maxsize=2)
def _budget_hromadas(root: Path) -> pd.DataFrame:
    return read_csv(BUDGET_HROMADA, root, dtype=str, keep_default_na=False)


def budget_hromadas(root: Path | None = None) -> pd.DataFrame:
    """Columns budget, city, hromada_code (empty for Kyiv and the oblast budgets), hromada_uk."""
    return _budget_hromadas(Path(root) if root else data_dir())


@lru_cache(maxsize=2)
def _cpi(root: Path) -> tuple[pd.Series, dict]:
    with open_text(CPI, root) as fh:
        doc = json.load(fh)
    series = pd.Series(doc["indices"], dtype=float)
    meta = {
        "source": doc.get("source", {}),
        "series": doc.get("series", ""),
        "latest": doc.get("latest", series.index.max()),
        "retrieved": doc.get("retrieved"),
    }
    return series, meta


def cpi_monthly(root: Path | None = None) -> tuple[pd.Series, dict]:
    """Return the CPI, previous month = 100, indexed ``"YYYY-MM"``, and its source.

    The source is a dict: name, url, licence, SDMX series.
    """
    return _cpi(Path(root) if root else data_dir())


def raw_incomes_path(root: Path | None = None) -> Path:
    """Return the path of the raw OpenBudget answers of the 25 cities.

    For the benchmarks and the build script.
    """
    return require(RAW, root)
