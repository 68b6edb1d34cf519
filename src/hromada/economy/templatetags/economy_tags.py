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
def analysis_provenance(context, measure="employment", any_measure=False):
    """Which dataset the page's analysis uses, its years, kind and coverage warning
    (hromada.economy.selectors.analysis_provenance); nothing outside a municipality.
    ``any_measure``: without a dataset of ``measure``, the one of any measure (as the
    SWOT suggestions read)."""
    from hromada.economy.selectors import analysis_provenance as provenance

    municipality = context.get("current_municipality")
    found = None
    if municipality is not None:
        found = provenance(municipality=municipality, measure=measure or "employment")
        if found is None and any_measure:
            found = provenance(municipality=municipality, measure=None)
    return {"current_municipality": municipality, "provenance": found}
