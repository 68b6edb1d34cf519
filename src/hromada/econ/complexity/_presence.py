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
    """Codes and sorted unique labels (falls back to first-seen order if unsortable).

    A categorical column is coded from its own codes (what ``pd.factorize(sort=True)``
    gives, without hashing): the observed categories in category order.
    """
    if isinstance(values.dtype, pd.CategoricalDtype) and len(values):
        codes = values.cat.codes.to_numpy()
        k = len(values.cat.categories)
        if codes.min() >= 0:
            keep = np.flatnonzero(_counts(codes, k))
            if len(keep) < k:
                lut = np.full(k, -1, dtype=codes.dtype)
                lut[keep] = np.arange(len(keep), dtype=codes.dtype)
                codes = lut[codes]
            return codes, pd.CategoricalIndex(pd.Categorical.from_codes(keep, dtype=values.dtype))
    try:
        codes, uniques = pd.factorize(values, sort=True)
    except TypeError:
        codes, uniques = pd.factorize(values, sort=False)
    return codes, pd.Index(uniques)


def _counts(codes, k, chunk=1 << 16):
    """Return np.bincount(codes, minlength=k) for non-negative small-integer codes, by chunks.

    By chunks because bincount converts its input to intp, and a whole column's copy costs
    more than the counting (9 M int16 codes: 26 ms at once, 12 ms by chunks).
    """
    counts = np.zeros(k, dtype=np.int64)
    for start in range(0, len(codes), chunk):
        counts += np.bincount(codes[start : start + chunk], minlength=k)
    return counts


def _code_dtype(n):
    """Return the smallest signed integer type pandas uses for the codes of n categories."""
    return np.int8 if n < 2**7 else np.int16 if n < 2**15 else np.int32 if n < 2**31 else np.int64


class _Slices:
    """The panel as per-year arrays, regions and sectors coded once for all years.

    Codes are kept in the smallest integer type; the rows of each year are a slice
    when the panel is sorted by year (no index array at all), else views into one
    stable argsort.
    """

    def __init__(self, df):
        """``df``: a checked panel, as a DataFrame or a mapping of standard name -> Series."""
        rcode, self.regions = _labels(df["region"])
        self.rcode = rcode.astype(_code_dtype(len(self.regions)))
        del rcode
        scode, self.sectors = _labels(df["sector"])
        self.scode = scode.astype(_code_dtype(len(self.sectors)))
        del scode
        self.has_year = "year" in df
        n = len(df["value"])
        if self.has_year:
            year = df["year"].to_numpy()
            if n < 2 or bool(np.all(year[1:] >= year[:-1])):  # sorted by year: slices
                starts = np.concatenate([[0], np.flatnonzero(year[1:] != year[:-1]) + 1, [n]])
                self.years = [y.item() for y in year[starts[:-1]]]
                self._rows = [slice(starts[i], starts[i + 1]) for i in range(len(starts) - 1)]
            else:
                ycode, years = pd.factorize(year, sort=True)
                self.years = [y.item() for y in years]
                ycode = ycode.astype(_code_dtype(len(years)))
                order = np.argsort(ycode, kind="stable")
                if n < 2**31:
                    order = order.astype(np.int32)
                bounds = np.searchsorted(ycode[order], np.arange(len(years) + 1))
                self._rows = [order[bounds[i] : bounds[i + 1]] for i in range(len(years))]
                del ycode
        else:
            self.years = [None]
            self._rows = [slice(0, n)]
        self.values = df["value"].to_numpy(dtype=np.float64)
        self.dropped = []
        self._grids = {}

    def rows(self, i):
        """(region codes, sector codes, values) of the rows of year i."""
        rows = self._rows[i]
        return self.rcode[rows], self.scode[rows], self.values[rows]

    def all_grids(self):
        """Check whether every year's rows are a full grid of distinct regions and sectors.

        Then no (region, sector, year) can occur twice.
        """
        return all(self._grid(i) is not None for i in range(len(self.years)))

    def _grid(self, i):
        """Return year i's region and sector codes if its rows are a full grid, else None.

        A full grid in row-major order: a sorted, complete panel (the common layout).
        """
        if i not in self._grids:
            self._grids[i] = self._find_grid(i)
        return self._grids[i]

    def _find_grid(self, i):
        rc, sc, v = self.rows(i)
        n = len(v)
        if n == 0:
            return None
        k = int(np.argmax(rc != rc[0])) or n  # sectors per region if a grid
        if n % k:
            return None
        R, S = rc.reshape(-1, k), sc.reshape(-1, k)
        if (R == R[:, :1]).all() and (S == S[:1]).all():
            rg, sg = R[:, 0], S[0]
            if len(np.unique(rg)) == len(rg) and len(np.unique(sg)) == len(sg):
                return rg.astype(np.intp), sg.astype(np.intp)
        return None

    def support(self, i, record=True):
        """Region and sector codes of year i with a positive total (zero totals recorded)."""
        rc, sc, v = self.rows(i)
        nr, ns = len(self.regions), len(self.sectors)
        grid = self._grid(i)
        if grid is not None:
            rg, sg = grid
            V = v.reshape(len(rg), len(sg))
            tot_r = np.zeros(nr)
            tot_r[rg] = V.sum(axis=1)
            tot_s = np.zeros(ns)
            tot_s[sg] = V.sum(axis=0)
            seen_r = np.zeros(nr, bool)
            seen_r[rg] = True
            seen_s = np.zeros(ns, bool)
            seen_s[sg] = True
        else:
            rc = rc.astype(np.intp)
            sc = sc.astype(np.intp)
            tot_r = np.bincount(rc, weights=v, minlength=nr)
            tot_s = np.bincount(sc, weights=v, minlength=ns)
            seen_r = np.bincount(rc, minlength=nr) > 0
            seen_s = np.bincount(sc, minlength=ns) > 0
        if record:
            zero_r = seen_r & (tot_r == 0)
            zero_s = seen_s & (tot_s == 0)
            if zero_r.any() or zero_s.any():
                self.dropped.append((self.years[i], self.regions[zero_r], self.sectors[zero_s]))
        return np.flatnonzero(tot_r > 0), np.flatnonzero(tot_s > 0)

    def fill(self, i, r, s, out):
        """Write year i's values into ``out`` (zeros, len(r) * len(s)) at its rectangle.

        Rows of regions or sectors outside the rectangle (zero totals) hold 0 and are skipped.
        """
        rc, sc, v = self.rows(i)
        nr, ns = len(r), len(s)
        out = out.reshape(-1)  # a view: out is contiguous
        grid = self._grid(i)
        if grid is not None:
            rg, sg = grid
            if np.array_equal(rg, r) and np.array_equal(sg, s):
                out[:] = v
                return
            if np.all(rg[1:] > rg[:-1]) and np.all(sg[1:] > sg[:-1]):  # sorted: take the block
                V = v.reshape(len(rg), len(sg))
                out.reshape(nr, ns)[:] = V[np.ix_(np.isin(rg, r), np.isin(sg, s))]
                return
        idx = np.int32 if nr * ns < 2**31 else np.int64
        rpos = np.full(len(self.regions), -1, dtype=idx)
        rpos[r] = np.arange(nr, dtype=idx)
        spos = np.full(len(self.sectors), -1, dtype=idx)
        spos[s] = np.arange(ns, dtype=idx)
        pr, ps = rpos[rc], spos[sc]
        if len(pr) and (pr.min() < 0 or ps.min() < 0):
            keep = (pr >= 0) & (ps >= 0)
            pr, ps, v = pr[keep], ps[keep], v[keep]
        pr *= ns
        pr += ps
        out[pr] = v

    def matrix(self, i, record=True):
        """(V, region_codes, sector_codes) of year i: positive-total regions and sectors only."""
        r, s = self.support(i, record)
        V = np.zeros((len(r), len(s)))
        self.fill(i, r, s, V)
        return V, r, s

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
    """Return the population of ``regions`` (Index) in ``year``.

    ``population`` is a Series or a long DataFrame.
    """
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
    return _rca_rows(V, V.sum(axis=1), V.sum(axis=0))


