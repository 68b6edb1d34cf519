"""In Ukrainian: accept two SWOT suggestions from the analysis, create a goal with a KPI,
add a project with two funding sources, record a KPI update, download the PDF report and
check it holds the goal, the KPI value and the funding gap."""

import re
import subprocess

import pytest

from hromada.economy.models import Dataset, DatasetVersion, Observation
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _seed():
    m = make_municipality(name_uk="Тестова", name_en="Testova")
    user = make_member(m, "editor", language="uk")
    ds = Dataset.objects.create(
        municipality=m, name="Зайнятість", measure="employment", unit="осіб"
    )
    v = DatasetVersion.objects.create(dataset=ds, number=1)
    local = {
        ("A", 2020): 100,
        ("C", 2020): 300,
        ("G", 2020): 200,
        ("A", 2022): 90,
        ("C", 2022): 420,
        ("G", 2022): 150,
    }
    ref = {
        ("A", 2020): 1000,
        ("C", 2020): 1000,
        ("G", 2020): 2000,
        ("A", 2022): 1000,
        ("C", 2022): 1050,
        ("G", 2022): 1900,
    }
    Observation.objects.bulk_create(
        [
            Observation(version=v, area="local", sector=s, year=y, value=x)
            for (s, y), x in local.items()
        ]
        + [
            Observation(version=v, area="reference", sector=s, year=y, value=x)
            for (s, y), x in ref.items()
        ]
    )
    return m, user


def _save(page):
    page.get_by_test_id("save").click()
    page.wait_for_load_state()


def test_plan_to_pdf_report_in_ukrainian(live_server, page, artifacts):
    m, user = _seed()
    base = f"{live_server.url}/m/{m.code}"
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_test_id("lang-uk").click()
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(rf"/m/{m.code}/$"))

    # SWOT: suggestions from the analysis, accept two.
    page.goto(base + "/plan/swot/")
    assert page.locator("html").get_attribute("lang") == "uk"
    page.get_by_test_id("swot-refresh").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("swot-suggestion").count() >= 2
    first_text = (
        page.get_by_test_id("swot-suggestion").first.locator("textarea[name=text]").input_value()
    )
    for _ in range(2):
        page.get_by_test_id("swot-accept").first.click()
        page.wait_for_load_state()
    assert page.get_by_test_id("swot-accepted").count() == 2
    assert first_text in page.get_by_test_id("swot-board").inner_text()

    # A strategic goal, an operational goal, a KPI.
    page.goto(base + "/plan/goals/")
    page.get_by_test_id("add-sgoal").click()
    page.locator("[name=code]").fill("1")
    page.locator("[name=title]").fill("Розвиток переробної промисловості")
    _save(page)
    page.get_by_test_id("add-ogoal").first.click()
    page.locator("[name=code]").fill("1.1")
    page.locator("[name=title]").fill("Підтримка малих виробників")
    _save(page)
    page.get_by_test_id("add-kpi").first.click()
    page.locator("[name=indicator]").fill("Зайнятість у переробній промисловості")
    page.locator("[name=unit]").fill("осіб")
    page.locator("[name=baseline_value]").fill("420")
    page.locator("[name=baseline_year]").fill("2022")
    page.locator("[name=target_value]").fill("600")
    page.locator("[name=target_date]").fill("2028-12-31")
    _save(page)
    assert "Зайнятість у переробній промисловості" in page.get_by_test_id("goal-tree").inner_text()

    # A project with two funding sources.
    page.goto(base + "/follow-up/")
    page.get_by_test_id("add-project").click()
    page.locator("[name=title]").fill("Індустріальний парк")
    page.locator("[name=budget]").fill("2000000")
    page.locator("[name=goals]").first.check()
    _save(page)
    page.get_by_role("link", name="Індустріальний парк").first.click()
    for ftype, secured, pledged in (
        ("municipal", "500000", "0"),
        ("international", "700000", "300000"),
    ):
        page.get_by_test_id("add-funding").click()
        page.locator("[name=funding_type]").select_option(ftype)
        page.locator("[name=secured]").fill(secured)
        page.locator("[name=pledged]").fill(pledged)
        _save(page)
    gap = page.get_by_test_id("project-gap").inner_text().replace("\xa0", " ")
    assert gap == "500 000"  # 2 000 000 - 1 200 000 secured - 300 000 pledged

    # A KPI update.
    page.goto(base + "/follow-up/")
    page.get_by_test_id("kpi-link").first.click()
    page.locator("[name=date]").fill("2025-06-30")
    page.locator("[name=value]").fill("455")
    page.locator("[name=comment]").fill("Дані податкової")
    page.get_by_test_id("kpi-update-save").click()
    page.wait_for_load_state()
    page.locator("[data-testid=chart-kpi-trajectory][data-rendered='1']").wait_for()
    page.screenshot(path=str(artifacts / "kpi-uk.png"), full_page=True)

    # The PDF report.
    page.goto(base + "/follow-up/")
    with page.expect_download() as info:
        page.get_by_test_id("report-pdf-uk").click()
    path = info.value.path()
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    text = " ".join(text.replace("\xa0", " ").split())  # table cells wrap lines
    assert "Розвиток переробної промисловості" in text
    assert "Зайнятість у переробній промисловості" in text
    assert "455" in text
    assert "500 000" in text
