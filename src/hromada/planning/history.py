"""Version history of any record of the plan, the follow-up and the collaboration apps:
who changed what and when, and restore to an earlier version."""

from __future__ import annotations

from django.apps import apps

#: slug -> "app_label.ModelName"; the history page's URL names the slug.
HISTORY_MODELS = {
    "vision": "planning.Vision", "swot": "planning.SwotItem",
    "strategic-goal": "planning.StrategicGoal", "operational-goal": "planning.OperationalGoal",
    "task": "planning.Task", "kpi": "planning.Kpi", "risk": "planning.Risk",
    "project": "monitoring.Project", "funding": "monitoring.FundingSource",
    "milestone": "monitoring.Milestone", "indicator": "monitoring.ProjectIndicator",
    "kpi-update": "monitoring.KpiUpdate",
    "stakeholder": "collaboration.Stakeholder", "partnership": "collaboration.Partnership",
    "engagement": "collaboration.Engagement", "communication": "collaboration.CommunicationItem",
}


def history_model(slug: str):
    label = HISTORY_MODELS.get(slug)
    return apps.get_model(label) if label else None


def history_rows(instance) -> list[dict]:
    """Versions newest first, each with the fields that changed from the one before."""
    records = list(instance.history.all().select_related("history_user"))
    rows = []
    for i, rec in enumerate(records):
        previous = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if previous is not None:
            delta = rec.diff_against(previous)
            for c in delta.changes:
                if c.field in ("updated_at",):
                    continue
                field = instance._meta.get_field(c.field)
                changes.append({"field": field.verbose_name, "old": c.old, "new": c.new})
        rows.append({"record": rec, "user": rec.history_user, "date": rec.history_date,
                     "type": rec.get_history_type_display(), "changes": changes,
                     "is_current": i == 0})
    return rows