def _rca_rows(V, row_totals, col_totals, out=None):
    """RCA of the rows V (a block of a year's regions) given the year's totals.

    Same operation order as ecomplexity 0.5.3 (so that RCA == 1 ties resolve alike).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        num = np.divide(V, row_totals[:, None], out=out)
        num /= col_totals[None, :] / col_totals.sum()  # in place: the same divisions
        return num


def _rpop_array(V, pop):
    return _rpop_rows(V, pop, V.sum(axis=0), pop.sum())


def _rpop_rows(V, pop, col_totals, pop_total, out=None):
    with np.errstate(divide="ignore", invalid="ignore"):
        num = np.divide(V, pop[:, None], out=out)
        num /= col_totals[None, :] / pop_total
        return num


def _check_manual(V):
    bad = (V != 0) & (V != 1)
    if bad.any():
        raise HromadaDataError(
            f"method='manual' needs 0/1 values; got {_first(np.unique(V[bad]))}. "
            "Use method='rca' to binarise values by revealed comparative advantage."
        )


def _mcp_arrays(V, method, threshold, pop=None):
    """Return (rca, rpop or None, mcp as float 0/1) for one year's array V."""
    if method == "manual":
        _check_manual(V)
        return V, None, V.astype(np.float64)
    rca = _rca_array(V)
    if method == "rca":
        return rca, None, _at_least(rca, threshold)
    rpop = _rpop_array(V, pop)
    return rca, rpop, _at_least(rpop, threshold)


def _at_least(x, threshold, out=None):
    """Return (x >= threshold) as 0/1 (float, or ``out``'s type).

    NaN counts as 0 (as ecomplexity's fillna(0)).
    """
    if out is None:
        out = np.empty(x.shape)
    if threshold <= 0:  # NaN must count as 0 >= threshold: compare a NaN-free copy
        x = np.nan_to_num(x)
    with np.errstate(invalid="ignore"):  # else NaN >= t is False, as 0 >= t is
        return np.greater_equal(x, threshold, out=out)


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
    r"""Return Balassa's revealed comparative advantage, regions x sectors, for one year.

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
    :math:`\mathrm{RCA}_{cp}=\dfrac{X_{cp}/\sum_q X_{cq}}{\sum_c X_{cp}/\sum_{c,q}X_{cq}}`
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
    r"""Return the 0/1 presence matrix M (regions x sectors) of one year.

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
    :math:`M_{cp}=[\mathrm{RCA}_{cp}\ge t]` or :math:`[\mathrm{RPOP}_{cp}\ge t]`
    with :math:`\mathrm{RPOP}_{cp}=\dfrac{X_{cp}/\mathrm{pop}_c}{\sum_c
    X_{cp}/\sum_c\mathrm{pop}_c}` (the Growth Lab's per-capita test, used by
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
