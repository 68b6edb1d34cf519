"""Validation and reshaping of the long *panel* format shared by :mod:`hromada.econ`.

A panel is a long DataFrame with columns ``region``, ``sector``, ``value`` and
optionally ``year``; other names are mapped through ``columns=``, e.g.
``columns={"region": "hromada", "value": "employment"}``.
Every public function of the package validates its panel first: with :func:`check_panel`
(a clean DataFrame), or, for the dense analyses of structure, shift-share and resilience,
with :func:`panel_cube` (the same checks and messages, on integer codes, straight to a
dense array; categorical ``region`` / ``sector`` columns and rows sorted by year are
fastest).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd

from hromada.econ.errors import HromadaDataError

STANDARD = ("region", "sector", "year", "value")


def _first(values, n: int = 5) -> str:
    values = list(values)
    # numpy scalars as plain numbers: 2.0, not np.float64(2.0)
    shown = ", ".join(repr(v.item() if isinstance(v, np.generic) else v) for v in values[:n])
    return shown + (f" ... ({len(values)} in all)" if len(values) > n else "")


def check_panel(
    panel: pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = None,
    require: tuple[str, ...] = ("region", "sector", "value"),
    year: str = "optional",
    name: str = "panel",
) -> pd.DataFrame:
    """Return a clean copy of ``panel`` with standard column names.

    Parameters
    ----------
    panel : DataFrame
        Long data, one row per region, sector (and year).
    columns : mapping, optional
        Standard name -> the caller's column name, for columns named otherwise.
    require : tuple of str
        Standard columns that must be present (besides ``year``).
    year : {"optional", "required", "forbidden"}
        Whether a ``year`` column must, may or must not be there.
    name : str
        How the argument is called in messages (``"panel"``, ``"reference"``).

    Raises
    ------
    HromadaDataError
        Missing columns, non-numeric, negative or non-finite values, missing
        labels, or duplicate (region, sector, year) rows. The message names the
        column, the first offending rows and how to fix them.
    """
    cols = checked_columns(panel, columns=columns, require=require, year=year, name=name)
    # A copy, so that the caller's panel is never changed through the result.
    return pd.DataFrame({c: col.array for c, col in cols.items()}, copy=True)


def checked_columns(
    panel: pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = None,
    require: tuple[str, ...] = ("region", "sector", "value"),
    year: str = "optional",
    name: str = "panel",
    duplicates: bool = True,
) -> dict[str, pd.Series]:
    """:func:`check_panel`'s checks, without copying the panel.

    Returns the standard columns as Series on the panel's index: region and sector as
    they are, ``year`` as int64 and ``value`` as float64, each a view of the panel's own
    column when it already has that type. For readers that only read (ecomplexity on
    millions of rows: copying the frame cost more than checking it).
    ``duplicates=False`` leaves the duplicate-rows check to a caller that proves their
    absence more cheaply; it must then call :func:`check_duplicates` where it cannot.
    """
    positions = _resolve_columns(panel, columns, require, year, name)
    cols = {c: panel.iloc[:, i] for c, i in positions.items()}
    for col in [c for c in ("region", "sector") if c in cols]:
        empty = cols[col].isna().to_numpy()
        if empty.any():
            bad = panel.index[empty]
            raise HromadaDataError(
                f"'{name}' column '{col}' is empty in rows {_first(bad)}; "
                f"fill in the {col} or drop those rows."
            )
    if "year" in cols:
        cols["year"] = _whole_years(cols["year"], name)
    if "value" in cols:
        raw = cols["value"]
        cols["value"] = pd.Series(_clean_values(raw, name), index=raw.index, name=raw.name)
    if duplicates:
        check_duplicates(cols, name)
    return cols


def check_duplicates(cols: Mapping[str, pd.Series], name: str = "panel") -> None:
    """HromadaDataError naming the rows whose (region, sector[, year]) occurs twice."""
    keys = [c for c in ("region", "sector", "year") if c in cols]
    dup = _duplicated(cols, keys)
    if dup.any():
        rows = cols[keys[0]].index[dup]
        raise HromadaDataError(
            f"'{name}' has duplicate ({', '.join(keys)}) rows: {_first(rows)}. "
            f"Sum or remove duplicates, e.g. {name}.groupby({keys}).sum()."
        )


def _whole_years(series: pd.Series, name: str) -> pd.Series:
    """Return the year column as int64 (no copy if it is int64); raise naming non-whole rows."""
    if _plain_numeric(series, "iu"):
        return series if series.dtype == np.int64 else series.astype("int64")
    yr = pd.to_numeric(series, errors="coerce")
    bad = series.index[(yr.isna() | (yr != np.round(yr))).to_numpy()]
    if len(bad):
        raise _whole_years_error(name, bad, series.loc[bad])
    return yr.astype("int64")


def _codes(column: pd.Series) -> tuple[np.ndarray, int, int]:
    """Return the integer codes of a column as ``(array, offset, n)``.

    The code is ``array - offset``, in ``range(n)`` (categoricals for free; integers over a
    short range, such as years, by their distance from the smallest, which the caller
    subtracts in place).
    """
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(), 0, len(column.cat.categories)
    if pd.api.types.is_integer_dtype(column.dtype) and len(column):
        values = column.to_numpy()
        low, high = int(values.min()), int(values.max())
        if high - low < max(len(values), 1 << 16):
            return values, low, high - low + 1
    codes, uniques = pd.factorize(column, sort=False)
    return codes, 0, len(uniques)


def _duplicated(cols: Mapping[str, pd.Series], keys: list[str]) -> np.ndarray:
    """Boolean mask of rows whose key combination occurs more than once.

    The keys are combined into one integer per row (int32 when the key space allows, built
    in place); counting those (bincount when the key space is small, a sort otherwise) is
    several times faster than DataFrame.duplicated on millions of rows.
    """
    n_rows = len(cols[keys[0]])
    # Year first: panels are usually sorted by year, then region and sector, and then the
    # packed keys increase, which one pass detects (no counting needed).
    coded = [_codes(cols[k]) for k in sorted(keys, key=lambda k: k != "year")]
    space = 1
    for _array, _offset, n in coded:
        space *= max(n, 1)
    if space >= 2**62:  # cannot pack: fall back to pandas
        frame = pd.DataFrame({k: cols[k] for k in keys})
        return frame.duplicated(keys, keep=False).to_numpy()
    key = np.zeros(n_rows, dtype=np.int32 if space < 2**31 else np.int64)
    for array, offset, n in coded:
        np.multiply(key, max(n, 1), out=key)
        np.add(key, array, out=key, casting="unsafe")
        if offset:  # modulo the key's width, like the wrapped sums: exact once in range
            wrapped = np.array(offset % (1 << 64), dtype=np.uint64).astype(key.dtype)
            np.subtract(key, wrapped, out=key)
    del coded
    if len(key) < 2 or bool(np.all(np.greater(key[1:], key[:-1]))):  # sorted by the keys: distinct
        return np.zeros(n_rows, dtype=bool)
    if space <= max(4 * n_rows, 1 << 20):
        counts = np.bincount(key, minlength=space)
        if counts.max(initial=0) <= 1:
            return np.zeros(n_rows, dtype=bool)
        return counts[key] > 1
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    same = sorted_key[1:] == sorted_key[:-1]
    if not same.any():
        return np.zeros(n_rows, dtype=bool)
    flag = np.zeros(n_rows, dtype=bool)
    flag[1:] |= same
    flag[:-1] |= same
    mask = np.empty(n_rows, dtype=bool)
    mask[order] = flag
    return mask


def check_year(df: pd.DataFrame, year, *, name: str = "year", panel: str = "panel") -> int:
    """Return ``year`` as int after checking that the panel holds it."""
    if "year" not in df.columns:
        raise HromadaDataError(f"'{name}'={year!r} was given but '{panel}' has no 'year' column.")
    years = sorted(df["year"].unique().tolist())
    try:
        y = int(year)
    except (TypeError, ValueError):
        raise HromadaDataError(f"'{name}' must be a year; got {year!r}.") from None
    if y not in years:
        raise HromadaDataError(
            f"'{name}'={y} is not in '{panel}', which has the years {_first(years, 12)}."
        )
    return y


# --------------------------------------------------------------------------------------
# Fast path for the dense analyses (structure, shift-share, resilience): validate the
# rows a function uses and pivot them straight to a dense (regions, years, sectors) array
# through integer codes, without copying the panel into a clean DataFrame first.
# --------------------------------------------------------------------------------------


class PanelCube(NamedTuple):
    """A validated panel as a dense array; cells without a row are 0."""

    x: np.ndarray  # (R, Y, S) float64; C-contiguous unless built year-major
    regions: pd.Index  # sorted labels (unused categories dropped)
    sectors: pd.Index
    years: np.ndarray | None  # sorted int64 years, or None for a panel without years


def _resolve_columns(panel, columns, require, year, name) -> dict[str, int]:
    """Position of each standard column in ``panel``, with check_panel's messages."""
    if not isinstance(panel, pd.DataFrame):
        raise HromadaDataError(
            f"'{name}' must be a pandas DataFrame in long format "
            f"(columns {', '.join(require)}[, year]); got {type(panel).__name__}."
        )
    mapping = dict(columns or {})
    unknown = set(mapping) - set(STANDARD)
    if unknown:
        raise HromadaDataError(
            f"'columns' maps unknown standard names {sorted(unknown)}; "
            f"use keys among {list(STANDARD)}."
        )
    rename = {theirs: ours for ours, theirs in mapping.items()}
    renamed = [rename.get(c, c) for c in panel.columns]
    wanted = list(require)
    if year == "required" or (year == "optional" and "year" in renamed):
        wanted.append("year")
    missing = [c for c in wanted if c not in renamed]
    if missing:
        hint = ", ".join(f"{c}=<your column>" for c in missing)
        raise HromadaDataError(
            f"'{name}' has no column {', '.join(repr(c) for c in missing)} "
            f"(it has {list(panel.columns)}). Rename the column or pass columns={{{hint}}}."
        )
    if year == "forbidden" and "year" in renamed:
        raise HromadaDataError(
            f"'{name}' has a 'year' column here, where one year is expected; "
            f"select one year first, e.g. {name}[{name}.year == 2021]."
        )
    if len(panel) == 0:
        raise HromadaDataError(f"'{name}' has no rows.")
    return {c: renamed.index(c) for c in wanted}


