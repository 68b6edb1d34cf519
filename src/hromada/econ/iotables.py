"""Parsing published symmetric input-output tables (already read into a DataFrame).

Two layouts are recognised (no file I/O here; :mod:`hromada.refdata.iotables` reads the files):

``"oecd"``
    OECD national input-output tables (2021/2023 editions): product rows ``TTL_<code>``
    (total use) or ``DOM_<code>`` (domestic use), industry columns ``D<code>`` (or
    ``C<code>`` in older editions), rows ``TXS_*`` (net taxes), ``VALU`` (value added),
    ``OUTPUT``, optional ``LABR`` (compensation) and ``EMPN`` (employment), final demand
    columns ``HFCE``, ``NPISH``, ``GGFC``, ``GFCF``, ``INVNT``, ``DPABR``, ``CONS_NONRES``,
    ``EXPO`` and ``IMPO`` (imports, negative). The OECD publishes Ukraine's table in
    this layout.
``"eurostat"``
    The layout of the Eurostat Manual of Supply, Use and Input-Output Tables (2008) and
    the UN Handbook (2018) as tidied by the R package iotables: a key column, optional
    label / ``numeric_label`` / ``quadrant`` / ``iotables_row`` columns, product rows
    (quadrant 10) before a total row, then rows of imports (``P7``), taxes
    (``D21...``), compensation (``D1``), value added (``B1G``), output (``P1``) and
    employment (``EMP``); columns of industries, then totals and final demand.

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"prod": ["a", "b", "TOTAL", "value_added_bp", "output_bp"],
...                    "a": [10, 20, 30, 70, 100], "b": [5, 15, 20, 30, 50],
...                    "TOTAL": [15, 35, 50, None, None],
...                    "final_demand": [85, 15, 100, None, None]})
>>> t = parse_io_table(df)
>>> t.x.tolist()
[100.0, 50.0]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from hromada.econ.errors import HromadaDataError
from hromada.econ.inputoutput import technical_coefficients

__all__ = ["IOTable", "parse_io_table", "parse_oecd", "parse_eurostat", "detect_layout"]

_OECD_ROW = re.compile(r"^(TTL|DOM)_(?!INT_FNL$)(.+)$")
_OECD_COL = re.compile(r"^[DC](\d.*)$")
_TOTAL_KEYS = {"total", "cpa_total", "cpa_total_domestic"}
_TOTAL_COLS = {
    "total",
    "cpa_total",
    "total_use",
    "output_bp",
    "total_output_bp",
    "total_output",
    "output",
    "p1",
    "total_final_use",
    "total_intermediate_use",
}
_HOUSEHOLD_COLS = (
    "consumption_expenditure_household",
    "final_consumption_households",
    "final_consumption_private",
    "hfce",
    "households",
)
_ROWS = {
    "output": ("p1", "output", "output_bp", "total_output"),
    "value_added": ("b1g", "gva", "gva_bp", "value_added_bp", "valu", "value_added"),
    "compensation": ("d1", "compensation_employees", "labr", "compensation"),
    "employment": ("emp", "employment_total", "employment_domestic_total", "empn", "employment"),
    "imports": ("p7", "imports", "import_goods_services", "imported_products"),
    "taxes": ("d21_m_d31", "d21x31", "net_tax", "net_tax_products", "net_tax_production"),
}


@dataclass
class IOTable:
    """A parsed symmetric input-output table.

    Attributes
    ----------
    Z : DataFrame (n, n)
        Inter-industry flows, rows selling, columns buying, labelled by sector code.
    final_demand : DataFrame (n, k)
        Final demand categories by product (exports, household consumption, ...; an
        ``IMPO`` column of the OECD layout holds imports with a negative sign).
    x : Series (n,)
        Gross output by industry.
    value_added : Series (n,) or None
    compensation : Series (n,) or None
        Compensation of employees (wages), for income and Type II multipliers.
    employment : Series (n,) or None
        Persons employed (units as published: thousands in the Eurostat examples).
    household_consumption : Series (n,) or None
        Household final consumption by product.
    imports, taxes : Series (n,) or None
        Imported intermediate inputs and net product taxes by industry (column items).
    names : dict
        Sector code -> published name where the table gives one.
    layout, source, units : str
    """

    Z: pd.DataFrame
    final_demand: pd.DataFrame
    x: pd.Series
    value_added: pd.Series | None = None
    compensation: pd.Series | None = None
    employment: pd.Series | None = None
    household_consumption: pd.Series | None = None
    imports: pd.Series | None = None
    taxes: pd.Series | None = None
    names: dict = field(default_factory=dict)
    layout: str = ""
    source: str = ""
    units: str = ""

    @property
    def sectors(self) -> pd.Index:
        """The sector codes, in table order."""
        return self.Z.columns

    @property
    def A(self) -> pd.DataFrame:
        """Technical coefficients ``Z diag(x)^-1``."""
        return technical_coefficients(self.Z, self.x)

    def without_empty(self) -> IOTable:
        """Return the table without sectors of zero output (rows and columns dropped).

        Flows of a dropped product (which a "total" OECD table records when the product is
        only imported) disappear from ``Z``; they are in effect treated as imports.
        """
        keep = self.x.index[self.x.to_numpy() > 0]
        if len(keep) == len(self.x):
            return self

        def sub(s):
            return None if s is None else s.reindex(keep)

        return replace(
            self,
            Z=self.Z.loc[keep, keep],
            final_demand=self.final_demand.loc[keep],
            x=self.x.loc[keep],
            value_added=sub(self.value_added),
            compensation=sub(self.compensation),
            employment=sub(self.employment),
            household_consumption=sub(self.household_consumption),
            imports=sub(self.imports),
            taxes=sub(self.taxes),
            names={k: v for k, v in self.names.items() if k in set(keep)},
        )


def _num(frame) -> pd.DataFrame | pd.Series:
    return (
        frame.apply(pd.to_numeric, errors="coerce")
        if isinstance(frame, pd.DataFrame)
        else (pd.to_numeric(frame, errors="coerce"))
    )


def _norm(s) -> str:
    return str(s).strip().lower()


def detect_layout(df: pd.DataFrame) -> str:
    """Return ``"oecd"`` or ``"eurostat"`` for a table read into ``df``.

    Raises
    ------
    HromadaDataError
        When neither layout fits.
    """
    if not isinstance(df, pd.DataFrame) or df.shape[1] < 3:
        raise HromadaDataError("'df' must be a DataFrame with a key column and sector columns.")
    keys = df.iloc[:, 0].astype(str).str.strip()
    if keys.str.match(_OECD_ROW).sum() >= 2 and any(_OECD_COL.match(str(c)) for c in df.columns):
        return "oecd"
    lowered = set(keys.str.lower())
    if lowered & (_TOTAL_KEYS | set(_ROWS["output"]) | set(_ROWS["value_added"])):
        return "eurostat"
    raise HromadaDataError(
        "The table is in no known layout: expected OECD rows TTL_<code>/DOM_<code> with "
        "columns D<code>, or a Eurostat-manual table with product rows, a total row and "
        f"output/value added rows (first keys found: {list(keys[:5])})."
    )


def parse_io_table(
    df: pd.DataFrame, layout: str = "auto", *, source: str = "", units: str = ""
) -> IOTable:
    """Return the :class:`IOTable` in ``df``, a table in the OECD or Eurostat-manual layout.

    Parameters
    ----------
    df : DataFrame
        The table as read from its file, keys in the first column.
    layout : {"auto", "oecd", "eurostat"}
        ``"auto"`` uses :func:`detect_layout`.
    source, units : str
        Kept on the result for reports.

    Returns
    -------
    IOTable

    Notes
    -----
    Gross output is the published output row; where missing, row sums of ``Z`` plus
    final demand. The parser checks nothing about balance; the accounting identities
    (row sums + final demand = output = column sums + primary inputs) are tested
    on the published examples.

    References
    ----------
    Eurostat (2008). *Eurostat Manual of Supply, Use and Input-Output Tables*, ch. 15.
    United Nations (2018). *Handbook on Supply, Use and Input-Output Tables with
    Extensions and Applications*. OECD (2023). Input-Output Tables, 2023 edition.
    """
    layout = detect_layout(df) if layout == "auto" else layout
    if layout == "oecd":
        return parse_oecd(df, source=source, units=units)
    if layout == "eurostat":
        return parse_eurostat(df, source=source, units=units)
    raise HromadaDataError(f"'layout' must be 'auto', 'oecd' or 'eurostat'; got {layout!r}.")


def parse_oecd(df: pd.DataFrame, *, source: str = "", units: str = "") -> IOTable:
    """Return the :class:`IOTable` of an OECD national input-output table (see module doc)."""
    keys = df.iloc[:, 0].astype(str).str.strip()
    body = df.iloc[:, 1:].copy()
    body.index = keys
    body.columns = [str(c).strip() for c in body.columns]
    rows = [k for k in keys if _OECD_ROW.match(k)]
    prefixes = {m.group(1) for k in rows if (m := _OECD_ROW.match(k))}
    if len(prefixes) > 1:  # both total and domestic blocks: use the domestic one
        rows = [k for k in rows if k.startswith("DOM_")]
    codes = [m.group(2) for k in rows if (m := _OECD_ROW.match(k))]
    col_by_code = {}
    for c in body.columns:
        m = _OECD_COL.match(c)
        if m:
            col_by_code[m.group(1)] = c
    missing = [c for c in codes if c not in col_by_code]
    if missing:
        raise HromadaDataError(
            f"OECD table: product rows {missing[:5]} have no industry column D<code>; "
            f"the industry columns are {list(col_by_code.values())[:8]}."
        )
    ind_cols = [col_by_code[c] for c in codes]
    Z = _num(body.loc[rows, ind_cols]).fillna(0.0)
    Z.index = pd.Index(codes, name="sector")
    Z.columns = pd.Index(codes, name="sector")
    fd_cols = [
        c
        for c in body.columns
        if c not in set(col_by_code.values()) and _norm(c) not in _TOTAL_COLS
    ]
    F = _num(body.loc[rows, fd_cols]).fillna(0.0)
    F.index = Z.index

    def row(*names):
        for nm in names:
            if nm in body.index:
                s = _num(body.loc[nm, ind_cols])
                if isinstance(s, pd.DataFrame):
                    s = s.iloc[0]
                return pd.Series(s.to_numpy(dtype=float), index=Z.columns, name=nm)
        return None

    x = row("OUTPUT", "PROD")
    if x is None:
        x = pd.Series(Z.sum(axis=1).to_numpy() + F.sum(axis=1).to_numpy(), index=Z.index)
    x = x.fillna(0.0).rename("x")
    tax_rows = [k for k in keys if k.startswith("TXS_")]
    taxes = None
    if tax_rows:
        taxes = _num(body.loc[tax_rows, ind_cols]).fillna(0.0).sum(axis=0)
        taxes.index = Z.columns
    imports = None
    imp_rows = [k for k in keys if k.startswith("IMP_") and k != "IMP_INT_FNL"]
    if imp_rows and "DOM_" in "".join(rows[:1]):
        imports = _num(body.loc[imp_rows, ind_cols]).fillna(0.0).sum(axis=0)
        imports.index = Z.columns
    hh = F["HFCE"].rename("household_consumption") if "HFCE" in F.columns else None
    return IOTable(
        Z=Z,
        final_demand=F,
        x=x,
        value_added=row("VALU"),
        compensation=row("LABR", "D1"),
        employment=row("EMPN", "EMPE", "EMP"),
        household_consumption=hh,
        imports=imports,
        taxes=taxes,
        names={},
        layout="oecd",
        source=source,
        units=units or "million USD (OECD tables)",
    )


def _eurostat_product_rows(df: pd.DataFrame, lk: pd.Series, alt) -> np.ndarray:
    """Return the positions of the product rows of a Eurostat-layout table.

    With a ``quadrant`` column, the rows of quadrant 10 that are not totals; else the rows
    before the first total (or imports / value added) row.
    """
    if "quadrant" in df.columns:
        quad = pd.to_numeric(df["quadrant"], errors="coerce")
        is_total = lk.isin(_TOTAL_KEYS) | (alt.isin(_TOTAL_KEYS) if alt is not None else False)
        return np.flatnonzero((quad == 10).to_numpy() & ~is_total.to_numpy())
    stop = np.flatnonzero(lk.isin(_TOTAL_KEYS).to_numpy())
    if not len(stop):
        stop = np.flatnonzero(lk.isin(set(_ROWS["imports"]) | set(_ROWS["value_added"])).to_numpy())
    if not len(stop):
        raise HromadaDataError(
            "Eurostat-layout table: no 'TOTAL' row (or imports / value added row) after "
            "the product rows; add the total row or a 'quadrant' column."
        )
    return np.arange(stop[0])


def _eurostat_households(numeric: pd.DataFrame, final_cols: list, prod_pos, codes):
    """Return the households' own consumption column, or None.

    Found even when it was left out of F as a sub-item of private consumption (which also
    holds NPISH): Type II closes households, not NPISH.
    """
    candidates = [c for c in final_cols if _norm(c) not in _TOTAL_COLS]
    for c in _HOUSEHOLD_COLS:
        match = [r for r in candidates if _norm(r) == c]
        if match:
            hh = numeric.iloc[prod_pos][match[0]].fillna(0.0).rename("household_consumption")
            hh.index = codes
            return hh
    return None


def parse_eurostat(df: pd.DataFrame, *, source: str = "", units: str = "") -> IOTable:
    """Return the :class:`IOTable` of a Eurostat-manual / UN-handbook style table."""
    cols = [str(c).strip() for c in df.columns]
    df = df.copy()
    df.columns = cols
    key_col = cols[0]
    keys = df[key_col].astype(str).str.strip()
    meta = {key_col} | {
        c for c in cols if c.endswith("_lab") or c in ("numeric_label", "quadrant", "iotables_row")
    }
    label_col = next((c for c in cols if c.endswith("_lab")), None)
    alt = df["iotables_row"].astype(str).str.strip().str.lower() if "iotables_row" in cols else None
    lk = keys.str.lower()
    prod_pos = _eurostat_product_rows(df, lk, alt)
    n = len(prod_pos)
    data_cols = [c for c in cols if c not in meta]
    if n < 1 or len(data_cols) < n:
        raise HromadaDataError(
            f"Eurostat-layout table: found {n} product rows but only {len(data_cols)} "
            "numeric columns."
        )
    ind_cols = data_cols[:n]
    codes = pd.Index(ind_cols, name="sector")
    numeric = _num(df[data_cols])
    Z = numeric.iloc[prod_pos][ind_cols].fillna(0.0)
    Z.index = codes
    Z.columns = codes
    rest = [c for c in data_cols[n:] if _norm(c) not in _TOTAL_COLS]
    if "final_consumption_private" in rest and "final_consumption_households" in rest:
        rest.remove("final_consumption_households")  # a sub-item of private consumption
    F = numeric.iloc[prod_pos][rest].fillna(0.0)
    F.index = codes

    def row(kind):
        for name in _ROWS[kind]:
            hit = np.flatnonzero((lk == name).to_numpy())
            if not len(hit) and alt is not None:
                hit = np.flatnonzero((alt == name).to_numpy())
            if len(hit):
                s = numeric.iloc[hit[0]][ind_cols]
                return pd.Series(s.to_numpy(dtype=float), index=codes, name=kind)
        return None

    x = row("output")
    if x is None or x.isna().all():
        x = pd.Series(Z.sum(axis=1).to_numpy() + F.sum(axis=1).to_numpy(), index=codes)
    x = x.fillna(0.0).rename("x")
    hh = _eurostat_households(numeric, data_cols[n:], prod_pos, codes)
    names = {}
    if label_col is not None:
        names = dict(zip(codes, df[label_col].iloc[prod_pos].astype(str), strict=True))
    return IOTable(
        Z=Z,
        final_demand=F,
        x=x,
        value_added=row("value_added"),
        compensation=row("compensation"),
        employment=row("employment"),
        household_consumption=hh,
        imports=row("imports"),
        taxes=row("taxes"),
        names=names,
        layout="eurostat",
        source=source,
        units=units or "as published (million EUR in the Eurostat manual example)",
    )
