"""Forms of the Resilience step: the scenario builder, saving, comparing, multipliers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.resilience.analysis import SHOCK_SECTIONS
from hromada.resilience.models import RegionalisationMethod
from hromada.resilience.sectors import section_choices


def shock_labels() -> dict[str, str]:
    return {
        "electricity": _("Electricity"),
        "water": _("Water supply"),
        "heating": _("Gas and heating"),
        "transport": _("Transport"),
        "communications": _("Communications"),
        "employer": _("A main employer"),
        "damage": _("Sizes from the war damage register"),
    }


class RegionSettingsForm(forms.Form):
    """Regionalisation settings shared by the scenario builder and the multipliers."""

    method = forms.ChoiceField(label=_("Regionalisation method"),
                               choices=RegionalisationMethod.choices, initial="flq")
    delta = forms.FloatField(label=_("FLQ delta"), min_value=0.0, max_value=0.95, initial=0.25,
                             help_text=_("0 to 0.95; larger values assume the municipality "
                                         "buys more of its inputs from outside."))


class ScenarioForm(RegionSettingsForm):
    horizon = forms.IntegerField(label=_("Days simulated"), min_value=30, max_value=730,
                                 initial=365)

    def __init__(self, *args, damage_available: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        labels = shock_labels()
        self.damage_available = damage_available
        kinds = list(SHOCK_SECTIONS) + (["damage"] if damage_available else [])
        self.kinds = kinds
        for kind in kinds:
            self.fields[f"{kind}_on"] = forms.BooleanField(label=labels[kind], required=False)
            if kind == "employer":
                self.fields["employer_section"] = forms.ChoiceField(
                    label=_("Sector of the employer"), choices=section_choices(), initial="C",
                    required=False)
            if kind != "damage":
                self.fields[f"{kind}_share"] = forms.FloatField(
                    label=_("Share of capacity lost, %"), min_value=0, max_value=100,
                    initial=50, required=False)
            self.fields[f"{kind}_days"] = forms.IntegerField(
                label=_("Days it lasts"), min_value=0, max_value=730, initial=14,
                required=False)
            self.fields[f"{kind}_recovery"] = forms.IntegerField(
                label=_("Days of recovery"), min_value=1, max_value=730, initial=30,
                required=False)

    def rows(self):
        """(kind, label, fields...) for the template's table of shocks."""
        labels = shock_labels()
        out = []
        for kind in self.kinds:
            out.append({
                "kind": kind, "label": labels[kind], "on": self[f"{kind}_on"],
                "section": self["employer_section"] if kind == "employer" else None,
                "share": self[f"{kind}_share"] if kind != "damage" else None,
                "days": self[f"{kind}_days"], "recovery": self[f"{kind}_recovery"],
            })
        return out

    def clean(self):
        data = super().clean()
        chosen = [k for k in self.kinds if data.get(f"{k}_on")]
        if not chosen:
            raise forms.ValidationError(_("Choose at least one shocked sector."))
        for kind in chosen:
            needed = ["days", "recovery"] + ([] if kind == "damage" else ["share"])
            for part in needed:
                if data.get(f"{kind}_{part}") is None and f"{kind}_{part}" not in self.errors:
                    self.add_error(f"{kind}_{part}", _("Required for a chosen shock."))
            if kind == "employer" and not data.get("employer_section"):
                self.add_error("employer_section", _("Required for a chosen shock."))
        return data

    def shocks(self, damage_sizes: dict | None = None) -> list[dict]:
        """The resolved shocks: one dict per shocked item (after is_valid())."""
        data = self.cleaned_data
        out = []
        for kind in self.kinds:
            if not data.get(f"{kind}_on"):
                continue
            days, recovery = int(data[f"{kind}_days"]), int(data[f"{kind}_recovery"])
            if kind == "damage":
                for section, share in sorted((damage_sizes or {}).items()):
                    if share > 0:
                        out.append({"kind": "damage", "section": section,
                                    "share": round(float(share), 6), "days": days,
                                    "recovery_days": recovery})
                continue
            section = data["employer_section"] if kind == "employer" else SHOCK_SECTIONS[kind]
            share = float(data[f"{kind}_share"]) / 100.0
            if share > 0:
                out.append({"kind": kind, "section": section, "share": share, "days": days,
                            "recovery_days": recovery})
        return out


class SaveForm(forms.Form):
    name = forms.CharField(label=_("Name of the scenario"), max_length=200)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class MultiplierForm(RegionSettingsForm):
    sector = forms.ChoiceField(label=_("Sector of the project"), initial="F")
    amount = forms.FloatField(label=_("Amount, UAH"), min_value=1, max_value=1e13,
                              initial=10_000_000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = section_choices()
