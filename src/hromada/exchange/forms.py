from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.exchange.models import GoodPractice, PeerGroup, Session, ShareKind, Step, WarSituation
from hromada.workspaces.models import katottg_validator


class GroupForm(forms.ModelForm):
    class Meta:
        model = PeerGroup
        fields = ["name", "description"]


class InviteForm(forms.Form):
    code = forms.CharField(
        label=_("KATOTTG code of the municipality"), max_length=19, validators=[katottg_validator]
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class SessionForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )
    link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")

    class Meta:
        model = Session
        fields = ["title", "starts_at", "agenda", "participants", "link", "place"]
        widgets = {
            "agenda": forms.Textarea(attrs={"rows": 5}),
            "participants": forms.Textarea(attrs={"rows": 3}),
        }


class ShareForm(forms.Form):
    group = forms.IntegerField(min_value=1)
    kind = forms.ChoiceField(
        choices=[(k, v) for k, v in ShareKind.choices if k != ShareKind.SNAPSHOT]
    )
    item = forms.IntegerField(min_value=1, required=False)


class SnapshotForm(forms.Form):
    done = forms.CharField(
        label=_("What was done"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    kpi_movement = forms.CharField(
        label=_("KPI movement"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    obstacles = forms.CharField(
        label=_("Obstacles"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    questions = forms.CharField(
        label=_("Questions for peers"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    restricted = forms.BooleanField(
        label=_("restricted"),
        required=False,
        help_text=_(
            "Sensitive (e.g. location of critical infrastructure): never shared outside the "
            "municipality's own members or included in exports for others."
        ),
    )


class PracticeForm(forms.ModelForm):
    class Meta:
        model = GoodPractice
        fields = [
            "title_uk",
            "title_en",
            "problem_uk",
            "problem_en",
            "approach_uk",
            "approach_en",
            "results_uk",
            "results_en",
            "costs",
            "partners",
            "contacts",
            "step",
            "sector",
            "war_situation",
            "restricted",
        ]
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in (
                "problem_uk",
                "problem_en",
                "approach_uk",
                "approach_en",
                "results_uk",
                "results_en",
            )
        }

    def clean(self):
        data = super().clean()
        if not ((data.get("title_uk") or "").strip() or (data.get("title_en") or "").strip()):
            raise forms.ValidationError(_("Give the case a title in Ukrainian or English."))
        return data


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment or question"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    municipality = forms.IntegerField(required=False)


class LibraryFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    step = forms.ChoiceField(
        label=_("Step"), required=False, choices=[("", _("All steps"))] + list(Step.choices)
    )
    war = forms.ChoiceField(
        label=_("War situation"),
        required=False,
        choices=[("", _("Any situation"))] + list(WarSituation.choices),
    )
    sector = forms.CharField(label=_("Sector"), required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[
            ("", _("Any language")),
            ("uk", _("Ukrainian")),
            ("en", _("English")),
            ("both", _("Both")),
        ],
    )
