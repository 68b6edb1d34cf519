from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.econ.neighbours import DEFAULT_FEATURES
from hromada.territory import labels
from hromada.territory.selectors import DEFAULT_K


class WeightsForm(forms.Form):
    """Weights of the features of the similar-hromadas search (GET; reading only)."""

    k = forms.IntegerField(
        label=_("Number of similar hromadas"),
        min_value=3,
        max_value=30,
        initial=DEFAULT_K,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for feature in DEFAULT_FEATURES:
            self.fields[f"w_{feature}"] = forms.FloatField(
                label=labels.FEATURE[feature],
                min_value=0,
                max_value=10,
                initial=1.0,
                required=False,
                widget=forms.NumberInput(attrs={"step": "0.5"}),
            )

    def weights(self) -> dict[str, float]:
        """The valid weights (empty fields keep 1); call after is_valid()."""
        data = getattr(self, "cleaned_data", {})
        out = {}
        for feature in DEFAULT_FEATURES:
            value = data.get(f"w_{feature}")
            out[feature] = 1.0 if value is None else float(value)
        return out

    def k_value(self) -> int:
        value = getattr(self, "cleaned_data", {}).get("k")
        return DEFAULT_K if value is None else int(value)

    def feature_fields(self):
        return [self[f"w_{f}"] for f in DEFAULT_FEATURES]


class MapForm(forms.Form):
    indicator = forms.ChoiceField(
        label=_("Colour the map by"), choices=list(labels.MAP_INDICATOR.items()), required=False
    )

    def indicator_value(self, default: str) -> str:
        value = getattr(self, "cleaned_data", {}).get("indicator")
        return value or default


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find your hromada"),
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "placeholder": _("e.g. Izium or Ізюм")}
        ),
    )


class BudgetUploadForm(forms.Form):
    """The hromada's own budget-execution file (the budget page)."""

    file = forms.FileField(label=_("Budget-execution file (CSV or XLSX)"))
    source = forms.CharField(label=_("Source"), required=False, max_length=300)
