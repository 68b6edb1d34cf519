"""Writes: the hromada's own budget rows. (A workspace is created from the public registry
of hromadas by :func:`hromada.workspaces.services.municipality_create_from_registry`.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from hromada.territory.budget_import import BudgetParse, parse_budget
from hromada.territory.models import OwnBudgetYear

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from hromada.workspaces.models import Municipality


@transaction.atomic
def own_budget_import(
    *,
    municipality: Municipality,
    content: bytes,
    filename: str,
    source: str = "",
    by: User | None = None,
) -> BudgetParse:
    """Import the hromada's own budget-execution rows; all-or-nothing.

    Returns the parse result; nothing is stored when it has errors. A year already imported
    is updated (its earlier figures stay in the version history)."""
    result = parse_budget(content, filename, code=municipality.code)
    if not result.ok or result.frame is None:
        return result
    for row in result.frame.to_dict("records"):
        year = int(row.pop("year"))
        values = {k: float(v) for k, v in row.items() if v == v}  # drop NaN
        record = OwnBudgetYear.objects.filter(municipality=municipality, year=year).first()
        if record is None:
            record = OwnBudgetYear(municipality=municipality, year=year, created_by=by)
        record.values, record.source, record.filename = values, source[:300], filename[:255]
        record._history_user = by
        record.full_clean()
        record.save()
    return result
