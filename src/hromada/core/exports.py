"""File downloads shared by every app: CSV of a chart's data, XLSX with one sheet per table."""

from __future__ import annotations

import io
import re

import pandas as pd
from django.http import HttpResponse


def _safe_filename(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "export"


def csv_response(frame: pd.DataFrame, filename: str) -> HttpResponse:
    """CSV in UTF-8 with a BOM, so that Excel in a Ukrainian locale opens Cyrillic correctly."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_safe_filename(filename)}.csv"'
    response.write("\ufeff")
    frame.to_csv(response, index=False)
    return response


def xlsx_bytes(sheets: dict[str, pd.DataFrame], headers: dict | None = None) -> bytes:
    """One sheet per table. ``headers``: column name -> heading shown (translated) for a
    workbook people read; columns not named keep their names."""
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
            frame.to_excel(writer, sheet_name=sheet, index=False)
    return buffer.getvalue()


def xlsx_response(sheets: dict[str, pd.DataFrame], filename: str,
                  headers: dict | None = None) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(sheets, headers),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{_safe_filename(filename)}.xlsx"'
    return response
