"""How far a municipality has come through the cycle, read from the data it has entered:
what each step needs, which of it is there, and the step to work on next.

The models are looked up by name, so a step whose app is absent (or renamed) counts as
not started rather than breaking the dashboard.
"""

from __future__ import annotations

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from hromada.core.navigation import available_steps

#: step -> the things it produces: (label, "app.Model") present for the municipality.
PARTS = {
    "assess": [(_("economic data imported"), "economy.Dataset")],
    "plan": [
        (_("vision"), "planning.Vision"),
        (_("SWOT"), "planning.SwotItem"),
        (_("strategic goals"), "planning.StrategicGoal"),
    ],
    "collaborate": [(_("stakeholders mapped"), "collaboration.Stakeholder")],
    "diversify": [(_("sectors shortlisted"), "diversify.ShortlistItem")],
    "resilience": [(_("shock scenario saved"), "resilience.Scenario")],
    "followup": [(_("action plan (projects)"), "monitoring.Project"), (_("KPIs"), "planning.Kpi")],
}


def _present(municipality, model_name: str) -> bool:
    try:
        model = apps.get_model(model_name)
    except LookupError:
        return False
    manager = model.objects
    return manager.filter(municipality=municipality).exists()


def guide_url(step: str) -> str | None:
    try:
        return reverse("exchange:guide_step", args=[step])
    except NoReverseMatch:
        return None


def step_progress(municipality) -> list[dict]:
    """One entry per step of the cycle present in this installation, in order: ``step``,
    ``label``, ``url``, ``guide_url``, ``parts`` (label, done), ``status`` ("done",
    "started" or "todo") and ``is_next`` (the first step not done)."""
    result = []
    for step, label, url_name in available_steps():
        parts = [(part, _present(municipality, model)) for part, model in PARTS.get(step, [])]
        done = sum(1 for _part, ok in parts if ok)
        status = "done" if parts and done == len(parts) else "started" if done else "todo"
        result.append(
            {
                "step": step,
                "label": label,
                "parts": parts,
                "status": status,
                "url": reverse(url_name, args=[municipality.code]),
                "guide_url": guide_url(step),
                "is_next": False,
            }
        )
    for entry in result:
        if entry["status"] != "done":
            entry["is_next"] = True
            break
    return result
