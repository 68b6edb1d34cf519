"""Display names (uk/en) for the values of the public reference data: war status, hromada
type, deoccupation period, size class, revenue sources, indicators and neighbour features.

The reference files store these values in one language (war status in English, type in
Ukrainian); pages show them through these functions, in the active language.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

#: Minregion list of September 2022 (``war_status`` of ``hromada.refdata.hromadas()``).
WAR_STATUS = {
    "not occupied": _("not occupied"),
    "not occupied, in the war zone": _("not occupied, in the war zone"),
    "occupied": _("occupied"),
    "deoccupied": _("deoccupied"),
}

#: Extended status (``war_status_ext``): deoccupied split by period.
WAR_STATUS_EXT = {
    **WAR_STATUS,
    "deoccupied_Mar_Apr": _("deoccupied in March-April 2022"),
    "deoccupied_Sept": _("deoccupied in September 2022"),
}

#: Hromada types as in the registry (Ukrainian) and their English equivalents.
HROMADA_TYPE = {
    "міська": _("urban"),
    "селищна": _("settlement"),
    "сільська": _("rural"),
    "urban": _("urban"),
    "settlement": _("settlement"),
    "rural": _("rural"),
}

DEOCCUPATION = {
    "March-April": _("March-April 2022"),
    "September-October": _("September-October 2022"),
    "November": _("November 2022"),
}

#: Dates of the war-zone lists in the registry (column suffix -> display date).
WAR_ZONE_DATES = (
    ("war_zone_2022_04_27", "2022-04-27"),
    ("war_zone_2022_06_20", "2022-06-20"),
    ("war_zone_2022_08_23", "2022-08-23"),
    ("war_zone_2022_10_10", "2022-10-10"),
)

#: Revenue sources of ``hromada.econ.fiscal.revenue_sources``.
REVENUE_SOURCE = {
    "transfers": _("transfers from the state budget"),
    "pit_civil": _("personal income tax (civilian)"),
    "pit_military": _("personal income tax on military pay"),
    "single_tax": _("single tax"),
    "property_tax": _("property tax"),
    "excise": _("excise duty"),
    "corporate_tax": _("corporate income tax"),
    "parking_fee": _("parking fee"),
    "tourist_fee": _("tourist fee"),
    "eco_tax": _("environmental tax"),
    "non_tax": _("non-tax revenue"),
    "capital": _("capital revenue"),
    "special_funds": _("special funds"),
    "rent": _("rent for natural resources"),
    "other_own": _("other own revenue"),
}

#: Indicators of ``hromada.econ.fiscal.fiscal_indicators`` shown on the pages.
INDICATOR = {
    "own_change_2021_2022": _("own revenue, change 2021-2022"),
    "own_excl_military_change_2021_2022": _(
        "own revenue without military income tax, change 2021-2022"
    ),
    "own_change_2022_2023": _("own revenue, change 2022-2023"),
    "own_excl_military_change_2022_2023": _(
        "own revenue without military income tax, change 2022-2023"
    ),
    "transfer_share": _("share of transfers in total revenue"),
    "military_share_own": _("share of military income tax in own revenue"),
    "hhi_total": _("concentration of revenue sources (Herfindahl index)"),
    "own_per_capita": _("own revenue per inhabitant, UAH"),
    "total_per_capita": _("total revenue per inhabitant, UAH"),
}

#: Indicators shown as percentages (the others as plain numbers).
PERCENT_INDICATORS = {
    "own_change_2021_2022",
    "own_excl_military_change_2021_2022",
    "own_change_2022_2023",
    "own_excl_military_change_2022_2023",
    "transfer_share",
    "military_share_own",
}

#: Features of ``hromada.econ.neighbours.feature_table``.
FEATURE = {
    "log_population": _("population (log scale)"),
    "urban_share": _("urban share of the population"),
    "type": _("type of hromada"),
    "war_status": _("war status"),
    "distance_to_russia_km": _("distance to Russia"),
    "own_per_capita": _("own revenue per inhabitant"),
    "transfer_share": _("share of transfers"),
    "military_share_own": _("share of military income tax"),
    "share_pit_civil": _("share of civilian income tax"),
    "share_single_tax": _("share of single tax"),
    "share_property_tax": _("share of property tax"),
}

#: Map indicators: registry columns and fiscal indicators.
MAP_INDICATOR = {
    "war_status": _("war status"),
    "type": _("type of hromada"),
    "population": _("population"),
    "distance_to_russia_km": _("distance to Russia, km"),
    **{k: v for k, v in INDICATOR.items() if k != "total_per_capita"},
}

#: Comparison groups of the fiscal page.
GROUP = {
    "oblast": _("Hromadas of the oblast"),
    "size_class": _("Hromadas of the same size"),
    "war_status": _("Hromadas of the same war status"),
    "neighbours": _("Similar hromadas"),
    "ukraine": _("All hromadas of Ukraine"),
}

#: The same groups inside a sentence ("... than in 80 % of <group>"; Ukrainian genitive).
GROUP_IN_SENTENCE = {
    "oblast": _("hromadas of the oblast"),
    "size_class": _("hromadas of the same size"),
    "war_status": _("hromadas of the same war status"),
    "neighbours": _("similar hromadas"),
    "ukraine": _("all hromadas of Ukraine"),
}


def oblast_in_sentence(name_uk: str, name_en: str) -> str:
    """The oblast's name to put before "oblast" in a sentence: the English name, or the
    Ukrainian adjective in the genitive ("Харківська" -> "Харківської")."""
    from django.utils.translation import get_language

    if (get_language() or "uk").startswith("en"):
        return name_en or name_uk
    if name_uk and name_uk.endswith("а"):
        return name_uk[:-1] + "ої"
    return name_uk


def war_status_label(value) -> str:
    """The war status in the active language (the raw value if unknown, '' if missing)."""
    if value is None or value != value:  # None or NaN
        return ""
    return str(WAR_STATUS_EXT.get(str(value), value))


def hromada_type_label(value) -> str:
    """The hromada type (міська/селищна/сільська or urban/settlement/rural) in the active
    language."""
    if value is None or value != value:
        return ""
    return str(HROMADA_TYPE.get(str(value), value))


def deoccupation_label(value) -> str:
    if value is None or value != value:
        return ""
    return str(DEOCCUPATION.get(str(value), value))


def size_class_label(label) -> str:
    """'5000-9999' -> '5,000-9,999 inhabitants' (localised); '<5000', '100000+' too."""
    from django.utils.formats import number_format

    if label is None or label != label:
        return ""
    label = str(label)

    def n(x: str) -> str:
        return number_format(int(x), force_grouping=True)

    if label.startswith("<"):
        return str(_("under %(n)s inhabitants") % {"n": n(label[1:])})
    if label.endswith("+"):
        return str(_("%(n)s inhabitants or more") % {"n": n(label[:-1])})
    lo, hi = label.split("-")
    return str(_("%(lo)s-%(hi)s inhabitants") % {"lo": n(lo), "hi": n(hi)})
