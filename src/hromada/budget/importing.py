"""Reading a monthly budget-execution file: the OpenBudget ``localBudgetData`` answer as the
API gives it (``;``-separated, windows-1251, amounts cumulative from January; incomes, or
expenses by economic classification) or a BOOST export (xlsx, monthly amounts).

Bytes in, the tidy monthly frame of :mod:`hromada.econ.budget_monthly` and a list of
problems out, each named by row and column in the active language. Checks are vectorised
(a 228,000-row file is read in about two seconds).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from hromada.econ.budget_monthly import CODE_COLUMNS, FUNDS, from_boost, from_openbudget
from hromada.econ.errors import HromadaDataError
from hromada.economy.importing import READ_ERRORS, Problem, _zip_problem
from hromada.refdata.tabular import csv_separator, decode_text

#: At most this many rows are listed for one kind of problem.
MAX_LISTED = 20
MAX_BYTES = 60 * 1024 * 1024


@dataclass
class MonthlyParse:
    frame: pd.DataFrame | None  # TIDY_COLUMNS
    layout: str = ""
    item: str = "incomes"
    problems: list[Problem] = field(default_factory=list)
    left_out: int = 0  # rows of other budgets left out

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return self.frame is not None and not self.errors


#: Long text columns of the answers that the product does not use (names of codes).
UNUSED = {"NAME_INC", "COD_CONS_EK_NAME", "NAME_FIN"}


def read_answer(content: bytes, filename: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The file's cells as text (CSV in UTF-8 or windows-1251, ``;`` or ``,``; gzip; xlsx)."""
    name = (filename or "").lower()
    if not content or not content.strip():
        return None, [
            Problem(
                _("The file is empty."),
                _(
                    "Save the OpenBudget answer (CSV) or the BOOST export (XLSX) "
                    "and upload it again."
                ),
            )
        ]
    if len(content) > MAX_BYTES:
        return None, [
            Problem(
                _("The file is larger than 60 MB."),
                _("Upload one hromada's answer, not a whole export."),
            )
        ]
    try:
        if name.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
            problem = _zip_problem(content) if name.endswith((".xlsx", ".xlsm", ".ods")) else None
            if problem is not None:
                return None, [problem]
            table = pd.read_excel(
                io.BytesIO(content), dtype=str, engine="calamine", keep_default_na=False
            )
        else:
            text = decode_text(content)
            table = pd.read_csv(
                io.StringIO(text),
                sep=csv_separator(text[:4096].split("\n", 1)[0]),
                dtype=str,
                keep_default_na=False,
                quotechar='"',
                usecols=lambda c: str(c).strip().upper() not in UNUSED,
            )
    except READ_ERRORS:  # the file's fault (see economy.importing.READ_ERRORS), reported
        return None, [
            Problem(
                _("The file could not be read as a table."),
                _("Upload the CSV exactly as OpenBudget gives it, or the BOOST workbook (.xlsx)."),
            )
        ]
    table.columns = [str(c).strip() for c in table.columns]
    if table.empty:
        return None, [
            Problem(
                _("The file has no rows of data under the header."),
                _("Check that you saved the whole answer."),
            )
        ]
    return table, []


def _listed(
    mask: np.ndarray, message: str, fix: str, column: str, values: pd.Series | None = None
) -> list[Problem]:
    rows = np.flatnonzero(mask)
    out = []
    for i in rows[:MAX_LISTED]:
        text = message % {"value": values.iloc[i]} if values is not None else message
        out.append(Problem(text, fix, row=int(i) + 2, column=column))
    if len(rows) > MAX_LISTED:
        out.append(
            Problem(
                _("%(n)s more rows have the same problem in column %(column)s.")
                % {"n": len(rows) - MAX_LISTED, "column": column},
                fix,
                column=column,
            )
        )
    return out


_PERIOD = re.compile(r"^(\d{4}-\d{1,2}(-\d{1,2})?([ T].*)?|(\d{1,2}\.)?\d{1,2}\.\d{4}|\d{6})$")


def _check_openbudget(t: pd.DataFrame) -> list[Problem]:
    problems: list[Problem] = []
    fund = t["FUND_TYP"].str.strip().str.upper()
    problems += _listed(
        ~fund.isin(list(FUNDS)).to_numpy(),
        _("Not a fund: %(value)s."),
        _("The fund is C (general), S (special) or T (total)."),
        "FUND_TYP",
        t["FUND_TYP"],
    )
    period = t["REP_PERIOD"].str.strip()
    problems += _listed(
        ~period.str.match(_PERIOD).to_numpy(),
        _("Not a month: %(value)s."),
        _("Write the month as 31.01.2024, 01.2024 or 2024-01-31."),
        "REP_PERIOD",
        t["REP_PERIOD"],
    )
    budget = t["COD_BUDGET"].str.strip().str.replace(r"\.0$", "", regex=True)
    bad = ~budget.str.fullmatch(r"\d{9,10}|\d{10}0").to_numpy()
    problems += _listed(
        bad,
        _("Not a budget code: %(value)s."),
        _("The budget code has 10 digits (or 11 ending in 0), e.g. 2055400000."),
        "COD_BUDGET",
        t["COD_BUDGET"],
    )
    code_col = next(c for c in CODE_COLUMNS if c in t.columns)
    code = t[code_col].str.strip()
    problems += _listed(
        ~code.str.fullmatch(r"\d{4,8}").to_numpy(),
        _("Not a budget classification code: %(value)s."),
        _("Income codes have 8 digits (e.g. 11010100)."),
        code_col,
        t[code_col],
    )
    amount = (
        t["FAKT_AMT"]
        .str.strip()
        .str.replace("\u00a0", "")
        .str.replace(" ", "")
        .str.replace(",", ".", regex=False)
        .replace("", "0")
    )
    bad = pd.to_numeric(amount, errors="coerce").isna().to_numpy()
    problems += _listed(
        bad,
        _("Not an amount: %(value)s."),
        _("Write the amount in UAH as a number."),
        "FAKT_AMT",
        t["FAKT_AMT"],
    )
    return problems


