"""The territory pages in a real browser: the fiscal page of the demo hromada with its
similar hromadas and the oblast map drawn; creating a workspace by searching a hromada
typed in Latin letters."""

import re

import pytest

from hromada.config.demo import DEMO_CODE, demo_seed
from tests.web.factories import PASSWORD, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username, password):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_test_id("lang-en").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_test_id("login-submit").click()
    page.wait_for_load_state()


def _see_fiscal_page(page, live_server, code):
    page.goto(live_server.url + f"/m/{code}/territory/fiscal/")
    assert page.get_by_test_id("fiscal-title").inner_text() == "Fiscal resilience"
    assert re.search(r"Own revenue (fell|rose) by \d+", page.get_by_test_id("reading").inner_text())
    rows = page.locator('[data-testid="neighbours"] tbody tr')
    assert rows.count() == 10
    # Every chart, the oblast map included, is drawn by vega-embed in the browser.
    page.wait_for_selector('[data-testid="chart-map"][data-rendered="1"]')
    page.wait_for_selector('[data-testid="chart-shock"][data-rendered="1"]')
    assert page.locator('[data-testid="chart-map"] svg').count() >= 1
    return rows


def test_fiscal_page_with_peers_and_oblast_map(live_server, page, artifacts):
    demo = demo_seed()
    _login(page, live_server, demo.username, demo.password)
    rows = _see_fiscal_page(page, live_server, DEMO_CODE)
    before = [rows.nth(i).get_attribute("data-code") for i in range(rows.count())]
    page.screenshot(path=str(artifacts / "territory-fiscal-en.png"), full_page=True)

    # Weigh war status heavily: htmx swaps in other similar hromadas, charts redrawn.
    page.get_by_test_id("weights-toggle").click()
    page.locator("#id_w_war_status").fill("10")
    page.locator("#id_w_distance_to_russia_km").fill("0")
    page.get_by_test_id("weights-submit").click()
    page.wait_for_function(
        "(before) => { const r = [...document.querySelectorAll("
        "'[data-testid=\"neighbours\"] tbody tr')].map(e => e.dataset.code);"
        " return r.length && r.join() !== before.join(); }",
        arg=before,
    )
    page.wait_for_selector('[data-testid="chart-neighbours"][data-rendered="1"]')
    assert "w_war_status=10" in page.url

    # The profile: war exposure and the map recoloured through the selector.
    page.goto(live_server.url + f"/m/{DEMO_CODE}/territory/")
    assert page.get_by_test_id("war-status").inner_text() == "deoccupied"
    page.wait_for_selector('[data-testid="chart-map"][data-rendered="1"]')
    page.locator("#oblast-map select").select_option("population")
    page.wait_for_selector('[data-testid="chart-map"][data-rendered="1"] >> text=population')


def test_create_workspace_by_searching_in_latin_letters(live_server, page):
    user = make_user()
    user.is_superuser = True  # an administrator creates directly; others request
    user.save()
    _login(page, live_server, user.username, PASSWORD)
    page.goto(live_server.url + "/m/new/")
    page.get_by_test_id("hromada-search").press_sequentially("Izium", delay=30)
    button = page.get_by_test_id(f"create-{DEMO_CODE}")
    button.wait_for()
    assert "Iziumska" in page.get_by_test_id("hromada-results").inner_text()
    button.click()
    page.wait_for_url(re.compile(rf"/m/{DEMO_CODE}/$"))
    _see_fiscal_page(page, live_server, DEMO_CODE)


@pytest.mark.urls("tests.territory.urls")
def test_search_page_creates_a_workspace_before_the_url_is_wired(live_server, page):
    """The search page of the territory app (wired here by a test URL configuration at
    /m/search/, as the workspaces app will): type in Latin letters, pick, create."""
    user = make_user()
    user.is_superuser = True  # an administrator creates directly; others request
    user.save()
    _login(page, live_server, user.username, PASSWORD)
    page.goto(live_server.url + "/m/search/")
    page.get_by_test_id("hromada-search").press_sequentially("izium", delay=30)
    button = page.get_by_test_id(f"create-{DEMO_CODE}")
    button.wait_for()
    assert page.url.endswith("/m/search/")  # results came by htmx, no page load
    button.click()
    page.wait_for_url(re.compile(rf"/m/{DEMO_CODE}/$"))
    assert page.get_by_test_id("dashboard-title").inner_text() == "Iziumska"
