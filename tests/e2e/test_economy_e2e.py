"""In Ukrainian: upload a file with an error, see the error, upload the fixed file, confirm,
open the diagnosis, see the charts drawn, download the whole diagnosis as XLSX."""

import io
import re

import pandas as pd
import pytest

from hromada.core.taskframework import DATABASE_BACKEND, IMMEDIATE_BACKEND
from hromada.economy.models import Dataset, Observation
from tests.economy.helpers import excel_csv, long_frame
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, user, municipality):
    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(rf"/m/{municipality.code}/$"))


def test_import_with_error_then_fixed_then_diagnosis(live_server, page, artifacts, settings):
    settings.TASKS = {"default": {"BACKEND": IMMEDIATE_BACKEND}}
    m = make_municipality(name_uk="Тестова", name_en="Testova")
    user = make_member(m, "editor", language="uk")
    _log_in(page, live_server, user, m)

    page.goto(f"{live_server.url}/m/{m.code}/assess/")
    assert page.locator("html").get_attribute("lang") == "uk"
    page.get_by_test_id("import-link").click()

    bad = long_frame()
    bad.loc[4, "kved"] = "99.99"
    form = page.get_by_test_id("upload-form")
    form.locator("input[name=file]").set_input_files(
        {"name": "зайнятість.csv", "mimeType": "text/csv", "buffer": excel_csv(bad)}
    )
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
        {"name": "зайнятість.csv", "mimeType": "text/csv", "buffer": excel_csv(long_frame())}
    )
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
        sheets = pd.read_excel(io.BytesIO(fh.read()), sheet_name=None, engine="openpyxl")
    # sheet names in the page's language (issue 21)
    from django.utils import translation

    from hromada.economy.columns import DIAGNOSIS_SHEETS

    with translation.override("uk"):
        wanted = {str(DIAGNOSIS_SHEETS[k]) for k in ("structure", "shiftshare", "resilience")}
    assert wanted <= set(sheets), sorted(sheets)
    assert "Структура" in sheets


def test_large_upload_checked_and_stored_by_the_worker_page_follows(
    live_server, page, settings, monkeypatch
):
    """A large file goes to the worker: the page shows the progress and moves on by itself
    (htmx polling) to the problems, the preview, and after confirming to the diagnosis."""
    from django_tasks_db.models import DBTaskResult

    from hromada.economy import services

    settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND}}
    monkeypatch.setattr(services, "INLINE_PARSE_BYTES", 0)
    monkeypatch.setattr(services, "INLINE_STORE_ROWS", 0)

    def worker_runs(expected: str) -> None:
        """What `hromada worker` does with the queue, here in the test's thread."""
        ran = []
        for queued in DBTaskResult.objects.ready():
            queued.claim("e2e")
            queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
            queued.delete()
            ran.append(queued.task.name)
        assert ran == [expected]

    m = make_municipality(name_uk="Тестова", name_en="Testova")
    user = make_member(m, "editor", language="uk")
    _log_in(page, live_server, user, m)
    page.goto(f"{live_server.url}/m/{m.code}/assess/import/")

    def upload(frame):
        form = page.get_by_test_id("upload-form")
        form.locator("input[name=file]").set_input_files(
            {"name": "великий.csv", "mimeType": "text/csv", "buffer": excel_csv(frame)}
        )
        form.locator("input[name=name]").fill("Зайнятість")
        page.get_by_test_id("upload-submit").click()
        # Generous: under a parallel test run on 2 cores the upload can take a while.
        page.locator('[data-testid="import-progress"][data-status="parsing"]').wait_for(
            timeout=60_000
        )

    bad = long_frame()
    bad.loc[2, "value"] = -5
    upload(bad)
    worker_runs("import_parse_task")
    page.get_by_test_id("import-errors").wait_for()  # the page moved on by itself
    text = page.get_by_test_id("import-errors").inner_text()
    assert "Значення -5 від’ємне." in text and "Нічого не збережено" in text

    upload(long_frame())
    worker_runs("import_parse_task")
    page.get_by_test_id("preview-summary").wait_for()
    page.get_by_test_id("confirm-import").click()
    page.locator('[data-testid="import-progress"][data-status="storing"]').wait_for()
    assert Observation.objects.count() == 0
    worker_runs("import_store_task")
    page.get_by_test_id("diagnosis-progress").wait_for()
    assert Dataset.objects.count() == 1 and Observation.objects.count() == 48
    worker_runs("diagnosis_run_task")
    drawn = page.locator('[data-testid="chart-structure"][data-rendered="1"]')
    drawn.wait_for()
    assert drawn.locator("svg").count() >= 1
