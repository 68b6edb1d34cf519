from __future__ import annotations

from django import forms

from hromada.monitoring.models import FundingSource, KpiUpdate, Milestone, Project, ProjectIndicator
from hromada.planning.forms import MunicipalityModelForm


class ProjectForm(MunicipalityModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "description",
            "project_type",
            "purpose",
            "goals",
            "location",
            "katottg",
            "start",
            "end",
            "status",
            "lifecycle_stage",
            "responsible",
            "partners",
            "budget",
            "progress",
            "weight",
            "paca_local_resources",
            "paca_quick",
            "paca_visible",
            "risks",
            "restricted",
        ]
        widgets = {"goals": forms.CheckboxSelectMultiple, "risks": forms.CheckboxSelectMultiple}


class FundingSourceForm(MunicipalityModelForm):
    class Meta:
        model = FundingSource
        fields = ["project", "funding_type", "funder", "secured", "pledged", "sought", "restricted"]


class MilestoneForm(MunicipalityModelForm):
    class Meta:
        model = Milestone
        fields = ["project", "title", "due", "done", "restricted"]


class ProjectIndicatorForm(MunicipalityModelForm):
    class Meta:
        model = ProjectIndicator
        fields = ["project", "name", "unit", "baseline", "target", "actual", "restricted"]


class KpiUpdateForm(MunicipalityModelForm):
    class Meta:
        model = KpiUpdate
        fields = ["date", "value", "comment", "evidence_url", "restricted"]
