"""End-to-end tests in a real headless Chromium: Debian's `chromium`, driven by Playwright.

Without chromium on PATH the tests are skipped with a loud message, except where
HROMADA_REQUIRE_BROWSER=1 (set by .ci/run), where a missing browser fails the run.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the test's own ORM calls
# (seeding data, checking results) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        message = (
            "\n" + "!" * 78 + "\n  END-TO-END TESTS SKIPPED: Debian's `chromium` is not on PATH.\n"
            "  Install it with: apt-get install -y chromium   (.ci/run does this)\n"
            + "!" * 78
            + "\n"
        )
        if os.environ.get("HROMADA_REQUIRE_BROWSER"):
            pytest.fail(message)
        sys.stderr.write(message)
        pytest.skip("chromium not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    context = browser.new_context(
        locale="en-GB", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    context.set_default_timeout(15000)
    page = context.new_page()
    yield page
    _settle(page)
    context.close()


def _settle(page) -> None:
    """Let the page's last requests (htmx swaps, chart redraws) finish before the test
    database is flushed: a live-server request still running then holds an SQLite table
    lock and the teardown fails ("database table is locked")."""
    try:
        page.wait_for_function(
            "() => !document.querySelector('.htmx-request') && "
            "[...document.querySelectorAll('.vega-chart[data-spec]')].every(e => e.dataset.rendered && e.dataset.rendered !== 'pending')",
            timeout=5000,
        )
        page.wait_for_load_state("networkidle", timeout=5000)
    except Exception:  # noqa: BLE001 - a page that never settles is the test's own failure
        pass
    page.wait_for_timeout(150)


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
