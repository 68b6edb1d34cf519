from django import template

from hromada.budget import labels
from hromada.territory.templatetags.territory import format_number

register = template.Library()


@register.filter
def mln(value, decimals=1):
    """UAH as millions with ``decimals`` decimals (money is not shown to the hryvnia)."""
    try:
        return format_number(float(value) / 1e6, decimals=int(decimals))
    except (TypeError, ValueError):
        return "–"


@register.filter
def source_label(value):
    return str(labels.SOURCE.get(value, value))


@register.filter
def kind_label(value):
    return str(labels.KIND.get(value, value))


@register.filter
def city_label(value):
    """A bundled city's name in the user's language (unknown names as given)."""
    return str(labels.CITY.get(value, value))
