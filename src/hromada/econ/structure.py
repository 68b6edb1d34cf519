"""Economic structure: shares, location quotients, concentration and specialisation indices.

What the local economy is made of and where it is specialised, for one region
(a 1-D array of sector values) or for every region and year of a panel at once.

The *panel* is the long format of :mod:`hromada.econ._panel` (columns
``region``, ``sector``, ``value`` and optionally ``year``). The *reference*
(the nation or the oblast) is by default the sum over all regions of the
panel; pass ``reference=`` a DataFrame of ``sector``, ``value`` (and ``year``)
to compare with the country when the panel holds only your own hromada.

Conventions follow R package REAT 3.0.3 (Wieland 2019) unless stated:
``herf`` (Herfindahl, with ``coefnorm``), ``gini`` (with ``coefnorm``),
``theil`` (the mean log deviation), ``hoover``, ``krugman.spec``, ``locq``.
Sectors listed nowhere for a region count as zero.

Big panels: categorical ``region`` and ``sector`` columns and rows sorted by year (best:
by year, region, sector) are read fastest; see ``docs/econ/structure.md``.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd

from hromada.econ._panel import _first, check_panel, panel_cube
from hromada.econ.errors import DegenerateResultWarning, HromadaDataError

__all__ = [
    "shares",
    "location_quotients",
    "herfindahl",
    "equivalent_number",
    "shannon_entropy",
    "gini",
    "theil",
    "hoover",
    "krugman_specialisation",
    "hachman",
    "profile",
]


# --------------------------------------------------------------------------------------
# Private machinery shared with shiftshare and resilience: a dense (years, regions,
# sectors) cube built once from the long panel through integer codes.
# --------------------------------------------------------------------------------------


class _Cube(NamedTuple):
    x: np.ndarray  # (Y, R, S) float64, the panel values, zeros where no row
    ref: np.ndarray  # (Y, S) float64, the reference values
    regions: pd.Index
    sectors: pd.Index
    years: np.ndarray | None  # sorted int years, or None for a panel without years


def _warn(message: str, stacklevel: int = 3) -> None:
    warnings.warn(message, DegenerateResultWarning, stacklevel=stacklevel)


def _factorize(series: pd.Series):
    """Return integer codes and sorted labels.

    For categoricals straight from the codes (unused categories dropped), which is much
    faster on big panels.
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        cats = series.cat.categories
        used = np.bincount(codes, minlength=len(cats)) > 0
        try:
            order = np.arange(len(cats)) if cats.is_monotonic_increasing else cats.argsort()
        except TypeError:  # pragma: no cover - unorderable labels: keep category order
            order = np.arange(len(cats))
        order = order[used[order]]
        remap = np.full(len(cats), -1, dtype=np.int64)
        remap[order] = np.arange(len(order))
        return remap[codes], pd.Index(cats[order])
    codes, uniques = pd.factorize(series, sort=True)
    return codes, pd.Index(uniques)


