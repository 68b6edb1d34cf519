"""Column headings of the diagnosis workbook (XLSX), translated; the CSV downloads keep
the column names as they are, for scripts and re-import."""

from django.utils.translation import gettext_lazy as _

DIAGNOSIS_HEADERS = {
    "item": _("Item of the diagnosis"),
    "value": _("Value"),
    "sector": _("KVED"),
    "name": _("Sector"),
    "share": _("Share of the total"),
    "reference_share": _("Share in the reference"),
    "lq": _("Location quotient"),
    "year": _("Year"),
    "growth": _("Growth"),
    "reference_growth": _("Growth in the reference"),
    "relative_growth": _("Growth minus the reference's"),
    "quadrant": _("Quadrant"),
    "value_start": _("Value at the start"),
    "value_end": _("Value at the end"),
    "national_share": _("National growth"),
    "industry_mix": _("Sector mix"),
    "regional_share": _("Local competitiveness"),
    "net_total_shift": _("Net shift"),
    "competitive_effect": _("Competitiveness (homothetic)"),
    "allocation_effect": _("Allocation (specialisation)"),
    "period": _("Period"),
    "start": _("Start year"),
    "end": _("End year"),
    "herfindahl": _("Herfindahl index"),
    "shannon_entropy": _("Shannon entropy"),
    "krugman_specialisation": _("Krugman specialisation (0-2)"),
    "hachman": _("Hachman similarity (0-1)"),
    "reference_herfindahl": _("Herfindahl index of the reference"),
    "reference_shannon_entropy": _("Shannon entropy of the reference"),
    "value_pre": _("Value before the shock"),
    "value_trough": _("Value at the trough"),
    "value_post": _("Value after recovery"),
    "shock_growth": _("Change in the shock"),
    "reference_shock_growth": _("Change in the shock, reference"),
    "sensitivity": _("Sensitivity"),
    "shock_actual_change": _("Actual change in the shock"),
    "shock_expected_change": _("Expected change in the shock"),
    "shock_structural_effect": _("Shock: sector mix effect"),
    "shock_competitive_effect": _("Shock: local competitiveness effect"),
    "resistance": _("Resistance index"),
    "resistance_structural": _("Resistance: sector mix"),
    "resistance_competitive": _("Resistance: local competitiveness"),
    "recovery_growth": _("Growth in recovery"),
    "reference_recovery_growth": _("Growth in recovery, reference"),
    "recovery_actual_change": _("Actual change in recovery"),
    "recovery_expected_change": _("Expected change in recovery"),
    "recovery_structural_effect": _("Recovery: sector mix effect"),
    "recovery_competitive_effect": _("Recovery: local competitiveness effect"),
    "recovery": _("Recovery index"),
    "recovery_structural": _("Recovery: sector mix"),
    "recovery_competitive": _("Recovery: local competitiveness"),
}

#: Sheet names of the diagnosis workbook (at most 31 characters in either language).
DIAGNOSIS_SHEETS = {
    "about": _("About"),
    "structure": _("Structure"),
    "structure_time": _("Structure over time"),
    "specialisation": _("Specialisation"),
    "shiftshare": _("Shift-share"),
    "shiftshare_total": _("Shift-share, total"),
    "shiftshare_dynamic": _("Shift-share by year"),
    "concentration": _("Concentration"),
    "resilience": _("Resilience"),
    "resilience_sectors": _("Resilience by sector"),
}

#: The rows of the "about" sheet.
DIAGNOSIS_ITEMS = {
    "dataset": _("Dataset"),
    "measure": _("Measure"),
    "unit": _("Unit"),
    "version": _("Version"),
    "illustrative": _("Illustrative"),
    "start": _("Start year"),
    "end": _("End year"),
    "pre": _("Year before the shock"),
    "trough": _("Year of the trough"),
    "post": _("Year after recovery"),
}


def diagnosis_workbook(sheets: dict, dataset=None) -> dict:
    """The diagnosis tables as people read them in the XLSX: sheet names, the "about"
    sheet's items, quadrants, the "total" period and the unit in the user's language (the
    CSV downloads keep the machine names)."""
    from hromada.core.units import unit_label
    from hromada.economy.presentation import quadrant_labels

    quadrants = {k: v[0] for k, v in quadrant_labels().items()}
    out = {}
    for key, frame in sheets.items():
        frame = frame.copy()
        if key == "about" and "item" in frame:
            values = dict(zip(frame["item"], frame["value"], strict=True))
            if dataset is not None:
                values["measure"] = dataset.get_measure_display()
            values["unit"] = unit_label(values.get("unit"))
            if values.get("illustrative"):
                values["illustrative"] = _("illustrative, replace with your own")
            frame["value"] = [
                str(values[i]) if i in values else v
                for i, v in zip(frame["item"], frame["value"], strict=True)
            ]
            frame["item"] = [str(DIAGNOSIS_ITEMS.get(i, i)) for i in frame["item"]]
        if "quadrant" in frame:
            frame["quadrant"] = frame["quadrant"].map(lambda q: str(quadrants.get(q, q)))
        if "period" in frame:
            frame["period"] = frame["period"].map(lambda p: str(_("total")) if p == "total" else p)
        out[str(DIAGNOSIS_SHEETS.get(key, key))] = frame
    return out
