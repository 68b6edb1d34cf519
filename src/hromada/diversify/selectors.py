"""Reads of the Diversify step."""

from __future__ import annotations

from hromada.diversify.models import LocalResource, ReferencePanel, ShortlistItem
from hromada.diversify.panels import Panel, builtin_panel, builtin_panels, panel_from_rows


def panel_choices(*, municipality) -> list[tuple[str, str]]:
    """(key, title) of every panel the municipality can compare itself within: the real
    panels present in the data folder, then its own imported panels ("user-<pk>")."""
    out = [
        (k, str(v["title"])) for k, v in builtin_panels().items() if builtin_panel(k) is not None
    ]
    out += [(f"user-{p.pk}", p.name) for p in panel_list(municipality=municipality)]
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
    Returns ``{"values", "national", "year", "dataset", "level"}`` or None.
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
        }
    return best
