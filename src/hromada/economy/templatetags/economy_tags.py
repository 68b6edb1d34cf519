from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def pct(value, digits="1"):
    """A fraction as a localised percentage number (0.125 -> 12.5), empty for missing."""
    if value is None or value != value:
        return ""
    return floatformat(float(value) * 100, digits)


@register.inclusion_tag("economy/_provenance.html", takes_context=True)
def analysis_provenance(context, measure="employment"):
    """Which dataset the page's analysis uses, its years, kind and coverage warning
    (hromada.economy.selectors.analysis_provenance); nothing outside a municipality."""
    from hromada.economy.selectors import analysis_provenance as provenance

    municipality = context.get("current_municipality")
    return {"current_municipality": municipality,
            "provenance": provenance(municipality=municipality, measure=measure)
            if municipality is not None else None}
