"""Template helpers for shared values, which come back from JSON (dates as ISO strings)."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

KPI_STATUS = {
    "on_track": _("on track"),
    "at_risk": _("at risk"),
    "off_track": _("off track"),
    "no_data": _("no data yet"),
}


@register.filter
def kpi_status(value) -> str:
    return str(KPI_STATUS.get(value, value or ""))


@register.filter
def isodate(value):
    """A date (or datetime) from its ISO text, for the ``date`` filter; other values as is."""
    if isinstance(value, str):
        try:
            if "T" in value:
                return dt.datetime.fromisoformat(value)
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


@register.filter
def get(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None
