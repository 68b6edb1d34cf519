"""Forms of the Diversify step."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.diversify.analysis import DEFAULT_WEIGHTS
from hromada.diversify.models import LocalResource
from hromada.resilience.sectors import section_choices


class OpportunityForm(forms.Form):
    panel = forms.ChoiceField(label=_("Reference panel"))
    region = forms.ChoiceField(
        label=_("Region analysed"),
        required=False,
        help_text=_(
            "Only when the municipality cannot be placed in "
            "the panel: a region of the panel instead."
        ),
    )
    family = forms.ChoiceField(label=_("Sector family (KVED section)"), required=False)
    horizon = forms.ChoiceField(
        label=_("Horizon"),
        required=False,
        choices=[
            ("", _("All")),
            ("near", _("Near-term (within reach)")),
            ("strategic", _("Strategic (further away)")),
        ],
    )
    min_size = forms.FloatField(
        label=_("Minimum size, % of the panel's employment"),
        min_value=0,
        max_value=100,
        required=False,
        initial=0,
    )
    density_weight = forms.FloatField(
        label=_("Weight: relatedness density"),
        min_value=0,
        max_value=10,
        initial=DEFAULT_WEIGHTS["density_weight"],
    )
    pci_weight = forms.FloatField(
        label=_("Weight: complexity (PCI)"),
        min_value=0,
        max_value=10,
        initial=DEFAULT_WEIGHTS["pci_weight"],
    )
    cog_weight = forms.FloatField(
        label=_("Weight: opportunity gain (COG)"),
        min_value=0,
        max_value=10,
        initial=DEFAULT_WEIGHTS["cog_weight"],
    )
    growth_weight = forms.FloatField(
        label=_("Weight: growth in the panel"),
        min_value=0,
        max_value=10,
        initial=DEFAULT_WEIGHTS["growth_weight"],
    )

    def __init__(self, *args, panels=(), regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel"].choices = list(panels)
        self.fields["region"].choices = [("", "—")] + [(r, r) for r in regions]
        self.fields["family"].choices = [("", _("All"))] + section_choices()

    def clean(self):
        data = super().clean()
        weights = [data.get(k) for k in DEFAULT_WEIGHTS]
        if all(w is not None for w in weights) and sum(weights) <= 0:
            raise forms.ValidationError(_("Give at least one weight a positive value."))
        return data


class PanelUploadForm(forms.Form):
    name = forms.CharField(label=_("Name of the panel"), max_length=200)
    source = forms.CharField(label=_("Source"), max_length=300, required=False)
    scale = forms.ChoiceField(
        label=_("The values are"),
        choices=[("1", _("persons")), ("1000", _("thousand persons"))],
        initial="1",
    )
    file = forms.FileField(label=_("CSV file with columns region, sector, year, value"))


class ResourceForm(forms.ModelForm):
    sectors = forms.MultipleChoiceField(
        label=_("Sectors it serves (KVED sections)"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = LocalResource
        fields = ["name", "kind", "description", "sectors", "location", "restricted"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].choices = section_choices()


class ShortlistForm(forms.Form):
    panel = forms.CharField(max_length=200)
    sector = forms.CharField(max_length=20)
    year = forms.IntegerField(min_value=1900, max_value=2100)
    region = forms.CharField(max_length=200, required=False)
    density_weight = forms.FloatField(min_value=0, max_value=10, required=False)
    pci_weight = forms.FloatField(min_value=0, max_value=10, required=False)
    cog_weight = forms.FloatField(min_value=0, max_value=10, required=False)
    growth_weight = forms.FloatField(min_value=0, max_value=10, required=False)


def preset_labels() -> dict[str, str]:
    return {
        "recommended": _("Recommended for the municipality's position (Atlas)"),
        "low_hanging_fruit": _("Low-hanging fruit (density 60 %, PCI 15 %, gain 25 %)"),
        "balanced_light_touch": _("Balanced, light touch (60 / 20 / 20 %)"),
        "balanced_parsimonious": _("Balanced, parsimonious industrial policy (55 / 20 / 25 %)"),
        "balanced_strategic_bets": _("Balanced, strategic bets (50 / 15 / 35 %)"),
        "long_jumps": _("Long jumps (45 / 20 / 35 %)"),
        "custom": _("My own weights"),
    }


class KvedRankingForm(forms.Form):
    source = forms.ChoiceField(
        label=_("Industry space"),
        choices=[
            (
                "cbp2019",
                _(
                    "US metropolitan areas, County Business Patterns 2019 (divisions, "
                    "groups, classes)"
                ),
            ),
            ("sbs2015", _("European NUTS-2 regions, Eurostat SBS 2015 (divisions B-N)")),
        ],
    )
    preset = forms.ChoiceField(label=_("Ranking approach"), initial="recommended")
    density = forms.FloatField(
        label=_("Weight: relatedness density"),
        min_value=0,
        max_value=10,
        required=False,
        initial=0.6,
    )
    pci = forms.FloatField(
        label=_("Weight: complexity (PCI)"), min_value=0, max_value=10, required=False, initial=0.15
    )
    cog = forms.FloatField(
        label=_("Weight: opportunity gain (COG)"),
        min_value=0,
        max_value=10,
        required=False,
        initial=0.25,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preset"].choices = list(preset_labels().items())

    def clean(self):
        data = super().clean()
        if data.get("preset") == "custom":
            w = [data.get(k) or 0.0 for k in ("density", "pci", "cog")]
            if sum(w) <= 0:
                raise forms.ValidationError(_("Give at least one weight a positive value."))
        return data
