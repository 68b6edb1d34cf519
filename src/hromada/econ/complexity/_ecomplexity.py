"""``ecomplexity()``: every complexity measure for every year, as ecomplexity 0.5.3 returns them."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from hromada.econ._panel import check_duplicates, checked_columns
from hromada.econ.complexity._blocks import block_cells, each_year, year_measures
from hromada.econ.complexity._core import _check_choice
from hromada.econ.complexity._presence import (
    PRESENCE_METHODS,
    _code_dtype,
    _population_vector,
    _Slices,
    _std_columns,
)
from hromada.econ.errors import HromadaDataError

OUTPUT_COLUMNS = ("rca", "mcp", "diversity", "ubiquity", "eci", "pci", "density", "coi", "cog")
# Columns whose type does not follow ``dtype``: counts and the 0/1 presence.
_COLUMN_DTYPES = {"mcp": np.int8, "diversity": np.int32, "ubiquity": np.int32}


# dtype="auto": tables up to this many rows keep float64 (ecomplexity's numbers to the
# last digit, at no real cost); larger ones are stored in float32, which halves the result
# columns (9 M rows: 0.46 instead of 0.66 GiB) and still holds about 7 significant digits.
AUTO_FLOAT64_ROWS = 2_000_000


def _float_dtype(dtype, n_rows: int):
    if isinstance(dtype, str) and dtype == "auto":
        return np.dtype(np.float64 if n_rows <= AUTO_FLOAT64_ROWS else np.float32)
    try:
        dt = np.dtype(dtype)
    except TypeError:
        dt = None
    if dt not in (np.dtype(np.float32), np.dtype(np.float64)):
        raise HromadaDataError(f"'dtype' must be 'auto', 'float32' or 'float64'; got {dtype!r}.")
    return dt


def ecomplexity(
    panel,
    *,
    presence_test="rca",
    threshold=1.0,
    population=None,
    normalization="atlas",
    columns=None,
    dtype="auto",
):
    r"""Return ecomplexity's long table (rca, mcp, eci, pci, density, coi, cog) for every year.

    A drop-in for ``ecomplexity.ecomplexity`` 0.5.3 (Harvard Growth Lab), many
    times faster and leaner (see ``docs/econ/complexity.md``).

    Parameters
    ----------
    panel : DataFrame
        Long panel: region, sector, value[, year], one row per region, sector
        and year (missing rows count as 0).
    presence_test : {"rca", "rpop", "manual"}
        How M is built (ecomplexity's ``presence_test``).
    threshold : float, default 1.0
        RCA / RPOP threshold (ecomplexity's ``rca_mcp_threshold`` /
        ``rpop_mcp_threshold``).
    population : Series or DataFrame, optional
        For ``presence_test="rpop"``: region, population[, year].
    normalization : {"atlas", "standard"}
        ``"atlas"`` (default) gives ecomplexity's numbers exactly: ECI z-scored
        with the population sd, PCI by ECI's mean and sd, COG divided by ECI's
        sd, COI z-scored, all from the raw eigenvectors. ``"standard"`` z-scores
        ECI and PCI each by its own mean and sample sd and computes COI/COG from
        that PCI without further scaling (the :func:`complexity_outlook`
        convention).
    columns : mapping, optional
        Standard name -> your column name; ecomplexity's ``cols_input`` dict
        (keys ``time``, ``loc``, ``prod``, ``val``) works as is. The output uses
        your column names.
    dtype : {"auto", "float64", "float32"}, default "auto"
        Type of the continuous result columns ``rca, [rpop,] eci, pci, density,
        coi, cog``. Everything is computed in float64 and then stored in this
        type. ``"auto"`` stores float64 (ecomplexity's numbers to 1e-8, the
        oracle tests) for tables of up to 2 million rows, and float32 beyond,
        where memory starts to matter: the same numbers rounded to about 7
        significant digits (relative error below 6e-8), and the whole table of
        9 M rows under 0.5 GB (0.2 GB less than float64). Pass ``"float64"`` or
        ``"float32"`` to fix the type whatever the size.

    Returns
    -------
    DataFrame
        One row per year and region x sector of that year's rectangle (regions
        and sectors with a positive total), with the key columns, ``value`` and
        ``rca, [rpop,] mcp, diversity, ubiquity, eci, pci, density, coi, cog``.
        Rows of regions/sectors with a zero total in a year are dropped with a
        warning (ecomplexity keeps them with NaN results). Types (ecomplexity's
        values, leaner types): region and sector categorical; year int32 (int64
        if a year does not fit); ``value`` float64 as given; ``mcp`` int8 (0/1,
        from the float64 RCA); ``diversity`` and ``ubiquity`` int32 (ecomplexity:
        int64); the other columns ``dtype``.

    Notes
    -----
    Per year: RCA, M, diversity and ubiquity; ECI/PCI from the symmetric
    eigenproblem (see :func:`complexity_indices`); proximity
    :math:`\phi=M^\top M/\max(k_p,k_q)`; density, COI and COG as in
    :func:`relatedness_density` and :func:`complexity_outlook`. The sign of ECI
    follows diversity. Differences from ecomplexity: no ``knn``, no continuous
    proximity, no log-supermodularity check, no print-out.

    References
    ----------
    ecomplexity 0.5.3, https://github.com/cid-harvard/py-ecomplexity (MIT);
    Hausmann et al. (2014), The Atlas of Economic Complexity.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"region": list("aabbc"), "sector": list("xyxzz"),
    ...                   "value": [3.0, 1.0, 2.0, 2.0, 5.0], "year": 2020})
    >>> out = ecomplexity(p)
    >>> out.columns[-3:].tolist(), len(out)
    (['density', 'coi', 'cog'], 9)
    """
    _check_choice(presence_test, PRESENCE_METHODS, "presence_test")
    _check_choice(normalization, ("atlas", "standard"), "normalization")
    if not (isinstance(dtype, str) and dtype == "auto"):
        _float_dtype(dtype, 0)  # a bad dtype fails before any work
    mapping = _std_columns(columns)
    df = checked_columns(panel, columns=mapping, duplicates=False)  # read only: no copy
    sl = _Slices(df)
    if not sl.all_grids():  # a sorted complete panel has no duplicates by construction
        check_duplicates(df)
    del df
    # Pass 1: each year's rectangle (regions and sectors with a positive total).
    shapes = [sl.support(i) for i in range(len(sl.years))]
    sl.warn_dropped(stacklevel=2)
    bounds = np.cumsum([0] + [len(r) * len(s) for r, s in shapes])
    n = int(bounds[-1])
    fdtype = _float_dtype(dtype, n)
    # Pass 2: keys and values of every year, straight into the output columns; then
    # the coded input is freed and each year's V is a view of the value column.
    region_codes = np.empty(n, dtype=_code_dtype(len(sl.regions)))
    sector_codes = np.empty(n, dtype=_code_dtype(len(sl.sectors)))
    value = np.zeros(n)
    year_col = None
    if sl.has_year:
        small = all(np.iinfo(np.int32).min <= y <= np.iinfo(np.int32).max for y in sl.years)
        year_col = np.empty(n, dtype=np.int32 if small else np.int64)
    for i, (r, s) in enumerate(shapes):
        nr, ns = len(r), len(s)
        cells = slice(bounds[i], bounds[i + 1])
        region_codes[cells].reshape(nr, ns)[:] = r[:, None]
        sector_codes[cells].reshape(nr, ns)[:] = s[None, :]
        if year_col is not None:
            year_col[cells] = sl.years[i]
        sl.fill(i, r, s, value[cells])
    regions, sectors, years = sl.regions, sl.sectors, sl.years
    del sl
    cols = ["rca"] + (["rpop"] if presence_test == "rpop" else []) + list(OUTPUT_COLUMNS[1:])
    out = {c: np.empty(n, dtype=_COLUMN_DTYPES.get(c, fdtype)) for c in cols}
    pops = [
        _population_vector(population, regions[r], years[i]) if presence_test == "rpop" else None
        for i, (r, _s) in enumerate(shapes)
    ]

    def one_year(i, work):
        """Pass 3 for year i: its measures (in float64), cast into the output columns."""
        nr, ns = len(shapes[i][0]), len(shapes[i][1])
        cells = slice(bounds[i], bounds[i + 1])

        def emit(c, a, rows=None):
            dest = out[c][cells].reshape(nr, ns)
            if rows is not None:
                dest[rows] = a
            elif c in ("diversity", "eci", "coi"):
                dest[:] = a[:, None]
            else:
                dest[:] = a[None, :]

        V = value[cells].reshape(nr, ns)
        M = out["mcp"][cells].reshape(nr, ns)
        year_measures(V, M, presence_test, float(threshold), pops[i], normalization, emit, work)

    scratch = max((block_cells(len(s)) for _r, s in shapes), default=0)
    largest = max((len(r) * len(s) for r, s in shapes), default=0)
    for message, category in each_year(len(shapes), scratch, one_year, largest):
        warnings.warn(message, category, stacklevel=2)
    names = {k: k for k in ("region", "sector", "year", "value")}
    names.update(mapping or {})
    data = {
        names["region"]: pd.Categorical.from_codes(region_codes, categories=regions),
        names["sector"]: pd.Categorical.from_codes(sector_codes, categories=sectors),
    }
    if year_col is not None:
        data[names["year"]] = year_col
    data[names["value"]] = value
    data.update(out)
    return pd.DataFrame(data, copy=False)
