from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.budget.models import PulseAssumptions


class UploadForm(forms.Form):
    file = forms.FileField(label=_("OpenBudget answer (CSV) or BOOST export (XLSX)"))
    source = forms.CharField(label=_("Source"), required=False, max_length=300)


class FetchForm(forms.Form):
    budget_code = forms.RegexField(
        label=_("Budget code (10 digits)"), regex=r"^\d{10}$", max_length=10
    )
    year = forms.IntegerField(label=_("Year"), min_value=2018, max_value=2100)


class AssumptionsForm(forms.ModelForm):
    class Meta:
        model = PulseAssumptions
        fields = [
            "base_lost",
            "pit_share_ratio",
            "single_tax_ratio",
            "property_ratio",
            "committed",
            "reserve",
        ]

    def clean_base_lost(self):
        v = self.cleaned_data["base_lost"]
        if not 0 <= v < 100:
            raise forms.ValidationError(_("Enter a share from 0 to 99 %."))
        return v

    def clean(self):
        data = super().clean()
        for f in ("pit_share_ratio", "single_tax_ratio", "property_ratio"):
            v = data.get(f)
            if v is not None and not 0 <= v <= 3:
                self.add_error(f, _("Enter a ratio from 0 to 3 (1 = no change)."))
        for f in ("committed", "reserve"):
            v = data.get(f)
            if v is not None and v < 0:
                self.add_error(f, _("Enter an amount of at least 0."))
        return data
