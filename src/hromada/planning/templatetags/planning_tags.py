"""Words for the evidence of SWOT suggestions: internal names never reach the page."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

SOURCES = {
    "location_quotient": _("location quotient"),
    "location_quotient+shift_share": _("location quotient and shift-share"),
    "shift_share": _("shift-share"),
    "herfindahl": _("Herfindahl index of concentration"),
    "fiscal.transfer_dependence": _("budget: transfers from the state"),
    "complexity.opportunities": _("Diversify: opportunity ranking"),
    "shock_scenario": _("Resilience: shock scenario"),
    "war_damage": _("war damage register"),
}
REFERENCES = {"ukraine": _("HHI of Ukraine"), "oblast": _("HHI of the oblast")}
CURRENCIES = {"UAH thousand": _("UAH thousand"), "UAH": _("UAH")}


@register.filter
def evidence_source(value):
    """The evidence's source in the page's language (unknown ones as they are)."""
    return SOURCES.get(str(value), value) if value else ""


@register.filter
def reference_hhi_label(value):
    """ "HHI of Ukraine" or "HHI of the oblast": the concentration compared with."""
    return REFERENCES.get(str(value or "ukraine"), REFERENCES["ukraine"])


@register.filter
def currency_label(value):
    return CURRENCIES.get(str(value), value) if value else ""
