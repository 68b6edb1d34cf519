from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.economy.models import (
    DamageEntry,
    DamageStatus,
    DataKind,
    Measure,
    PopulationRecord,
    ReferenceLevel,
    RelocatedEnterprise,
)

MAX_UPLOAD = 20 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"))
    name = forms.CharField(
        label=_("Dataset name"),
        max_length=200,
        widget=forms.TextInput(attrs={"list": "dataset-names"}),
        help_text=_(
            "Upload again under the same name to make a new version; the old versions are kept."
        ),
    )
    measure = forms.ChoiceField(
        label=_("Measure"), choices=Measure.choices, initial=Measure.EMPLOYMENT
    )
    unit = forms.CharField(label=_("Unit"), max_length=50, initial=_("persons"))
    reference_level = forms.ChoiceField(
        label=_("Reference"), choices=ReferenceLevel.choices, initial=ReferenceLevel.UKRAINE
    )
    source = forms.CharField(label=_("Source"), max_length=300, required=False)
    kind = forms.ChoiceField(
        label=_("Kind of data"),
        required=False,
        choices=[("", _("Not stated")), *DataKind.choices],
        initial=DataKind.OFFICIAL,
        help_text=_("Named on every analysis that uses the data."),
    )

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return f


class PopulationForm(forms.ModelForm):
    class Meta:
        model = PopulationRecord
        fields = ["indicator", "year", "value", "source", "note", "restricted"]


class EnterpriseForm(forms.ModelForm):
    class Meta:
        model = RelocatedEnterprise
        fields = ["name", "direction", "year", "sector", "jobs", "source", "restricted"]


class DamageForm(forms.ModelForm):
    class Meta:
        model = DamageEntry
        fields = [
            "date",
            "kind",
            "sector",
            "asset_type",
            "description",
            "amount",
            "source",
            "location",
            "status",
            "restricted",
        ]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


def section_choices():
    from django.utils.translation import get_language

    from hromada.refdata import kved

    col = "name_en" if (get_language() or "uk").startswith("en") else "name_uk"
    sections = kved().query("level == 'section'")
    return [
        (c, f"{c}: {n.capitalize() if n.isupper() else n}")
        for c, n in zip(sections["code"], sections[col], strict=True)
    ]


class ImpactForm(forms.Form):
    sector = forms.ChoiceField(label=_("KVED section"), choices=())
    firms = forms.IntegerField(label=_("Firms affected"), min_value=0, initial=0)
    jobs = forms.IntegerField(label=_("Jobs affected"), min_value=0, initial=0)
    output = forms.DecimalField(
        label=_("Output lost, UAH thousand"),
        min_value=0,
        initial=0,
        max_digits=16,
        decimal_places=1,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = section_choices()


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DamageStatus.choices)
