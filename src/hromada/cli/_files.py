"""Reading tabular files (CSV, also cp1251 with ';' and decimal commas, or XLSX) for the CLI,
and printing import problems."""

from __future__ import annotations

import io
from pathlib import Path

import click
import pandas as pd

from hromada.refdata.tabular import csv_separator, decode_text


def read_table(path: str | Path, sheet: str | int = 0) -> pd.DataFrame:
    """Return the table in ``path``: XLSX/XLS through calamine, CSV with sniffed encoding,
    separator and decimal mark (what Excel in a Ukrainian locale writes: cp1251, ';', ',')."""
    path = Path(path)
    if path.suffix.lower() in {".xlsx", ".xlsm", ".xls", ".ods"}:
        return pd.read_excel(path, sheet_name=sheet, engine="calamine")
    text = decode_text(path.read_bytes())
    first = text.splitlines()[0] if text else ""
    sep = csv_separator(first)
    decimal = "," if sep == ";" else "."
    raw_table = pd.read_csv(
        io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""]
    )
    return _typed(raw_table, decimal=decimal)


# Columns that hold codes (KVED, KATOTTG, names) stay text even when they look numeric:
# "01" (crop production) must not become 1, nor "10.11" become 10.11.
CODE_COLUMN_HINTS = (
    "sector",
    "kved",
    "nace",
    "code",
    "region",
    "hromada",
    "name",
    "кved",
    "квед",
    "код",
    "галузь",
    "громада",
    "назва",
)


def _looks_like_codes(values: pd.Series) -> bool:
    text = values.dropna().astype(str).str.strip()
    return bool((text.str.match(r"^0\d") | text.str.match(r"^[A-Za-z]")).any())


def _typed(frame: pd.DataFrame, *, decimal: str) -> pd.DataFrame:
    """Turn numeric-looking text columns into numbers (spaces and non-breaking spaces as
    thousands separators, the file's decimal mark), keeping code columns as text."""
    out = frame.copy()
    for column in out.columns:
        name = str(column).strip().lower()
        if any(h in name for h in CODE_COLUMN_HINTS) or _looks_like_codes(out[column]):
            continue
        text = out[column].astype("string").str.replace(r"[\s\u00a0\u202f]", "", regex=True)
        if decimal == ",":
            text = text.str.replace(",", ".", regex=False)
        numbers = pd.to_numeric(
            pd.Series(text.to_numpy(dtype=object, na_value=None), index=out.index), errors="coerce"
        )
        if numbers.notna().sum() == out[column].notna().sum():
            out[column] = numbers
    return out


def click_error(message: str):
    return click.ClickException(message)


def write_sheets(sheets: dict[str, pd.DataFrame], out: str | Path) -> Path:
    """Write each DataFrame to its own sheet of an XLSX file (sheet names cut to 31 chars)."""
    out = Path(out)
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            keep_index = not isinstance(frame.index, pd.RangeIndex)
            frame.to_excel(writer, sheet_name=name[:31], index=keep_index)
        from hromada.core.exports import neutralise_workbook

        neutralise_workbook(writer.book)  # text cells never formulas
    return out


def echo_problems(problems) -> None:
    """Print import problems (with ``row``, ``column``, ``message``, ``fix``, ``severity``)
    as the CLI shows them: errors to stderr, warnings to stdout."""
    for p in problems:
        where = ", ".join(
            x
            for x in (f"row {p.row}" if p.row else "", f"column {p.column}" if p.column else "")
            if x
        )
        prefix = "ERROR" if p.severity == "error" else "warning"
        click.echo(
            f"{prefix}: {where + ': ' if where else ''}{p.message} {p.fix}".rstrip(),
            err=p.severity == "error",
        )
