"""Shared test helpers: the demo hromada as a workspace, and reading numbers off pages."""

from __future__ import annotations

import json
import re

from hromada.config.demo import DEMO_CODE
from tests.web.factories import make_member, make_municipality

IZIUM = DEMO_CODE  # Iziumska, Kharkiv oblast: deoccupied in September 2022


def izium(**fields):
    defaults = {
        "name_uk": "Ізюмська",
        "name_en": "Iziumska",
        "oblast_uk": "Харківська",
        "oblast_en": "Kharkiv",
        "population": 48072,
        "war_status": "deoccupied",
        "hromada_type": "міська",
    }
    defaults.update(fields)
    return make_municipality(code=IZIUM, **defaults)


def member_client(client, municipality, role="viewer", language="en"):
    from tests.web.factories import PASSWORD

    user = make_member(municipality, role, language=language)
    client.login(username=user.username, password=PASSWORD)
    client.cookies["django_language"] = language
    return user


def attr_values(html: str, attr: str, key_attr: str) -> dict[str, str]:
    """{key: value} of elements carrying both attributes, e.g. data-testid / data-value."""
    out = {}
    for tag in re.findall(r"<[^>]+>", html):
        k = re.search(rf'{key_attr}="([^"]*)"', tag)
        v = re.search(rf'{attr}="([^"]*)"', tag)
        if k and v:
            out[k.group(1)] = v.group(1)
    return out


def chart_spec(html: str, chart_id: str) -> dict:
    m = re.search(rf'<div hidden id="spec-{chart_id}" class="chart-spec">(.*?)</div>', html, re.S)
    assert m, f"no spec for chart {chart_id}"
    import html as htmllib

    return json.loads(htmllib.unescape(m.group(1)))


def spec_rows(spec: dict) -> list[list[dict]]:
    """Every inline data set of a Vega-Lite spec (top-level datasets and data.values)."""
    out = list(spec.get("datasets", {}).values())

    def walk(node):
        if isinstance(node, dict):
            data = node.get("data")
            if isinstance(data, dict) and "values" in data:
                out.append(data["values"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return out
