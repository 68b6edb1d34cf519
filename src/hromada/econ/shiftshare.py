"""Shift-share analysis.

What drove a region's change: national growth, sector mix or local competitiveness.

Three ways in:

* :func:`shift_share` for one region given as four arrays (region and nation, start
  and end), as in R REAT 3.0.3 ``shift``;
* :func:`decompose` for every region of a panel at once;
* :func:`dynamic` for the Barff & Knight (1988) dynamic version, year pair by year pair.

Two methods: ``"dunn"`` (Dunn 1960, in the terms of Farhauer & Kroell 2013) and
``"esteban"`` (Esteban-Marquillas 1972), which splits Dunn's regional share into the
homothetic competitive effect (called ``regional_share`` here) and the
``allocation_effect``.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from hromada.econ._panel import _first
from hromada.econ.errors import DegenerateResultWarning, HromadaDataError
from hromada.econ.structure import _build_cube, _check_vector, _Cube

__all__ = ["shift_share", "decompose", "dynamic"]

METHODS = ("dunn", "esteban")
COMPONENTS = ("growth", "national_share", "industry_mix", "regional_share", "net_total_shift")
ESTEBAN_COMPONENTS = (
    "growth",
    "national_share",
    "industry_mix",
    "regional_share",
    "allocation_effect",
    "net_total_shift",
)


def _check_method(method: str) -> str:
    if method not in METHODS:
        raise HromadaDataError(f"'method' must be one of {list(METHODS)}; got {method!r}.")
    return method


def _kernel(X0, X1, n0, n1, method, *, by_sector=False, warn=True):
    """Shift-share components.

    X0, X1: (..., R, S) region values at start and end; n0, n1: (..., S) reference
    values. Returns a dict of (..., R) arrays, or of (..., R, S) arrays if ``by_sector``.
    """
    N0 = n0.sum(axis=-1)
    N1 = n1.sum(axis=-1)
    gN = (N1 / N0 - 1.0)[..., None, None]  # (..., 1, 1)
    gi = (n1 / n0 - 1.0)[..., None, :]  # (..., 1, S)
    out = {}
    if by_sector:
        out["growth"] = X1 - X0
        out["national_share"] = X0 * gN
        out["industry_mix"] = X0 * (gi - gN)
        out["regional_share"] = X1 - X0 * (1.0 + gi)
    else:
        E0 = X0.sum(axis=-1)
        E1 = X1.sum(axis=-1)
        mix = np.matmul(X0, np.swapaxes(gi, -1, -2))[..., 0]  # sum_i e_ri0 g_i
        out["growth"] = E1 - E0
        out["national_share"] = E0 * gN[..., 0]
        out["industry_mix"] = mix - out["national_share"]
        out["regional_share"] = E1 - E0 - mix
    if method == "esteban":
        # homothetic employment e'_ri = E_r0 n_i0 / N0 and d_ri = g_ri - g_i
        E0 = X0.sum(axis=-1, keepdims=True)
        hom = E0 * (n0 / N0[..., None])[..., None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            d = np.where(X0 > 0, X1 / X0 - 1.0 - gi, np.where(X1 > 0, np.nan, 0.0))
        comp = hom * d
        alloc = (X0 - hom) * d
        if not by_sector:
            comp = comp.sum(axis=-1)
            alloc = alloc.sum(axis=-1)
        born = np.isnan(comp)
        if warn and born.any():
            warnings.warn(
                f"the Esteban-Marquillas split is undefined for {int(born.sum())} "
                f"{'cell(s)' if by_sector else 'region(s)'} where a sector grew from zero "
                "(its regional growth rate is infinite); their 'regional_share' and "
                "'allocation_effect' are NaN. Dunn's regional share (method='dunn') is defined.",
                DegenerateResultWarning,
                stacklevel=3,
            )
        out["net_total_shift"] = out["industry_mix"] + out["regional_share"]
        out["regional_share"] = comp
        out["allocation_effect"] = alloc
        return {k: out[k] for k in ESTEBAN_COMPONENTS}
    out["net_total_shift"] = out["industry_mix"] + out["regional_share"]
    return {k: out[k] for k in COMPONENTS}


def _vector(values, name, *, allow_zero_sum=False):
    """Check and return a vector like ``_check_vector``, optionally accepting all zeros.

    An all-zero array is accepted with ``allow_zero_sum``: an end year in which a region
    lost everything is data, not an error.
    """
    if allow_zero_sum:
        try:
            arr = np.asarray(values, dtype="float64")
        except (TypeError, ValueError):
            arr = None
        if (
            arr is not None
            and arr.ndim == 1
            and arr.size
            and np.isfinite(arr).all()
            and (arr >= 0).all()
            and arr.sum() == 0
        ):
            return arr
    return _check_vector(values, name=name)


def shift_share(
    region_t0,
    region_t1,
    nation_t0,
    nation_t1,
    *,
    method: str = "dunn",
    by_sector: bool = False,
):
    """Shift-share decomposition of one region's change between two years.

    Parameters
    ----------
    region_t0, region_t1 : array-like
        The region's values per sector at the start and the end (same sector order).
    nation_t0, nation_t1 : array-like
        The reference's (nation's) values per sector at the start and the end.
    method : {"dunn", "esteban"}, default "dunn"
        ``"esteban"`` splits the regional share into the homothetic competitive effect
        (``regional_share``) and the ``allocation_effect`` (Esteban-Marquillas 1972).
    by_sector : bool, default False
        Return one row per sector (index: the labels of ``region_t0`` if it is a Series).

    Returns
    -------
    Series or DataFrame
        ``growth``, ``national_share``, ``industry_mix``, ``regional_share``,
        [``allocation_effect``,] ``net_total_shift``; the components sum to ``growth``.

    Notes
    -----
    Dunn (1960), as Farhauer & Kroell (2013) and REAT 3.0.3 ``shift``, with
    ``g_N = N_1/N_0 - 1``, ``g_i = n_i1/n_i0 - 1``, ``g_ri = e_ri1/e_ri0 - 1``::

        growth          = E_r1 - E_r0
        national_share  = E_r0 g_N
        industry_mix    = sum_i e_ri0 g_i - E_r0 g_N
        regional_share  = sum_i e_ri0 (g_ri - g_i)   (= sum_i e_ri1 - e_ri0 (1 + g_i))
        net_total_shift = industry_mix + regional_share

    Esteban-Marquillas: ``e'_ri = E_r0 n_i0 / N_0``; ``regional_share`` (competitive
    effect) ``= sum_i e'_ri (g_ri - g_i)``; ``allocation_effect = sum_i (e_ri0 - e'_ri)
    (g_ri - g_i)``. A sector with ``e_ri0 = e_ri1 = 0`` contributes nothing; one that
    grows from zero makes the split NaN (DegenerateResultWarning).

    Raises
    ------
    HromadaDataError
        Arrays of different lengths, negative or non-finite values, a zero regional total
        at the start, or a sector with a zero reference value at the start.

    References
    ----------
    Dunn, E. S. (1960). A statistical and analytical technique for regional analysis.
    Papers of the Regional Science Association 6, 97-112.
    Esteban-Marquillas, J. M. (1972). A reinterpretation of shift-share analysis.
    Regional and Urban Economics 2(3), 249-255.
    Farhauer, O. & Kroell, A. (2013). Standorttheorien. Springer Gabler.

    Examples
    --------
    >>> shift_share([90, 20, 10, 60], [100, 40, 10, 55],
    ...             [400, 150, 150, 400], [440, 210, 135, 480]).round(6).tolist()
    [25.0, 27.0, 1.0, -3.0, -2.0]
    """
    _check_method(method)
    r0 = _check_vector(region_t0, name="region_t0")
    r1 = _vector(region_t1, "region_t1", allow_zero_sum=True)
    n0 = _check_vector(nation_t0, name="nation_t0")
    n1 = _vector(nation_t1, "nation_t1", allow_zero_sum=True)
    for arr, nm in ((r1, "region_t1"), (n0, "nation_t0"), (n1, "nation_t1")):
        if arr.shape != r0.shape:
            raise HromadaDataError(
                f"'{nm}' must have one entry per sector of 'region_t0' ({r0.size}); got {arr.size}."
            )
    bad = np.flatnonzero(n0 <= 0)
    if bad.size:
        raise HromadaDataError(
            f"'nation_t0' is zero at positions {_first(bad.tolist())}, so the national growth "
            "rate of those sectors is undefined; drop those sectors from all four arrays."
        )
    res = _kernel(r0[None, :], r1[None, :], n0, n1, method, by_sector=by_sector)
    if by_sector:
        index = region_t0.index if isinstance(region_t0, pd.Series) else None
        frame = pd.DataFrame({k: v[0] for k, v in res.items()}, index=index)
        frame.index.name = "sector"
        return frame
    return pd.Series({k: float(v[0]) for k, v in res.items()}, name=method)


def _check_start_totals(cube: _Cube, upto: int) -> None:
    """Regions need a positive total in every start year (years 0..upto-1)."""
    total = cube.x[:upto].sum(axis=2)
    bad = total <= 0
    if bad.any():
        assert cube.years is not None  # shift-share panels always have years
        yi, ri = np.nonzero(bad)
        cells = [f"{cube.regions[r]!r} in {cube.years[y]}" for y, r in zip(yi, ri, strict=True)]
        raise HromadaDataError(
            f"'panel' column 'value' sums to zero over all sectors for region {_first(cells)} "
            "at the start of a period; its growth is undefined. Drop those regions."
        )


def _check_start_sectors(cube: _Cube, upto: int) -> None:
    bad = cube.ref[:upto] <= 0
    if bad.any():
        assert cube.years is not None  # shift-share panels always have years
        yi, si = np.nonzero(bad)
        cells = [f"{cube.sectors[s]!r} in {cube.years[y]}" for y, s in zip(yi, si, strict=True)]
        raise HromadaDataError(
            f"the reference value of sector {_first(cells)} is zero (column 'value') at the "
            "start of a period, so its national growth rate is undefined. Drop that sector "
            "from the panel and the reference, or check that sector codes match (e.g. '01' vs 1)."
        )


def _check_years(start, end):
    try:
        s, e = int(start), int(end)
    except (TypeError, ValueError):
        raise HromadaDataError(
            f"'start' and 'end' must be years; got start={start!r}, end={end!r}."
        ) from None
    if s >= e:
        raise HromadaDataError(f"'start' ({s}) must be before 'end' ({e}).")
    return s, e


def decompose(
    panel: pd.DataFrame,
    start,
    end,
    *,
    method: str = "dunn",
    reference: pd.DataFrame | None = None,
    columns=None,
    by_sector: bool = False,
) -> pd.DataFrame:
    """Shift-share decomposition between ``start`` and ``end`` for every region at once.

    Parameters
    ----------
    panel : DataFrame
        Long panel with ``region``, ``sector``, ``year``, ``value``.
    start, end : int
        The two years compared (both must be in the panel).
    method : {"dunn", "esteban"}, default "dunn"
        See :func:`shift_share`.
    reference : DataFrame, optional
        ``sector``, ``year``, ``value`` of the nation; default the sum over all regions
        (then the regional shares of all regions sum to zero).
    columns : mapping, optional
        Column mapping.
    by_sector : bool, default False
        One row per region and sector instead of per region.

    Returns
    -------
    DataFrame
        ``region`` (and ``sector``), ``value_start``, ``value_end`` and the components of
        :func:`shift_share`.

    Notes
    -----
    The formulas of :func:`shift_share`, applied to all regions in one vectorised step.
    Only the rows of ``start`` and ``end`` are read.

    References
    ----------
    Dunn (1960); Esteban-Marquillas (1972); Farhauer & Kroell (2013).

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"region": ["a", "a", "b", "b"], "sector": ["x", "x", "x", "x"],
    ...                   "year": [2020, 2021, 2020, 2021], "value": [10.0, 12.0, 10.0, 8.0]})
    >>> decompose(p, 2020, 2021)[["region", "growth", "regional_share"]].values.tolist()
    [['a', 2.0, 2.0], ['b', -2.0, -2.0]]
    """
    _check_method(method)
    s, e = _check_years(start, end)
    cube = _build_cube(
        panel,
        reference=reference,
        columns=columns,
        year="required",
        years=[s, e],
        names=["start", "end"],
        year_major=True,
    )
    _check_start_totals(cube, 1)
    _check_start_sectors(cube, 1)
    X = cube.x
    res = _kernel(X[0], X[1], cube.ref[0], cube.ref[1], method, by_sector=by_sector)
    if by_sector:
        R, S = X.shape[1:]
        data = {
            "region": pd.Categorical.from_codes(np.repeat(np.arange(R), S), cube.regions),
            "sector": pd.Categorical.from_codes(np.tile(np.arange(S), R), cube.sectors),
            "value_start": X[0].reshape(-1),
            "value_end": X[1].reshape(-1),
        }
        data.update({k: v.reshape(-1) for k, v in res.items()})
        return pd.DataFrame(data)
    data = {
        "region": np.asarray(cube.regions, dtype=object),
        "value_start": X[0].sum(axis=1),
        "value_end": X[1].sum(axis=1),
    }
    data.update(res)
    return pd.DataFrame(data)


def dynamic(
    panel: pd.DataFrame,
    start,
    end,
    *,
    method: str = "dunn",
    reference: pd.DataFrame | None = None,
    columns=None,
) -> pd.DataFrame:
    """Return the dynamic shift-share (Barff & Knight 1988) between ``start`` and ``end``.

    The decomposition for each consecutive pair of years between ``start`` and ``end``,
    and their sum.

    Parameters
    ----------
    panel : DataFrame
        Long panel with ``region``, ``sector``, ``year``, ``value``.
    start, end : int
        First and last year (both must be in the panel); the years in between that the
        panel holds make the pairs (a gap, e.g. 2019 -> 2021, is one pair).
    method : {"dunn", "esteban"}, default "dunn"
        See :func:`shift_share`.
    reference : DataFrame, optional
        ``sector``, ``year``, ``value``; default the sum over all regions.
    columns : mapping, optional
        Column mapping.

    Returns
    -------
    DataFrame
        ``region``, ``period`` (``"2019-2020"``, ... and ``"total"``), ``start``, ``end``
        and the components; one row per region and period, the ``total`` row last.

    Notes
    -----
    ``C_r = sum_t C_r(t, t+1)`` for each component ``C``, with the reference's sector
    growth rates of each year pair; this avoids the static method's drift when the
    sector mix changes during a long period. ``growth`` telescopes to ``E_r,end -
    E_r,start``.

    References
    ----------
    Barff, R. A. & Knight, P. L. (1988). Dynamic shift-share analysis. Growth and
    Change 19(2), 1-10. REAT 3.0.3 ``shiftd``.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"region": ["a"] * 3 + ["b"] * 3, "sector": ["x"] * 6,
    ...                   "year": [2020, 2021, 2022] * 2, "value": [10.0, 12, 13, 10, 8, 9]})
    >>> dynamic(p, 2020, 2022).query("region == 'a'")["growth"].tolist()
    [2.0, 1.0, 3.0]
    """
    _check_method(method)
    s, e = _check_years(start, end)
    cube = _build_cube(
        panel,
        reference=reference,
        columns=columns,
        year="required",
        years=[s, e],
        names=["start", "end"],
        between=True,
        year_major=True,
    )
    years = cube.years
    assert years is not None  # year="required" above
    P = len(years) - 1
    _check_start_totals(cube, P)
    _check_start_sectors(cube, P)
    X = cube.x
    res = _kernel(X[:-1], X[1:], cube.ref[:-1], cube.ref[1:], method)  # (P, R) arrays
    R = X.shape[1]
    regions = np.asarray(cube.regions, dtype=object)
    periods = [f"{a}-{b}" for a, b in zip(years[:-1], years[1:], strict=True)] + ["total"]
    starts = np.append(years[:-1], s)
    ends = np.append(years[1:], e)
    data = {
        "region": np.repeat(regions, P + 1),
        "period": np.tile(np.asarray(periods, dtype=object), R),
        "start": np.tile(starts, R),
        "end": np.tile(ends, R),
    }
    for k, v in res.items():
        full = np.vstack([v, v.sum(axis=0, keepdims=True)])  # (P+1, R)
        data[k] = full.T.reshape(-1)
    return pd.DataFrame(data)
