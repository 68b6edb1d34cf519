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

API = "https://api.openbudget.gov.ua/api/public/localBudgetData"
TIMEOUT = 20  # seconds per attempt
RETRIES = 3
urlopen = urllib.request.urlopen  # replaced in tests


class FetchError(Exception):
    """The answer could not be fetched; the message says why, for the user."""


def answer_url(budget_code: str, year: int, item: str = "INCOMES") -> str:
    params = {"budgetCode": budget_code, "budgetItem": item, "period": "MONTH",
              "year": str(int(year))}
    if item == "EXPENSES":
        params["classificationType"] = "ECONOMIC"
    return f"{API}?{urllib.parse.urlencode(params)}"


def fetch_answer(budget_code: str, year: int, *, item: str = "INCOMES",
                 retries: int = RETRIES, timeout: float = TIMEOUT,
                 pause: float = 1.0) -> bytes:
    """The API's answer (bytes, as it comes) for one budget and year."""
    url = answer_url(budget_code, year, item)
    last: Exception | None = None
    for attempt in range(retries):
        try:
            with urlopen(urllib.request.Request(url, headers={"User-Agent": "hromada"}),
                         timeout=timeout) as response:
                content = response.read()
            if not content.strip():
                raise FetchError(_("OpenBudget answered with no data for budget %(code)s in "
                                   "%(year)s.") % {"code": budget_code, "year": year})
            return content
        except FetchError:
            raise
        except urllib.error.HTTPError as exc:
            last = exc
            if exc.code < 500 and exc.code != 429:
                raise FetchError(_("OpenBudget refused the request (HTTP %(status)s). Check "
                                   "the budget code %(code)s.") % {"status": exc.code,
                                                                    "code": budget_code}) from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            last = exc
        if attempt + 1 < retries:
            time.sleep(pause * 2 ** attempt)
    raise FetchError(_("No connection to OpenBudget (api.openbudget.gov.ua) after %(n)s "
                       "attempts: %(reason)s. Work offline with the data you have, or "
                       "download the answer elsewhere and import the file.")
                     % {"n": retries, "reason": getattr(last, "reason", last)})
