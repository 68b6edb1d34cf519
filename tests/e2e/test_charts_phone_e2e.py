"""Charts on a phone (390x844), in Ukrainian: the chart menu (vega-embed's actions button)
never covers the legend, and a KPI chart's time axis names its months in Ukrainian
(issue 21)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from hromada.config.demo import DEMO_CODE, demo_seed
from hromada.core.charts import CHART_LOCALES
from hromada.core.taskframework import IMMEDIATE_BACKEND

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
CHARTS_DONE = (
    "() => [...document.querySelectorAll('.vega-chart')]"
    ".every(e => e.dataset.rendered === '1' || e.dataset.rendered === 'error')"
)
# For each drawn chart: the boxes of its actions button and of its legends.
BOXES = """() => [...document.querySelectorAll('.vega-chart')].map(chart => {
  const box = e => { const r = e.getBoundingClientRect();
    return {x: r.left, y: r.top, w: r.width, h: r.height}; };
  const button = chart.querySelector('details > summary');
  return {
    id: chart.dataset.testid,
    button: button ? box(button) : null,
    title: button ? button.parentElement.getAttribute('title') : null,
    legends: [...chart.querySelectorAll('.role-legend')].map(box).filter(b => b.w > 0),
  };
})"""


def _intersect(a, b) -> bool:
    return (
        a["x"] < b["x"] + b["w"]
        and b["x"] < a["x"] + a["w"]
        and a["y"] < b["y"] + b["h"]
        and b["y"] < a["y"] + a["h"]
    )


def _kpi(municipality):
    from hromada.monitoring.models import KpiUpdate
    from hromada.planning.models import Kpi, OperationalGoal, StrategicGoal

    sg = StrategicGoal.objects.create(municipality=municipality, code="9", title="Економіка")
    og = OperationalGoal.objects.create(
        municipality=municipality, strategic_goal=sg, code="9.1", title="Робочі місця"
    )
    kpi = Kpi.objects.create(
        municipality=municipality,
        operational_goal=og,
        indicator="Нові робочі місця",
        unit="місць",
        baseline_value=100,
        baseline_year=2026,
        target_value=160,
        target_date=dt.date(2026, 9, 30),
    )
    for month, value in ((3, 110), (5, 125), (7, 140)):
        KpiUpdate.objects.create(
            municipality=municipality, kpi=kpi, date=dt.date(2026, month, 1), value=value
        )
    return kpi


def test_chart_menu_clear_of_legends_and_months_in_ukrainian(
    live_server, browser, settings, artifacts
):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.TASKS = {"default": {"BACKEND": IMMEDIATE_BACKEND}}  # the diagnosis at once
    from hromada.economy.demo import DEMO_DATASET_NAME
    from hromada.economy.models import Dataset

    demo = demo_seed()
    kpi = _kpi(demo.municipality)
    dataset = Dataset.objects.get(municipality=demo.municipality, name=DEMO_DATASET_NAME)
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    context.set_default_timeout(20000)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/accounts/login/")
        page.get_by_test_id("lang-uk").click()
        page.wait_for_load_state()
        page.locator("input[name=username]").fill(demo.username)
        page.locator("input[name=password]").fill(demo.password)
        page.get_by_test_id("login-submit").click()
        page.wait_for_url(re.compile(rf"/m/{DEMO_CODE}/$"))

        page.goto(f"{live_server.url}/m/{DEMO_CODE}/follow-up/kpis/{kpi.pk}/")
        page.wait_for_function(CHARTS_DONE)
        texts = set(
            page.eval_on_selector_all(".vega-chart text", "els => els.map(e => e.textContent)")
        )
        uk, en = (CHART_LOCALES[x]["time"] for x in ("uk", "en"))
        assert texts & set(uk["months"] + uk["shortMonths"]), sorted(texts)
        assert not texts & set(en["months"] + en["shortMonths"]), sorted(texts)

        overlaps, checked, charts_seen = [], 0, []
        for url in (
            f"/m/{DEMO_CODE}/assess/datasets/{dataset.pk}/",
            f"/m/{DEMO_CODE}/follow-up/kpis/{kpi.pk}/",
            f"/m/{DEMO_CODE}/resilience/",
        ):
            page.goto(live_server.url + url)
            page.wait_for_function(CHARTS_DONE)
            boxes = page.evaluate(BOXES)
            charts_seen.append((url, len(boxes)))
            for chart in boxes:
                if chart["button"] is None:
                    continue
                assert chart["title"] and "actions" not in chart["title"], chart["title"]
                for legend in chart["legends"]:
                    checked += 1
                    if _intersect(chart["button"], legend):
                        overlaps.append(f"{url} {chart['id']}: {chart['button']} over {legend}")
        assert checked >= 5, (checked, charts_seen)
        assert not overlaps, "\n".join(overlaps)

        # on a phone the sector legend sits below the bars and names its sectors
        page.goto(f"{live_server.url}/m/{DEMO_CODE}/assess/datasets/{dataset.pk}/")
        page.wait_for_function(CHARTS_DONE)
        chart = page.locator(".vega-chart[data-spec='spec-structure-time']")
        chart.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "structure-time-phone-uk.png"), full_page=False)
        legend = chart.locator("g.role-legend").first.bounding_box()
        bars = chart.locator("g.mark-rect.role-mark").first.bounding_box()
        assert legend["y"] >= bars["y"] + bars["height"] - 1, (legend, bars)
        labels = chart.locator("g.role-legend text").all_text_contents()
        assert any(t.startswith("C ") and "Переробна" in t for t in labels), labels
        assert chart.bounding_box()["width"] <= PHONE["width"]
    finally:
        context.close()
