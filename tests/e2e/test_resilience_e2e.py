"""Resilience and Diversify in a real browser: a 30-day, 60 % electricity outage with 90 days
of recovery, run, saved and compared with a second scenario; then the opportunity map and
an opportunity added to the shortlist."""

import re

import pandas as pd
import pytest

from hromada.diversify.models import ShortlistItem
from hromada.diversify.panels import builtin_panel
from hromada.economy.services import dataset_import
from hromada.resilience.models import Scenario
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LOCAL = {
    "A": 500.0,
    "C": 3000.0,
    "D": 200.0,
    "E": 150.0,
    "G": 2000.0,
    "H": 600.0,
    "P": 1500.0,
    "Q": 900.0,
}


def _login(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_load_state()


def _scenario(page, share, days, recovery):
    form = page.get_by_test_id("scenario-form")
    row = form.get_by_test_id("shock-electricity")
    row.locator('input[name="electricity_on"]').check()
    row.locator('input[name="electricity_share"]').fill(str(share))
    row.locator('input[name="electricity_days"]').fill(str(days))
    row.locator('input[name="electricity_recovery"]').fill(str(recovery))
    page.get_by_test_id("run").click()
    page.wait_for_load_state()


def test_scenario_compare_and_shortlist(live_server, page, artifacts):
    m = make_municipality(name_en="Testova", population=48_000)
    rows = [("local", s, 2021, v) for s, v in LOCAL.items()]
    rows += [("reference", s, 2021, v * 120) for s, v in LOCAL.items()]
    dataset_import(
        municipality=m,
        frame=pd.DataFrame(rows, columns=["area", "sector", "year", "value"]),
        name="Employment",
        measure="employment",
        unit="persons",
    )
    user = make_member(m, "editor")
    _login(page, live_server, user)

    page.goto(live_server.url + f"/m/{m.code}/resilience/")
    _scenario(page, 60, 30, 90)
    page.wait_for_selector('[data-testid="chart-daily"][data-rendered="1"]')
    page.wait_for_selector('[data-testid="chart-loss"][data-rendered="1"]')
    assert page.locator('[data-testid="chart-daily"] svg.marks').count() == 1
    ranking = page.get_by_test_id("ranking")
    assert ranking.locator("tbody tr").count() >= 3
    # an outage is an input constraint: manufacturing, which cannot work without power,
    # loses most (the value-based cascade alone left it nearly untouched)
    assert ranking.locator("tbody tr").first.get_attribute("data-sector") == "C"
    assert "input constraint" in page.get_by_test_id("model-used").inner_text()
    assert "%" in page.get_by_test_id("indirect-share").inner_text()
    page.screenshot(path=str(artifacts / "resilience-scenario.png"), full_page=True)

    page.get_by_test_id("save-form").get_by_label("Name of the scenario").fill("Blackout 30 days")
    page.get_by_test_id("save").click()
    page.wait_for_url(re.compile(r"/resilience/\d+/$"))
    assert page.get_by_test_id("scenario-title").inner_text() == "Blackout 30 days"
    page.wait_for_selector('[data-testid="chart-daily"][data-rendered="1"]')

    page.goto(live_server.url + f"/m/{m.code}/resilience/")
    _scenario(page, 60, 14, 30)
    page.get_by_test_id("save-form").get_by_label("Name of the scenario").fill("Blackout 2 weeks")
    page.get_by_test_id("save").click()
    page.wait_for_url(re.compile(r"/resilience/\d+/$"))
    assert Scenario.objects.filter(municipality=m).count() == 2
    first = Scenario.objects.get(name="Blackout 30 days")
    assert first.shocks == [
        {"kind": "electricity", "section": "D", "share": 0.6, "days": 30, "recovery_days": 90}
    ]

    page.goto(live_server.url + f"/m/{m.code}/resilience/")
    for s in Scenario.objects.filter(municipality=m):
        page.get_by_test_id(f"compare-{s.pk}").check()
    page.get_by_test_id("compare-submit").click()
    page.wait_for_selector('[data-testid="chart-compare-daily"][data-rendered="1"]')
    table = page.get_by_test_id("comparison")
    assert table.locator("tbody tr").count() == 2
    assert "Blackout 30 days" in table.inner_text() and "Blackout 2 weeks" in table.inner_text()
    page.screenshot(path=str(artifacts / "resilience-compare.png"), full_page=True)

    if builtin_panel("de_sections") is None:
        pytest.skip("europe/ panels not in the data folder")
    page.goto(live_server.url + f"/m/{m.code}/diversify/")
    page.wait_for_selector('[data-testid="chart-opportunity-map"][data-rendered="1"]')
    page.screenshot(path=str(artifacts / "diversify-map.png"), full_page=True)
    first_row = page.get_by_test_id("opportunities").locator("tbody tr").first
    sector = first_row.get_attribute("data-sector")
    first_row.get_by_test_id(f"add-{sector}").click()
    page.wait_for_load_state()
    assert "added to the shortlist" in page.content()
    assert ShortlistItem.objects.filter(municipality=m, sector=sector).exists()
    page.goto(live_server.url + f"/m/{m.code}/diversify/space/")
    page.wait_for_selector('[data-testid="chart-industry-space"][data-rendered="1"]')
    page.screenshot(path=str(artifacts / "diversify-space.png"), full_page=True)
