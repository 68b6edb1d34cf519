"""Users may be offline: no page may reference an external URL, and every asset a page
links to is served by the app itself."""

import re

import pytest

from tests.web.pages import reachable_pages

pytestmark = pytest.mark.django_db

# src=, href=, action=, url(...) and @import pointing off-site (scheme or protocol-relative)
EXTERNAL = re.compile(
    r"""(?:src|href|action|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""",
    re.I,
)
ASSET = re.compile(r"""(?:src|href)="(/static/[^"]+)\"""")


def test_no_page_references_an_external_url(client):
    pages = reachable_pages(client)
    assert len(pages) >= 8
    seen_assets = set()
    for url, response in sorted(pages.items()):
        assert response.status_code < 500, (url, response.status_code)
        if response.status_code != 200:  # redirects, or pages that need a query (404, 405)
            continue
        if "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        match = EXTERNAL.search(html)
        context = html[match.start() : match.start() + 80] if match else ""
        assert match is None, f"{url} references an external URL: {context}"
        seen_assets.update(ASSET.findall(html))
    assert any("htmx" in a for a in seen_assets) and any("pico" in a for a in seen_assets)
    for asset in seen_assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "ignore")
        assert not re.search(r"""url\(\s*["']?https?://|@import\s+["']?https?://""", text), asset
