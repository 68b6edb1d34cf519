"""Writes: creating a municipality workspace from the public registry of hromadas."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hromada.territory.selectors import registry_row
from hromada.workspaces.models import Municipality
from hromada.workspaces.services import municipality_create


def registry_fields(row: dict) -> dict:
    """The Municipality fields filled from one registry row (hromada.refdata.hromadas())."""
    population = row.get("population")
    return {
        "code": row["code"],
        "name_uk": row.get("name_uk") or "",
        "name_en": row.get("name_en") or "",
        "oblast_uk": row.get("oblast_uk") or "",
        "oblast_en": row.get("oblast_en") or "",
        "raion_uk": row.get("raion_uk") or "",
        "raion_en": row.get("raion_en") or "",
        "hromada_type": row.get("type") or "",
        "population": int(population) if population is not None else None,
        "war_status": row.get("war_status") or "",
    }


@transaction.atomic
def municipality_create_from_registry(*, code: str, owner) -> Municipality:
    """Create the workspace of the hromada ``code`` with its registry facts (names uk/en,
    oblast, raion, type, population, war status); ``owner`` becomes its first owner.

    Raises ValidationError if the code is not in the registry or already has a workspace.
    """
    code = (code or "").strip()
    row = registry_row(code)
    if row is None:
        raise ValidationError(
            _("%(code)s is not in the registry of hromadas. Pick your hromada from the "
              "search results.") % {"code": code or "–"})
    if Municipality.objects.filter(code=code).exists():
        raise ValidationError(
            _("A workspace for %(name)s already exists. Ask its owner for an invitation.")
            % {"name": row["name_uk"]})
    return municipality_create(owner=owner, **registry_fields(row))


@transaction.atomic
def own_budget_import(*, municipality, content: bytes, filename: str, source: str = "",
                      by=None):
    """Import the hromada's own budget-execution rows; all-or-nothing.

    Returns the parse result; nothing is stored when it has errors. A year already imported
    is updated (its earlier figures stay in the version history)."""
    from hromada.territory.budget_import import parse_budget
    from hromada.territory.models import OwnBudgetYear

    result = parse_budget(content, filename, code=municipality.code)
    if not result.ok:
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
