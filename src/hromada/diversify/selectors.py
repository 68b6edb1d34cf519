"""Reads of the Diversify step."""

from __future__ import annotations

from hromada.diversify.models import LocalResource, ReferencePanel, ShortlistItem
from hromada.diversify.panels import Panel, builtin_panel, builtin_panels, panel_from_rows


def panel_choices(*, municipality) -> list[tuple[str, str]]:
    """(key, title) of every panel the municipality can compare itself within: the real
    panels present in the data folder, then its own imported panels ("user-<pk>")."""
    out = [(k, str(v["title"])) for k, v in builtin_panels().items()
           if builtin_panel(k) is not None]
    out += [(f"user-{p.pk}", p.name) for p in panel_list(municipality=municipality)]
    return out


def panel_list(*, municipality):
    return ReferencePanel.objects.filter(municipality=municipality).order_by("name")


def panel_restricted(*, municipality, key: str) -> bool:
    """Whether ``key`` names one of the municipality's own panels marked restricted (what
    is computed from it is exported only in an owner's internal copy)."""
    pk = key[5:] if key.startswith("user-") else ""
    return pk.isdigit() and ReferencePanel.all_objects.filter(
        municipality=municipality, pk=int(pk), restricted=True).exists()


def panel_get(*, municipality, key: str) -> Panel | None:
    if key.startswith("user-"):
        pk = key[5:]
        if not pk.isdigit():
            return None
        record = ReferencePanel.objects.filter(municipality=municipality, pk=int(pk)).first()
        if record is None or not record.rows:
            return None
        return panel_from_rows(key, record.name, record.source, record.unit, record.scale,
                               record.rows)
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