def parse_monthly(
    content: bytes, filename: str, *, budget_codes: list[str] | None = None
) -> MonthlyParse:
    """Check and read a monthly budget-execution file.

    ``budget_codes``: the 10-digit codes of the hromada's budget when known (the 25 bundled
    cities); rows of other budgets are then left out with a warning (the 25 cities' file
    can be imported for one of them). When not known, the file must hold one budget.
    """
    table, problems = read_answer(content, filename)
    if table is None:
        return MonthlyParse(None, problems=problems)
    upper = {c.upper(): c for c in table.columns}
    table = table.rename(columns={v: k for k, v in upper.items()})
    layout, item = _layout(table)
    if layout == "openbudget":
        missing = _missing_openbudget_columns(table)
        if missing:
            return MonthlyParse(None, problems=missing)
        problems = _check_openbudget(table)
        if problems:
            return MonthlyParse(None, layout, item, problems)
    try:
        tidy = from_boost(table) if layout == "boost" else from_openbudget(table)
    except HromadaDataError as exc:  # a problem the checks above did not foresee
        return MonthlyParse(
            None,
            layout,
            item,
            [
                Problem(
                    _("The file could not be read: %(reason)s") % {"reason": str(exc)},
                    _("Check the file against the OpenBudget answer's layout."),
                )
            ],
        )
    mine, budget_problems, left_out = _own_budget(tidy, budget_codes)
    problems += budget_problems
    return MonthlyParse(mine, layout, item, problems, left_out if mine is not None else 0)


def _layout(table: pd.DataFrame) -> tuple[str, str]:
    """(layout, item): a BOOST export of incomes, or an OpenBudget answer of incomes or of
    expenses by economic classification."""
    if "INCO4" in table.columns or "ADMIN4" in table.columns:
        return "boost", "incomes"
    return "openbudget", "expenses" if "COD_CONS_EK" in table.columns else "incomes"


def _missing_openbudget_columns(table: pd.DataFrame) -> list[Problem]:
    needed = ["REP_PERIOD", "FUND_TYP", "COD_BUDGET", "FAKT_AMT"]
    missing = [c for c in needed if c not in table.columns]
    if not any(c in table.columns for c in CODE_COLUMNS):
        missing.append("COD_INCO")
    if not missing:
        return []
    return [
        Problem(
            _("The columns %(columns)s are missing.") % {"columns": ", ".join(missing)},
            _(
                "Upload the OpenBudget answer (localBudgetData, INCOMES by month, or "
                "EXPENSES by ECONOMIC classification) as it comes, or a BOOST export with "
                "the columns INCO4, ADMIN4 and 2021_1_EXECUTED ..."
            ),
        )
    ]


def _own_budget(
    tidy: pd.DataFrame, budget_codes: list[str] | None
) -> tuple[pd.DataFrame | None, list[Problem], int]:
    """The rows of the hromada's own budget (None when there are none, or when the file
    holds several budgets and the hromada's codes are not known), the problems, and how
    many values of other budgets were left out."""
    found = sorted(tidy["budget"].unique())
    if not budget_codes:
        if len(found) > 1:
            return (
                None,
                [
                    Problem(
                        _("The file holds %(n)s budgets (%(found)s).")
                        % {"n": len(found), "found": ", ".join(found[:5])},
                        _("Upload the answer for your own budget only."),
                        column="COD_BUDGET",
                    )
                ],
                0,
            )
        return tidy, [], 0
    mine = tidy["budget"].isin(budget_codes)
    left_out = int((~mine).sum())
    if not mine.any():
        return (
            None,
            [
                Problem(
                    _(
                        "The file has no rows of your hromada's budget (%(codes)s); it holds "
                        "%(found)s."
                    )
                    % {"codes": ", ".join(budget_codes), "found": ", ".join(found[:5])},
                    _("Ask OpenBudget for your own budget code."),
                    column="COD_BUDGET",
                )
            ],
            left_out,
        )
    problems = []
    if left_out:
        problems.append(
            Problem(
                _("%(n)s monthly values of other budgets were left out.") % {"n": left_out},
                "",
                column="COD_BUDGET",
                severity="warning",
            )
        )
    return tidy[mine].reset_index(drop=True), problems, left_out
