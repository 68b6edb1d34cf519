"""The methodology guide: one page per step of the cycle. The prose lives in templates
(``exchange/guide/<language>/<step>.html``); this module knows the steps, their order and
which pages of Hromada serve each one."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from hromada.core.navigation import STEPS, available_steps

#: One line per step: what it is for (the guide page says how).
PURPOSE = {
    "assess": _("Know your economy: structure, specialisation, change and war damage."),
    "plan": _("Agree a vision, a SWOT, goals with indicators and targets."),
    "collaborate": _("Bring in businesses, partners and residents, and keep them engaged."),
    "diversify": _("Choose the sectors to grow next from the capabilities you have."),
    "resilience": _(
        "Prepare for shocks to infrastructure and sectors; pick projects with local multipliers."
    ),
    "followup": _("Track the action plan and KPIs, report, and learn from peers."),
}


def steps() -> list[dict]:
    return [
        {"slug": s, "label": label, "number": i + 1, "purpose": PURPOSE[s]}
        for i, (s, label) in enumerate(STEPS.items())
    ]


def step_info(step: str) -> dict | None:
    return next((s for s in steps() if s["slug"] == step), None)


def pages_for(step: str, memberships) -> list[dict]:
    """Links to the step's page of Hromada for each of the user's municipalities (a
    facilitator, with none, gets the exchange pages only)."""
    entry = {s: url_name for s, _label, url_name in available_steps()}
    links = []
    if step in entry:
        for m in memberships[:5]:
            try:
                url = reverse(entry[step], args=[m.municipality.code])
            except NoReverseMatch:  # pragma: no cover - a step registered wrongly
                continue
            links.append({"label": f"{STEPS[step]}: {m.municipality.name}", "url": url})
    if step == "followup":
        links.append({"label": _("Peer groups and sessions"), "url": reverse("exchange:index")})
        for m in memberships[:5]:
            label = _("Sharing with peers: %(name)s") % {"name": m.municipality.name}
            links.append(
                {
                    "label": label,
                    "url": reverse("exchange:municipality", args=[m.municipality.code]),
                }
            )
    links.append({"label": _("Good-practice library"), "url": reverse("exchange:library")})
    return links
