"""Reading a hromada's own budget-execution file (the KSE / OpenBudget layout: one row per
hromada and year, revenues in UAH by source), so it can add years the reference data folder
lacks or use newer figures than it holds.

Pure: bytes in, a frame of the hromada's years and a list of problems out. Files are read
by the same reader as economic data (encodings, separators, decimal commas, zip-bomb guard).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
from django.utils.translation import gettext as _

from hromada.econ.fiscal import KSE_COLUMNS
from hromada.economy.importing import Problem, parse_number, read_table

#: The columns a file must have (KSE names); the other revenue sources are optional.
REQUIRED = (
    "year",
    "income_total",
    "income_transfert",
    "income_own",
    "income_pdfo",
    "income_military",
)
REVENUE_COLUMNS = tuple(v for k, v in KSE_COLUMNS.items() if k not in ("hromada", "year"))
MIN_YEAR, MAX_YEAR = 2015, 2100


@dataclass
class BudgetParse:
    frame: pd.DataFrame | None  # columns: year and the revenue columns present
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return self.frame is not None and not self.errors


def parse_budget(content: bytes, filename: str, *, code: str) -> BudgetParse:
    """Check a budget-execution file for the hromada ``code``; see the module docstring."""
    table, problems = read_table(content, filename)
    if table is None:
        return BudgetParse(None, problems)
    table.columns = [str(c).strip().lower() for c in table.columns]
    missing = _missing_columns(table)
    if missing:
        return BudgetParse(None, missing)
    rows = []
    for index, row in table.iterrows():
        number = int(index) + 2  # the spreadsheet's row number (header = 1)
        values, row_problems = _row_values(row, number, code=code, columns=table.columns)
        problems += row_problems
        if values is not None:
            rows.append((number, values))
    problems += _repeated_years(rows)
    if not rows and not problems:
        problems.append(
            Problem(_("The file has no rows for your hromada."), _("Add one row per year."))
        )
    problems += _totals_that_differ(rows)
    frame = pd.DataFrame([v for _n, v in rows]) if rows else None
    return BudgetParse(frame, problems)


_Row = tuple[int, dict[str, float]]  # (row number, year and revenues)


def _missing_columns(table: pd.DataFrame) -> list[Problem]:
    missing = [c for c in REQUIRED if c not in table.columns]
    if not missing:
        return []
    return [
        Problem(
            _("The columns %(columns)s are missing.") % {"columns": ", ".join(missing)},
            _(
                "Use the column names of the budget-execution layout: year, income_total, "
                "income_transfert, income_own, income_pdfo, income_military (and optionally "
                "the other income_* sources)."
            ),
        )
    ]


def _row_values(
    row: pd.Series, number: int, *, code: str, columns: pd.Index
) -> tuple[dict[str, float] | None, list[Problem]]:
    """One row's year and revenues, or None when the row is another hromada's or has no
    valid year; and the row's problems."""
    other = str(row.get("hromada_code", "") or "").strip()
    if other and other != code:
        return None, [
            Problem(
                _("This row is for another hromada (%(other)s).") % {"other": other},
                _("Upload only your own hromada's rows (%(code)s).") % {"code": code},
                row=number,
                column="hromada_code",
            )
        ]
    year = parse_number(str(row["year"]))
    if year is None or not year.is_integer() or not MIN_YEAR <= year <= MAX_YEAR:
        return None, [
            Problem(
                _("The year is not valid: %(value)s.") % {"value": row["year"]},
                _("Write the year as four digits, e.g. 2024."),
                row=number,
                column="year",
            )
        ]
    values: dict[str, float] = {"year": int(year)}
    problems = []
    for column in REVENUE_COLUMNS:
        if column not in columns:
            continue
        value, problem = _amount(str(row[column]).strip(), number, column)
        problems += problem
        if value is not None:
            values[column] = value
    return values, problems


def _amount(text: str, number: int, column: str) -> tuple[float | None, list[Problem]]:
    """A revenue cell: its amount, or None (empty, or not a non-negative number) and the
    problem (an empty optional column is no problem)."""
    if not text:
        if column not in REQUIRED:
            return None, []
        return None, [
            Problem(
                _("The value is empty."),
                _("Write 0 where the revenue was zero."),
                row=number,
                column=column,
            )
        ]
    value = parse_number(text)
    if value is None or value < 0:
        return None, [
            Problem(
                _("Not a non-negative amount: %(value)s.") % {"value": text},
                _("Write the amount in UAH, without units."),
                row=number,
                column=column,
            )
        ]
    return value, []


def _repeated_years(rows: list[_Row]) -> list[Problem]:
    years = pd.Series([v["year"] for _n, v in rows])
    return [
        Problem(
            _("The year %(year)s appears more than once.") % {"year": values["year"]},
            _("Keep one row per year."),
            row=number,
            column="year",
        )
        for number, values in rows
        if (years == values["year"]).sum() > 1
    ]


def _totals_that_differ(rows: list[_Row]) -> list[Problem]:
    """A warning where own revenue plus transfers is not the total (within 1 %)."""
    problems = []
    for number, values in rows:
        total, own, transfers = (
            values.get(c) for c in ("income_total", "income_own", "income_transfert")
        )
        if (
            total is not None
            and own is not None
            and transfers is not None
            and total > 0
            and abs(own + transfers - total) > 0.01 * total
        ):
            problems.append(
                Problem(
                    _("Own revenue plus transfers differs from the total by more than 1 %."),
                    _("Check the figures; the file is imported as it is."),
                    row=number,
                    severity="warning",
                )
            )
    return problems
