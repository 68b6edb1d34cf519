"""Reads of the Diversify step."""

from __future__ import annotations

from django.utils.translation import gettext as _

from hromada.core.outcome import Outcome
from hromada.diversify import kved
from hromada.diversify.analysis import Placement, analyse, place
from hromada.diversify.models import LocalResource, ReferencePanel, ShortlistItem
from hromada.diversify.panels import Panel, builtin_panel, builtin_panels, panel_from_rows
from hromada.econ.errors import HromadaError
from hromada.resilience.selectors import data_used, employment_inputs


def panel_choices(*, municipality) -> list[tuple[str, str]]:
    """(key, title) of every panel the municipality can compare itself within: the real
    panels present in the data folder, then its own imported panels ("user-<pk>")."""
    out = [
        (k, str(v["title"])) for k, v in builtin_panels().items() if builtin_panel(k) is not None
    ]
    out += [(f"user-{p.pk}", p.name) for p in panel_list(municipality=municipality)]
    return out


def builtin_panel_list() -> list[dict]:
    """The panels shipped in the data folder, as the panels page lists them: key, meta,
    whether present, numbers of regions and sectors, the years."""
    out = []
    for key, meta in builtin_panels().items():
        p = builtin_panel(key)
        out.append(
            {
                "key": key,
                "meta": meta,
                "present": p is not None,
                "regions": len(p.regions) if p else 0,
                "sectors": len(p.sections) if p else 0,
                "years": f"{p.years[0]}–{p.years[-1]}" if p else "",
            }
        )
    return out


def panel_list(*, municipality):
    return ReferencePanel.objects.filter(municipality=municipality).order_by("name")


def panel_restricted(*, municipality, key: str) -> bool:
    """Whether ``key`` names one of the municipality's own panels marked restricted (what
    is computed from it is exported only in an owner's internal copy)."""
    pk = key[5:] if key.startswith("user-") else ""
    return (
        pk.isdigit()
        and ReferencePanel.all_objects.filter(
            municipality=municipality, pk=int(pk), restricted=True
        ).exists()
    )


def panel_get(*, municipality, key: str) -> Panel | None:
    if key.startswith("user-"):
        pk = key[5:]
        if not pk.isdigit():
            return None
        record = ReferencePanel.objects.filter(municipality=municipality, pk=int(pk)).first()
        if record is None or not record.rows:
            return None
        return panel_from_rows(
            key, record.name, record.source, record.unit, record.scale, record.rows
        )
    return builtin_panel(key)


def resource_list(*, municipality):
    return LocalResource.objects.filter(municipality=municipality).order_by("kind", "name")


def resources_by_section(*, municipality) -> dict[str, list[LocalResource]]:
    out: dict[str, list[LocalResource]] = {}
    for r in resource_list(municipality=municipality):
        for s in r.sectors or []:
            out.setdefault(str(s), []).append(r)
    return out


def shortlist(*, municipality):
    return ShortlistItem.objects.filter(municipality=municipality).order_by("-score", "pk")


def kved_employment(*, municipality) -> dict | None:
    """The municipality's employment by KVED division, group or class (not section).

    Among its employment datasets with such codes: the finest level, then the newest.
    Year: the last pre-war year (2021 or the latest before 2022), else the first.
    Returns ``{"values", "national", "year", "dataset", "level", "data_used"}`` (the
    last: :func:`hromada.resilience.selectors.data_used`, what the page says of it) or
    None.
    """
    from hromada.diversify.kved import pick_year
    from hromada.economy.models import Dataset
    from hromada.economy.selectors import dataset_panel

    best = None
    rank = {"class": 0, "group": 1, "division": 2}
    for dataset in Dataset.objects.filter(municipality=municipality, measure="employment").order_by(
        "-updated_at", "-pk"
    ):
        local, reference = dataset_panel(dataset)
        if local.empty:
            continue
        codes = local["sector"].astype(str).str.strip()
        if not codes.str.fullmatch(r"\d\d(\.\d\d?)?").all():
            continue
        lengths = set(codes.str.len())
        if len(lengths) != 1:
            continue
        level = {2: "division", 4: "group", 5: "class"}[lengths.pop()]
        if best is not None and rank[level] >= rank[best["level"]]:
            continue
        year = pick_year(local["year"].unique())
        rows = local[local["year"] == year]
        values = rows.groupby(rows["sector"].astype(str).str.strip())["value"].sum()
        national = None
        if dataset.reference_level == "ukraine" and not reference.empty:
            ref = reference[reference["year"] == year]
            if not ref.empty:
                national = ref.groupby(ref["sector"].astype(str).str.strip())["value"].sum()
        best = {
            "values": values.astype(float),
            "national": national,
            "year": year,
            "dataset": dataset,
            "level": level,
            "data_used": data_used(dataset, year),
        }
    return best


def shortlisted_sectors(*, municipality, panel: str) -> set[str]:
    """The sectors of ``panel`` (a panel key) already on the municipality's shortlist."""
    return set(
        shortlist(municipality=municipality).filter(panel=panel).values_list("sector", flat=True)
    )


def region_label(municipality, panel: Panel) -> str:
    """The municipality's name as a region of the panel, never one of the panel's own."""
    name = municipality.name or municipality.code
    return name if name not in panel.regions else f"{name} ({municipality.code})"


def placement_get(*, municipality, panel: Panel) -> dict:
    """The municipality placed in ``panel`` from its own employment by KVED section:
    ``{"placement", "region", "dataset_name", "has_local", "data_used"}`` (``region``: its
    label in the panel; ``data_used``: :func:`hromada.resilience.selectors.data_used` of
    the employment dataset, None without one)."""
    found = employment_inputs(municipality=municipality)
    local = found["local"] if found else None
    return {
        "placement": place(panel, local, found["year"] if found else None),
        "region": region_label(municipality, panel),
        "dataset_name": found["dataset"].name if found else "",
        "has_local": local is not None and float(local.sum()) > 0,
        "data_used": data_used(found["dataset"], found["year"]) if found else None,
    }


def opportunity_analysis(
    *, panel: Panel, region: str, placement: Placement | None, year: int, weights: dict
) -> Outcome:
    """The opportunities and industry space of ``region`` (an
    :class:`~hromada.diversify.analysis.Analysis`), or the reason the library refused."""
    try:
        return Outcome(
            analyse(panel, region=region, placement=placement, year=year, weights=weights)
        )
    except (HromadaError, ValueError) as exc:
        return Outcome(error=_("The analysis could not run: %(error)s") % {"error": exc})


def kved_ranking_get(
    *, found: dict, source: str, weights, region: str, lang: str = "en", draws: int | None = None
) -> Outcome:
    """The ranking of the municipality's KVED data (``found``: :func:`kved_employment`) on
    the industry space (a :class:`~hromada.diversify.kved.KvedRanking`), or the reason the
    library refused."""
    try:
        return Outcome(
            kved.kved_ranking(
                found["values"],
                found["national"],
                source=source,
                weights=weights,
                region=region,
                lang=lang,
                draws=draws,
            )
        )
    except (HromadaError, ValueError) as exc:
        return Outcome(error=_("The analysis could not run: %(error)s") % {"error": exc})
