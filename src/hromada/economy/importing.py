"""Reading and checking an uploaded table of values by KVED sector and year.

Pure functions (no database): :func:`parse_upload` turns the bytes of a CSV or XLSX file
into a long frame (``area``, ``sector``, ``year``, ``value``) at one KVED level and a list
of :class:`Problem` s, each naming the row and column of the file and how to fix it.

Accepted layouts (headers in Ukrainian or English, any case):

* long: ``area`` (municipality / reference), ``kved``, ``year``, ``value`` (and an optional
  ``name`` that is ignored);
* wide: ``area``, ``kved`` and one column per year (``2019``, ``2020``, ...); an empty cell
  in a year column means "no value".

CSV files may be UTF-8 (with or without BOM) or Windows-1251, separated by ``;``, ``,`` or
tabs, with decimal commas and spaces as thousands separators: what Excel in a Ukrainian
locale writes.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import asdict, dataclass, field

import pandas as pd
from django.utils.translation import gettext as _
from openpyxl.utils.exceptions import InvalidFileException
from python_calamine import CalamineError

from hromada.refdata import kved_lookup
from hromada.refdata.tabular import decode_text

LEVELS = ("section", "division", "group", "class")
MIN_YEAR, MAX_YEAR = 1990, 2100
# An upload lists at most this many problems, then how many more there are: a bad
# million-row file must not become a page of megabytes.
MAX_PROBLEMS = 200

#: What reading a user's file as a table may raise when the file is not what its name says
#: (truncated, encrypted, not a workbook, bad XML, undecodable text): the file's fault,
#: reported as a problem of the upload. Anything else is a bug and propagates. (XML parse
#: errors are SyntaxErrors; the pandas parser errors are ValueErrors.)
READ_ERRORS: tuple[type[BaseException], ...] = (
    ValueError,
    KeyError,
    IndexError,
    TypeError,
    OSError,
    EOFError,
    SyntaxError,
    zipfile.BadZipFile,
    csv.Error,
    CalamineError,
    InvalidFileException,
)


def max_year() -> int:
    """The latest possible year of a value: next year (a plan or forecast)."""
    from datetime import date

    return min(date.today().year + 1, MAX_YEAR)


HEADER_SYNONYMS = {
    "area": {"area", "територія", "territory", "рівень", "level"},
    "sector": {
        "kved",
        "квед",
        "sector",
        "сектор",
        "код квед",
        "kved code",
        "nace",
        "галузь",
        "код",
    },
    "year": {"year", "рік"},
    "value": {"value", "значення"},
    "name": {"name", "назва", "sector name", "назва сектору", "назва виду діяльності"},
}
AREA_SYNONYMS = {
    "local": {"municipality", "громада", "local", "hromada", "місто", "city", "region"},
    "reference": {
        "reference",
        "еталон",
        "україна",
        "ukraine",
        "oblast",
        "область",
        "national",
        "nation",
        "country",
        "порівняння",
    },
}


@dataclass
class Problem:
    """One problem of the file: where it is and how to fix it."""

    message: str
    fix: str = ""
    row: int | None = None  # the row number as the spreadsheet shows it (header = 1)
    column: str | None = None  # the column's header (and letter)
    severity: str = "error"  # "error" blocks the import, "warning" does not
    hidden: int = 0  # on the last line of a capped list: how many errors are not listed

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class ParseResult:
    frame: pd.DataFrame | None  # area, sector, year, value at one KVED level
    problems: list[Problem] = field(default_factory=list)
    level: str = ""
    rows_read: int = 0
    aggregated: int = 0  # how many input codes were summed up into a coarser level

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return self.frame is not None and not self.errors


def _letter(index: int) -> str:
    """Excel column letter of a 0-based column index."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if pd.isna(value):
            return ""
        if value.is_integer():
            return str(int(value))
    return str(value).strip()


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")
_PLAIN = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")


