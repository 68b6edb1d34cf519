"""Numbers and dates in charts are written as the page's language writes them (issue 21):
a Ukrainian KPI chart names its months in Ukrainian, in the browser and in the PDF."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.utils import translation

import hromada
from hromada.core.charts import CHART_LOCALES, chart_locale, chart_svg
from tests.web.factories import PASSWORD, make_member, make_municipality

CHARTS_JS = Path(hromada.__file__).parent / "core" / "static" / "hromada" / "charts.js"


def _strings(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def test_the_browser_uses_the_same_locales_as_the_server():
    """charts.js (vega-embed's formatLocale and timeFormatLocale) holds, for each
    language, the strings of ``CHART_LOCALES`` in the same order."""
    text = CHARTS_JS.read_text(encoding="utf-8")
    block = text[text.index("var LOCALES") : text.index("var language")]
    for language, locale in CHART_LOCALES.items():
        part = re.search(rf"\b{language}: \{{(.*?)\n    \}}", block, re.S).group(1)
        js = [json.loads(s) for s in re.findall(r'"(?:[^"\\]|\\.)*"', part)]
        assert js == _strings(locale), language
    assert "formatLocale: locale.format" in text and "timeFormatLocale: locale.time" in text


def test_locale_follows_the_language():
    assert chart_locale("uk")["time"]["months"][0] == "січень"
    assert chart_locale("en-gb")["format"]["thousands"] == ","
    with translation.override("uk"):
        assert chart_locale()["format"]["decimal"] == ","


@pytest.mark.django_db
def test_a_ukrainian_kpi_chart_names_its_months_in_ukrainian(client):
    from hromada.monitoring.charts import kpi_trajectory
    from hromada.monitoring.models import KpiUpdate
    from hromada.planning.models import Kpi, OperationalGoal, StrategicGoal

    m = make_municipality()
    sg = StrategicGoal.objects.create(municipality=m, code="1", title="Економіка")
    og = OperationalGoal.objects.create(
        municipality=m, strategic_goal=sg, code="1.1", title="Робочі місця"
    )
    kpi = Kpi.objects.create(
        municipality=m,
        operational_goal=og,
        indicator="Нові робочі місця",
        unit="місць",
        baseline_value=100,
        baseline_year=2026,
        target_value=160,
        target_date=dt.date(2026, 9, 30),
    )
    for month, value in ((3, 110), (5, 125), (7, 140)):
        KpiUpdate.objects.create(municipality=m, kpi=kpi, date=dt.date(2026, month, 1), value=value)
    history = [{"date": u.date, "value": u.value} for u in kpi.updates.order_by("date")]
    months = {lang: CHART_LOCALES[lang]["time"] for lang in CHART_LOCALES}

    def named(svg: str, lang: str) -> set[str]:
        texts = set(re.findall(r"<text[^>]*>([^<]+)</text>", svg))
        return texts & set(months[lang]["months"] + months[lang]["shortMonths"])

    with translation.override("uk"):
        svg_uk = chart_svg(kpi_trajectory(kpi, history))
    with translation.override("en"):
        svg_en = chart_svg(kpi_trajectory(kpi, history))
    assert named(svg_uk, "uk") and not named(svg_uk, "en")
    assert named(svg_en, "en") and not named(svg_en, "uk")

    # the page: in Ukrainian, with the chart and the script that draws it in the page's locale
    user = make_member(m, "viewer")
    client.login(username=user.username, password=PASSWORD)
    client.cookies["django_language"] = "uk"
    page = client.get(f"/m/{m.code}/follow-up/kpis/{kpi.pk}/").content.decode()
    assert '<html lang="uk"' in page
    assert 'data-testid="chart-kpi-trajectory"' in page and "hromada/charts" in page
