"""In Ukrainian: upload a file with an error, see the error, upload the fixed file, confirm,
open the diagnosis, see the charts drawn, download the whole diagnosis as XLSX."""

import io
import re

import pandas as pd
import pytest

from hromada.economy.models import Dataset, Observation
from tests.economy.helpers import excel_csv, long_frame
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_import_with_error_then_fixed_then_diagnosis(live_server, page, artifacts, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    m = make_municipality(name_uk="Тестова", name_en="Testova")
    user = make_member(m, "editor", language="uk")
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(rf"/m/{m.code}/$"))

    page.goto(f"{live_server.url}/m/{m.code}/assess/")
    assert page.locator("html").get_attribute("lang") == "uk"
    page.get_by_test_id("import-link").click()

    bad = long_frame()
    bad.loc[4, "kved"] = "99.99"
    form = page.get_by_test_id("upload-form")
    form.locator("input[name=file]").set_input_files(
        {"name": "зайнятість.csv", "mimeType": "text/csv", "buffer": excel_csv(bad)})
    form.locator("input[name=name]").fill("Зайнятість")
    page.get_by_test_id("upload-submit").click()
    errors = page.get_by_test_id("import-errors")
    errors.wait_for()
    text = errors.inner_text()
    assert "Нічого не збережено" in text
    assert "«99.99» не є кодом КВЕД 2010" in text
    assert "6" in page.get_by_test_id("problem").first.inner_text()  # row 6
    assert Dataset.objects.count() == 0 and Observation.objects.count() == 0

    form = page.get_by_test_id("upload-form")
    form.locator("input[name=file]").set_input_files(
        {"name": "зайнятість.csv", "mimeType": "text/csv", "buffer": excel_csv(long_frame())})
    form.locator("input[name=name]").fill("Зайнятість")
    page.get_by_test_id("upload-submit").click()
    page.get_by_test_id("preview-summary").wait_for()
    assert Dataset.objects.count() == 0
    page.get_by_test_id("confirm-import").click()

    page.get_by_test_id("diagnosis-title").wait_for()
    assert "Діагностика" in page.get_by_test_id("diagnosis-title").inner_text()
    for chart in ("structure", "specialisation", "shiftshare", "concentration", "resilience"):
        drawn = page.locator(f'[data-testid="chart-{chart}"][data-rendered="1"]')
        drawn.wait_for()
        assert drawn.locator("svg").count() >= 1
    page.screenshot(path=str(artifacts / "economy-diagnosis-uk.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_test_id("diagnosis-xlsx").click()
    path = download_info.value.path()
    with open(path, "rb") as fh:
        sheets = pd.read_excel(io.BytesIO(fh.read()), sheet_name=None)
    assert {"structure", "shiftshare", "concentration", "resilience"} <= set(sheets)