def _build_cube(
    panel,
    *,
    reference=None,
    columns: Mapping[str, str] | None = None,
    year: str = "optional",
    years=None,
    names=None,
    between: bool = False,
    year_major: bool | None = None,
) -> _Cube:
    """Validate ``panel`` (and ``reference``) and pivot them to dense arrays.

    With ``years`` only the rows of those years (with ``between``: of every year from the
    first to the last) are read and validated; ``names`` name the years in messages.
    ``x`` is stored region by region (C-contiguous as (R, Y, S), the row order of the long
    outputs) or year by year (C-contiguous as (Y, R, S)); ``year_major=None`` lets
    :func:`panel_cube` choose (year by year for a panel sorted by year).
    """
    pc = panel_cube(
        panel,
        columns=columns,
        year=year,
        name="panel",
        years=years,
        names=names,
        between=between,
        year_major=year_major,
    )
    ref_df = None
    if reference is not None:
        ref_df = check_panel(
            reference,
            columns=columns,
            require=("sector", "value"),
            year="optional",
            name="reference",
        )
    yrs = pc.years
    has_year = yrs is not None
    if ref_df is not None:
        ref_has_year = "year" in ref_df.columns
        if ref_has_year and not has_year:
            raise HromadaDataError(
                "'reference' has a 'year' column but 'panel' has none; select the reference "
                "year first, e.g. reference[reference.year == 2021], or add a year to the panel."
            )
        if yrs is not None and not ref_has_year and len(yrs) > 1:
            raise HromadaDataError(
                f"'reference' has no 'year' column but 'panel' holds the years "
                f"{_first(yrs.tolist(), 12)}; add a 'year' column to the reference "
                "(one set of sector values per year)."
            )
        if yrs is not None and ref_has_year:
            missing = sorted(set(yrs.tolist()) - set(ref_df["year"].tolist()))
            if missing:
                raise HromadaDataError(
                    f"'reference' has no rows for the years {_first(missing)} that 'panel' "
                    f"holds; the reference has "
                    f"{_first(sorted(ref_df['year'].unique().tolist()), 12)}. "
                    "Add those years to the reference or drop them from the panel."
                )
            ref_df = ref_df[ref_df["year"].isin(yrs)]

    regions, sectors = pc.regions, pc.sectors
    xr = pc.x  # (R, Y, S), region-major like the long outputs
    if ref_df is not None:
        rsc, rsectors = _factorize(ref_df["sector"])
        if not sectors.equals(rsectors):
            try:
                allsec = sectors.union(rsectors)
            except TypeError:  # pragma: no cover - unorderable mix of labels
                allsec = sectors.union(rsectors, sort=False)
            R, Y, S = xr.shape[0], xr.shape[1], len(allsec)
            if xr.transpose(1, 0, 2).flags.c_contiguous:  # stored year by year
                wide = np.zeros((Y, R, S)).transpose(1, 0, 2)
            else:
                wide = np.zeros((R, Y, S))
            wide[:, :, allsec.get_indexer(sectors)] = xr
            xr = wide
            rsc = allsec.get_indexer(rsectors)[rsc]
            sectors = allsec
    R, Y, S = xr.shape
    x = xr.transpose(1, 0, 2)  # (Y, R, S)
    if ref_df is None:
        ref = x.sum(axis=1)
    else:
        ref = np.zeros((Y, S))
        if yrs is not None and "year" in ref_df.columns:
            ryc = np.searchsorted(yrs, ref_df["year"].to_numpy())
            ref[ryc, rsc] = ref_df["value"].to_numpy()
        else:
            ref[:, rsc] = ref_df["value"].to_numpy()[None, :]
    return _Cube(x, ref, regions, sectors, yrs)


def _pairs(cube: _Cube, mask: np.ndarray) -> list[str]:
    """Describe the (year, region) cells where ``mask`` (Y, R) is true."""
    yi, ri = np.nonzero(mask)
    if cube.years is None:
        return [repr(cube.regions[r]) for r in ri]
    return [f"{cube.regions[r]!r} in {cube.years[y]}" for y, r in zip(yi, ri, strict=True)]


def _check_region_totals(cube: _Cube) -> np.ndarray:
    """Return region totals (Y, R); raise if any is zero."""
    total = cube.x.sum(axis=2)
    bad = total <= 0
    if bad.any():
        cells = _pairs(cube, bad)
        raise HromadaDataError(
            f"'panel' column 'value' sums to zero over all sectors for region {_first(cells)}; "
            "its sector shares are undefined. Drop those regions (or years) or fill in their data."
        )
    return total


def _check_reference_sectors(cube: _Cube, *, where=None) -> np.ndarray:
    """Return reference totals (Y,); raise if a sector's reference total is zero.

    ``where`` (Y, S) limits the check to cells that matter (default: every sector).
    """
    total = cube.ref.sum(axis=1)
    if (total <= 0).any():
        raise HromadaDataError("'reference' column 'value' sums to zero; nothing to compare with.")
    bad = cube.ref <= 0
    if where is not None:
        bad &= where
    if bad.any():
        yi, si = np.nonzero(bad)
        if cube.years is None:
            cells = [repr(cube.sectors[s]) for s in si]
        else:
            cells = [f"{cube.sectors[s]!r} in {cube.years[y]}" for y, s in zip(yi, si, strict=True)]
        raise HromadaDataError(
            f"the reference total of sector {_first(cells)} is zero (column 'value'), so its "
            "location quotient or growth rate is undefined. Drop the sector from the panel and "
            "the reference, or check that the sector codes match between them (e.g. '01' vs 1)."
        )
    return total