def parse_number(text: str) -> float | None:
    """A number as Ukrainian or English spreadsheets write it, or None.

    ``"1 234,5"``, ``"1234,5"``, ``"1.234,5"``, ``"1,234.5"`` and ``"1234.5"`` all give
    1234.5; a Unicode minus is accepted.
    """
    s = _SPACES.sub("", text).replace("\u2212", "-")
    if not s:
        return None
    if _PLAIN.match(s):  # one decimal mark at most: "1234,5" or "1234.5"
        s = s.replace(",", ".")
    elif _COMMA_THOUSANDS.match(s):  # "1,234,567.5"
        s = s.replace(",", "")
    elif _DOT_THOUSANDS.match(s):  # "1.234.567,5"
        s = s.replace(".", "").replace(",", ".")
    else:  # "1,2,3", "1.2.3", "12kg": not a number, whatever float() would make of it
        return None
    try:
        number = float(s)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    return number


# A workbook is a zip file; one that unpacks to far more than any real table is a
# "zip bomb" meant to exhaust memory. Checked before any parsing.
MAX_UNPACKED = 200 * 1024 * 1024
MAX_RATIO = 200


def _zip_problem(content: bytes) -> Problem | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        return Problem(
            _("The file is not a real Excel workbook, whatever its name says."),
            _("Open it in Excel or LibreOffice and save it again as .xlsx or CSV."),
        )
    unpacked = sum(i.file_size for i in infos)
    packed = max(sum(i.compress_size for i in infos), 1)
    if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO:
        return Problem(
            _("The workbook unpacks to an unreasonable size and was not opened."),
            _("Save only the table with your values as a new .xlsx or CSV file."),
        )
    return None


def _uncomputed_formulas(content: bytes) -> list[Problem]:
    """Formula cells without a stored result (a file written by a program, not saved by
    Excel) would read as empty and silently drop values: report them instead. openpyxl
    parses the XML through defusedxml when it is installed, as it is here."""
    from openpyxl import load_workbook

    try:
        formulas = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        values = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except READ_ERRORS:  # an unreadable workbook is reported by read_table
        return []
    problems: list[Problem] = []
    sheet_f, sheet_v = formulas.worksheets[0], values.worksheets[0]
    for row_f, row_v in zip(sheet_f.iter_rows(), sheet_v.iter_rows(), strict=False):
        for cell_f, cell_v in zip(row_f, row_v, strict=False):
            if (
                isinstance(cell_f.value, str)
                and cell_f.value.startswith("=")
                and cell_v.value is None
            ):
                problems.append(
                    Problem(
                        _("The cell holds a formula (%(formula)s) without a computed value.")
                        % {"formula": cell_f.value[:40]},
                        _(
                            "Open the file in Excel or LibreOffice and save it, or paste the "
                            "values instead of formulas."
                        ),
                        row=cell_f.row,
                        column=cell_f.column_letter,
                    )
                )
                if len(problems) >= 20:
                    return problems
    return problems


