"""Forms of the plan, scoped to one municipality: every choice of a related record offers
only that municipality's live records."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.planning.models import (
    Kpi,
    OperationalGoal,
    Risk,
    StrategicGoal,
    SwotCategory,
    SwotItem,
    Task,
    Vision,
)

SYSTEM_FIELDS = ("municipality", "created_at", "updated_at", "created_by", "deleted_at")


class MunicipalityModelForm(forms.ModelForm):
    """A ModelForm whose related-record choices are limited to ``municipality``."""

    def __init__(self, *args, municipality, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if qs is not None and hasattr(qs.model, "municipality"):
                field.queryset = qs.model.objects.filter(municipality=municipality)
            if isinstance(field, forms.DateField):
                field.widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 3)
        self.instance.municipality = municipality


class VisionForm(forms.ModelForm):
    class Meta:
        model = Vision
        fields = ["text", "note", "restricted"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class SwotItemForm(MunicipalityModelForm):
    class Meta:
        model = SwotItem
        fields = ["category", "text", "status", "restricted"]


class SwotManualForm(forms.Form):
    category = forms.ChoiceField(label=_("category"), choices=SwotCategory.choices)
    text = forms.CharField(label=_("text"), max_length=500)


class SwotDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accepted", "accepted"), ("rejected", "rejected"), ("suggested", "suggested")]
    )
    text = forms.CharField(max_length=500, required=False)


class StrategicGoalForm(MunicipalityModelForm):
    class Meta:
        model = StrategicGoal
        fields = ["code", "title", "description", "weight", "restricted"]


class OperationalGoalForm(MunicipalityModelForm):
    class Meta:
        model = OperationalGoal
        fields = ["strategic_goal", "code", "title", "description", "weight", "restricted"]


class TaskForm(MunicipalityModelForm):
    class Meta:
        model = Task
        fields = [
            "operational_goal",
            "title",
            "deadline",
            "responsible",
            "funding",
            "progress",
            "weight",
            "restricted",
        ]


class KpiForm(MunicipalityModelForm):
    class Meta:
        model = Kpi
        fields = [
            "operational_goal",
            "indicator",
            "unit",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_date",
            "data_source",
            "responsible",
            "binding",
            "binding_measure",
            "binding_sector",
            "restricted",
        ]


class RiskForm(MunicipalityModelForm):
    class Meta:
        model = Risk
        fields = [
            "title",
            "category",
            "likelihood",
            "impact",
            "owner",
            "mitigation",
            "goals",
            "restricted",
        ]
        widgets = {"goals": forms.CheckboxSelectMultiple}
