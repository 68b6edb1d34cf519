"""Log in as the demo account, switch to Ukrainian, see the dashboard in Ukrainian, log out."""

import re

import pytest

from hromada.config.demo import DEMO_CODE, demo_seed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_demo_login_switch_language_logout(live_server, page, artifacts):
    demo = demo_seed()
    page.goto(live_server.url + "/")
    # Not signed in: the login page, in English because the browser asks for English.
    page.wait_for_url(re.compile(r"/accounts/login/"))
    page.get_by_test_id("lang-en").click()
    assert page.locator("h1").inner_text() == "Log in"
    page.get_by_label("Username").fill(demo.username)
    page.get_by_label("Password").fill(demo.password)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(rf"/m/{DEMO_CODE}/$"))
    assert "The cycle of local economic development" in page.content()

    page.get_by_test_id("lang-uk").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.get_by_test_id("dashboard-title").inner_text() == "Ізюмська"
    assert "Цикл місцевого економічного розвитку" in page.content()
    assert "Харківська область" in page.content()
    page.screenshot(path=str(artifacts / "dashboard-uk.png"), full_page=True)

    # The choice persists: a reload stays Ukrainian.
    page.reload()
    assert "Цикл місцевого економічного розвитку" in page.content()

    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))
    assert page.locator("h1").inner_text() == "Увійти"
    page.goto(live_server.url + f"/m/{DEMO_CODE}/")
    page.wait_for_url(re.compile(r"/accounts/login/"))