def read_table(content: bytes, filename: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The file's cells as text, with the first row as header."""
    name = (filename or "").lower()
    if not content or not content.strip():
        return None, [
            Problem(_("The file is empty."), _("Fill in the template and upload it again."))
        ]
    if name.endswith((".xlsx", ".xlsm", ".ods")):
        problem = _zip_problem(content)
        if problem is not None:
            return None, [problem]
    if not name.endswith((".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt")):
        return None, [
            Problem(
                _("This file type is not supported: %(name)s.") % {"name": filename},
                _("Save the table as CSV or as an Excel workbook (.xlsx)."),
            )
        ]
    try:
        if name.endswith((".csv", ".txt")):
            rows, problems = _csv_rows(content), []
        else:
            rows, problems = _workbook_rows(content, name)
    except READ_ERRORS:
        return None, [
            Problem(
                _("The file could not be read as a table."),
                _(
                    "Open it in Excel or LibreOffice and save it again as .xlsx "
                    "or CSV; check it is not password-protected."
                ),
            )
        ]
    if problems:
        return None, problems
    rows = [r for r in rows if any(c for c in r)]
    if rows and name.endswith((".csv", ".txt")):
        problem = _split_decimal_commas(rows)
        if problem is not None:
            return None, [problem]
    if len(rows) < 2:
        return None, [
            Problem(
                _("The file has no rows of data under the header."),
                _("Put the column names in the first row and the values under them."),
            )
        ]
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header = rows[0]
    return pd.DataFrame(rows[1:], columns=header), []


def _workbook_rows(content: bytes, name: str) -> tuple[list[list[str]], list[Problem]]:
    """A workbook's first sheet as rows of text; problems when formulas have no stored
    result."""
    raw = pd.read_excel(
        io.BytesIO(content),
        dtype=object,
        header=None,
        engine="calamine",
        keep_default_na=False,
        na_values=[],
    )
    rows = [[_cell_text(v) for v in r] for r in raw.itertuples(index=False)]
    # An uncomputed formula reads as an empty cell: only then is the (slower) formula scan
    # worth it.
    if name.endswith((".xlsx", ".xlsm")) and any(c == "" for r in rows for c in r):
        problems = _uncomputed_formulas(content)
        if problems:
            return rows, problems
    return rows, []


def _csv_rows(content: bytes) -> list[list[str]]:
    """A CSV file's rows of text, separated by whichever of ``;``, tab or ``,`` its first
    non-empty line has most."""
    text = decode_text(content)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max([";", "\t", ","], key=first.count)
    return [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _split_decimal_commas(rows: list[list[str]]) -> Problem | None:
    """More cells than headers: usually decimal commas in a comma-separated file ("1,5"
    read as 1 and 5). Reading on would silently shift or drop values."""
    header_width = len(rows[0])
    for number, r in enumerate(rows[1:], start=2):
        if len(r) > header_width and any(c for c in r[header_width:]):
            return Problem(
                _("This row has more cells than the header has columns."),
                _(
                    "Numbers with decimal commas in a comma-separated file split into two "
                    "cells. Save the file from Excel as CSV with semicolons, or use .xlsx."
                ),
                row=number,
            )
    return None


def _year_of_header(text: str) -> int | None:
    # Four to six digits: "20233" or "1800" is a year column with a wrong year (refused),
    # not a column to ignore.
    m = re.fullmatch(r"\s*(\d{4,6})(?:\.0+)?\s*", text)
    return int(m.group(1)) if m else None


def _classify_columns(header: list[str]) -> tuple[dict[str, int], dict[int, int], list[str]]:
    """(standard name -> column index, year column index -> year, unrecognised headers)."""
    found: dict[str, int] = {}
    years: dict[int, int] = {}
    unknown: list[str] = []
    for i, h in enumerate(header):
        key = str(h).strip().lower()
        std = next((s for s, names in HEADER_SYNONYMS.items() if key in names), None)
        if std and std not in found:
            found[std] = i
        elif (y := _year_of_header(key)) is not None:
            years[i] = y
        elif key:
            unknown.append(str(h))
    return found, years, unknown


def _area_of(text: str) -> str | None:
    key = text.strip().lower()
    for area, names in AREA_SYNONYMS.items():
        if key in names:
            return area
    return None


def count_errors(problems) -> int:
    """How many errors a (capped) list of problems, or of their dicts, stands for."""
    n = 0
    for p in problems:
        d = p if isinstance(p, dict) else p.as_dict()
        if d.get("severity") == "error":
            n += 1 + int(d.get("hidden") or 0)
    return n


def cap_problems(problems: list[Problem], limit: int = MAX_PROBLEMS) -> list[Problem]:
    """The first ``limit`` problems, then one line saying how many more there are."""
    if len(problems) <= limit:
        return problems
    rest = problems[limit:]
    errors = sum(1 for p in rest if p.severity == "error")
    return problems[:limit] + [
        Problem(
            _("… and %(n)d more problems, not listed.") % {"n": len(rest)},
            _(
                "Fix the problems above (often one cause repeats on many rows) and upload the "
                "file again."
            ),
            severity="error" if errors else "warning",
            hidden=max(errors - 1, 0),
        )
    ]


def parse_upload(content: bytes, filename: str) -> ParseResult:
    """Read, check and aggregate an upload; see the module docstring for the layouts.
    At most MAX_PROBLEMS problems are listed, then how many more there are."""
    result = _parse_upload(content, filename)
    result.problems = cap_problems(result.problems)
    return result


def _has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


@dataclass
class _Layout:
    """Where the upload's columns are: ``cols`` by role (area, sector, year, value),
    ``year_cols`` (column -> year) in the wide layout."""

    header: list[str]
    cols: dict[str, int]
    year_cols: dict[int, int]

    @property
    def wide(self) -> bool:
        return "year" not in self.cols and "value" not in self.cols and bool(self.year_cols)

    def name(self, i: int) -> str:
        """A column as the problems name it: its heading and its letter."""
        return f"{self.header[i]} ({_letter(i)})"


# A value read from the file: (row, area, code_text, year, value, column_of_value).
_Record = tuple[int, "str | None", str, "int | None", "float | None", int]


def _parse_upload(content: bytes, filename: str) -> ParseResult:
    table, problems = read_table(content, filename)
    if table is None:
        return ParseResult(None, problems)
    header = [str(c) for c in table.columns]
    table.columns = range(len(header))
    cols, year_cols, _unknown = _classify_columns(header)
    layout = _Layout(header, cols, year_cols)
    problems += _missing_columns(layout)
    if problems:
        return ParseResult(None, problems)
    if layout.wide:
        problems += _impossible_year_columns(layout)
        if problems:
            return ParseResult(None, problems)

    records, blank_rows, row_problems = _read_records(table, layout)
    problems += row_problems
    problems += _blank_rows_warning(blank_rows, records)
    if not records and not _has_errors(problems):
        problems.append(
            Problem(
                _("The file has no values."),
                _("Fill in at least one value per area, sector and year."),
            )
        )
    lookup, code_problems = _kved_codes(records, layout)
    problems += code_problems
    if _has_errors(problems):
        return ParseResult(None, problems, rows_read=len(records))

    frame = _classified(records, lookup)
    problems += _duplicates(frame, layout)
    problems += _nested_codes(frame, layout)
    problems += _missing_areas(frame)
    if _has_errors(problems):
        return ParseResult(None, problems, rows_read=len(records))

    out, level, aggregated = _aggregated(frame)
    problems.extend(_overflow_problems(frame, out, layout.name))
    if _has_errors(problems):
        return ParseResult(None, problems, rows_read=len(records))
    if aggregated:
        problems.append(
            Problem(
                _("%(n)d values at a finer KVED level were summed up to the %(level)s level.")
                % {"n": aggregated, "level": level_label(level)},
                _("Nothing to fix; check the totals in the preview."),
                severity="warning",
            )
        )
    problems += _coverage_warnings(out)
    return ParseResult(
        out[["area", "sector", "year", "value"]],
        problems,
        level=level,
        rows_read=len(records),
        aggregated=aggregated,
    )


def _missing_columns(layout: _Layout) -> list[Problem]:
    """A column the layout needs that the header lacks."""
    required = ["area", "sector"] + ([] if layout.wide else ["year", "value"])
    labels = {"area": _("area"), "sector": _("kved"), "year": _("year"), "value": _("value")}
    return [
        Problem(
            _("The column “%(column)s” is missing.") % {"column": labels[c]},
            _(
                "Name the columns as in the template: area, kved, year, value (or "
                "територія, квед, рік, значення); or put one column per year."
            ),
            row=1,
        )
        for c in required
        if c not in layout.cols
    ]


def _impossible_year_columns(layout: _Layout) -> list[Problem]:
    """A year column (wide layout) whose heading is no possible year."""
    return [
        Problem(
            _("The column “%(value)s” is not a possible year.") % {"value": layout.header[i]},
            _(
                "Years go from %(first)d to %(last)d; correct the column's heading or "
                "delete the column."
            )
            % {"first": MIN_YEAR, "last": max_year()},
            row=1,
            column=layout.name(i),
        )
        for i, y in layout.year_cols.items()
        if not MIN_YEAR <= y <= max_year()
    ]


def _read_records(
    table: pd.DataFrame, layout: _Layout
) -> tuple[list[_Record], list[int], list[Problem]]:
    """Every value of the file with its row, area, code and year; the rows of the long
    layout without a value (skipped); and the problems of each row, in row order."""
    records: list[_Record] = []
    blank_rows: list[int] = []
    problems: list[Problem] = []
    a_i, s_i = layout.cols["area"], layout.cols["sector"]
    for idx, r in enumerate(table.itertuples(index=False, name=None)):
        rowno = idx + 2
        if not any(r):
            continue
        area = _area_of(r[a_i])
        if area is None:
            problems.append(_area_problem(r[a_i], rowno, layout.name(a_i)))
        if not r[s_i]:
            problems.append(
                Problem(
                    _("The KVED code is empty."),
                    _(
                        "Write a KVED 2010 code: a section letter (C), a "
                        "division (10) or a class (10.71)."
                    ),
                    row=rowno,
                    column=layout.name(s_i),
                )
            )
        for vcol, year, vtext in _cells(r, layout):
            if not vtext:
                if not layout.wide:
                    blank_rows.append(rowno)
                continue
            if not layout.wide:
                year, problem = _year_of_cell(r[layout.cols["year"]], rowno, layout)
                problems += problem
                vcol = layout.cols["value"]
            value, problem = _value_of_cell(vtext, rowno, layout.name(vcol))
            problems += problem
            records.append((rowno, area, r[s_i], year, value, vcol))
    return records, blank_rows, problems


def _cells(r: tuple[str, ...], layout: _Layout) -> list[tuple[int, int | None, str]]:
    """(column, year, text) of each value of a row: one per year column (wide layout), or
    the value column with its year still to be read (long layout)."""
    if layout.wide:
        return [(yi, y, r[yi]) for yi, y in layout.year_cols.items()]
    return [(layout.cols["year"], None, r[layout.cols["value"]])]


def _area_problem(area_text: str, rowno: int, column: str) -> Problem:
    return Problem(
        _("“%(value)s” is not an area.") % {"value": area_text}
        if area_text
        else _("The area is empty."),
        _(
            "Write “municipality” (громада) for your municipality's values or "
            "“reference” (еталон) for Ukraine's or the oblast's."
        ),
        row=rowno,
        column=column,
    )


def _year_of_cell(ytext: str, rowno: int, layout: _Layout) -> tuple[int | None, list[Problem]]:
    """The year of a row of the long layout, or None and the problem."""
    year = None
    try:
        year = int(float(ytext.replace(",", ".")))
        if float(ytext.replace(",", ".")) != year:
            year = None
    except ValueError:
        pass
    if year is not None and MIN_YEAR <= year <= max_year():
        return year, []
    return None, [
        Problem(
            _("“%(value)s” is not a year.") % {"value": ytext}
            if ytext
            else _("The year is empty."),
            _("Write the year as four digits, e.g. 2021."),
            row=rowno,
            column=layout.name(layout.cols["year"]),
        )
    ]


def _value_of_cell(vtext: str, rowno: int, column: str) -> tuple[float | None, list[Problem]]:
    """The number of a value cell, or None and the problem (not a number; negative)."""
    value = parse_number(vtext)
    if value is None:
        return None, [
            Problem(
                _("“%(value)s” is not a number.") % {"value": vtext}
                if vtext
                else _("The value is empty."),
                _(
                    "Write a number such as 1234 or 1234,5 (no units or letters); "
                    "write 0 if there is none."
                ),
                row=rowno,
                column=column,
            )
        ]
    if value < 0:
        return None, [
            Problem(
                _("The value %(value)s is negative.") % {"value": vtext},
                _("Values by sector cannot be negative; check the sign."),
                row=rowno,
                column=column,
            )
        ]
    return value, []


def _blank_rows_warning(blank_rows: list[int], records: list[_Record]) -> list[Problem]:
    if not (blank_rows and records):
        return []
    shown = ", ".join(map(str, blank_rows[:20])) + (" …" if len(blank_rows) > 20 else "")
    return [
        Problem(
            _("%(n)d rows have no value and were skipped (rows %(rows)s).")
            % {"n": len(blank_rows), "rows": shown},
            _("Write 0 where the value is zero; leave the cell empty only where it is not known."),
            severity="warning",
        )
    ]


def _kved_codes(
    records: list[_Record], layout: _Layout
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The classifier's entry of each code text (by ``input``), and a problem for each
    row with a code that is not in KVED 2010."""
    texts = sorted({rec[2] for rec in records if rec[2]})
    lookup = kved_lookup(texts).set_index("input") if texts else None
    bad_codes = {t for t in texts if lookup is not None and pd.isna(lookup.loc[t, "code"])}
    problems = []
    seen_bad: set[tuple[int, str]] = set()
    for rec in records:
        if rec[2] in bad_codes and (rec[0], rec[2]) not in seen_bad:
            seen_bad.add((rec[0], rec[2]))
            problems.append(
                Problem(
                    _("“%(code)s” is not a KVED 2010 code.") % {"code": rec[2]},
                    _(
                        "Use a section letter (A-U), a division (01-99) or a class such as "
                        "10.71, as in the KVED 2010 classifier; format the column as text in "
                        "Excel so that 01.10 is not turned into 1.1."
                    ),
                    row=rec[0],
                    column=layout.name(layout.cols["sector"]),
                )
            )
    return lookup, problems


def _classified(records: list[_Record], lookup: pd.DataFrame | None) -> pd.DataFrame:
    """The records as a frame with each code's KVED code, level, section and division."""
    frame = pd.DataFrame(records, columns=["row", "area", "input", "year", "value", "vcol"])
    assert lookup is not None  # records without errors have codes
    info = lookup.loc[frame["input"]].reset_index(drop=True)
    frame["code"] = info["code"].to_numpy()
    frame["level"] = info["level"].to_numpy()
    frame["section"] = info["section"].to_numpy()
    frame["division"] = info["division"].to_numpy()
    return frame


def _duplicates(frame: pd.DataFrame, layout: _Layout) -> list[Problem]:
    """The same code, area and year twice."""
    problems = []
    dup = frame[frame.duplicated(["area", "code", "year"], keep=False)]
    for (_area, code, year), grp in dup.groupby(["area", "code", "year"], sort=True):
        rows = grp["row"].tolist()
        problems.append(
            Problem(
                _("KVED %(code)s, %(year)s is given %(n)d times (rows %(rows)s).")
                % {"code": code, "year": year, "n": len(rows), "rows": ", ".join(map(str, rows))},
                _("Keep one row per area, sector and year; delete or sum the others."),
                row=rows[1],
                column=layout.name(layout.cols["sector"]),
            )
        )
    return problems


def _ancestors(row: pd.Series) -> list[str]:
    """The KVED codes above a row's code (none for a section)."""
    out = [row["section"]]
    if row["level"] in ("group", "class"):
        out.append(row["division"])
    if row["level"] == "class":
        out.append(row["code"][:4])
    return out if row["level"] != "section" else []


def _nested_codes(frame: pd.DataFrame, layout: _Layout) -> list[Problem]:
    """A code and one of its parents together would count the same jobs twice."""
    problems = []
    present = set(zip(frame["area"], frame["code"], frame["year"], strict=True))
    for _i, row in frame.iterrows():
        for parent in _ancestors(row):
            if (row["area"], parent, row["year"]) in present:
                problems.append(
                    Problem(
                        _(
                            "KVED %(code)s is inside %(parent)s, which is also given for "
                            "%(year)s: the same activity would be counted twice."
                        )
                        % {"code": row["code"], "parent": parent, "year": row["year"]},
                        _("Give either the total (%(parent)s) or its parts, not both.")
                        % {"parent": parent},
                        row=int(row["row"]),
                        column=layout.name(layout.cols["sector"]),
                    )
                )
                break
    return problems


def _missing_areas(frame: pd.DataFrame) -> list[Problem]:
    """The municipality or the reference without any value."""
    return [
        Problem(
            _("There are no values for %(area)s.") % {"area": label},
            _(
                "Add rows for both areas: “municipality” and “reference” (Ukraine or the "
                "oblast); the diagnosis compares the two."
            ),
        )
        for area, label in (("local", _("your municipality")), ("reference", _("the reference")))
        if not (frame["area"] == area).any()
    ]


def _aggregated(frame: pd.DataFrame) -> tuple[pd.DataFrame, str, int]:
    """Every code summed up to the coarsest level present: (area, sector, year, value),
    the level, and how many values were summed from a finer level. Adds ``sector`` to
    ``frame``."""
    level = min(frame["level"], key=LEVELS.index)
    if level == "section":
        target = frame["section"]
    elif level == "division":
        target = frame["division"]
    elif level == "group":
        target = frame["code"].str.slice(0, 4)
    else:
        target = frame["code"]
    aggregated = int((frame["level"] != level).sum())
    frame["sector"] = target
    out = frame.groupby(["area", "sector", "year"], as_index=False, sort=True)["value"].sum()
    out["year"] = out["year"].astype(int)
    return out, level, aggregated


def _coverage_warnings(out: pd.DataFrame) -> list[Problem]:
    """Coverage checks that do not block the import: local values the reference lacks,
    local values larger than the reference's, years that differ."""
    local = out[out["area"] == "local"].set_index(["sector", "year"])["value"]
    ref = out[out["area"] == "reference"].set_index(["sector", "year"])["value"]
    missing_ref = [k for k in local.index if k not in ref.index and local[k] > 0]
    problems = [
        Problem(
            _(
                "The reference has no value for KVED %(code)s in %(year)s, which your "
                "municipality has."
            )
            % {"code": sector, "year": year},
            _(
                "Add the reference's value, or location quotients for this sector cannot "
                "be computed."
            ),
            severity="warning",
        )
        for sector, year in missing_ref[:20]
    ]
    bigger = [k for k in local.index if k in ref.index and local[k] > ref[k]]
    problems += [
        Problem(
            _(
                "Your municipality's value for KVED %(code)s in %(year)s is larger than the "
                "reference's."
            )
            % {"code": sector, "year": year},
            _(
                "The reference (Ukraine or the oblast) should include your municipality; "
                "check the two rows were not swapped."
            ),
            severity="warning",
        )
        for sector, year in bigger[:20]
    ]
    ly, ry = set(local.index.get_level_values(1)), set(ref.index.get_level_values(1))
    if ly != ry:
        problems.append(
            Problem(
                _(
                    "The years differ between your municipality (%(local)s) and the reference "
                    "(%(ref)s)."
                )
                % {
                    "local": ", ".join(map(str, sorted(ly))),
                    "ref": ", ".join(map(str, sorted(ry))),
                },
                _("The diagnosis uses only the years both have."),
                severity="warning",
            )
        )
    return problems


def _overflow_problems(frame: pd.DataFrame, out: pd.DataFrame, colname) -> list[Problem]:
    """Sums no computer number holds (two values of 1e308 in one section, or a year's
    total), named by the rows and column that make them."""
    import numpy as np

    problems = []
    totals = out.groupby(["area", "year"])["value"].sum()
    bad_cells = out[~np.isfinite(out["value"])]
    bad_years = totals[~np.isfinite(totals.to_numpy())]
    with np.errstate(all="ignore"):
        for (area, year), _v in bad_years.items():
            part = frame[(frame["area"] == area) & (frame["year"] == year)]
            cell = bad_cells[(bad_cells["area"] == area) & (bad_cells["year"] == year)]
            if not cell.empty:
                part = part[part["sector"].isin(cell["sector"])]
            rows = sorted(part["row"].astype(int).tolist())
            shown = ", ".join(map(str, rows[:20])) + (" …" if len(rows) > 20 else "")
            problems.append(
                Problem(
                    _(
                        "The values of rows %(rows)s add up to a number too large to compute with "
                        "(%(year)s)."
                    )
                    % {"rows": shown, "year": year},
                    _(
                        "Check the values: they are far larger than any economy; perhaps a unit "
                        "or a column is wrong."
                    ),
                    row=rows[0] if rows else None,
                    column=colname(int(part["vcol"].iloc[0])) if len(part) else None,
                )
            )
    return problems


def level_label(level: str) -> str:
    return {
        "section": _("section"),
        "division": _("division"),
        "group": _("group"),
        "class": _("class"),
    }.get(level, level)


# --- Templates --------------------------------------------------------------------------

TEMPLATE_HEADERS = {
    "uk": ["територія", "квед", "назва", "рік", "значення"],
    "en": ["area", "kved", "name", "year", "value"],
}
TEMPLATE_AREAS = {"uk": ("громада", "еталон"), "en": ("municipality", "reference")}


def template_frame(lang: str, reference: dict | None = None) -> pd.DataFrame:
    """An example table in the long layout: every KVED section, two years, both areas.
    ``reference`` ({(section, year): value}, e.g. Ukraine's values the municipality already
    imported) fills the reference rows it has."""
    from hromada.refdata import kved

    lang = lang if lang in TEMPLATE_HEADERS else "en"
    sections = kved().query("level == 'section'")
    local_name, ref_name = TEMPLATE_AREAS[lang]
    rows = []
    for area in (local_name, ref_name):
        for year in (2021, 2022):
            for _i, s in sections.iterrows():
                name = s["name_uk"] if lang == "uk" else s["name_en"].capitalize()
                value = (reference or {}).get((s["code"], year), "") if area == ref_name else ""
                rows.append([area, s["code"], name, year, value])
    return pd.DataFrame(rows, columns=TEMPLATE_HEADERS[lang])


def template_csv_bytes(lang: str, reference: dict | None = None) -> bytes:
    """The template as Excel in a Ukrainian locale writes CSV: cp1251 for uk, ';'."""
    from hromada.core.exports import write_csv

    frame = template_frame(lang, reference)
    if lang == "uk":  # decimal commas, as Excel in a Ukrainian locale writes them
        col = TEMPLATE_HEADERS["uk"][-1]
        frame[col] = [f"{v:g}".replace(".", ",") if isinstance(v, float) else v for v in frame[col]]
    text = write_csv(frame, None, index=False, sep=";")
    if lang == "uk":
        return text.encode("cp1251", errors="replace")
    return ("\ufeff" + text).encode("utf-8")


def template_about(lang: str, source) -> pd.DataFrame:
    """The template's second sheet: where its reference values come from."""
    from django.utils import translation

    with translation.override(lang):
        if source is not None:
            note = _(
                "The reference rows carry Ukraine's values by KVED section from your "
                "dataset “%(name)s” (source: %(source)s) for the years it has; "
                "check them and fill in the others."
            ) % {"name": source.name, "source": source.source or "—"}
        else:
            note = _(
                "The application has no national values by KVED section yet: fill "
                "in the reference rows with Ukraine's (or the oblast's) values from "
                "the State Statistics Service, for the same measure and years as "
                "your municipality's."
            )
        return pd.DataFrame({_("Note"): [note]})
