"""Forms of the Resilience step: the scenario builder, saving, comparing, multipliers."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hromada.refdata.demo_io import SECTIONS
from hromada.resilience.analysis import LIFELINE_KINDS, SHOCK_SECTIONS
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

    method = forms.ChoiceField(
        label=_("Regionalisation method"), choices=RegionalisationMethod.choices, initial="flq"
    )
    delta = forms.FloatField(
        label=_("FLQ delta"),
        min_value=0.0,
        max_value=0.95,
        required=False,
        help_text=_(
            "Blank: chosen by the municipality's size (0.2 with "
            "a range of 0.1-0.3 for a hromada). 0 to 0.95; "
            "larger values assume the municipality buys more "
            "of its inputs from outside."
        ),
    )


def _pairs(text: str, *, lifeline: bool) -> dict:
    """Parse ``"C=60, Q=90"`` (sections) or ``"D:C=0.9"`` (lifeline:user) into a dict."""
    out = {}
    for part in (text or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        key, sep, value = part.partition("=")
        key = key.strip().upper()
        try:
            number = float(value.replace("%", "").strip())
        except ValueError:
            number = None
        keys = key.split(":") if lifeline else [key]
        if (
            not sep
            or number is None
            or len(keys) != (2 if lifeline else 1)
            or any(k not in SECTIONS for k in keys)
        ):
            raise forms.ValidationError(
                _("Cannot read “%(part)s”: write it as %(example)s.")
                % {"part": part, "example": "D:C=0.9" if lifeline else "C=60"}
            )
        out[tuple(keys) if lifeline else key] = number
    return out


class ScenarioForm(RegionSettingsForm):
    horizon = forms.IntegerField(
        label=_("Days simulated"), min_value=30, max_value=730, initial=365
    )
    backup = forms.FloatField(
        label=_("Backup: share of firms' output that goes on during an outage, %"),
        min_value=0,
        max_value=100,
        initial=0,
        required=False,
        help_text=_(
            "Generators, water tanks, own transport. Surveys of Ukrainian firms: "
            "66-90 % had some alternative power in 2024-2026 (EBA), yet 5-15 % of "
            "working time was lost (IER). Blank counts as 0."
        ),
    )
    backup_by_sector = forms.CharField(
        label=_("Backup by sector, %"),
        required=False,
        max_length=300,
        help_text=_("Optional, overrides the share above, e.g. “Q=90, C=40” (KVED sections)."),
    )
    dependence = forms.CharField(
        label=_("Dependence on lifelines"),
        required=False,
        max_length=500,
        help_text=_(
            "Optional changes to the default table (share of a sector's output "
            "that stops without the lifeline), e.g. “D:C=0.9, E:I=0.8” (lifeline "
            "section D electricity, E water, H transport, J communications: user "
            "section)."
        ),
    )

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
                    label=_("Sector of the employer"),
                    choices=section_choices(),
                    initial="C",
                    required=False,
                )
            if kind != "damage":
                self.fields[f"{kind}_share"] = forms.FloatField(
                    label=_("Share of capacity lost, %"),
                    min_value=0,
                    max_value=100,
                    initial=50,
                    required=False,
                )
            self.fields[f"{kind}_days"] = forms.IntegerField(
                label=_("Days it lasts"), min_value=0, max_value=730, initial=14, required=False
            )
            self.fields[f"{kind}_recovery"] = forms.IntegerField(
                label=_("Days of recovery"), min_value=1, max_value=730, initial=30, required=False
            )

    def rows(self):
        """(kind, label, fields...) for the template's table of shocks."""
        labels = shock_labels()
        out = []
        for kind in self.kinds:
            out.append(
                {
                    "kind": kind,
                    "label": labels[kind],
                    "on": self[f"{kind}_on"],
                    "section": self["employer_section"] if kind == "employer" else None,
                    "share": self[f"{kind}_share"] if kind != "damage" else None,
                    "days": self[f"{kind}_days"],
                    "recovery": self[f"{kind}_recovery"],
                }
            )
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
        for name, lifeline in (("backup_by_sector", False), ("dependence", True)):
            try:
                parsed = _pairs(data.get(name, ""), lifeline=lifeline)
            except forms.ValidationError as exc:
                self.add_error(name, exc)
                continue
            limit = 1.0 if lifeline else 100.0
            if any(not 0 <= v <= limit for v in parsed.values()):
                self.add_error(
                    name, _("Values must be between 0 and %(limit)s.") % {"limit": f"{limit:g}"}
                )
        return data

    def lifelines_chosen(self) -> bool:
        return any(self.cleaned_data.get(f"{k}_on") for k in LIFELINE_KINDS if k in self.kinds)

    def backup_shares(self) -> dict:
        """Backup by KVED section as shares (0-1), after is_valid()."""
        return backup_from_params(self.cleaned_data)

    def dependence_overrides(self) -> dict:
        return _pairs(self.cleaned_data.get("dependence", ""), lifeline=True)

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
                        out.append(
                            {
                                "kind": "damage",
                                "section": section,
                                "share": round(float(share), 6),
                                "days": days,
                                "recovery_days": recovery,
                            }
                        )
                continue
            section = data["employer_section"] if kind == "employer" else SHOCK_SECTIONS[kind]
            share = float(data[f"{kind}_share"]) / 100.0
            if share > 0:
                out.append(
                    {
                        "kind": kind,
                        "section": section,
                        "share": share,
                        "days": days,
                        "recovery_days": recovery,
                    }
                )
        return out


def backup_from_params(params) -> dict:
    """Backup shares by section from form values (a saved scenario's ``params`` too)."""
    try:
        base = float(params.get("backup") or 0.0) / 100.0
    except (TypeError, ValueError):
        base = 0.0
    out = {s: base for s in SECTIONS}
    try:
        extra = _pairs(params.get("backup_by_sector") or "", lifeline=False)
    except forms.ValidationError:
        extra = {}
    out.update({k: v / 100.0 for k, v in extra.items()})
    return out


def dependence_from_params(params) -> dict:
    try:
        return _pairs(params.get("dependence") or "", lifeline=True)
    except forms.ValidationError:
        return {}


class SaveForm(forms.Form):
    name = forms.CharField(label=_("Name of the scenario"), max_length=200)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class MultiplierForm(RegionSettingsForm):
    sector = forms.ChoiceField(label=_("Sector of the project"), initial="F")
    amount = forms.FloatField(
        label=_("Amount, UAH"), min_value=1, max_value=1e13, initial=10_000_000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = section_choices()
