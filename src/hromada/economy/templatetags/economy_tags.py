from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def pct(value, digits="1"):
    """A fraction as a localised percentage number (0.125 -> 12.5), empty for missing."""
    if value is None or value != value:
        return ""
    return floatformat(float(value) * 100, digits)
