"""Reads of the collaboration app."""

from __future__ import annotations

from hromada.collaboration.models import CommunicationItem, Engagement, Partnership, Stakeholder


def stakeholder_list(*, municipality) -> list[Stakeholder]:
    return list(Stakeholder.objects.filter(municipality=municipality))


def stakeholder_quadrants(*, municipality) -> dict[str, list[Stakeholder]]:
    """Stakeholders by quadrant of the interest x influence grid (3 and above is high)."""
    out: dict[str, list[Stakeholder]] = {
        "manage_closely": [],
        "keep_satisfied": [],
        "keep_informed": [],
        "monitor": [],
    }
    for s in stakeholder_list(municipality=municipality):
        out[s.quadrant].append(s)
    return out


def partnership_list(*, municipality) -> list[Partnership]:
    return list(
        Partnership.objects.filter(municipality=municipality).prefetch_related(
            "partners", "goals", "projects"
        )
    )


def engagement_list(*, municipality) -> list[Engagement]:
    return list(
        Engagement.objects.filter(municipality=municipality).prefetch_related("stakeholders")
    )


def communication_plan(*, municipality) -> list[CommunicationItem]:
    return list(CommunicationItem.objects.filter(municipality=municipality))
