"""Fetching a budget's monthly execution from the OpenBudget API when online.

``GET https://api.openbudget.gov.ua/api/public/localBudgetData?budgetCode=..&budgetItem=
INCOMES&period=MONTH&year=..`` answers CSV (``;``, windows-1251). Timeouts and retries
with back-off; no connection gives :class:`FetchError` with a plain message. Tests
replace ``urlopen`` with recorded answers; they never use the network.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request

from django.utils.translation import gettext as _

from hromada.econ.budget_monthly import normalise_budget_code
from hromada.refdata.tabular import csv_separator, decode_text

API = "https://api.openbudget.gov.ua/api/public/localBudgetData"
TIMEOUT = 20  # seconds per attempt
RETRIES = 3
urlopen = urllib.request.urlopen  # replaced in tests


class FetchError(Exception):
    """The answer could not be fetched; the message says why, for the user."""


def answer_url(budget_code: str, year: int, item: str = "INCOMES") -> str:
    params = {
        "budgetCode": budget_code,
        "budgetItem": item,
        "period": "MONTH",
        "year": str(int(year)),
    }
    if item == "EXPENSES":
        params["classificationType"] = "ECONOMIC"
    return f"{API}?{urllib.parse.urlencode(params)}"


def fetch_answer(
    budget_code: str,
    year: int,
    *,
    item: str = "INCOMES",
    retries: int = RETRIES,
    timeout: float = TIMEOUT,
    pause: float = 1.0,
) -> bytes:
    """The API's answer (bytes, as it comes) for one budget and year."""
    url = answer_url(budget_code, year, item)
    last: Exception | None = None
    for attempt in range(retries):
        try:
            with urlopen(
                urllib.request.Request(url, headers={"User-Agent": "hromada"}), timeout=timeout
            ) as response:
                content = response.read()
            if not content.strip():
                raise FetchError(
                    _("OpenBudget answered with no data for budget %(code)s in %(year)s.")
                    % {"code": budget_code, "year": year}
                )
            return content
        except FetchError:
            raise
        except urllib.error.HTTPError as exc:
            last = exc
            if exc.code < 500 and exc.code != 429:
                raise FetchError(
                    _(
                        "OpenBudget refused the request (HTTP %(status)s). Check "
                        "the budget code %(code)s."
                    )
                    % {"status": exc.code, "code": budget_code}
                ) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            last = exc
        if attempt + 1 < retries:
            time.sleep(pause * 2**attempt)
    raise FetchError(
        _(
            "No connection to OpenBudget (api.openbudget.gov.ua) after %(n)s "
            "attempts: %(reason)s. Work offline with the data you have, or "
            "download the answer elsewhere and import the file."
        )
        % {"n": retries, "reason": getattr(last, "reason", last)}
    )


BUDGET_LIST = "https://openbudget.gov.ua/api/localBudgets/aboutBudgets/plain/CSV"


def fetch_budget_list(
    *, retries: int = RETRIES, timeout: float = TIMEOUT, pause: float = 1.0
) -> bytes:
    """OpenBudget's list of local budgets (columns ``budgetCode``, ``budgetName``,
    ``katottg``; older lists ``koatuu``), as it comes."""
    last: Exception | None = None
    for attempt in range(retries):
        try:
            with urlopen(
                urllib.request.Request(BUDGET_LIST, headers={"User-Agent": "hromada"}),
                timeout=timeout,
            ) as response:
                return response.read()
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            last = exc
        if attempt + 1 < retries:
            time.sleep(pause * 2**attempt)
    raise FetchError(
        _(
            "No connection to OpenBudget (openbudget.gov.ua) after %(n)s "
            "attempts: %(reason)s. Pass the budget code yourself."
        )
        % {"n": retries, "reason": getattr(last, "reason", last)}
    )


def budget_codes_of_hromada(content: bytes, katottg: str) -> list[str]:
    """The 10-digit budget codes the list ties to the hromada ``katottg`` (the budget of the
    hromada itself: its code's KATOTTG equals the hromada's)."""
    import io

    import pandas as pd

    text = decode_text(content)
    table = pd.read_csv(
        io.StringIO(text),
        sep=csv_separator(text[:4096].split("\n", 1)[0]),
        dtype=str,
        keep_default_na=False,
    )
    cols = {c.strip().lower(): c for c in table.columns}
    if "budgetcode" not in cols or "katottg" not in cols:
        return []
    rows = table[table[cols["katottg"]].str.strip() == katottg]
    codes = rows[cols["budgetcode"]].str.strip()
    codes = codes[codes.str.fullmatch(r"\d{9,11}")]
    return sorted(set(normalise_budget_code(codes))) if len(codes) else []
