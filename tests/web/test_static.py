"""Light on a slow link: static files collected under hashed names, compressed (brotli and
gzip) and cached for good; pages gzipped and small; chart libraries only where charts are."""

from __future__ import annotations

import gzip
import re

import pytest
from django.core.management import call_command
from django.test import Client

from hromada.config.demo import DEMO_CODE, DEMO_PASSWORD, DEMO_USERNAME, demo_seed
from hromada.core.storage import StaticStorage
from tests.web.urlmatrix import all_routes

pytestmark = pytest.mark.django_db

PRODUCTION = {"BACKEND": "hromada.core.storage.StaticStorage"}
YEAR = 365 * 24 * 3600


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_collected_files_are_hashed_compressed_and_cached_for_a_year(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION}
    call_command("collectstatic", interactive=False, verbosity=0)
    hashed = sorted(p.name for p in (tmp_path / "vendor" / "vega").glob("vega.min.*.js"))
    assert hashed and re.fullmatch(r"vega\.min\.[0-9a-f]{12}\.js", hashed[0])
    assert (tmp_path / "vendor" / "vega" / (hashed[0] + ".br")).is_file()
    assert (tmp_path / "vendor" / "vega" / (hashed[0] + ".gz")).is_file()

    m = demo_seed().municipality
    client = Client()  # a new client: whitenoise reads the new static folder
    client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    html = client.get(f"/m/{m.code}/").content.decode()
    css = re.search(r'href="(/static/hromada/app\.[0-9a-f]{12}\.css)"', html)
    assert css, "the page names the hashed stylesheet"
    for encoding in ("br", "gzip"):
        response = client.get(css.group(1), HTTP_ACCEPT_ENCODING=encoding)
        assert response.status_code == 200
        assert response["Content-Encoding"] == encoding
        max_age = int(re.search(r"max-age=(\d+)", response["Cache-Control"]).group(1))
        assert max_age >= YEAR and "immutable" in response["Cache-Control"]


def test_without_collection_pages_name_the_plain_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    assert StaticStorage().url("hromada/app.css") == "/static/hromada/app.css"


def test_pages_are_compressed_small_and_load_charts_only_with_charts(client):
    demo_seed()
    client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    checked = 0
    for route in all_routes():
        if route.params != ["code"] or route.name.startswith("admin:"):
            continue
        response = client.get(route.url(code=DEMO_CODE), HTTP_ACCEPT_ENCODING="gzip")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        url = route.url(code=DEMO_CODE)
        assert response["Content-Encoding"] == "gzip", url
        body = _body(response)
        assert len(body) < 60 * 1024, f"{url}: {len(body) // 1024} KB compressed"
        html = gzip.decompress(body).decode()
        # The Vega libraries are never named in a script tag: the loader fetches them
        # when a chart is on the page.
        assert not re.search(r'<script src="[^"]*vega', html), url
        if 'class="vega-chart"' in html:
            assert "hromada/charts" in html, url
    assert checked >= 20
