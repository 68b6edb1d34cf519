from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.collaboration.models import CommunicationItem, Engagement, Partnership, Stakeholder
from hromada.planning.forms import MunicipalityModelForm


class StakeholderForm(MunicipalityModelForm):
    class Meta:
        model = Stakeholder
        fields = [
            "name",
            "stakeholder_type",
            "contact",
            "interest",
            "influence",
            "stance",
            "notes",
            "restricted",
        ]


class PartnershipForm(MunicipalityModelForm):
    class Meta:
        model = Partnership
        fields = [
            "name",
            "partners",
            "purpose",
            "goals",
            "projects",
            "status",
            "signed_on",
            "valid_until",
            "restricted",
        ]
        widgets = {
            "partners": forms.CheckboxSelectMultiple,
            "goals": forms.CheckboxSelectMultiple,
            "projects": forms.CheckboxSelectMultiple,
        }
        help_texts = {"partners": _("Tick the stakeholders who are partners in it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        partners = self.fields.get("partners")
        if partners is not None and not partners.queryset.exists():
            # An empty list of ticks looks like a missing field: say where partners come from.
            partners.help_text = _(
                "No stakeholders yet: partners are chosen from the "
                "stakeholders, so add them first (Collaborate, Add "
                "stakeholder) and come back to tick them here."
            )


class EngagementForm(MunicipalityModelForm):
    class Meta:
        model = Engagement
        fields = [
            "date",
            "kind",
            "topic",
            "participants",
            "stakeholders",
            "outcomes",
            "follow_ups",
            "restricted",
        ]
        widgets = {"stakeholders": forms.CheckboxSelectMultiple}


class CommunicationItemForm(MunicipalityModelForm):
    class Meta:
        model = CommunicationItem
        fields = ["audience", "message", "channel", "frequency", "owner", "restricted"]