def _long(cube: _Cube, arrays: dict[str, np.ndarray]) -> pd.DataFrame:
    """Return the long frame (region, sector[, year], *arrays) from (Y, R, S) arrays.

    Rows are sorted by region, year, sector. Region and sector come back as categoricals
    (cheap for big panels).

    The cube is stored region-major, so arrays computed from ``cube.x`` become columns
    without a copy; the frame is built around the arrays (``copy=False``).
    """
    Y, R, S = cube.x.shape
    data = {
        "region": _categorical(lambda a: np.repeat(a, Y * S), cube.regions),
        "sector": _categorical(lambda a: np.tile(a, R * Y), cube.sectors),
    }
    if cube.years is not None:
        data["year"] = np.tile(np.repeat(cube.years, S), R)
    for name, arr in arrays.items():
        data[name] = np.ascontiguousarray(arr.transpose(1, 0, 2)).reshape(-1)
    return pd.DataFrame(data, copy=False)


def _region_major(shape) -> np.ndarray:
    """Empty (Y, R, S) array stored region by region, the row order of :func:`_long`."""
    Y, R, S = shape
    return np.empty((R, Y, S)).transpose(1, 0, 2)


def _categorical(spread, categories: pd.Index) -> pd.Categorical:
    """Categorical with codes ``spread(arange(len(categories)))`` in the smallest int type."""
    n = len(categories)
    dtype = np.int8 if n < 2**7 else np.int16 if n < 2**15 else np.int32
    codes = spread(np.arange(n, dtype=dtype))
    return pd.Categorical.from_codes(codes, categories, validate=False)


def _per_region(cube: _Cube, arrays: dict[str, np.ndarray]) -> pd.DataFrame:
    """Frame with one row per region (and year) from (Y, R) arrays."""
    Y, R = cube.x.shape[:2]
    data = {"region": np.repeat(np.asarray(cube.regions, dtype=object), Y)}
    if cube.years is not None:
        data["year"] = np.tile(cube.years, R)
    for name, arr in arrays.items():
        data[name] = np.asarray(arr).T.reshape(-1)
    return pd.DataFrame(data)


def _series(cube: _Cube, arr: np.ndarray, name: str) -> pd.Series:
    Y, R = arr.shape
    if cube.years is None:
        index = pd.Index(cube.regions, name="region")
    else:
        index = pd.MultiIndex.from_product([cube.regions, cube.years], names=["region", "year"])
    return pd.Series(arr.T.reshape(-1), index=index, name=name)


def _check_vector(values, *, name: str = "values") -> np.ndarray:
    """One region's sector values as a float 1-D array; raise on bad input."""
    try:
        arr = np.asarray(values, dtype="float64")
    except (TypeError, ValueError):
        raise HromadaDataError(
            f"'{name}' must be numeric (one value per sector); got {values!r:.80}."
        ) from None
    if arr.ndim != 1 or arr.size == 0:
        raise HromadaDataError(
            f"'{name}' must be a non-empty 1-D array (one value per sector) or a panel "
            f"DataFrame; got shape {arr.shape}."
        )
    bad = np.flatnonzero(~np.isfinite(arr))
    if bad.size:
        raise HromadaDataError(
            f"'{name}' must be finite; positions {_first(bad.tolist())} are NaN or inf. "
            "Enter 0 where the value is truly zero."
        )
    bad = np.flatnonzero(arr < 0)
    if bad.size:
        raise HromadaDataError(
            f"'{name}' must be non-negative; positions {_first(bad.tolist())} hold "
            f"{_first(arr[bad].tolist())}."
        )
    if arr.sum() <= 0:
        raise HromadaDataError(f"'{name}' sums to zero; its shares are undefined.")
    return arr


def _check_pair(
    region, reference, *, names=("region", "reference")
) -> tuple[np.ndarray, np.ndarray]:
    a = _check_vector(region, name=names[0])
    b = _check_vector(reference, name=names[1])
    if a.shape != b.shape:
        raise HromadaDataError(
            f"'{names[1]}' must have one entry per sector of '{names[0]}' ({a.size}); got {b.size}."
        )
    return a, b


# ---- kernels over the last axis (sectors) ---------------------------------------------


def _shares_last(x: np.ndarray) -> np.ndarray:
    return x / x.sum(axis=-1, keepdims=True)


