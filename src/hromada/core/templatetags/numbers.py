"""Numbers as an officer reads them."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import floatformat

from hromada.core import units

register = template.Library()


@register.filter
def sensible(value):
    """A computed figure (an interpolated expected value, a ratio) with as many decimals as
    its size deserves: 2 500 rather than 2 500,05; 12,3; 0,45. Grouped and in the page's
    language; whole numbers without decimals; "" for None."""
    if value is None or value == "":
        return ""
    try:
        size = abs(float(value))
    except (TypeError, ValueError):
        return value
    decimals = 0 if size >= 100 else 1 if size >= 10 else 2
    return floatformat(value, f"-{decimals}g" if decimals else "0g")


@register.filter
def unit_label(value):
    """A dataset's unit in the page's language (:func:`hromada.core.units.unit_label`)."""
    return units.unit_label(value)
