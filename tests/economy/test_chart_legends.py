"""Chart captions and legends agree: a caption names a series' colour only through the
series definitions the colour scale is made from, and the colour Vega-Lite actually draws
for each series (explicit domain, or without one the labels sorted) is that colour.

Issue 21: the Dunn chart said blue = local competitiveness while the legend showed grey,
Esteban-Marquillas had blue and yellow reversed, the year-by-year chart said blue over grey
bars: the scales had colours without a domain, so Vega-Lite sorted the labels."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from hromada.config.demo import demo_seed
from hromada.core.charts import PALETTE
from hromada.economy.charts import diagnosis_charts
from hromada.economy.models import Dataset
from hromada.economy.selectors import diagnosis_compute

pytestmark = pytest.mark.django_db


def _colour_encodings(node):
    if isinstance(node, dict):
        encoding = node.get("encoding")
        colour = encoding.get("color") if isinstance(encoding, dict) else None
        if isinstance(colour, dict) and "field" in colour:
            yield node, colour
        for value in node.values():
            yield from _colour_encodings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _colour_encodings(value)


def _drawn_colours(spec) -> dict[str, str]:
    """label -> colour as Vega-Lite draws it: the scale's domain in order, or (without a
    domain) the field's values sorted, paired with the scale's range."""
    drawn = {}
    for _mark, colour in _colour_encodings(spec):
        scale = colour.get("scale", {})
        if "range" not in scale:
            continue
        domain = scale.get("domain")
        if domain is None:
            values = {
                row[colour["field"]]
                for rows in spec.get("datasets", {}).values()
                for row in rows
                if colour["field"] in row
            }
            domain = sorted(values)
        drawn.update(zip(domain, scale["range"], strict=False))
    return drawn


@pytest.mark.parametrize("language", ["en", "uk"])
def test_caption_colours_are_the_legend_colours(language):
    municipality = demo_seed().municipality
    dataset = Dataset.objects.filter(municipality=municipality).first()
    with translation.override(language):
        diag = diagnosis_compute(dataset)
        charts = [c for group in diagnosis_charts(diag, lambda cid: "").values() for c in group]
        colour_words = {str(name): hex_ for hex_, name in PALETTE.values()}
        assert {"shiftshare", "shiftshare-em", "shiftshare-dynamic"} <= {c.id for c in charts}
        checked = 0
        for chart in charts:
            said = {w for w in colour_words if re.search(rf"(?<!\w){w}(?!\w)", chart.explanation)}
            legend = chart.extra.get("legend")
            if not legend:
                # Colours named without a legend (a conditional colour): drawn somewhere.
                for word in said:
                    assert colour_words[word] in str(chart.spec), (chart.id, word)
                continue
            checked += 1
            drawn = _drawn_colours(chart.spec)
            for series in legend:
                assert drawn.get(str(series.label)) == series.hex, (
                    f"{chart.id}: '{series.label}' is drawn {drawn.get(str(series.label))}, "
                    f"its caption says {series.colour_name}"
                )
            assert said <= {s.colour_name for s in legend}, (chart.id, said)
            if language == "en":  # the label, then its colour in brackets
                for series in legend:
                    at = chart.explanation.lower().find(str(series.label).lower() + " (")
                    if at >= 0:
                        rest = chart.explanation[at + len(str(series.label)) + 2 :]
                        assert rest.startswith(series.colour_name), (chart.id, series.label)
        assert checked >= 5
        dunn = next(c for c in charts if c.id == "shiftshare")
        local = next(s for s in dunn.extra["legend"] if s.colour == "blue")
        assert _drawn_colours(dunn.spec)[str(local.label)] == PALETTE["blue"][0]
