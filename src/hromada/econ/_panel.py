"""Validation and reshaping of the long *panel* format shared by :mod:`hromada.econ`.

A panel is a long DataFrame with columns ``region``, ``sector``, ``value`` and
optionally ``year``; other names are mapped through ``columns=``, e.g.
``columns={"region": "hromada", "value": "employment"}``.
Every public function of the package calls :func:`check_panel` first.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from hromada.econ.errors import HromadaDataError

STANDARD = ("region", "sector", "year", "value")


def _first(values, n: int = 5) -> str:
    values = list(values)
    shown = ", ".join(repr(v) for v in values[:n])
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
    df = panel.rename(columns=rename)
    wanted = list(require)
    if year == "required" or (year == "optional" and "year" in df.columns):
        wanted.append("year")
    missing = [c for c in wanted if c not in df.columns]
    if missing:
        hint = ", ".join(f"{c}=<your column>" for c in missing)
        raise HromadaDataError(
            f"'{name}' has no column {', '.join(repr(c) for c in missing)} "
            f"(it has {list(panel.columns)}). Rename the column or pass columns={{{hint}}}."
        )
    if year == "forbidden" and "year" in df.columns:
        raise HromadaDataError(
            f"'{name}' has a 'year' column here, where one year is expected; "
            f"select one year first, e.g. {name}[{name}.year == 2021]."
        )
    df = df[wanted].copy()
    if df.empty:
        raise HromadaDataError(f"'{name}' has no rows.")

    for col in [c for c in ("region", "sector") if c in wanted]:
        bad = df.index[df[col].isna()]
        if len(bad):
            raise HromadaDataError(
                f"'{name}' column '{col}' is empty in rows {_first(bad)}; "
                f"fill in the {col} or drop those rows."
            )
    if "year" in wanted:
        yr = pd.to_numeric(df["year"], errors="coerce")
        bad = df.index[yr.isna() | (yr != np.round(yr))]
        if len(bad):
            raise HromadaDataError(
                f"'{name}' column 'year' must hold whole years; rows {_first(bad)} "
                f"hold {_first(df.loc[bad, 'year'])}."
            )
        df["year"] = yr.astype("int64")
    if "value" in wanted:
        raw = df["value"]
        val = pd.to_numeric(raw, errors="coerce")
        bad = df.index[val.isna() & raw.notna()]
        if len(bad):
            raise HromadaDataError(
                f"'{name}' column 'value' must be numeric; rows {_first(bad)} hold "
                f"{_first(raw.loc[bad])}. Remove text, thousands separators or units."
            )
        val = val.astype("float64")
        bad = df.index[~np.isfinite(val.to_numpy())]
        if len(bad):
            raise HromadaDataError(
                f"'{name}' column 'value' must be finite; rows {_first(bad)} are "
                f"missing, inf or NaN. Enter 0 where the value is truly zero."
            )
        bad = df.index[val.to_numpy() < 0]
        if len(bad):
            raise HromadaDataError(
                f"'{name}' column 'value' must be non-negative; rows {_first(bad)} hold "
                f"{_first(val.loc[bad])}."
            )
        df["value"] = val
    keys = [c for c in ("region", "sector", "year") if c in wanted]
    dup = _duplicated(df, keys)
    if dup.any():
        rows = df.index[dup]
        raise HromadaDataError(
            f"'{name}' has duplicate ({', '.join(keys)}) rows: {_first(rows)}. "
            f"Sum or remove duplicates, e.g. {name}.groupby({keys}).sum()."
        )
    return df.reset_index(drop=True)


def _codes(column: pd.Series) -> tuple[np.ndarray, int]:
    """Integer codes of a column and how many distinct values it has (categoricals for free)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.cat.codes.to_numpy(np.int64), len(column.cat.categories)
    codes, uniques = pd.factorize(column, sort=False)
    return codes.astype(np.int64, copy=False), len(uniques)


def _duplicated(df: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Boolean mask of rows whose key combination occurs more than once.

    The keys are combined into one integer per row; counting those (bincount when the key
    space is small, a sort otherwise) is several times faster than DataFrame.duplicated on
    millions of rows.
    """
    key = np.zeros(len(df), dtype=np.int64)
    space = 1
    for k in keys:
        codes, n = _codes(df[k])
        if space * max(n, 1) >= 2**62:  # cannot pack: fall back to pandas
            return df.duplicated(keys, keep=False).to_numpy()
        key = key * max(n, 1) + codes
        space *= max(n, 1)
    if space <= max(4 * len(df), 1 << 20):
        counts = np.bincount(key, minlength=space)
        if counts.max(initial=0) <= 1:
            return np.zeros(len(df), dtype=bool)
        return counts[key] > 1
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    same = sorted_key[1:] == sorted_key[:-1]
    if not same.any():
        return np.zeros(len(df), dtype=bool)
    flag = np.zeros(len(df), dtype=bool)
    flag[1:] |= same
    flag[:-1] |= same
    mask = np.empty(len(df), dtype=bool)
    mask[order] = flag
    return mask


def check_year(df: pd.DataFrame, year, *, name: str = "year", panel: str = "panel") -> int:
    """Return ``year`` as int after checking that the panel holds it."""
    if "year" not in df.columns:
        raise HromadaDataError(f"'{name}'={year!r} was given but '{panel}' has no 'year' column.")
    years = sorted(df["year"].unique())
    try:
        y = int(year)
    except (TypeError, ValueError):
        raise HromadaDataError(f"'{name}' must be a year; got {year!r}.") from None
    if y not in years:
        raise HromadaDataError(
            f"'{name}'={y} is not in '{panel}', which has the years {_first(years, 12)}."
        )
    return y