def _clean_values(raw: pd.Series, name: str) -> np.ndarray:
    """Column 'value' as float64, or HromadaDataError naming the first bad rows."""
    if _plain_numeric(raw, "f") and len(raw):
        # The common case, without temporaries: min and max are NaN if any value is.
        arr = raw.to_numpy().astype(np.float64, copy=False)
        low, high = arr.min(), arr.max()
        if np.isfinite(low) and np.isfinite(high) and low >= 0:
            return arr
    val = pd.to_numeric(raw, errors="coerce")
    bad = raw.index[val.isna() & raw.notna()]
    if len(bad):
        raise HromadaDataError(
            f"'{name}' column 'value' must be numeric; rows {_first(bad)} hold "
            f"{_first(raw.loc[bad])}. Remove text, thousands separators or units."
        )
    val = val.astype("float64")
    arr = val.to_numpy()
    bad = raw.index[~np.isfinite(arr)]
    if len(bad):
        raise HromadaDataError(
            f"'{name}' column 'value' must be finite; rows {_first(bad)} are "
            f"missing, inf or NaN. Enter 0 where the value is truly zero."
        )
    bad = raw.index[arr < 0]
    if len(bad):
        raise HromadaDataError(
            f"'{name}' column 'value' must be non-negative; rows {_first(bad)} hold "
            f"{_first(val.loc[bad])}."
        )
    return arr