def _herfindahl(x: np.ndarray, normalized: bool) -> np.ndarray:
    s = _shares_last(x)
    h = np.einsum("...i,...i->...", s, s)
    if normalized:
        n = x.shape[-1]
        if n == 1:
            _warn("the normalised Herfindahl index of a single sector is 0/0; returning NaN.", 4)
            return np.full(h.shape, np.nan)
        h = (h - 1.0 / n) / (1.0 - 1.0 / n)
    return h


def _entropy(x: np.ndarray, normalized: bool) -> np.ndarray:
    s = _shares_last(x)
    pos = s > 0
    e = -np.where(pos, s * np.log(np.where(pos, s, 1.0)), 0.0).sum(axis=-1)
    if normalized:
        n = x.shape[-1]
        if n == 1:
            _warn("the normalised entropy of a single sector is 0/0; returning NaN.", 4)
            return np.full(e.shape, np.nan)
        e = e / np.log(n)
    return e


def _gini(x: np.ndarray, normalized: bool) -> np.ndarray:
    n = x.shape[-1]
    xs = np.sort(x, axis=-1)
    rank = np.arange(1, n + 1, dtype="float64")
    g = 2.0 * (xs @ rank) / (n * xs.sum(axis=-1)) - (n + 1.0) / n
    g = np.maximum(g, 0.0)  # remove -1e-17 round-off for equal values
    if normalized:
        if n == 1:
            _warn("the normalised Gini coefficient of a single value is 0/0; returning NaN.", 4)
            return np.full(g.shape, np.nan)
        g = g * n / (n - 1.0)
    return g


def _theil(x: np.ndarray, zeros: str) -> np.ndarray:
    pos = x > 0
    if zeros == "drop":
        m = pos.sum(axis=-1)
    else:
        m = np.full(x.shape[:-1], x.shape[-1])
    logs = np.where(pos, np.log(np.where(pos, x, 1.0)), 0.0).sum(axis=-1)
    t = np.log(x.sum(axis=-1) / m) - logs / m
    t = np.maximum(t, 0.0)
    if zeros != "drop":
        anyzero = ~pos.all(axis=-1)
        if anyzero.any():
            _warn(
                f"the Theil index (mean log deviation) is infinite where a value is zero "
                f"({int(anyzero.sum())} case(s)); returning NaN there. Pass zeros='drop' to "
                "compute it over the positive values only.",
                4,
            )
            t = np.where(anyzero, np.nan, t)
    return t


