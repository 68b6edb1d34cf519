"""The demo as a stranger's fresh clone serves it: every page reachable from the demo
municipality's dashboard, in both languages, answers without a server error.

The walk follows links (breadth first) from the dashboard, the way an officer clicks
through the cycle; it needs nothing but the repository (bundled reference data).
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import override_settings

from hromada.config.demo import demo_seed
from hromada.core.taskframework import IMMEDIATE_BACKEND

pytestmark = pytest.mark.django_db

_HREF = re.compile(r'href="([^"#]+)"')
_SKIP = re.compile(r"(logout|/static/|/admin/|\.pdf$|set-language|/i18n/)")
LIMIT = 400


def crawl(client, start: str):
    """Breadth first from ``start`` over the site's own links: (url, response) of every
    page answered (also used by the uk text scan and the chart-axes check)."""
    seen: set[str] = set()
    queue = deque([start])
    while queue and len(seen) < LIMIT:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        yield url, response
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in _HREF.findall(response.content.decode()):
            target = urljoin(url, href.replace("&amp;", "&"))
            parts = urlsplit(target)
            if parts.netloc or _SKIP.search(parts.path):
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if path not in seen:
                queue.append(path)


def _walk(client, start: str) -> dict[str, int]:
    return {url: response.status_code for url, response in crawl(client, start)}


@pytest.mark.parametrize("language", ["uk", "en"])
def test_every_demo_page_answers_without_a_server_error(client, language):
    with override_settings(TASKS={"default": {"BACKEND": IMMEDIATE_BACKEND}}):
        demo = demo_seed()
        client.login(username=demo.username, password=demo.password)
        client.cookies["django_language"] = language
        seen = _walk(client, f"/m/{demo.municipality.code}/")
    errors = {url: status for url, status in seen.items() if status >= 500}
    assert not errors, errors
    assert len(seen) >= 30, sorted(seen)
    # the pages a fresh clone answered 500 on (issue 17) are among those walked
    code = demo.municipality.code
    walked = " ".join(seen)
    for part in (
        f"/m/{code}/assess/",
        f"/m/{code}/resilience/",
        f"/m/{code}/territory/",
        f"/m/{code}/diversify/",
        f"/m/{code}/follow-up/",
    ):
        assert part in walked, part


def test_without_any_reference_data_pages_say_what_is_missing(client, monkeypatch, tmp_path):
    """A damaged installation (no bundle, empty data folder): still no server error, and a
    page that needs a file names it and says how to add it, in the user's language."""
    with override_settings(TASKS={"default": {"BACKEND": IMMEDIATE_BACKEND}}):
        demo = demo_seed()
        monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path))
        monkeypatch.setattr("hromada.refdata.locations.BUNDLE_DIR", tmp_path / "no-bundle")
        client.login(username=demo.username, password=demo.password)
        client.cookies["django_language"] = "uk"
        seen = _walk(client, f"/m/{demo.municipality.code}/")
        page = client.get(f"/m/{demo.municipality.code}/assess/import/template/uk/xlsx/")
    assert not {url: status for url, status in seen.items() if status >= 500}
    text = page.content.decode()
    assert 'data-testid="reference-data-missing"' in text
    assert "classifiers/kved2010_nace2_uk_en.csv" in text and "HROMADA_DATA_DIR" in text
    assert "Довідкових даних бракує" in text
