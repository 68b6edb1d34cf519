"""Version history of any record of the plan, the follow-up and the collaboration apps:
who changed what and when, and restore to an earlier version."""

from __future__ import annotations

from django.apps import apps

from hromada.workspaces.records import version_list

#: slug -> "app_label.ModelName"; the history page's URL names the slug.
HISTORY_MODELS = {
    "vision": "planning.Vision",
    "swot": "planning.SwotItem",
    "strategic-goal": "planning.StrategicGoal",
    "operational-goal": "planning.OperationalGoal",
    "task": "planning.Task",
    "kpi": "planning.Kpi",
    "risk": "planning.Risk",
    "project": "monitoring.Project",
    "funding": "monitoring.FundingSource",
    "milestone": "monitoring.Milestone",
    "indicator": "monitoring.ProjectIndicator",
    "kpi-update": "monitoring.KpiUpdate",
    "stakeholder": "collaboration.Stakeholder",
    "partnership": "collaboration.Partnership",
    "engagement": "collaboration.Engagement",
    "communication": "collaboration.CommunicationItem",
}


def history_model(slug: str):
    label = HISTORY_MODELS.get(slug)
    return apps.get_model(label) if label else None


def history_rows(instance) -> list[dict]:
    """Versions newest first, each with the fields that changed from the one before
    (the generic :func:`hromada.workspaces.records.version_list`, with field labels)."""
    rows = []
    for i, v in enumerate(version_list(instance)):
        changes = [
            {"field": instance._meta.get_field(name).verbose_name, "old": old, "new": new}
            for name, old, new in v.changes
        ]
        rows.append(
            {
                "history_id": v.history_id,
                "user": v.user,
                "date": v.date,
                "type": v.kind_label,
                "changes": changes,
                "is_current": i == 0,
            }
        )
    return rows
