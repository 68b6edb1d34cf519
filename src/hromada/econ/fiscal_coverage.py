"""Which annual budget rows cover a whole year.

Part-year detection for the annual hromada budget table, and the months a part year
covers, from monthly execution data.

KSE's annual table (``ukraine/hromada_budget_2020_2022.csv``) labels its last year 2023
although it holds only part of it: national own revenue 187.4 bn UAH against 294.1 bn in
2022. Comparing such a year with a full one shows a "fall" that is not one. Pure pandas.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hromada.econ.errors import HromadaDataError

__all__ = ["national_totals", "part_years", "months_covered", "like_for_like_change"]


def _need(frame: pd.DataFrame, cols, name: str) -> None:
    missing = [c for c in cols if c not in frame.columns]
    if missing:
        raise HromadaDataError(
            f"{name}: columns {missing} are missing; found {list(frame.columns)[:10]}."
        )


def national_totals(
    budget: pd.DataFrame, *, revenue: str = "income_own", year: str = "year"
) -> pd.Series:
    """Sum of ``revenue`` over all hromadas, by year (UAH).

    Examples
    --------
    >>> b = pd.DataFrame({"year": [2021, 2021, 2022], "income_own": [1.0, 2.0, 4.0]})
    >>> national_totals(b).tolist()
    [3.0, 4.0]
    """
    _need(budget, [revenue, year], "national_totals")
    values = pd.to_numeric(budget[revenue], errors="coerce")
    if values.isna().all():
        raise HromadaDataError(f"column {revenue}: no numeric values.")
    return values.groupby(budget[year].astype(int)).sum().sort_index()


def part_years(
    budget: pd.DataFrame,
    *,
    revenue: str = "income_own",
    year: str = "year",
    threshold: float = 0.85,
) -> pd.DataFrame:
    """Flag the years whose national total is implausibly low for a whole year.

    Rule: year ``t`` is a part year if ``N(t) / N(t - 1) < threshold`` with ``N`` the
    national total of ``revenue`` (default own revenue) and ``t - 1`` a whole year;
    ``months_estimate = 12 * N(t) / N(t - 1)`` (a rough count assuming no growth; the
    months themselves come from :func:`months_covered`). Nominal own revenue of all
    hromadas rose in every year of 2015-2022, the first war year included (+13.8 %), so a
    fall of more than 15 % is taken as missing months. The first year is assumed whole.

    Returns
    -------
    DataFrame indexed by year: ``total``, ``ratio_to_previous``, ``part_year`` (bool),
    ``months_estimate``.

    Examples
    --------
    >>> b = pd.DataFrame({"year": [2021, 2022, 2023], "income_own": [258.6, 294.1, 187.4]})
    >>> part_years(b)["part_year"].tolist()
    [False, False, True]
    """
    if not 0 < threshold < 1:
        raise HromadaDataError(f"threshold must lie in (0, 1): {threshold}.")
    totals = national_totals(budget, revenue=revenue, year=year)
    out = pd.DataFrame({"total": totals})
    ratio = np.full(len(totals), np.nan)
    part = np.zeros(len(totals), dtype=bool)
    last_whole = None
    for i, (_y, value) in enumerate(totals.items()):
        if last_whole is not None and last_whole > 0:
            ratio[i] = value / last_whole
            part[i] = ratio[i] < threshold
        if not part[i]:
            last_whole = value
    out["ratio_to_previous"] = ratio
    out["part_year"] = part
    out["months_estimate"] = np.where(part, np.round(12 * ratio, 1), 12.0)
    return out


def months_covered(
    annual: pd.Series, cumulative: pd.DataFrame, *, tolerance: float = 0.02
) -> pd.DataFrame:
    """Return the month through which an annual figure runs.

    Found by matching the figure with the monthly cumulative execution of the same budget
    and year.

    For each unit ``h`` (hromada), ``m*(h) = argmin_m |C_h(m) / A_h - 1|`` over the months
    1-12 of ``cumulative`` (amounts from January to the end of month m); matched when the
    relative gap is within ``tolerance``.

    Parameters
    ----------
    annual : Series
        The annual figure by unit.
    cumulative : DataFrame
        Units as rows (same labels as ``annual``), months 1-12 as columns.

    Returns
    -------
    DataFrame by unit: ``month`` (1-12), ``gap`` (``C(m*)/A - 1``), ``matched`` (bool).

    Examples
    --------
    >>> c = pd.DataFrame([[10.0, 20.0, 30.0]], index=["h"], columns=[1, 2, 3])
    >>> months_covered(pd.Series({"h": 20.0}), c)["month"].tolist()
    [2]
    """
    common = annual.index.intersection(cumulative.index)
    if not len(common):
        raise HromadaDataError(
            "months_covered: no unit is in both the annual and the monthly data."
        )
    a = pd.to_numeric(annual.loc[common], errors="coerce").to_numpy(dtype=float)
    c = cumulative.loc[common].to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = c / a[:, None] - 1
    rel = np.where(np.isfinite(rel), rel, np.inf)
    best = np.argmin(np.abs(rel), axis=1)
    gap = rel[np.arange(len(common)), best]
    months = np.asarray(cumulative.columns)[best].astype(int)
    return pd.DataFrame(
        {"month": months, "gap": gap, "matched": np.abs(gap) <= tolerance}, index=common
    )


def like_for_like_change(
    monthly: pd.Series, year0: int, year1: int, months: int, *, level: pd.Series | None = None
) -> float:
    """Change of January..``months`` of ``year1`` against the same months of ``year0``.

    Formula: ``sum_{m<=M} x(y1, m) / sum_{m<=M} x(y0, m) - 1``; with a price ``level``
    (monthly, e.g. :func:`hromada.econ.pulse.price_level`) each month is deflated first.

    Examples
    --------
    >>> idx = pd.date_range("2022-01-01", periods=24, freq="MS")
    >>> like_for_like_change(pd.Series(range(1, 25), idx, dtype=float), 2022, 2023, 2)
    8.0
    """
    s = monthly.astype(float)
    idx = pd.DatetimeIndex(s.index)
    if level is not None:
        s = s / level.reindex(idx).to_numpy()
    sel0 = (idx.year == year0) & (idx.month <= months)
    sel1 = (idx.year == year1) & (idx.month <= months)
    if sel0.sum() != months or sel1.sum() != months:
        raise HromadaDataError(
            f"like_for_like_change: months 1-{months} of {year0} and {year1} are not all present."
        )
    base = float(s[sel0].sum())
    if not base > 0:
        return float("nan")
    return float(s[sel1].sum()) / base - 1
