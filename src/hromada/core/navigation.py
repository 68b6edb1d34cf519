"""The steps of the municipality's cycle, and which of them this installation has.

Apps register their step's entry page in ``AppConfig.ready``; the base layout shows
only registered steps, so the navigation never has a dead link.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# The cycle, in order. Labels are translated where they are rendered.
STEPS = {
    "assess": _("Assess"),
    "plan": _("Plan"),
    "collaborate": _("Collaborate"),
    "diversify": _("Diversify"),
    "resilience": _("Resilience"),
    "followup": _("Follow-up"),
}


@dataclass(frozen=True)
class StepEntry:
    step: str
    url_name: str  # reversed with the municipality's code as its only argument


_registry: dict[str, StepEntry] = {}


def register_step(step: str, url_name: str) -> None:
    """Make ``step`` appear in the navigation, linking to ``url_name`` (takes ``code``)."""
    if step not in STEPS:
        raise ValueError(f"unknown step {step!r}; use one of {list(STEPS)}")
    _registry[step] = StepEntry(step, url_name)


def available_steps() -> list[tuple[str, str, str]]:
    """(step, label, url_name) for each registered step, in the cycle's order."""
    return [(s, STEPS[s], _registry[s].url_name) for s in STEPS if s in _registry]
