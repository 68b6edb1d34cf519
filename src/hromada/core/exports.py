"""File downloads shared by every app: CSV of a chart's data, XLSX with one sheet per table.

Every cell of text that a spreadsheet could read as a formula (it begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return: OWASP "CSV injection") is written as text: in CSV
with a leading apostrophe (:func:`safe_cell`), in XLSX as a string cell, never a formula.
Numbers, negative ones included, stay numbers."""

from __future__ import annotations

import io
import re

import pandas as pd
from django.http import HttpResponse


def _safe_filename(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "export"


#: First characters that make a spreadsheet evaluate a text cell (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """``value`` as it may be written to a CSV cell: text that a spreadsheet would read as a
    formula gets a leading apostrophe; everything else (numbers too) is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and text index or column label) made safe by
    :func:`safe_cell`; numeric columns are left untouched."""
    out = frame.copy()
    for i in range(out.shape[1]):
        col = out.iloc[:, i]
        if col.dtype == object or pd.api.types.is_string_dtype(col.dtype):
            out.iloc[:, i] = col.map(safe_cell).astype(object)
    out.columns = _safe_labels(out.columns)
    out.index = _safe_labels(out.index)
    return out


def _safe_labels(index: pd.Index) -> pd.Index:
    """Labels made safe, keeping the index's levels and names (a MultiIndex stays one)."""
    if isinstance(index, pd.MultiIndex):
        return index.set_levels(
            [lvl.map(safe_cell) if lvl.dtype == object else lvl for lvl in index.levels]
        )
    return index.map(safe_cell) if index.dtype == object else index


def write_csv(frame: pd.DataFrame, target, **kwargs):
    """``frame.to_csv(target)`` with every text cell made safe (used by every CSV export);
    the text when ``target`` is None. Rows end in CRLF (RFC 4180), so that a carriage return
    inside a cell is quoted and cannot start a new row (and there a formula)."""
    kwargs.setdefault("lineterminator", "\r\n")
    return safe_frame(frame).to_csv(target, **kwargs)


#: The column every row of a CSV computed from illustrative (made-up) data carries.
ILLUSTRATIVE_COLUMN = "data"
ILLUSTRATIVE_VALUE = "illustrative"


def csv_response(frame: pd.DataFrame, filename: str, *, illustrative: bool = False) -> HttpResponse:
    """CSV in UTF-8 with a BOM, so that Excel in a Ukrainian locale opens Cyrillic correctly.

    ``illustrative``: the rows come from illustrative (made-up) data; each carries
    ``data = illustrative`` (a column added at the end), so that the mark survives any
    copy of the file."""
    if illustrative:
        frame = frame.assign(**{ILLUSTRATIVE_COLUMN: ILLUSTRATIVE_VALUE})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_safe_filename(filename)}.csv"'
    response.write("\ufeff")
    write_csv(frame, response, index=False)
    return response


def neutralise_workbook(workbook) -> None:
    """Make every text cell of an openpyxl workbook a string cell: no formula survives
    (the writers here never write formulas on purpose)."""
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (
                    isinstance(cell.value, str) and cell.value.startswith(FORMULA_START)
                ):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def mark_workbook(workbook, mark: str) -> None:
    """Print ``mark`` in the header of every page of every sheet (an internal copy)."""
    for ws in workbook.worksheets:
        for header in (ws.oddHeader, ws.evenHeader, ws.firstHeader):
            header.center.text = mark
        for footer in (ws.oddFooter, ws.evenFooter, ws.firstFooter):
            footer.center.text = mark


def xlsx_bytes(
    sheets: dict[str, pd.DataFrame], headers: dict | None = None, *, mark: str = ""
) -> bytes:
    """One sheet per table; text cells never formulas. ``headers``: column name -> heading
    shown (translated) for a workbook people read; columns not named keep their names.
    ``mark`` (an internal copy): written above every table and in every page's header and
    footer."""
    buffer = io.BytesIO()
    if not sheets:  # a workbook needs one sheet; say plainly that there is nothing yet
        sheets = {"-": pd.DataFrame({"": ["No data / Немає даних"]})}
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        used: set[str] = set()
        for name, frame in sheets.items():
            sheet = re.sub(r"[\[\]:*?/\\]", "_", str(name))[:31] or "Sheet"
            while sheet in used:
                sheet = sheet[:28] + f"_{len(used)}"
            used.add(sheet)
            if headers:
                frame = frame.rename(columns=lambda c: str(headers.get(c, c)))
            frame.to_excel(writer, sheet_name=sheet, index=False, startrow=1 if mark else 0)
            if mark:
                writer.sheets[sheet].cell(row=1, column=1, value=str(mark))
        neutralise_workbook(writer.book)
        if mark:
            mark_workbook(writer.book, str(mark))
    return buffer.getvalue()


def xlsx_response(
    sheets: dict[str, pd.DataFrame], filename: str, headers: dict | None = None, *, mark: str = ""
) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(sheets, headers, mark=mark),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_safe_filename(filename)}.xlsx"'
    return response
