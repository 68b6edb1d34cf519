"""From a long panel to per-year regions x sectors arrays: RCA, RPOP and presence (M)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from hromada.econ._panel import _first, check_panel, check_year
from hromada.econ.errors import DegenerateResultWarning, HromadaDataError

PRESENCE_METHODS = ("rca", "rpop", "manual")
_ECOMPLEXITY_KEYS = {"time": "year", "loc": "region", "prod": "sector", "val": "value"}


def _std_columns(columns):
    """Accept hromada's mapping (standard -> theirs) and ecomplexity's cols_input keys."""
    if not columns:
        return None
    return {_ECOMPLEXITY_KEYS.get(k, k): v for k, v in dict(columns).items()}


def _labels(values):
    """Codes and sorted unique labels (falls back to first-seen order if unsortable)."""
    try:
        codes, uniques = pd.factorize(values, sort=True)
    except TypeError:
        codes, uniques = pd.factorize(values, sort=False)
    return codes, pd.Index(uniques)


class _Slices:
    """The panel as per-year dense arrays, regions and sectors coded once for all years."""

    def __init__(self, df):
        rcode, self.regions = _labels(df["region"])
        scode, self.sectors = _labels(df["sector"])
        self.rcode = rcode.astype(np.int32)
        self.scode = scode.astype(np.int32)
        del rcode, scode
        self.has_year = "year" in df.columns
        if self.has_year:
            ycode, years = pd.factorize(df["year"], sort=True)
            self.years = list(years)
            order = np.argsort(ycode, kind="stable")
            bounds = np.searchsorted(ycode[order], np.arange(len(years) + 1))
            self._rows = [order[bounds[i] : bounds[i + 1]] for i in range(len(years))]
        else:
            self.years = [None]
            self._rows = [np.arange(len(df))]
        self.values = df["value"].to_numpy(dtype=np.float64)
        self.dropped = []

    def matrix(self, i, record=True):
        """(V, region_codes, sector_codes) of year i: positive-total regions and sectors only."""
        rows = self._rows[i]
        V = np.zeros((len(self.regions), len(self.sectors)))
        V[self.rcode[rows], self.scode[rows]] = self.values[rows]
        present_r = np.zeros(len(self.regions), bool)
        present_s = np.zeros(len(self.sectors), bool)
        present_r[self.rcode[rows]] = True
        present_s[self.scode[rows]] = True
        tot_r, tot_s = V.sum(axis=1), V.sum(axis=0)
        zero_r = present_r & (tot_r == 0)
        zero_s = present_s & (tot_s == 0)
        if record and (zero_r.any() or zero_s.any()):
            self.dropped.append((self.years[i], self.regions[zero_r], self.sectors[zero_s]))
        r = np.flatnonzero(tot_r > 0)
        s = np.flatnonzero(tot_s > 0)
        return V[np.ix_(r, s)], r, s

    def warn_dropped(self, stacklevel=3):
        if not self.dropped:
            return
        parts = []
        for year, regs, secs in self.dropped:
            what = []
            if len(regs):
                what.append(f"regions {_first(regs)}")
            if len(secs):
                what.append(f"sectors {_first(secs)}")
            parts.append((f"in {year}: " if year is not None else "") + " and ".join(what))
        warnings.warn(
            "zero totals, left out as ecomplexity does: "
            + "; ".join(parts[:5])
            + (f" ... ({len(parts)} years)" if len(parts) > 5 else ""),
            DegenerateResultWarning,
            stacklevel=stacklevel,
        )


def _population_vector(population, regions, year, *, columns=None):
    """Population of ``regions`` (Index) in ``year`` from a Series or a long DataFrame."""
    if population is None:
        raise HromadaDataError(
            "method='rpop' needs 'population': a Series indexed by region or a DataFrame "
            "with columns region, population[, year]."
        )
    if isinstance(population, pd.Series):
        pop = population
    elif isinstance(population, pd.DataFrame):
        df = population.rename(columns={v: k for k, v in (columns or {}).items()})
        if "region" not in df.columns or "population" not in df.columns:
            raise HromadaDataError(
                f"'population' needs columns 'region' and 'population'; it has {list(df.columns)}."
            )
        if "year" in df.columns and year is not None:
            df = df[df["year"] == year]
        if df["region"].duplicated().any():
            raise HromadaDataError(
                "'population' has several rows per region"
                + (f" in {year}" if year is not None else "")
                + f": {_first(df.loc[df['region'].duplicated(), 'region'])}; add a 'year' column."
            )
        pop = df.set_index("region")["population"]
    else:
        raise HromadaDataError(
            f"'population' must be a Series or a DataFrame; got {type(population).__name__}."
        )
    out = pd.to_numeric(pop, errors="coerce").reindex(regions)
    bad = regions[~(out.to_numpy() > 0)]
    if len(bad):
        raise HromadaDataError(
            f"'population' is missing or not positive for regions {_first(bad)}"
            + (f" in {year}" if year is not None else "")
            + "."
        )
    return out.to_numpy(dtype=np.float64)


def _rca_array(V):
    # Same operation order as ecomplexity 0.5.3 (so that RCA == 1 ties resolve alike).
    with np.errstate(divide="ignore", invalid="ignore"):
        num = V / V.sum(axis=1)[:, None]
        col = V.sum(axis=0)[None, :]
        return num / (col / col.sum())


def _rpop_array(V, pop):
    with np.errstate(divide="ignore", invalid="ignore"):
        col = V.sum(axis=0)[None, :]
        return (V / pop[:, None]) / (col / pop.sum())


def _mcp_arrays(V, method, threshold, pop=None):
    """Return (rca, rpop or None, mcp as float 0/1) for one year's array V."""
    if method == "manual":
        bad = (V != 0) & (V != 1)
        if bad.any():
            raise HromadaDataError(
                f"method='manual' needs 0/1 values; got {_first(np.unique(V[bad]))}. "
                "Use method='rca' to binarise values by revealed comparative advantage."
            )
        return V, None, V.astype(np.float64)
    rca = _rca_array(V)
    if method == "rca":
        return rca, None, (np.nan_to_num(rca) >= threshold).astype(np.float64)
    rpop = _rpop_array(V, pop)
    return rca, rpop, (np.nan_to_num(rpop) >= threshold).astype(np.float64)


