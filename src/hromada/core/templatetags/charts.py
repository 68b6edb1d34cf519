"""Template filters for charts."""

from __future__ import annotations

import json
import math

from django import template

register = template.Library()


def _clean(node):
    if isinstance(node, float) and not math.isfinite(node):
        return None
    if isinstance(node, dict):
        return {k: _clean(v) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return [_clean(v) for v in node]
    return node


@register.filter
def spec_json(spec) -> str:
    """A chart spec as JSON text, NaN and inf as null. The template HTML-escapes it inside
    a hidden element and the browser's textContent gives the JSON back. (A <script> holder
    would be dropped when htmx swaps the chart in, since htmx runs with allowScriptTags off.)"""
    return json.dumps(_clean(spec), ensure_ascii=False, allow_nan=False, default=str)


@register.filter
def safe_url(value) -> str:
    """``value`` if it is a web (http, https), mail or site-relative address, else "".
    User-entered links (evidence, meeting links) must never become javascript: links."""
    from urllib.parse import urlsplit

    text = str(value or "").strip()
    if not text:
        return ""
    if text.startswith("/") and not text.startswith("//"):
        return text
    scheme = urlsplit(text).scheme.lower()
    return text if scheme in {"http", "https", "mailto"} else ""
