"""Writes: importing or fetching a hromada's monthly budget execution (all-or-nothing,
versioned) and saving the forecast assumptions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from django.db import transaction

from hromada.budget.fetch import fetch_answer
from hromada.budget.importing import MonthlyParse, parse_monthly
from hromada.budget.models import MonthlyBudget, PulseAssumptions
from hromada.budget.selectors import budget_codes_for, frame_of, reference_rows

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from hromada.workspaces.models import Municipality


def _store(
    *,
    municipality: Municipality,
    parse: MonthlyParse,
    filename: str,
    source: str,
    by: User | None,
    layout: str | None = None,
) -> MonthlyBudget:
    """Store the months of ``parse``: they replace the same months of what is stored (or,
    the first time, of the bundled OpenBudget data of the hromada's city); the other months
    stay, so importing or fetching one year keeps the history the forecast needs."""
    tidy = parse.frame
    if tidy is None:
        raise ValueError("only a parse without errors is stored")
    record = MonthlyBudget.objects.filter(municipality=municipality, item=parse.item).first()
    if record is not None:
        old = frame_of(record)
    elif parse.item == "incomes":
        old = reference_rows(municipality)
    else:
        old = None
    if old is not None and len(old):
        old = old[~old["month"].isin(tidy["month"].unique())]
        tidy = pd.concat([old[list(tidy.columns)], tidy], ignore_index=True)
    if record is None:
        record = MonthlyBudget(municipality=municipality, item=parse.item, created_by=by)
    tidy = tidy.sort_values(["fund", "code", "month"])
    record.layout = layout or parse.layout
    record.budget_codes = ",".join(sorted(tidy["budget"].unique()))[:200]
    record.first_month = tidy["month"].min().date()
    record.last_month = tidy["month"].max().date()
    record.rows = len(tidy)
    record.data = {
        "budget": tidy["budget"].tolist(),
        "fund": tidy["fund"].tolist(),
        "code": tidy["code"].tolist(),
        "month": tidy["month"].dt.strftime("%Y-%m").tolist(),
        "amount": [round(float(a), 2) for a in tidy["amount"]],
    }
    record.filename, record.source = filename[:255], source[:300]
    record._history_user = by
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def monthly_budget_import(
    *,
    municipality: Municipality,
    content: bytes,
    filename: str,
    source: str = "",
    by: User | None = None,
) -> MonthlyParse:
    """Import an OpenBudget answer or a BOOST export for the hromada; all-or-nothing.

    Returns the parse result; nothing is stored when it has errors. The file's months
    replace the same months already stored (the other months stay); the earlier figures
    stay in the version history."""
    parse = parse_monthly(content, filename, budget_codes=budget_codes_for(municipality.code))
    if parse.ok:
        _store(municipality=municipality, parse=parse, filename=filename, source=source, by=by)
    return parse


@transaction.atomic
def monthly_budget_fetch(
    *,
    municipality: Municipality,
    budget_code: str,
    years: list[int],
    by: User | None = None,
    fetcher=None,
) -> MonthlyParse:
    """Fetch the INCOMES answers of ``years`` from the OpenBudget API and store them
    (their months replace the same months already stored). Raises ``FetchError`` when
    offline."""
    fetcher = fetcher or fetch_answer
    parts = []
    for year in years:
        content = fetcher(budget_code, year)
        parse = parse_monthly(
            content,
            f"openbudget_{budget_code}_{year}.csv",
            budget_codes=budget_codes_for(municipality.code) or None,
        )
        if not parse.ok:
            return parse
        parts.append(parse)
    merged = MonthlyParse(
        pd.concat([p.frame for p in parts], ignore_index=True),
        "openbudget",
        "incomes",
        [q for p in parts for q in p.problems],
    )
    _store(
        municipality=municipality,
        parse=merged,
        by=by,
        layout="fetched",
        filename="",
        source=f"api.openbudget.gov.ua {budget_code} {', '.join(str(y) for y in years)}",
    )
    return merged


@transaction.atomic
def assumptions_save(
    *, municipality: Municipality, values: dict, by: User | None = None
) -> PulseAssumptions:
    record = PulseAssumptions.objects.filter(municipality=municipality).first()
    if record is None:
        record = PulseAssumptions(municipality=municipality, created_by=by)
    for key, value in values.items():
        setattr(record, key, value)
    record._history_user = by
    record.full_clean()
    record.save()
    return record