def _hoover(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return 0.5 * np.abs(_shares_last(x) - _shares_last(y)).sum(axis=-1)


def _krugman(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.abs(_shares_last(x) - _shares_last(y)).sum(axis=-1)


def _hachman(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    s = _shares_last(x)
    r = _shares_last(y)
    r = np.broadcast_to(r, s.shape)
    term = np.divide(s * s, r, out=np.zeros(s.shape), where=r > 0)
    return 1.0 / term.sum(axis=-1)


def _is_panel(obj) -> bool:
    return isinstance(obj, pd.DataFrame)


def _panel_index(values, columns, kernel, name, *, reference=None, need_ref_sectors=False):
    cube = _build_cube(values, reference=reference, columns=columns)
    _check_region_totals(cube)
    if need_ref_sectors:
        _check_reference_sectors(cube, where=(cube.x > 0).any(axis=1))
    return _series(cube, kernel(cube), name)


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------


def shares(
    panel: pd.DataFrame, reference: pd.DataFrame | None = None, *, columns=None
) -> pd.DataFrame:
    """Sector shares of each region and of the reference.

    Parameters
    ----------
    panel : DataFrame
        Long panel with columns ``region``, ``sector``, ``value`` (and ``year``).
    reference : DataFrame, optional
        ``sector``, ``value`` (and ``year``) of the nation or oblast. Default: the sum
        over all regions of ``panel``.
    columns : mapping, optional
        Standard name -> your column name, e.g. ``{"value": "employment"}``.

    Returns
    -------
    DataFrame
        One row per region, sector (and year) with ``share`` (e_ri / E_r) and
        ``reference_share`` (n_i / N); rows sorted by region, year, sector; sectors a
        region does not list count as zero.

    Notes
    -----
    ``share = e_ri / sum_i e_ri``, ``reference_share = n_i / sum_i n_i``.

    Raises
    ------
    HromadaDataError
        Bad panel (see :func:`hromada.econ._panel.check_panel`) or a region whose
        total is zero.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"region": ["a", "a", "b"], "sector": ["x", "y", "x"],
    ...                   "value": [1.0, 3.0, 4.0]})
    >>> shares(p)["share"].tolist()
    [0.25, 0.75, 1.0, 0.0]
    """
    cube = _build_cube(panel, reference=reference, columns=columns)
    total = _check_region_totals(cube)
    rtotal = _check_reference_sectors(cube, where=np.zeros(cube.ref.shape, bool))
    s = np.divide(cube.x, total[:, :, None], out=_region_major(cube.x.shape))
    r = np.broadcast_to((cube.ref / rtotal[:, None])[:, None, :], s.shape)
    return _long(cube, {"share": s, "reference_share": r})


def location_quotients(
    panel: pd.DataFrame, reference: pd.DataFrame | None = None, *, columns=None
) -> pd.DataFrame:
    """Location quotients of every region, sector (and year) in one call.

    Parameters
    ----------
    panel : DataFrame
        Long panel with columns ``region``, ``sector``, ``value`` (and ``year``).
    reference : DataFrame, optional
        ``sector``, ``value`` (and ``year``) of the nation or oblast. Default: the sum
        over all regions of ``panel``. Sectors the reference lists but the panel does not
        count in the reference total ``N``.
    columns : mapping, optional
        Standard name -> your column name.

    Returns
    -------
    DataFrame
        Columns ``region``, ``sector`` (categoricals), ``year`` (if any) and ``lq``, one
        row per region x sector (x year), sorted by region, year, sector. A sector a
        region does not list has ``lq = 0``.

    Notes
    -----
    ``LQ_ri = (e_ri / E_r) / (n_i / N)`` with ``E_r = sum_i e_ri`` and ``N = sum_i n_i``
    (REAT 3.0.3 ``locq``). ``LQ > 1``: the region is specialised in the sector.

    Raises
    ------
    HromadaDataError
        Bad panel, a region with a zero total, or a sector whose reference total is zero.

    References
    ----------
    Wieland, T. (2019). REAT: A Regional Economic Analysis Toolbox for R. REGION 6(3),
    R1-R57. Farhauer, O. & Kroell, A. (2013). Standorttheorien. Springer Gabler.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"region": ["a", "a", "b", "b"], "sector": ["x", "y", "x", "y"],
    ...                   "value": [1.0, 3.0, 3.0, 3.0]})
    >>> location_quotients(p)["lq"].round(4).tolist()
    [0.625, 1.25, 1.25, 0.8333]
    """
    cube = _build_cube(panel, reference=reference, columns=columns)
    total = _check_region_totals(cube)
    rtotal = _check_reference_sectors(cube)
    rshare = cube.ref / rtotal[:, None]
    lq = np.divide(cube.x, total[:, :, None], out=_region_major(cube.x.shape))
    lq /= rshare[:, None, :]
    return _long(cube, {"lq": lq})


def herfindahl(values, normalized: bool = False, *, columns=None):
    """Herfindahl-Hirschman index of concentration of one region or of every region.

    Parameters
    ----------
    values : array-like or DataFrame
        One region's sector values (1-D), or a panel (then one value per region and year).
    normalized : bool, default False
        Return ``(H - 1/n) / (1 - 1/n)`` (REAT ``coefnorm = TRUE``), which lies in [0, 1].
    columns : mapping, optional
        Column mapping for a panel.

    Returns
    -------
    float or Series
        For a panel a Series indexed by region (and year).

    Notes
    -----
    ``H = sum_i s_i**2`` with ``s_i = x_i / sum x`` (REAT 3.0.3 ``herf``), in
    ``[1/n, 1]``; ``n`` counts every sector, zeros included (for a panel: every sector
    of the panel). For ``n = 1`` the normalised index is NaN (DegenerateResultWarning).

    References
    ----------
    Wieland (2019), REAT; Doersam (2004) for the example below.

    Examples
    --------
    >>> round(herfindahl([20, 50, 20, 10]), 10), round(herfindahl([20, 50, 20, 10], True), 10)
    (0.34, 0.12)
    """
    if _is_panel(values):
        return _panel_index(
            values,
            columns,
            lambda c: _herfindahl(c.x, normalized),
            "herfindahl_normalized" if normalized else "herfindahl",
        )
    return float(_herfindahl(_check_vector(values), normalized))


def equivalent_number(values, *, columns=None):
    """Equivalent number of equal-sized sectors, ``1 / H`` (REAT ``herf(output = "eq")``).

    Parameters
    ----------
    values : array-like or DataFrame
        One region's sector values, or a panel (one value per region and year).
    columns : mapping, optional
        Column mapping for a panel.

    Returns
    -------
    float or Series

    Notes
    -----
    ``EN = 1 / sum_i s_i**2``, in ``[1, n]``: how many equal sectors would give the same
    concentration.

    References
    ----------
    Wieland (2019), REAT; Adelman (1969), Rev. Econ. Stat. 51(1).

    Examples
    --------
    >>> round(equivalent_number([20, 50, 20, 10]), 6)
    2.941176
    """
    if _is_panel(values):
        return _panel_index(
            values, columns, lambda c: 1.0 / _herfindahl(c.x, False), "equivalent_number"
        )
    return float(1.0 / _herfindahl(_check_vector(values), False))


def shannon_entropy(values, normalized: bool = False, *, columns=None):
    """Shannon entropy (diversity) of the sector shares.

    Parameters
    ----------
    values : array-like or DataFrame
        One region's sector values, or a panel.
    normalized : bool, default False
        Divide by ``ln n`` so the index lies in [0, 1] (Pielou's evenness).
    columns : mapping, optional
        Column mapping for a panel.

    Returns
    -------
    float or Series

    Notes
    -----
    ``H = -sum_i s_i ln s_i`` with ``0 ln 0 = 0`` (natural logarithm), in ``[0, ln n]``.
    ``n`` counts every sector (zeros included). Normalised with ``n = 1``: NaN with a
    DegenerateResultWarning.

    References
    ----------
    Shannon (1948); Frenken, Van Oort & Verburg (2007), Regional Studies 41(5).

    Examples
    --------
    >>> round(shannon_entropy([1, 1, 1, 1], normalized=True), 12)
    1.0
    """
    if _is_panel(values):
        return _panel_index(
            values,
            columns,
            lambda c: _entropy(c.x, normalized),
            "shannon_entropy_normalized" if normalized else "shannon_entropy",
        )
    return float(_entropy(_check_vector(values), normalized))


def gini(values, normalized: bool = False, *, columns=None):
    """Gini coefficient of the distribution of values over sectors.

    Parameters
    ----------
    values : array-like or DataFrame
        One region's sector values, or a panel.
    normalized : bool, default False
        Multiply by ``n / (n - 1)`` (REAT ``gini(coefnorm = TRUE)``) so that full
        concentration in one sector gives 1.
    columns : mapping, optional
        Column mapping for a panel.

    Returns
    -------
    float or Series

    Notes
    -----
    With values sorted ascending, ``x_(1) <= ... <= x_(n)`` (REAT 3.0.3 ``gini``)::

        G = 2 sum_i i x_(i) / (n sum_i x_i) - (n + 1) / n,   in [0, (n-1)/n]

    ``n`` counts every sector (zeros included).

    References
    ----------
    Wieland (2019), REAT; Doersam (2004) for the example below.

    Examples
    --------
    >>> round(gini([20, 50, 20, 10]), 10), round(gini([20, 50, 20, 10], True), 10)
    (0.3, 0.4)
    """
    if _is_panel(values):
        return _panel_index(
            values,
            columns,
            lambda c: _gini(c.x, normalized),
            "gini_normalized" if normalized else "gini",
        )
    return float(_gini(_check_vector(values), normalized))


def theil(values, *, zeros: str = "nan", columns=None):
    """Theil inequality index, REAT's convention: the mean log deviation (Theil's L, GE(0)).

    Parameters
    ----------
    values : array-like or DataFrame
        One region's sector values, or a panel.
    zeros : {"nan", "drop"}, default "nan"
        Theil's L is infinite when a value is zero. ``"nan"`` returns NaN there with a
        DegenerateResultWarning (never inf); ``"drop"`` computes it over the positive values.
    columns : mapping, optional
        Column mapping for a panel.

    Returns
    -------
    float or Series

    Notes
    -----
    ``T = (1/n) sum_i ln(mean(x) / x_i)`` (REAT 3.0.3 ``theil``; 0 for equal values).
    For Theil's T (GE(1)), use ``sum_i s_i ln(n s_i)``.

    References
    ----------
    Theil (1967), Economics and Information Theory; Wieland (2019), REAT; Stoermann (2009)
    for the example below.

    Examples
    --------
    >>> round(theil([10, 10, 10, 20, 50]), 7)
    0.2326302
    """
    if zeros not in ("nan", "drop"):
        raise HromadaDataError(f"'zeros' must be 'nan' or 'drop'; got {zeros!r}.")
    if _is_panel(values):
        return _panel_index(values, columns, lambda c: _theil(c.x, zeros), "theil")
    return float(_theil(_check_vector(values), zeros))


def hoover(x, y=None, *, columns=None):
    """Hoover index: the share of ``x`` that would have to move to match ``y``.

    Parameters
    ----------
    x : array-like or DataFrame
        One region's sector values, or a panel.
    y : array-like or DataFrame, optional
        Reference distribution. For arrays: default an equal distribution (REAT
        ``hoover(ref = NULL)``). For a panel: a reference DataFrame (``sector``,
        ``value``[, ``year``]); default the sum over all regions.
    columns : mapping, optional
        Column mapping for a panel.

    Returns
    -------
    float or Series

    Notes
    -----
    ``HC = 1/2 sum_i |x_i / sum x - y_i / sum y|`` in [0, 1) (REAT 3.0.3 ``hoover``);
    half the Krugman index.

    References
    ----------
    Hoover (1936), Rev. Econ. Stat. 18(4); Wieland (2019), REAT.

    Examples
    --------
    >>> hoover([1, 3], [1, 1])
    0.25
    """
    if _is_panel(x):
        return _panel_index(
            x, columns, lambda c: _hoover(c.x, c.ref[:, None, :]), "hoover", reference=y
        )
    if y is None:
        a = _check_vector(x, name="x")
        return float(_hoover(a, np.ones_like(a)))
    a, b = _check_pair(x, y, names=("x", "y"))
    return float(_hoover(a, b))


def krugman_specialisation(region, reference=None, *, columns=None):
    """Return the Krugman specialisation index.

    The distance between the region's and the reference's sector structure.

    Parameters
    ----------
    region : array-like or DataFrame
        One region's sector values, or a panel.
    reference : array-like or DataFrame
        For arrays: the reference's values (required). For a panel: a reference
        DataFrame, default the sum over all regions.
    columns : mapping, optional
        Column mapping for a panel.

    Returns
    -------
    float or Series

    Notes
    -----
    ``K = sum_i |s_ri - s_i|`` in [0, 2] (REAT 3.0.3 ``krugman.spec``; 0: same
    structure, 2: no sector in common).

    References
    ----------
    Krugman (1991), Geography and Trade; Wieland (2019), REAT.

    Examples
    --------
    >>> krugman_specialisation([20, 10, 70, 0, 0], [0, 0, 0, 60, 40])
    2.0
    """
    if _is_panel(region):
        return _panel_index(
            region,
            columns,
            lambda c: _krugman(c.x, c.ref[:, None, :]),
            "krugman_specialisation",
            reference=reference,
        )
    if reference is None:
        raise HromadaDataError("'reference' is required when 'region' is an array.")
    a, b = _check_pair(region, reference)
    return float(_krugman(a, b))


def hachman(region, reference=None, *, columns=None):
    """Hachman index: how closely the region's structure resembles the reference's.

    Parameters
    ----------
    region : array-like or DataFrame
        One region's sector values, or a panel.
    reference : array-like or DataFrame
        For arrays: the reference's values (required). For a panel: a reference
        DataFrame, default the sum over all regions.
    columns : mapping, optional
        Column mapping for a panel.

    Returns
    -------
    float or Series

    Notes
    -----
    ``HI = 1 / sum_i s_ri LQ_ri = 1 / sum_i s_ri**2 / s_i`` in (0, 1]; 1 means the
    region's structure equals the reference's.

    Raises
    ------
    HromadaDataError
        A sector with a positive regional value but a zero reference value.

    References
    ----------
    Hachman, F. (1995); Mack, Grubesic & Kessler (2007), Growth and Change 38(1), 143-154.

    Examples
    --------
    >>> hachman([1, 1], [1, 1])
    1.0
    """
    if _is_panel(region):
        return _panel_index(
            region,
            columns,
            lambda c: _hachman(c.x, c.ref[:, None, :]),
            "hachman",
            reference=reference,
            need_ref_sectors=True,
        )
    if reference is None:
        raise HromadaDataError("'reference' is required when 'region' is an array.")
    a, b = _check_pair(region, reference)
    bad = np.flatnonzero((a > 0) & (b <= 0))
    if bad.size:
        raise HromadaDataError(
            f"'reference' is zero at positions {_first(bad.tolist())} where 'region' is "
            "positive; the Hachman index is undefined. Check the reference data."
        )
    return float(_hachman(a, b))


def profile(
    panel: pd.DataFrame,
    reference: pd.DataFrame | None = None,
    *,
    columns=None,
    theil_zeros: str = "drop",
) -> pd.DataFrame:
    """All the structure indices, one row per region (and year), from one pivot.

    Parameters
    ----------
    panel : DataFrame
        Long panel with ``region``, ``sector``, ``value`` (and ``year``).
    reference : DataFrame, optional
        ``sector``, ``value`` (and ``year``); default the sum over all regions.
    columns : mapping, optional
        Column mapping.
    theil_zeros : {"drop", "nan"}, default "drop"
        How :func:`theil` treats zero sectors here (default: over the sectors present).

    Returns
    -------
    DataFrame
        ``region``, ``year`` (if any), ``total``, ``n_sectors`` (sectors with a positive
        value), ``herfindahl``, ``herfindahl_normalized``, ``equivalent_number``,
        ``shannon_entropy``, ``shannon_entropy_normalized``, ``gini``,
        ``gini_normalized``, ``theil``, ``hoover`` (against the reference),
        ``krugman_specialisation``, ``hachman``.

    Notes
    -----
    Same formulas and conventions as the single functions (REAT 3.0.3); ``n`` is the
    number of sectors in the panel (and the reference).

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"region": ["a", "a", "b", "b"], "sector": ["x", "y", "x", "y"],
    ...                   "value": [1.0, 1.0, 3.0, 1.0]})
    >>> profile(p)[["region", "herfindahl", "equivalent_number"]].round(3).values.tolist()
    [['a', 0.5, 2.0], ['b', 0.625, 1.6]]
    """
    if theil_zeros not in ("nan", "drop"):
        raise HromadaDataError(f"'theil_zeros' must be 'nan' or 'drop'; got {theil_zeros!r}.")
    cube = _build_cube(panel, reference=reference, columns=columns)
    total = _check_region_totals(cube)
    _check_reference_sectors(cube, where=(cube.x > 0).any(axis=1))
    x = cube.x
    n = x.shape[-1]
    sh = x / total[:, :, None]  # shares computed once for every index
    ref = cube.ref / cube.ref.sum(axis=1, keepdims=True)
    h = np.einsum("...i,...i->...", sh, sh)
    e = _entropy(sh, False)
    g = _gini(sh, False)
    diff = np.abs(sh - ref[:, None, :]).sum(axis=-1)
    rb = np.broadcast_to(ref[:, None, :], sh.shape)
    hach = 1.0 / np.divide(sh * sh, rb, out=np.zeros(sh.shape), where=rb > 0).sum(axis=-1)
    if n == 1:
        _warn("one sector only: the normalised indices are NaN.")
        hn = en = gn = np.full(h.shape, np.nan)
    else:
        hn = (h - 1.0 / n) / (1.0 - 1.0 / n)
        en = e / np.log(n)
        gn = g * n / (n - 1.0)
    out = {
        "total": total,
        "n_sectors": (x > 0).sum(axis=-1),
        "herfindahl": h,
        "herfindahl_normalized": hn,
        "equivalent_number": 1.0 / h,
        "shannon_entropy": e,
        "shannon_entropy_normalized": en,
        "gini": g,
        "gini_normalized": gn,
        "theil": _theil(sh, theil_zeros),
        "hoover": 0.5 * diff,
        "krugman_specialisation": diff,
        "hachman": hach,
    }
    return _per_region(cube, out)
