"""Fiscal resilience of hromadas.

Revenue structure, concentration, the 2022 shock and the 2023 recovery, dependence on
transfers and on the military personal income tax, revenue per capita, and percentiles
among comparable hromadas.

Pure pandas/numpy, no I/O: every function takes a *budget* DataFrame with one row per
hromada and year and revenue columns in UAH, and computes for all hromadas and years at
once. The default column names are those of the Kyiv School of Economics' table
``hromada_budget_2020_2022.csv`` (see :data:`KSE_COLUMNS`); pass ``columns=`` to map
other names, e.g. ``columns={"hromada": "code", "own": "own_revenue"}``.

Revenue sources (disjoint, they add up to ``total``)
-----------------------------------------------------
``transfers``; ``pit_civil`` = personal income tax (PIT, ПДФО) minus the PIT on military
pay; ``pit_military``; ``single_tax``; ``property_tax``; ``excise``; ``corporate_tax``;
``parking_fee``; ``tourist_fee``; ``eco_tax``; ``non_tax``; ``capital``;
``special_funds``; ``rent``; ``other_own`` = own revenue minus all listed own sources.

In the KSE table ``income_total = income_own + income_transfert`` exactly,
``income_military`` is part of ``income_pdfo`` and ``income_own`` is the sum of PIT
(military included) and the other own sources: **own revenue includes the military
PIT**. "Excluding military PIT" therefore means ``own - pit_military``.

Examples
--------
>>> import pandas as pd
>>> b = pd.DataFrame({"hromada_code": ["A", "A"], "year": [2021, 2022],
...     "income_total": [100.0, 130.0], "income_transfert": [60.0, 50.0],
...     "income_own": [40.0, 80.0], "income_pdfo": [20.0, 60.0],
...     "income_military": [0.0, 35.0]})
>>> revenue_change(b, start=2021, end=2022).round(3).tolist()
[1.0]
>>> revenue_change(b, start=2021, end=2022, revenue="own_excl_military").round(3).tolist()
[0.125]
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from hromada.econ.errors import DegenerateResultWarning, HromadaDataError

__all__ = [
    "KSE_COLUMNS",
    "OWN_SOURCES",
    "REVENUES",
    "SIZE_CLASS_BINS",
    "fiscal_indicators",
    "military_tax_dependence",
    "peer_percentiles",
    "revenue_change",
    "revenue_concentration",
    "revenue_per_capita",
    "revenue_sources",
    "revenue_structure",
    "size_classes",
    "transfer_dependence",
]

#: Standard name -> column of KSE's ``hromada_budget_2020_2022.csv`` (UAH, cash basis).
KSE_COLUMNS: dict[str, str] = {
    "hromada": "hromada_code",
    "year": "year",
    "total": "income_total",
    "transfers": "income_transfert",
    "own": "income_own",
    "pit": "income_pdfo",
    "pit_military": "income_military",
    "single_tax": "income_unified_tax",
    "property_tax": "income_property_tax",
    "excise": "income_excise_duty",
    "corporate_tax": "income_corporate_tax",
    "parking_fee": "income_parking_fee",
    "tourist_fee": "income_tourist_fee",
    "eco_tax": "income_eco_tax",
    "non_tax": "income_non_tax",
    "capital": "income_capital_proceedings",
    "special_funds": "income_special_funds",
    "rent": "income_rent",
    "base_subsidy": "income_base_subsidy",
}

_REQUIRED = ("hromada", "year", "total", "transfers", "own", "pit", "pit_military")

#: Own-revenue sources besides PIT, used when their columns are present.
OWN_SOURCES: tuple[str, ...] = (
    "single_tax",
    "property_tax",
    "excise",
    "corporate_tax",
    "parking_fee",
    "tourist_fee",
    "eco_tax",
    "non_tax",
    "capital",
    "special_funds",
    "rent",
)

#: Revenue aggregates accepted by ``revenue=``.
REVENUES: tuple[str, ...] = ("total", "own", "own_excl_military", "transfers", "pit_military")

#: Default population bins of :func:`size_classes` (persons, left-closed).
SIZE_CLASS_BINS: tuple[float, ...] = (0, 5_000, 10_000, 20_000, 50_000, 100_000, np.inf)


def _first(values, n: int = 5) -> str:
    values = list(values)
    shown = ", ".join(repr(v) for v in values[:n])
    return shown + (f" ... ({len(values)} in all)" if len(values) > n else "")


def _check_budget(budget: pd.DataFrame, columns: Mapping[str, str] | None) -> pd.DataFrame:
    """Return ``budget`` with standard column names, indexed by (hromada, year)."""
    if not isinstance(budget, pd.DataFrame):
        raise HromadaDataError(
            f"'budget' must be a pandas DataFrame with one row per hromada and year; "
            f"got {type(budget).__name__}."
        )
    mapping = dict(KSE_COLUMNS)
    if columns:
        unknown = set(columns) - set(KSE_COLUMNS)
        if unknown:
            raise HromadaDataError(
                f"'columns' has unknown standard names {_first(sorted(unknown))}; "
                f"known: {', '.join(KSE_COLUMNS)}."
            )
        mapping.update(columns)
    missing = [f"{std} ({mapping[std]!r})" for std in _REQUIRED if mapping[std] not in budget]
    if missing:
        raise HromadaDataError(
            f"'budget' lacks the columns {', '.join(missing)}; rename them or pass "
            f"columns={{standard: yours}}. Columns received: {_first(budget.columns, 12)}."
        )
    present = [std for std in KSE_COLUMNS if mapping[std] in budget]
    out = budget[[mapping[s] for s in present]].copy()
    out.columns = present
    for std in present[2:]:
        col = out[std]
        if not pd.api.types.is_numeric_dtype(col):
            bad = col[pd.to_numeric(col, errors="coerce").isna() & col.notna()]
            raise HromadaDataError(
                f"'budget' column {mapping[std]!r} ({std}) must be numeric (UAH); "
                f"non-numeric values in rows {_first(bad.index)}: {_first(bad.values)}."
            )
        if not np.isfinite(col.to_numpy(dtype=float)[col.notna().to_numpy()]).all():
            raise HromadaDataError(f"'budget' column {mapping[std]!r} has infinite values.")
    for key in ("hromada", "year"):
        if out[key].isna().any():
            rows = out.index[out[key].isna()]
            raise HromadaDataError(
                f"'budget' column {mapping[key]!r} has missing values in rows {_first(rows)}."
            )
    dup = out.duplicated(["hromada", "year"], keep=False)
    if dup.any():
        pairs = out.loc[dup, ["hromada", "year"]].drop_duplicates().itertuples(index=False)
        raise HromadaDataError(
            f"'budget' has several rows for the same hromada and year: "
            f"{_first(tuple(p) for p in pairs)}; aggregate them first."
        )
    return out.set_index(["hromada", "year"]).sort_index()


def _divide(num, den, what: str):
    """Return num / den with NaN (and a DegenerateResultWarning) where den is 0 or missing."""
    den = den.astype(float)
    bad = ~(den != 0) | den.isna() if isinstance(den, pd.Series) else None
    with np.errstate(divide="ignore", invalid="ignore"):
        res = num.astype(float).div(den, axis=0) if isinstance(num, pd.DataFrame) else num / den
    if bad is not None and bad.any():
        warnings.warn(
            f"{what}: the denominator is zero or missing for {_first(den.index[bad])}; "
            f"those values are NaN.",
            DegenerateResultWarning,
            stacklevel=3,
        )
        res = res.where(~bad, np.nan) if isinstance(res, pd.Series) else res.mask(bad, axis=0)
    return res


def revenue_sources(budget: pd.DataFrame, *, columns: Mapping[str, str] | None = None):
    """Return revenues split into disjoint sources that add up to total revenue.

    Parameters
    ----------
    budget : DataFrame
        One row per hromada and year; KSE column names unless mapped by ``columns``.
    columns : mapping, optional
        Standard name -> your column name (see :data:`KSE_COLUMNS`).

    Returns
    -------
    DataFrame
        Index (hromada, year); columns ``transfers``, ``pit_civil``, ``pit_military``,
        the own sources of :data:`OWN_SOURCES` present in ``budget``, and ``other_own``
        (UAH).

    Notes
    -----
    ``pit_civil = pit - pit_military``;
    ``other_own = own - pit - sum(other own sources)`` (a residual, near zero in the KSE
    data, which may be slightly negative). Refunds can make a source negative.

    Examples
    --------
    >>> import pandas as pd
    >>> b = pd.DataFrame({"hromada_code": ["A"], "year": [2022], "income_total": [10.0],
    ...     "income_transfert": [4.0], "income_own": [6.0], "income_pdfo": [5.0],
    ...     "income_military": [2.0]})
    >>> revenue_sources(b).iloc[0].tolist()
    [4.0, 3.0, 2.0, 1.0]
    """
    b = _check_budget(budget, columns)
    return _sources(b)


def _sources(b: pd.DataFrame) -> pd.DataFrame:
    own_cols = [s for s in OWN_SOURCES if s in b]
    out = pd.DataFrame(index=b.index)
    out["transfers"] = b["transfers"].astype(float)
    out["pit_civil"] = b["pit"] - b["pit_military"]
    out["pit_military"] = b["pit_military"].astype(float)
    for s in own_cols:
        out[s] = b[s].astype(float)
    out["other_own"] = b["own"] - b["pit"] - b[own_cols].sum(axis=1)
    return out


def _aggregate(b: pd.DataFrame, revenue: str) -> pd.Series:
    if revenue == "own_excl_military":
        return (b["own"] - b["pit_military"]).astype(float)
    if revenue in ("total", "own", "transfers", "pit_military"):
        return b[revenue].astype(float)
    raise HromadaDataError(f"'revenue' must be one of {', '.join(REVENUES)}; got {revenue!r}.")


def revenue_structure(
    budget: pd.DataFrame, *, base: str = "total", columns: Mapping[str, str] | None = None
) -> pd.DataFrame:
    r"""Return each revenue source's share of total (or own) revenue.

    Parameters
    ----------
    budget : DataFrame
        One row per hromada and year.
    base : {"total", "own"}, default "total"
        ``"total"``: shares of all sources in total revenue (transfers included);
        ``"own"``: shares of the own sources in own revenue (transfers left out).
    columns : mapping, optional
        Standard name -> your column name.

    Returns
    -------
    DataFrame
        Index (hromada, year); one column per source of :func:`revenue_sources`; rows add
        up to 1. NaN with :class:`DegenerateResultWarning` where the base is 0.

    Notes
    -----
    :math:`s_{hi} = R_{hi} / \sum_j R_{hj}` over the sources :math:`j` of the base.

    Examples
    --------
    >>> import pandas as pd
    >>> b = pd.DataFrame({"hromada_code": ["A"], "year": [2022], "income_total": [10.0],
    ...     "income_transfert": [4.0], "income_own": [6.0], "income_pdfo": [5.0],
    ...     "income_military": [2.0]})
    >>> revenue_structure(b, base="own").iloc[0].round(3).tolist()
    [0.5, 0.333, 0.167]
    """
    b = _check_budget(budget, columns)
    src = _sources(b)
    if base == "total":
        return _divide(src, b["total"], "revenue_structure(base='total')")
    if base == "own":
        return _divide(src.drop(columns="transfers"), b["own"], "revenue_structure(base='own')")
    raise HromadaDataError(f"'base' must be 'total' or 'own'; got {base!r}.")


def revenue_concentration(
    budget: pd.DataFrame, *, base: str = "total", columns: Mapping[str, str] | None = None
) -> pd.Series:
    r"""Return the Herfindahl-Hirschman index of revenue sources (0-1).

    Parameters
    ----------
    budget : DataFrame
        One row per hromada and year.
    base : {"total", "own"}, default "total"
        Concentration over all sources (transfers one source) or over own sources only.
    columns : mapping, optional
        Standard name -> your column name.

    Returns
    -------
    Series
        Index (hromada, year), name ``hhi_<base>``; from ``1/n`` (equal shares over
        ``n`` sources) to 1 (a single source).

    Notes
    -----
    :math:`HHI_h = \sum_j s_{hj}^2` with :math:`s_{hj} = R^+_{hj} / \sum_k R^+_{hk}`,
    where :math:`R^+ = \max(R, 0)`: negative entries (refunds exceeding receipts) count
    as zero so that shares stay in [0, 1]. Multiply by 10,000 for the antitrust scale.

    References
    ----------
    Hirschman, A. O. (1964). The paternity of an index. American Economic Review 54(5).

    Examples
    --------
    >>> import pandas as pd
    >>> b = pd.DataFrame({"hromada_code": ["A"], "year": [2022], "income_total": [10.0],
    ...     "income_transfert": [5.0], "income_own": [5.0], "income_pdfo": [5.0],
    ...     "income_military": [0.0]})
    >>> float(revenue_concentration(b).iloc[0])
    0.5
    """
    b = _check_budget(budget, columns)
    src = _sources(b)
    if base == "own":
        src = src.drop(columns="transfers")
    elif base != "total":
        raise HromadaDataError(f"'base' must be 'total' or 'own'; got {base!r}.")
    pos = src.clip(lower=0).to_numpy()
    tot = pos.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        hhi = ((pos / tot[:, None]) ** 2).sum(axis=1)
    hhi[tot <= 0] = np.nan
    if (tot <= 0).any():
        warnings.warn(
            f"revenue_concentration: no positive revenue for {_first(src.index[tot <= 0])}; "
            "NaN there.",
            DegenerateResultWarning,
            stacklevel=2,
        )
    return pd.Series(hhi, index=src.index, name=f"hhi_{base}")


def revenue_change(
    budget: pd.DataFrame,
    *,
    start: int,
    end: int,
    revenue: str = "own",
    deflator: Mapping[int, float] | None = None,
    columns: Mapping[str, str] | None = None,
) -> pd.Series:
    r"""Return the relative change of a revenue aggregate from ``start`` to ``end``.

    Parameters
    ----------
    budget : DataFrame
        One row per hromada and year; both years must be present.
    start, end : int
        The years compared: 2021 -> 2022 is the war shock, 2022 -> 2023 the recovery.
    revenue : {"own", "own_excl_military", "total", "transfers", "pit_military"}
        The aggregate; ``"own_excl_military"`` is own revenue minus the military PIT.
    deflator : mapping year -> price index, optional
        To compare in real terms: each year's revenue is divided by its index. Default
        nominal UAH.
    columns : mapping, optional
        Standard name -> your column name.

    Returns
    -------
    Series
        Index hromada, name ``<revenue>_change_<start>_<end>``:
        :math:`R_{end}/R_{start} - 1` (``-0.23`` = a fall of 23 %). NaN with
        :class:`DegenerateResultWarning` where :math:`R_{start} \le 0` or a year is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> b = pd.DataFrame({"hromada_code": ["A", "A"], "year": [2021, 2022],
    ...     "income_total": [10.0, 8.0], "income_transfert": [5.0, 4.0],
    ...     "income_own": [5.0, 4.0], "income_pdfo": [3.0, 3.0],
    ...     "income_military": [0.0, 1.0]})
    >>> round(float(revenue_change(b, start=2021, end=2022).iloc[0]), 6)
    -0.2
    """
    b = _check_budget(budget, columns)
    years = set(b.index.get_level_values("year"))
    for name, y in (("start", start), ("end", end)):
        if y not in years:
            raise HromadaDataError(
                f"'{name}' year {y} is not in 'budget'; years present: {sorted(years)}."
            )
    wide = _aggregate(b, revenue).unstack("year")
    r0, r1 = wide[start], wide[end]
    if deflator is not None:
        try:
            r0, r1 = r0 / float(deflator[start]), r1 / float(deflator[end])
        except KeyError as exc:
            raise HromadaDataError(
                f"'deflator' has no price index for year {exc.args[0]}; give one for "
                f"{start} and {end}."
            ) from None
    bad = ~(r0 > 0) | r1.isna()
    with np.errstate(divide="ignore", invalid="ignore"):
        out = r1 / r0 - 1.0
    if bad.any():
        warnings.warn(
            f"revenue_change: {revenue} revenue is missing or not positive in {start} "
            f"(or missing in {end}) for {_first(wide.index[bad])}; NaN there.",
            DegenerateResultWarning,
            stacklevel=2,
        )
        out = out.where(~bad)
    out.name = f"{revenue}_change_{start}_{end}"
    return out


def transfer_dependence(
    budget: pd.DataFrame, *, columns: Mapping[str, str] | None = None
) -> pd.Series:
    """Return the share of transfers from the state budget in total revenue.

    Notes
    -----
    :math:`T_{ht} / R_{ht}` (transfers include the base subsidy). The KSE column
    ``transfert_prop`` is the same ratio rounded to 4 decimals.

    Examples
    --------
    >>> import pandas as pd
    >>> b = pd.DataFrame({"hromada_code": ["A"], "year": [2022], "income_total": [10.0],
    ...     "income_transfert": [4.0], "income_own": [6.0], "income_pdfo": [5.0],
    ...     "income_military": [2.0]})
    >>> float(transfer_dependence(b).iloc[0])
    0.4
    """
    b = _check_budget(budget, columns)
    out = _divide(b["transfers"], b["total"], "transfer_dependence")
    out.name = "transfer_share"
    return out


def military_tax_dependence(
    budget: pd.DataFrame, *, base: str = "own", columns: Mapping[str, str] | None = None
) -> pd.Series:
    """Return the share of the military personal income tax in own (or total) revenue.

    The PIT on military pay was moved to the state budget from late 2023, so a high
    share in 2022-2023 measures the own revenue a hromada has since lost.

    Parameters
    ----------
    base : {"own", "total"}, default "own"
        Denominator. KSE's ``military_tax_prop`` uses total revenue.

    Notes
    -----
    :math:`M_{ht} / O_{ht}` (``base="own"``) or :math:`M_{ht} / R_{ht}` (``base="total"``).

    Examples
    --------
    >>> import pandas as pd
    >>> b = pd.DataFrame({"hromada_code": ["A"], "year": [2022], "income_total": [10.0],
    ...     "income_transfert": [4.0], "income_own": [6.0], "income_pdfo": [5.0],
    ...     "income_military": [3.0]})
    >>> float(military_tax_dependence(b).iloc[0])
    0.5
    """
    b = _check_budget(budget, columns)
    if base not in ("own", "total"):
        raise HromadaDataError(f"'base' must be 'own' or 'total'; got {base!r}.")
    out = _divide(b["pit_military"], b[base], f"military_tax_dependence(base={base!r})")
    out.name = f"military_share_{base}"
    return out


def revenue_per_capita(
    budget: pd.DataFrame,
    population: pd.Series,
    *,
    revenue: str = "total",
    columns: Mapping[str, str] | None = None,
) -> pd.Series:
    """Return revenue per inhabitant (UAH per person).

    Parameters
    ----------
    budget : DataFrame
        One row per hromada and year.
    population : Series
        Population indexed by hromada (one figure for all years, e.g. 1 January 2022), or
        indexed by (hromada, year).
    revenue : str, default "total"
        One of :data:`REVENUES`.

    Returns
    -------
    Series
        Index (hromada, year), name ``<revenue>_per_capita``. NaN with
        :class:`DegenerateResultWarning` where the population is missing or 0.

    Notes
    -----
    :math:`R_{ht} / P_h`. Wartime displacement makes the 2022 population a rough
    denominator for 2022-2023, especially in occupied and frontline hromadas.

    Examples
    --------
    >>> import pandas as pd
    >>> b = pd.DataFrame({"hromada_code": ["A"], "year": [2022], "income_total": [10.0],
    ...     "income_transfert": [4.0], "income_own": [6.0], "income_pdfo": [5.0],
    ...     "income_military": [3.0]})
    >>> float(revenue_per_capita(b, pd.Series({"A": 4})).iloc[0])
    2.5
    """
    b = _check_budget(budget, columns)
    if not isinstance(population, pd.Series):
        raise HromadaDataError(
            f"'population' must be a pandas Series indexed by hromada; "
            f"got {type(population).__name__}."
        )
    if population.index.duplicated().any():
        raise HromadaDataError(
            f"'population' has duplicate index labels "
            f"{_first(population.index[population.index.duplicated()])}."
        )
    agg = _aggregate(b, revenue)
    if population.index.nlevels == 2:
        pop = population.reindex(agg.index)
    else:
        pop = pd.Series(
            population.reindex(agg.index.get_level_values("hromada")).to_numpy(), index=agg.index
        )
    out = _divide(agg, pop, "revenue_per_capita")
    out.name = f"{revenue}_per_capita"
    return out


def size_classes(
    population: pd.Series,
    *,
    bins: Sequence[float] = SIZE_CLASS_BINS,
    labels: Sequence[str] | None = None,
) -> pd.Series:
    """Return the size class of each hromada by population.

    Parameters
    ----------
    population : Series
        Population indexed by hromada.
    bins : sequence of float
        Class edges, left-closed: ``[b0, b1), [b1, b2), ...``.
    labels : sequence of str, optional
        One label per class; default ``"5000-9999"`` style, the last ``"100000+"``.

    Examples
    --------
    >>> import pandas as pd
    >>> size_classes(pd.Series({"A": 4000, "B": 250000})).tolist()
    ['<5000', '100000+']
    """
    bins = list(bins)
    if labels is None:
        labels = []
        for lo, hi in zip(bins[:-1], bins[1:], strict=True):
            if lo <= 0:
                labels.append(f"<{int(hi)}")
            elif np.isinf(hi):
                labels.append(f"{int(lo)}+")
            else:
                labels.append(f"{int(lo)}-{int(hi) - 1}")
    cut = pd.cut(population.astype(float), bins=bins, labels=list(labels), right=False)
    return cut.rename("size_class")


def peer_percentiles(values, groups: pd.Series | pd.DataFrame | None = None, *, kind="rank"):
    r"""Return each value's percentile (0-100) among the hromadas of the same group.

    Parameters
    ----------
    values : Series or DataFrame
        Indicators indexed by hromada (one column per indicator).
    groups : Series or DataFrame, optional
        Group label of each hromada (oblast, size class, war-status group), indexed like
        ``values``. A DataFrame gives one result per grouping column (result columns
        ``(grouping, indicator)``). Default: all hromadas form one group.
    kind : {"rank", "weak", "strict", "mean"}, default "rank"
        As :func:`scipy.stats.percentileofscore`: ``"weak"`` = share of the group with a
        value <= this one, ``"strict"`` = share with a value < this one, ``"mean"`` their
        average, ``"rank"`` the average percentage rank of tied values.

    Returns
    -------
    Series or DataFrame
        Same shape and index as ``values``. NaN values, and hromadas without a group, get
        NaN and do not count in the group size.

    Notes
    -----
    With :math:`n_g` non-missing values in group :math:`g`,
    weak :math:`= 100\,\#\{j: x_j \le x_i\}/n_g`,
    strict :math:`= 100\,\#\{j: x_j < x_i\}/n_g`. The hromada itself is counted.
    For a fall in revenue ("own revenue fell 23 %, less than 80 % of similar hromadas"),
    ``100 - strict`` percentile of the change is the share that fell at least as much.

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.Series([1.0, 2.0, 3.0, 10.0], index=list("abcd"))
    >>> peer_percentiles(v, pd.Series(["x", "x", "y", "y"], index=list("abcd")),
    ...                  kind="weak").tolist()
    [50.0, 100.0, 50.0, 100.0]
    """
    if kind not in ("rank", "weak", "strict", "mean"):
        raise HromadaDataError(f"'kind' must be rank, weak, strict or mean; got {kind!r}.")
    if isinstance(groups, pd.DataFrame):
        parts = {col: peer_percentiles(values, groups[col], kind=kind) for col in groups}
        if isinstance(values, pd.Series):
            return pd.DataFrame(parts)
        return pd.concat(parts, axis=1)
    frame = values.to_frame() if isinstance(values, pd.Series) else values
    if not isinstance(frame, pd.DataFrame):
        raise HromadaDataError(
            f"'values' must be a pandas Series or DataFrame; got {type(values).__name__}."
        )
    if groups is None:
        key = pd.Series(0, index=frame.index)
    else:
        if not isinstance(groups, pd.Series):
            raise HromadaDataError(
                f"'groups' must be a Series or DataFrame indexed like 'values'; "
                f"got {type(groups).__name__}."
            )
        missing = frame.index.difference(groups.index)
        if len(missing):
            raise HromadaDataError(
                f"'groups' has no entry for {_first(missing)}; give a group to every "
                "hromada in 'values' (NaN for none)."
            )
        key = groups.reindex(frame.index)
    num = frame.apply(pd.to_numeric, errors="coerce").astype(float)
    has_group = key.notna().to_numpy()
    res = pd.DataFrame(np.nan, index=frame.index, columns=frame.columns)
    if has_group.any():
        sub = num[has_group]
        g = sub.groupby(key[has_group].to_numpy(), sort=False)
        n = g.transform("count")
        if kind == "rank":
            pct = g.rank(method="average") / n
        else:
            weak = g.rank(method="max") / n
            strict = (g.rank(method="min") - 1) / n
            pct = {"weak": weak, "strict": strict, "mean": (weak + strict) / 2}[kind]
        res.loc[has_group] = 100 * pct.to_numpy()
    return res.iloc[:, 0].rename(values.name) if isinstance(values, pd.Series) else res


def fiscal_indicators(
    budget: pd.DataFrame,
    population: pd.Series | None = None,
    *,
    year: int | None = None,
    columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Return the fiscal resilience indicators of every hromada, one row each.

    Parameters
    ----------
    budget : DataFrame
        One row per hromada and year.
    population : Series, optional
        Population by hromada, for the per-capita indicators.
    year : int, optional
        Year of the level indicators; default the latest year in ``budget``.
    columns : mapping, optional
        Standard name -> your column name.

    Returns
    -------
    DataFrame
        Index hromada. Columns: ``total``, ``own``, ``own_excl_military`` (UAH, in
        ``year``), ``transfer_share``, ``own_share``, ``military_share_own``,
        ``military_share_total``, ``hhi_total``, ``hhi_own``, the own-revenue structure
        ``share_<source>`` (share of own revenue), ``total_per_capita``,
        ``own_per_capita``, ``own_excl_military_per_capita`` (if ``population``), and for
        every pair of consecutive years ``y0 < y1`` in ``budget``:
        ``own_change_<y0>_<y1>`` and ``own_excl_military_change_<y0>_<y1>``
        (:math:`R_{y1}/R_{y0} - 1`).

    Examples
    --------
    >>> import pandas as pd
    >>> b = pd.DataFrame({"hromada_code": ["A", "A"], "year": [2021, 2022],
    ...     "income_total": [10.0, 8.0], "income_transfert": [5.0, 4.0],
    ...     "income_own": [5.0, 4.0], "income_pdfo": [3.0, 3.0],
    ...     "income_military": [0.0, 1.0]})
    >>> fiscal_indicators(b)["own_excl_military_change_2021_2022"].round(6).tolist()
    [-0.4]
    """
    b = _check_budget(budget, columns)
    years = sorted(set(b.index.get_level_values("year")))
    if year is None:
        year = years[-1]
    if year not in years:
        raise HromadaDataError(f"'year' {year} is not in 'budget'; years present: {years}.")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DegenerateResultWarning)
        src = _sources(b)
        at = b.xs(year, level="year")
        s_at = src.xs(year, level="year")
        out = pd.DataFrame(index=at.index)
        out["total"] = at["total"].astype(float)
        out["own"] = at["own"].astype(float)
        out["own_excl_military"] = (at["own"] - at["pit_military"]).astype(float)
        out["transfer_share"] = _divide(at["transfers"], at["total"], "transfer_share")
        out["own_share"] = _divide(at["own"], at["total"], "own_share")
        out["military_share_own"] = _divide(at["pit_military"], at["own"], "military_share")
        out["military_share_total"] = _divide(at["pit_military"], at["total"], "military_share")
        for base, frame in (("total", s_at), ("own", s_at.drop(columns="transfers"))):
            pos = frame.clip(lower=0)
            tot = pos.sum(axis=1)
            out[f"hhi_{base}"] = (pos.div(tot.where(tot > 0), axis=0) ** 2).sum(axis=1, min_count=1)
        own_struct = _divide(s_at.drop(columns="transfers"), at["own"], "structure")
        for col in own_struct:
            out[f"share_{col}"] = own_struct[col]
        if population is not None:
            pop = population.reindex(out.index).astype(float)
            for r in ("total", "own", "own_excl_military"):
                out[f"{r}_per_capita"] = _divide(out[r], pop, "per_capita")
        for y0, y1 in zip(years[:-1], years[1:], strict=True):
            for r in ("own", "own_excl_military"):
                wide = _aggregate(b, r).unstack("year")
                r0 = wide[y0].where(wide[y0] > 0)
                out[f"{r}_change_{y0}_{y1}"] = (wide[y1] / r0 - 1.0).reindex(out.index)
    if caught:
        warnings.warn(
            "fiscal_indicators: some denominators are zero or missing; the affected "
            "indicators are NaN.",
            DegenerateResultWarning,
            stacklevel=2,
        )
    return out
