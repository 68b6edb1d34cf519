from __future__ import annotations

from django import forms

from hromada.collaboration.models import CommunicationItem, Engagement, Partnership, Stakeholder
from hromada.planning.forms import MunicipalityModelForm


class StakeholderForm(MunicipalityModelForm):
    class Meta:
        model = Stakeholder
        fields = ["name", "stakeholder_type", "contact", "interest", "influence", "stance",
                  "notes", "restricted"]


class PartnershipForm(MunicipalityModelForm):
    class Meta:
        model = Partnership
        fields = ["name", "partners", "purpose", "goals", "projects", "status", "signed_on",
                  "valid_until", "restricted"]
        widgets = {"partners": forms.CheckboxSelectMultiple,
                   "goals": forms.CheckboxSelectMultiple,
                   "projects": forms.CheckboxSelectMultiple}


class EngagementForm(MunicipalityModelForm):
    class Meta:
        model = Engagement
        fields = ["date", "kind", "topic", "participants", "stakeholders", "outcomes",
                  "follow_ups", "restricted"]
        widgets = {"stakeholders": forms.CheckboxSelectMultiple}


class CommunicationItemForm(MunicipalityModelForm):
    class Meta:
        model = CommunicationItem
        fields = ["audience", "message", "channel", "frequency", "owner", "restricted"]
