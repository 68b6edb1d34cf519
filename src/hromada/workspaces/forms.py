from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from hromada.workspaces.models import Municipality, Role


class InvitationForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.EDITOR)
    email = forms.EmailField(label=_("E-mail (optional)"), required=False)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class MunicipalityForm(forms.ModelForm):
    class Meta:
        model = Municipality
        fields = [
            "code",
            "name_uk",
            "name_en",
            "oblast_uk",
            "oblast_en",
            "raion_uk",
            "raion_en",
            "hromada_type",
            "population",
            "war_status",
        ]


class WorkspaceRequestForm(MunicipalityForm):
    """The same fields for a request: whether the code already has a workspace is not
    checked (nor said) here; whoever approves the request sees it."""

    def validate_unique(self):
        pass


class MunicipalitySettingsForm(MunicipalityForm):
    class Meta(MunicipalityForm.Meta):
        fields = [f for f in MunicipalityForm.Meta.fields if f != "code"]


class SignupForm(UserCreationForm):
    """Account creation for someone who arrives with an invitation link."""