def _whole_years_error(name, labels, values):
    return HromadaDataError(
        f"'{name}' column 'year' must hold whole years; rows {_first(labels)} "
        f"hold {_first(values)}."
    )


def _plain_numeric(series: pd.Series, kinds: str) -> bool:
    return isinstance(series.dtype, np.dtype) and series.dtype.kind in kinds


def _year_array(series: pd.Series, name: str) -> np.ndarray:
    """Return the year column as a numpy int or float array.

    Other types are converted, all rows checked.
    """
    if _plain_numeric(series, "f"):  # checked later, only in the rows of the years used
        return series.to_numpy()
    return _whole_years(series, name).to_numpy()


def _year_codes(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes of an int array of years and the years they index, sorted.

    For a range of at most 256 years the codes are ``y - min(y)`` and the years every year
    of the range, some maybe without rows: :func:`panel_cube` drops those after filling
    the dense array, which is cheaper than finding the distinct years of millions of rows.
    """
    lo, hi = int(y.min()), int(y.max())
    if hi - lo < 256:
        return y - lo, np.arange(lo, hi + 1, dtype=np.int64)
    years, codes = np.unique(y, return_inverse=True)
    return codes, years.astype(np.int64)


def _present_years(y: np.ndarray) -> list:
    if y.dtype.kind == "f":
        y = y[np.isfinite(y)]
    return np.unique(y).tolist()


def _select_years(y, index, wanted, between, names, name):
    """Row blocks of the years used and the sorted years.

    Returns ``(blocks, years)``: ``blocks`` is a list of ``(rows, code)``, ``rows`` a slice
    or an array of row positions and ``code`` the year code of those rows (an int, or an
    array). A panel sorted by year (the usual layout) gives one contiguous slice per year,
    read without copying; otherwise the rows are found with a mask.
    """
    is_sorted = _is_sorted(y)
    hits = {}  # year -> row mask, kept for the unsorted case
    if wanted is not None:
        wanted = _check_wanted(y, wanted, names, name, is_sorted, hits)
    if is_sorted:
        sliced = _sorted_blocks(y, wanted, between)
        if sliced is not None:
            blocks, vals = sliced
            return blocks, _whole_block_years(blocks, vals, index, y, name)
    return _masked_blocks(y, index, wanted, between, hits, name)


def _check_wanted(y, wanted, names, name, is_sorted, hits):
    """Return the years asked for, sorted and once each; raise for a year the panel lacks.

    For an unsorted panel, each year's row mask is left in ``hits``.
    """
    n = len(y)
    for w, nm in zip(wanted, names, strict=True):
        if is_sorted:
            i = int(np.searchsorted(y, w))
            found = i < n and y[i] == w
        else:
            hits[w] = y == w
            found = bool(hits[w].any())
        if not found:
            check_year(pd.DataFrame({"year": _present_years(y)}), w, name=nm, panel=name)
    return sorted(set(wanted))


def _sorted_blocks(y, wanted, between):
    """Return one slice per year of a panel sorted by year, as ``(blocks, years)``.

    None when the panel has too many distinct years for slices (then codes are used).
    """
    n = len(y)
    if wanted is not None and not between:
        starts = np.searchsorted(y, wanted, side="left")
        ends = np.searchsorted(y, wanted, side="right")
        blocks = [
            (slice(int(a), int(b)), k) for k, (a, b) in enumerate(zip(starts, ends, strict=True))
        ]
        return blocks, list(wanted)
    lo, hi = 0, n
    if wanted is not None:
        lo = int(np.searchsorted(y, wanted[0], side="left"))
        hi = int(np.searchsorted(y, wanted[-1], side="right"))
    blocks, vals, pos = [], [], lo
    while pos < hi and len(vals) <= 512:
        end = int(np.searchsorted(y, y[pos], side="right"))
        blocks.append((slice(pos, end), len(vals)))
        vals.append(y[pos])
        pos = end
    if pos < hi:  # too many distinct years for slices: use codes
        return None
    return blocks, vals


def _whole_block_years(blocks, vals, index, y, name):
    """Return the years of the slices as int64.

    A year that is not a whole number raises, naming its rows.
    """
    vals = np.asarray(vals)
    if vals.dtype.kind == "f":
        ok = np.isfinite(vals) & (vals == np.round(vals))
        if not ok.all():
            rows = np.concatenate(
                [np.arange(b.start, b.stop) for (b, _), g in zip(blocks, ok, strict=True) if not g]
            )
            raise _whole_years_error(name, index[rows], y[rows].tolist())
    return vals.astype(np.int64)


def _masked_blocks(y, index, wanted, between, hits, name):
    """Return one block of the rows used (a slice or row positions) with their year codes.

    For a panel not sorted by year, or with too many distinct years for slices.
    """
    if wanted is None:
        rows, ysel = slice(None), y
    else:
        if between:
            mask = (y >= wanted[0]) & (y <= wanted[-1])
        else:
            mask = hits[wanted[0]]
            for w in wanted[1:]:
                mask |= hits[w]
        rows = slice(None) if mask.all() else np.flatnonzero(mask)
        if not between:  # only the years asked for: codes from their masks
            codes = np.zeros(len(mask) if isinstance(rows, slice) else len(rows), np.int8)
            for j, w in enumerate(wanted[1:], start=1):
                codes[hits[w][rows]] = j
            return [(rows, codes)], np.asarray(wanted, dtype=np.int64)
        ysel = y[rows]
    if ysel.dtype.kind == "f":
        bad = ~(np.isfinite(ysel) & (ysel == np.round(ysel)))
        if bad.any():
            pos = _positions(rows, bad, len(y))
            raise _whole_years_error(name, index[pos], y[pos].tolist())
        ysel = ysel.astype(np.int64)
    codes, years = _year_codes(ysel)
    return [(rows, codes)], years


def _is_sorted(y: np.ndarray, chunk: int = 1 << 16) -> bool:
    """Whether ``y`` is non-decreasing (False with NaN); stops at the first unsorted chunk."""
    for a in range(0, len(y) - 1, chunk):
        b = min(a + chunk, len(y) - 1)
        if not (y[a + 1 : b + 1] >= y[a:b]).all():
            return False
    return True


def _positions(rows, mask: np.ndarray, n: int) -> np.ndarray:
    if isinstance(rows, slice):
        start = rows.start or 0
        return start + np.flatnonzero(mask)
    return rows[mask]


def _label_parts(series, blocks, col, name, index, n):
    """Integer codes of a region or sector column, one array per block, and the labels."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        full = series.array.codes  # a view, no copy
        parts = [full[rows] for rows, _ in blocks]
        labels, categorical = series.cat.categories, True
    else:
        if len(blocks) == 1:
            sel = series.iloc[blocks[0][0]]
        else:
            sel = pd.concat([series.iloc[rows] for rows, _ in blocks])
        codes, labels = pd.factorize(sel, sort=True)
        labels, categorical = pd.Index(labels), False
        bounds = np.cumsum([0] + [_length(rows, n) for rows, _ in blocks])
        parts = [codes[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    if any(p.size and p.min() < 0 for p in parts):
        pos = np.concatenate(
            [_positions(rows, p < 0, n) for (rows, _), p in zip(blocks, parts, strict=True)]
        )
        raise HromadaDataError(
            f"'{name}' column '{col}' is empty in rows {_first(index[np.sort(pos)])}; "
            f"fill in the {col} or drop those rows."
        )
    return parts, labels, categorical


def _length(rows, n: int) -> int:
    if isinstance(rows, slice):
        return len(range(*rows.indices(n)))
    return len(rows)


def _value_parts(series, blocks, name, index, n):
    """Column 'value' as float64, one array per block, checked finite and non-negative."""
    if not _plain_numeric(series, "iuf"):
        if len(blocks) == 1:
            sel = series.iloc[blocks[0][0]]
        else:
            sel = pd.concat([series.iloc[rows] for rows, _ in blocks])
        arr = _clean_values(sel, name)
        bounds = np.cumsum([0] + [_length(rows, n) for rows, _ in blocks])
        return [arr[a:b] for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    full = series.to_numpy()
    parts = [full[rows] for rows, _ in blocks]
    if full.dtype != np.float64:
        parts = [p.astype(np.float64) for p in parts]
    # min >= 0 fails for NaN and negatives, max < inf for +inf: one cheap pass each
    if all(p.min() >= 0 and p.max() < np.inf for p in parts if p.size):
        return parts
    for test, what in ((lambda p: ~np.isfinite(p), "finite"), (lambda p: p < 0, "negative")):
        pos = np.concatenate(
            [_positions(rows, test(p), n) for (rows, _), p in zip(blocks, parts, strict=True)]
        )
        if pos.size:
            pos = np.sort(pos)
            if what == "finite":
                raise HromadaDataError(
                    f"'{name}' column 'value' must be finite; rows {_first(index[pos])} are "
                    f"missing, inf or NaN. Enter 0 where the value is truly zero."
                )
            raise HromadaDataError(
                f"'{name}' column 'value' must be non-negative; rows {_first(index[pos])} "
                f"hold {_first(full[pos].astype(np.float64).tolist())}."
            )
    return parts  # pragma: no cover - one of the tests above fails


def _cell_order_start(values: pd.Series, blocks, n: int) -> int | None:
    """Return where the dense array starts in the value column, or None.

    The first row of the value column when the blocks are adjacent slices of a float64
    column (so that, rows in cell order, the column is the dense array), else None.
    """
    if not (_plain_numeric(values, "f") and values.dtype == np.float64):
        return None
    if not all(isinstance(rows, slice) for rows, _ in blocks):
        return None
    spans = [rows.indices(n)[:2] for rows, _ in blocks]
    if any(a[1] != b[0] for a, b in zip(spans[:-1], spans[1:], strict=True)):
        return None
    return spans[0][0]


def _in_cell_order(blocks, rparts, sparts, R: int, S: int) -> bool:
    """Whether block ``i`` holds year ``i`` with every (region, sector) once, in order."""
    for i, ((_, yc), rc) in enumerate(zip(blocks, rparts, strict=True)):
        if np.ndim(yc) or yc != i or len(rc) != R * S:
            return False
    pr = np.repeat(np.arange(R, dtype=rparts[0].dtype), S)
    ps = np.tile(np.arange(S, dtype=sparts[0].dtype), R)
    return all(
        np.array_equal(rc, pr) and np.array_equal(sc, ps)
        for rc, sc in zip(rparts, sparts, strict=True)
    )


def _category_order(labels: pd.Index, used: np.ndarray) -> np.ndarray:
    try:
        order = np.arange(len(labels)) if labels.is_monotonic_increasing else labels.argsort()
    except TypeError:  # pragma: no cover - unorderable labels: keep category order
        order = np.arange(len(labels))
    return order[used[order]]


def panel_cube(
    panel: pd.DataFrame,
    *,
    columns: Mapping[str, str] | None = None,
    year: str = "optional",
    name: str = "panel",
    years=None,
    names=None,
    between: bool = False,
    year_major: bool | None = False,
) -> PanelCube:
    """Validate a panel like :func:`check_panel` and pivot it to a dense array.

    Parameters
    ----------
    panel, columns, year, name
        As for :func:`check_panel` (``region``, ``sector`` and ``value`` are required).
    years : list of int, optional
        Use only the rows of these years (each must be in the panel; messages name them
        by ``names``). Only the rows used are validated: the analysis never reads the
        others, so their content cannot change the result.
    between : bool
        With ``years``, use every year from the first to the last of them.
    year_major : bool or None
        Store the array year by year (``x`` is then a (regions, years, sectors) view of a
        C-contiguous (years, regions, sectors) array): the natural layout for analyses
        that compare whole years, like shift-share. ``False``: region by region, the row
        order of the long outputs. ``None``: year by year when the panel is sorted by year
        (its rows then mostly land in consecutive cells, copied rather than scattered),
        else region by region.

    Returns
    -------
    PanelCube
        ``x`` of shape (regions, years, sectors) (one year if there is no year column);
        regions and sectors sorted (for categoricals: the categories used, sorted).

    Notes
    -----
    Same checks and messages as :func:`check_panel` (missing labels, whole years,
    numeric, finite and non-negative values, duplicate (region, sector, year) rows), but
    done on numpy arrays of integer codes: categorical region and sector columns are
    read through their codes without hashing any label, a float64 value column without a
    copy, and a panel sorted by year is cut into one slice per year. Duplicates are found
    while scattering the rows into the dense array.
    """
    wanted = None
    if years is not None:
        names = list(names) if names is not None else ["year"] * len(years)
        wanted = _wanted_years(panel, columns, years, names, name)
    pos = _resolve_columns(panel, columns, ("region", "sector", "value"), year, name)
    col = {k: panel.iloc[:, i] for k, i in pos.items()}
    index, n = panel.index, len(panel)
    if "year" in col:
        y = _year_array(col["year"], name)
        blocks, yrs = _select_years(y, index, wanted, between, names, name)
    else:
        blocks, yrs = [(slice(None), 0)], None
    rparts, rlabels, rcat = _label_parts(col["region"], blocks, "region", name, index, n)
    sparts, slabels, scat = _label_parts(col["sector"], blocks, "sector", name, index, n)
    vparts = _value_parts(col["value"], blocks, name, index, n)
    if year_major is None:
        year_major = len(blocks) > 1 and all(np.ndim(yc) == 0 for _, yc in blocks)
    cells = _Cells(len(rlabels), 1 if yrs is None else len(yrs), len(slabels), bool(year_major))
    nrows = sum(len(v) for v in vparts)
    x = filled = None
    if (
        nrows == cells.space
        and (cells.year_major or cells.Y == 1)
        and _in_cell_order(blocks, rparts, sparts, cells.R, cells.S)
    ):
        x = _dense_as_is(col["value"], blocks, vparts, n, cells.space)
    else:
        x, filled = _scatter(cells, blocks, rparts, sparts, vparts)
        if np.count_nonzero(filled) != nrows:
            _raise_duplicates(cells, blocks, rparts, sparts, index, n, name, yrs is not None)
    x, yrs, r_used, s_used = _drop_empty_years(x, filled, cells, yrs)
    if rcat:
        x, rlabels = _categories_in_order(x, rlabels, r_used, axis=0)
    if scat:
        x, slabels = _categories_in_order(x, slabels, s_used, axis=2)
    return PanelCube(x, pd.Index(rlabels), pd.Index(slabels), yrs)


def _wanted_years(panel, columns, years, names, name) -> list[int]:
    """Return the years asked for as ints (a year column must exist, each year be whole)."""
    if isinstance(panel, pd.DataFrame):
        year_col = dict(columns or {}).get("year", "year")
        if year_col not in panel.columns:
            for y, nm in zip(years, names, strict=True):
                check_year(pd.DataFrame({"x": [0]}), y, name=nm, panel=name)
    wanted = []
    for y, nm in zip(years, names, strict=True):
        try:
            wanted.append(int(y))
        except (TypeError, ValueError):
            check_year(pd.DataFrame({"year": [0]}), y, name=nm, panel=name)
    return wanted


class _Cells(NamedTuple):
    """The dense array's shape (regions, years, sectors) and its storage order."""

    R: int
    Y: int
    S: int
    year_major: bool  # stored (year, region, sector); else (region, year, sector)

    @property
    def space(self) -> int:
        return self.R * self.Y * self.S

    def keys(self, rc, yc, sc, out):
        """Flat cell positions of rows, computed in place in ``out``."""
        R, Y, S = self.R, self.Y, self.S
        if self.year_major:  # (year, region, sector)
            if np.ndim(yc) == 0:
                np.multiply(rc, S, out=out, dtype=_KTYPE)
                if yc:
                    out += int(yc) * R * S
            else:
                np.multiply(yc, R, out=out, dtype=_KTYPE)
                out += rc
                out *= S
        elif np.ndim(yc) == 0:  # (region, year, sector)
            np.multiply(rc, Y * S, out=out, dtype=_KTYPE)
            if yc:
                out += int(yc) * S
        else:
            np.multiply(rc, Y, out=out, dtype=_KTYPE)
            out += yc
            out *= S
        out += sc
        return out


_KTYPE = np.intp  # the index type numpy scatters with (no conversion)
_CHUNK = 1 << 16  # rows per step: the key buffer stays in cache


def _dense_as_is(value_col, blocks, vparts, n, space):
    """Return the values of a complete panel whose rows are already in cell order.

    A balanced panel sorted by year, region, sector: every cell has exactly one row (so
    no duplicates), and the values are the dense array as they stand: the value column
    itself, read-only and without a copy, when the years used are adjacent in it; else
    one copy.
    """
    start = _cell_order_start(value_col, blocks, n)
    if start is None:
        return np.concatenate(vparts) if len(vparts) > 1 else np.array(vparts[0])
    x = value_col.to_numpy()[start : start + space].view()
    x.flags.writeable = False
    return x


def _scatter(cells: _Cells, blocks, rparts, sparts, vparts):
    """Scatter the rows into their cells, a chunk at a time: (dense values, filled mask)."""
    buf = np.empty(min(_CHUNK, max(len(v) for v in vparts)), dtype=_KTYPE)
    x = np.zeros(cells.space)
    filled = np.zeros(cells.space, dtype=bool)
    for (_, yc), rc, sc, v in zip(blocks, rparts, sparts, vparts, strict=True):
        for a in range(0, len(v), _CHUNK):
            b = min(a + _CHUNK, len(v))
            yc_ = yc if np.ndim(yc) == 0 else yc[a:b]
            k, vals = cells.keys(rc[a:b], yc_, sc[a:b], buf[: b - a]), v[a:b]
            m, lo = len(k), int(k[0])
            if m > 1 and k[-1] - lo == m - 1 and (k[1:] > k[:-1]).all():
                # rows in cell order without gaps (a sorted panel stored year-major):
                # a plain copy; duplicates with other rows still show in the count
                x[lo : lo + m] = vals
                filled[lo : lo + m] = True
            else:
                x[k] = vals
                filled[k] = True
    return x, filled


def _raise_duplicates(cells: _Cells, blocks, rparts, sparts, index, n, name, has_year):
    """Raise the error naming the rows that share a cell."""
    allkeys = [
        cells.keys(rc, yc, sc, np.empty(len(rc), _KTYPE))
        for (_, yc), rc, sc in zip(blocks, rparts, sparts, strict=True)
    ]
    counts = np.bincount(np.concatenate(allkeys), minlength=cells.space)
    dup = np.sort(
        np.concatenate(
            [
                _positions(rows, counts[k] > 1, n)
                for (rows, _), k in zip(blocks, allkeys, strict=True)
            ]
        )
    )
    keynames = ["region", "sector"] + (["year"] if has_year else [])
    raise HromadaDataError(
        f"'{name}' has duplicate ({', '.join(keynames)}) rows: {_first(index[dup])}. "
        f"Sum or remove duplicates, e.g. {name}.groupby({keynames}).sum()."
    )


def _drop_empty_years(x, filled, cells: _Cells, yrs):
    """Reshape ``x`` to (regions, years, sectors) and drop the years that have no row.

    Returns the array, the years kept, and which regions and which sectors have a row.
    """
    R, Y, S = cells.R, cells.Y, cells.S
    x = x.reshape(Y, R, S).transpose(1, 0, 2) if cells.year_major else x.reshape(R, Y, S)
    if filled is None:  # every cell has a row: every year, region and sector is used
        return x, yrs, np.ones(R, bool), np.ones(S, bool)
    f3 = filled.reshape(Y, R, S).transpose(1, 0, 2) if cells.year_major else filled.reshape(R, Y, S)
    y_used = np.asarray(f3.any(axis=(0, 2)))
    if not y_used.all():  # year codes over a range (unsorted panel) with empty years
        x, yrs = x[:, y_used, :], yrs[y_used]
        if cells.year_major:
            x = np.ascontiguousarray(x.transpose(1, 0, 2)).transpose(1, 0, 2)
        else:
            x = np.ascontiguousarray(x)
    return x, yrs, np.asarray(f3.any(axis=(1, 2))), np.asarray(f3.any(axis=(0, 1)))


def _categories_in_order(x, labels: pd.Index, used: np.ndarray, *, axis: int):
    """Keep the categories used, sorted, along ``axis`` of ``x``."""
    order = _category_order(labels, used)
    if len(order) != len(labels) or (order != np.arange(len(labels))).any():
        x = x.take(order, axis=axis)
    return x, labels[order]
