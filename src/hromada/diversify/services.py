"""Writes of the Diversify step."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hromada.core.outcome import Outcome
from hromada.diversify import kved, presentation, selectors
from hromada.diversify.analysis import DEFAULT_WEIGHTS
from hromada.diversify.models import LocalResource, ReferencePanel, ShortlistItem
from hromada.diversify.panels import parse_panel_csv


def _save(instance, by):
    instance.full_clean()
    if by is not None:
        instance._history_user = by
    instance.save()
    return instance


@transaction.atomic
def panel_import(
    *,
    municipality,
    name: str,
    rows: list,
    source: str = "",
    unit: str = "persons",
    scale: float = 1.0,
    by=None,
) -> ReferencePanel:
    return _save(
        ReferencePanel(
            municipality=municipality,
            name=name,
            source=source,
            unit=unit,
            scale=scale,
            rows=rows,
            created_by=by,
        ),
        by,
    )


def panel_import_csv(
    *, municipality, name: str, content: bytes, source: str = "", scale: float = 1.0, by=None
) -> Outcome:
    """Import a panel from an uploaded CSV (region, sector, year, value). Outcome: (panel,
    rows), or the file's problems, one a line."""
    rows, errors = parse_panel_csv(content)
    if rows is None:
        return Outcome(error="\n".join(errors))
    unit = _("thousand persons") if scale == 1000 else _("persons")
    panel = panel_import(
        municipality=municipality,
        name=name,
        source=source,
        unit=unit,
        scale=scale,
        rows=rows,
        by=by,
    )
    return Outcome((panel, rows))


@transaction.atomic
def panel_delete(*, panel: ReferencePanel, by=None) -> None:
    panel.soft_delete(by=by)


@transaction.atomic
def resource_save(*, instance: LocalResource, by=None) -> LocalResource:
    if instance.pk is None and by is not None:
        instance.created_by = by
    return _save(instance, by)


@transaction.atomic
def resource_delete(*, resource: LocalResource, by=None) -> None:
    resource.soft_delete(by=by)


@transaction.atomic
def shortlist_add(
    *,
    municipality,
    panel: str,
    sector: str,
    sector_name: str,
    year: int,
    score: float,
    feasibility: float,
    attractiveness: float | None,
    reasons: str = "",
    by=None,
) -> tuple[ShortlistItem, bool]:
    """Add an opportunity to the shortlist once; (item, created)."""
    existing = ShortlistItem.objects.filter(
        municipality=municipality, panel=panel, sector=sector
    ).first()
    if existing is not None:
        return existing, False
    item = ShortlistItem(
        municipality=municipality,
        panel=panel,
        sector=sector,
        sector_name=sector_name,
        year=year,
        score=score,
        feasibility=feasibility,
        attractiveness=attractiveness,
        reasons=reasons,
        created_by=by,
    )
    return _save(item, by), True


def _not_added() -> Outcome:
    return Outcome(error=_("This opportunity could not be added."))


def _shortlist_add_checked(**fields) -> Outcome:
    """:func:`shortlist_add`, its validation errors as the outcome's message."""
    try:
        return Outcome(shortlist_add(**fields))
    except ValidationError as exc:
        return Outcome(error=" ".join(exc.messages))


def shortlist_add_kved(
    *, municipality, source: str, level: str, sector: str, weights, lang: str = "en", by=None
) -> Outcome:
    """Shortlist an opportunity of the industry-space ranking, recomputed on the server
    from the municipality's KVED data. Outcome: (item, created), or why it was not added."""
    found = selectors.kved_employment(municipality=municipality)
    if found is None:
        return _not_added()
    name = municipality.name or municipality.code
    ranked = selectors.kved_ranking_get(
        found=found, source=source, weights=weights, region=name, draws=0
    )
    if not ranked.ok:
        return _not_added()
    ranking = ranked.value
    match = ranking.table[ranking.table["code"] == sector]
    if ranking.level != level or match.empty:
        return _not_added()
    r = match.iloc[0]
    related = kved.names([c for c, _v in r["related"]], lang)
    return _shortlist_add_checked(
        municipality=municipality,
        panel=kved.panel_key(source, level),
        sector=r["code"],
        sector_name=f"{r['code']} {r['name']}",
        year=found["year"],
        score=float(r["score"]),
        feasibility=float(r["density"]),
        attractiveness=None,
        reasons=", ".join(f"{c} {related[c]} ({v:.0%})" for c, v in r["related"]),
        by=by,
    )


def shortlist_add_panel(
    *, municipality, key: str, sector: str, year: int, region: str = "", weights: dict, by=None
) -> Outcome:
    """Shortlist an opportunity of a reference panel's analysis, recomputed on the server.
    ``region``: the panel region to stand for the municipality when it cannot be placed;
    ``weights``: the page's, missing ones at their defaults. Outcome: (item, created), or
    why it was not added."""
    panel = selectors.panel_get(municipality=municipality, key=key)
    if panel is None or year not in panel.years:
        return _not_added()
    placed = selectors.placement_get(municipality=municipality, panel=panel)
    placement, label = placed["placement"], placed["region"]
    if not placement.possible:
        label, placement = region, None
    weights = {
        k: (weights[k] if weights.get(k) is not None else v) for k, v in DEFAULT_WEIGHTS.items()
    }
    analysed = selectors.opportunity_analysis(
        panel=panel, region=label, placement=placement, year=year, weights=weights
    )
    if not analysed.ok:
        return _not_added()
    analysis = analysed.value
    match = analysis.opportunities[analysis.opportunities["sector"] == sector]
    if match.empty:
        return _not_added()
    r = match.iloc[0]
    rows = presentation.opportunity_rows(analysis, resources={})
    reasons = next(
        (
            ", ".join(f"{n} ({v:.0f} %)" for n, v in row["related"])
            for row in rows
            if row["sector"] == sector
        ),
        "",
    )
    attractiveness = (
        float(r["attractiveness"]) if r["attractiveness"] == r["attractiveness"] else None
    )
    return _shortlist_add_checked(
        municipality=municipality,
        panel=panel.key,
        sector=sector,
        sector_name=panel.name(sector),
        year=year,
        score=float(r["score"]),
        feasibility=float(r["feasibility"]),
        attractiveness=attractiveness,
        reasons=reasons,
        by=by,
    )


@transaction.atomic
def shortlist_remove(*, item: ShortlistItem, by=None) -> None:
    item.soft_delete(by=by)


@transaction.atomic
def shortlist_to_plan(*, item: ShortlistItem, create_goal, by=None):
    """Create a candidate goal from a shortlisted opportunity (once) and note it on the item."""
    title = _("Develop: %(sector)s") % {"sector": item.sector_name}
    description = _(
        "From the opportunity map (%(panel)s, %(year)s): score %(score).2f, "
        "feasibility %(feasibility).2f. Related strengths: %(reasons)s"
    ) % {
        "panel": item.panel,
        "year": item.year,
        "score": item.score,
        "feasibility": item.feasibility,
        "reasons": item.reasons or "-",
    }
    goal = create_goal(municipality=item.municipality, title=title, description=description, by=by)
    item.note = (_("In the plan as goal #%(pk)s") % {"pk": goal.pk})[:500]
    _save(item, by)
    return goal