def _one_year(panel, year, columns, name="panel"):
    df = check_panel(panel, columns=_std_columns(columns), name=name)
    if "year" in df.columns:
        years = sorted(df["year"].unique())
        if year is None:
            if len(years) > 1:
                raise HromadaDataError(
                    f"'{name}' holds the years {_first(years, 12)}; choose one with year=... "
                    "(or use ecomplexity() for every year at once)."
                )
            year = years[0]
        year = check_year(df, year, panel=name)
        df = df[df["year"] == year].reset_index(drop=True)
    elif year is not None:
        check_year(df, year, panel=name)
    return df, year


def rca(panel, *, year=None, columns=None):
    """Return Balassa's revealed comparative advantage, regions x sectors, for one year.

    Parameters
    ----------
    panel : DataFrame
        Long panel with columns region, sector, value[, year].
    year : int, optional
        The year to use when the panel holds several.
    columns : mapping, optional
        Standard name -> your column name (ecomplexity's ``cols_input`` keys
        ``time``, ``loc``, ``prod``, ``val`` are accepted too).

    Returns
    -------
    DataFrame
        Regions x sectors RCA. Regions or sectors with a zero total are dropped
        with a :class:`DegenerateResultWarning`, as ecomplexity does.

    Notes
    -----
    :math:`\\mathrm{RCA}_{cp}=\\dfrac{X_{cp}/\\sum_q X_{cq}}{\\sum_c X_{cp}/\\sum_{c,q}X_{cq}}`
    (a location quotient). Missing region-sector rows count as 0.

    References
    ----------
    Balassa, B. (1965). Trade liberalisation and "revealed" comparative
    advantage. The Manchester School 33(2), 99-123.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"region": ["a", "a", "b"], "sector": ["x", "y", "x"],
    ...                   "value": [1.0, 1.0, 2.0]})
    >>> float(rca(p).loc["a", "y"])
    2.0
    """
    df, _ = _one_year(panel, year, columns)
    sl = _Slices(df)
    V, r, s = sl.matrix(0)
    sl.warn_dropped()
    return pd.DataFrame(_rca_array(V), index=sl.regions[r], columns=sl.sectors[s])


def presence(panel, threshold=1.0, method="rca", *, year=None, population=None, columns=None):
    """Return the 0/1 presence matrix M (regions x sectors) of one year.

    Parameters
    ----------
    panel : DataFrame
        Long panel with columns region, sector, value[, year].
    threshold : float, default 1.0
        M = 1 where RCA (or RPOP) >= threshold.
    method : {"rca", "rpop", "manual"}
        ``"rca"``: Balassa RCA; ``"rpop"``: per-capita RPOP (needs
        ``population``); ``"manual"``: ``value`` already holds 0/1.
    year : int, optional
        The year to use when the panel holds several.
    population : Series or DataFrame, optional
        For ``method="rpop"``: a Series indexed by region, or a DataFrame with
        columns region, population[, year].
    columns : mapping, optional
        Standard name -> your column name.

    Returns
    -------
    DataFrame of int8
        Regions x sectors, 1 where the region is specialised in the sector.
        Zero-total regions/sectors are dropped with a warning.

    Notes
    -----
    :math:`M_{cp}=[\\mathrm{RCA}_{cp}\\ge t]` or :math:`[\\mathrm{RPOP}_{cp}\\ge t]`
    with :math:`\\mathrm{RPOP}_{cp}=\\dfrac{X_{cp}/\\mathrm{pop}_c}{\\sum_c
    X_{cp}/\\sum_c\\mathrm{pop}_c}` (the Growth Lab's per-capita test, used by
    ecomplexity's ``presence_test="rpop"``).

    References
    ----------
    Hausmann et al. (2014), The Atlas of Economic Complexity; ecomplexity 0.5.3.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"region": ["a", "a", "b"], "sector": ["x", "y", "x"],
    ...                   "value": [1.0, 1.0, 2.0]})
    >>> presence(p).loc["a"].tolist()
    [0, 1]
    """
    if method not in PRESENCE_METHODS:
        raise HromadaDataError(f"'method' must be one of {list(PRESENCE_METHODS)}; got {method!r}.")
    df, yr = _one_year(panel, year, columns)
    sl = _Slices(df)
    V, r, s = sl.matrix(0)
    sl.warn_dropped()
    regions = sl.regions[r]
    pop = _population_vector(population, regions, yr) if method == "rpop" else None
    _, _, mcp = _mcp_arrays(V, method, float(threshold), pop)
    return pd.DataFrame(mcp.astype(np.int8), index=regions, columns=sl.sectors[s])
