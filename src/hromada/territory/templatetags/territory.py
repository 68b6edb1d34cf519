"""Template filters for the reference data: translated labels and localised percentages."""

from __future__ import annotations

import math

from django import template
from django.utils.formats import number_format

from hromada.core.templatetags.charts import spec_json as core_spec_json
from hromada.territory import labels

register = template.Library()


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_pct(value, *, decimals: int = 1, signed: bool = False) -> str:
    """0.2345 -> '23.5 %' (localised decimal separator); '–' when missing."""
    if _missing(value):
        return "–"
    x = float(value) * 100
    text = number_format(round(abs(x), decimals), decimal_pos=decimals, use_l10n=True)
    sign = (
        ("−" if x < 0 else "+")
        if signed and round(abs(x), decimals) != 0
        else ("−" if x < 0 and round(abs(x), decimals) != 0 else "")
    )
    return f"{sign}{text}\u00a0%"


def format_number(value, *, decimals: int = 0) -> str:
    if _missing(value):
        return "–"
    return number_format(
        round(float(value), decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )


@register.filter
def pct(value, decimals=1):
    return format_pct(value, decimals=int(decimals))


@register.filter
def signed_pct(value, decimals=1):
    return format_pct(value, decimals=int(decimals), signed=True)


@register.filter
def number(value, decimals=0):
    return format_number(value, decimals=int(decimals))


@register.filter
def indicator_value(value, indicator):
    """An indicator formatted as the pages show it: changes signed %, shares %, others
    numbers (Herfindahl with 3 decimals)."""
    if indicator in labels.PERCENT_INDICATORS:
        return format_pct(value, signed="change" in indicator)
    if indicator.startswith("hhi"):
        return format_number(value, decimals=3)
    return format_number(value)


@register.filter
def war_status_label(value):
    return labels.war_status_label(value)


@register.filter
def hromada_type_label(value):
    return labels.hromada_type_label(value)


@register.filter
def deoccupation_label(value):
    return labels.deoccupation_label(value)


@register.filter
def indicator_label(value):
    return str(labels.INDICATOR.get(value, labels.MAP_INDICATOR.get(value, value)))


@register.filter
def group_label(value):
    return str(labels.GROUP.get(value, value))


@register.filter
def feature_label(value):
    return str(labels.FEATURE.get(value, value))


@register.filter
def get_item(mapping, key):
    try:
        return mapping[key]
    except (KeyError, TypeError, IndexError):
        return None


# The same filter as core's ``charts`` library, for templates that load only ``territory``.
register.filter("spec_json", core_spec_json)
