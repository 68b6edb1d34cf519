"""Charts that show KVED sectors name them on the axis, not only in the tooltip: the code
and a short name in sentence case, in the page's language (issue 21)."""

from __future__ import annotations

import json
import re

import pytest
from django.utils import translation

from hromada.core.charts import AXIS_NAME_LIMIT, sector_axis_label

pytestmark = pytest.mark.django_db


def _axis_labels(spec, field="label"):
    rows = [r for rows in spec.get("datasets", {}).values() for r in rows]
    return {r[field] for r in rows if field in r}


@pytest.mark.parametrize(("language", "word"), [("uk", "Переробна"), ("en", "Manufacturing")])
def test_sector_bars_carry_names_on_the_axis(language, word):
    from hromada.config.demo import demo_seed
    from hromada.economy.charts import diagnosis_charts
    from hromada.economy.demo import DEMO_DATASET_NAME
    from hromada.economy.models import Dataset
    from hromada.economy.selectors import diagnosis_compute

    demo = demo_seed()
    dataset = Dataset.objects.get(municipality=demo.municipality, name=DEMO_DATASET_NAME)
    with translation.override(language):
        charts = diagnosis_charts(diagnosis_compute(dataset), lambda cid: f"/{cid}.csv")
    by_id = {c.id: c for items in charts.values() for c in items}
    for cid in ("structure", "shiftshare", "shiftshare-em", "resilience-sectors"):
        spec = by_id[cid].spec
        assert spec["encoding"]["y"]["field"] == "label", cid
        labels = _axis_labels(spec)
        assert any(label.startswith("C ") and word in label for label in labels), (cid, labels)
        for label in labels:
            code, _, name = label.partition(" ")
            assert len(name) <= AXIS_NAME_LIMIT and not name.isupper(), label


def test_axis_label_is_short_and_in_sentence_case():
    long = "Professional, scientific and technical activities"
    label = sector_axis_label("M", long)
    assert label.startswith("M Professional") and label.endswith("…")
    assert len(label) <= len("M ") + AXIS_NAME_LIMIT
    assert sector_axis_label("A", "СІЛЬСЬКЕ ГОСПОДАРСТВО") == "A Сільське господарство"
    assert sector_axis_label("A", "") == "A"


#: A KVED code as data holds it: a section letter, or a division, group or class number.
_KVED_CODE = re.compile(r"^([A-U]|\d{2}(\.\d{1,2}){0,2})$")
#: The channels a reader sees as an axis, a legend or a label drawn on the chart.
_SHOWN = ("x", "y", "color", "fill", "shape", "size", "opacity", "text", "yOffset", "xOffset")


def _encodings(node, path=""):
    """(channel, definition, where) of every encoding in a (layered, concatenated) spec."""
    if isinstance(node, dict):
        for channel, definition in (node.get("encoding") or {}).items():
            if isinstance(definition, dict):
                yield channel, definition, path
        for key, value in node.items():
            if key not in ("encoding", "datasets", "data"):
                yield from _encodings(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _encodings(item, f"{path}/{i}")


def _rows(spec) -> list[dict]:
    rows = [r for rows in (spec.get("datasets") or {}).values() for r in rows]

    def inline(node):
        if isinstance(node, dict):
            values = (
                (node.get("data") or {}).get("values")
                if isinstance(node.get("data"), dict)
                else None
            )
            if isinstance(values, list):
                rows.extend(r for r in values if isinstance(r, dict))
            for value in node.values():
                inline(value)
        elif isinstance(node, list):
            for item in node:
                inline(item)

    inline(spec)
    return rows


def _line_marks(node, path=""):
    """(where, x encoding) of every line or area mark in a (layered) spec."""
    if isinstance(node, dict):
        mark = node.get("mark")
        kind = mark.get("type") if isinstance(mark, dict) else mark
        if kind in ("line", "area", "trail") and isinstance(
            (node.get("encoding") or {}).get("x"), dict
        ):
            yield path, node["encoding"]["x"]
        for key, value in node.items():
            if key not in ("encoding", "datasets", "data"):
                yield from _line_marks(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _line_marks(item, f"{path}/{i}")


def year_axis_problems(spec) -> list[str]:
    """A line over years drawn on an ordinal or nominal axis: 2021, 2023 and 2024 would sit
    evenly spaced, hiding the missing year (issue 21: years on a true time axis)."""
    return [
        f"{where or '/'}: {x.get('field')!r} on a {x.get('type')} axis"
        for where, x in _line_marks(spec)
        if x.get("field") in ("year", "date", "month") and x.get("type") in ("ordinal", "nominal")
    ]


def test_the_year_check_finds_evenly_spaced_years():
    bad = {"mark": "line", "encoding": {"x": {"field": "year", "type": "ordinal"}}}
    good = {"mark": {"type": "line"}, "encoding": {"x": {"field": "year", "type": "quantitative"}}}
    assert year_axis_problems({"layer": [bad]}) and not year_axis_problems({"layer": [good]})


def chart_axis_problems(spec) -> list[str]:
    """What a chart shows bare: an axis, legend or label whose field holds only KVED
    codes (no names), or an axis or legend titled by a raw field name (no title given)."""
    problems = []
    rows = _rows(spec)
    titled: dict[tuple[str, str], bool] = {}
    for channel, enc, where in _encodings(spec):
        name = enc.get("field")
        if channel not in _SHOWN or not isinstance(name, str):
            continue
        values = {r[name] for r in rows if name in r}
        if values and all(isinstance(v, str) and _KVED_CODE.match(v) for v in values):
            problems.append(
                f"{where} {channel}: {name!r} holds bare KVED codes {sorted(values)[:4]}"
            )
        # the layers of one chart share an axis: one explicit title titles it
        key = (re.sub(r"/layer/\d+$", "", where), channel)
        titled[key] = titled.get(key, False) or (
            "title" in enc
            or "title" in (enc.get("axis") or {})
            or "title" in (enc.get("legend") or {})
            or enc.get("axis", 0) is None
            or enc.get("legend", 0) is None
            or channel in ("text", "yOffset", "xOffset", "opacity")
        )
    problems += [
        f"{w or '/'} {c}: titled by a field name" for (w, c), ok in titled.items() if not ok
    ]
    return problems + year_axis_problems(spec)


def test_the_check_finds_bare_codes_and_field_names():
    spec = {
        "layer": [
            {"encoding": {"y": {"field": "sector", "type": "nominal", "title": "KVED"}}},
            {"encoding": {"x": {"field": "share_pp", "type": "quantitative"}}},
            {"encoding": {"y": {"field": "label", "type": "nominal", "title": "Sector"}}},
        ],
        "datasets": {"d": [{"sector": "C", "label": "C Manufacturing", "share_pp": 1.0}]},
    }
    problems = chart_axis_problems(spec)
    assert len(problems) == 2 and "'sector'" in problems[0] and "x: titled" in problems[1]


@pytest.mark.parametrize("language", ["uk", "en"])
def test_every_demo_chart_names_its_sectors_and_titles_its_axes(client, language):
    """Every chart of every demo page (both languages): sectors on an axis, a legend or a
    label carry their names, and no axis or legend is titled by a raw field name."""
    from django.test import override_settings

    from hromada.config.demo import demo_seed
    from hromada.core.taskframework import IMMEDIATE_BACKEND
    from tests.web.test_uk_text import _Visible, _walk

    found: dict[str, list[str]] = {}
    charts = 0
    with override_settings(TASKS={"default": {"BACKEND": IMMEDIATE_BACKEND}}):
        demo = demo_seed()
        client.login(username=demo.username, password=demo.password)
        client.cookies["django_language"] = language
        for url, response in _walk(client, f"/m/{demo.municipality.code}/"):
            kind = response.get("Content-Type", "")
            if response.status_code != 200 or "html" not in kind:
                continue
            parser = _Visible()
            parser.feed(response.content.decode())
            for raw in parser.specs:
                charts += 1
                problems = chart_axis_problems(json.loads(raw))
                if problems:
                    found.setdefault(url, []).extend(problems)
    assert charts >= 20
    assert not found, "\n".join(f"{u}: {p}" for u, ps in sorted(found.items()) for p in ps)


def test_slim_drops_what_no_encoding_reads_and_keeps_rows_under_a_transform():
    from hromada.core.charts import slim

    rows = [{"label": "C Manufacturing", "amount": 0.123456789, "unused": "x" * 50}]
    spec = {
        "encoding": {"y": {"field": "label"}, "x": {"field": "amount"}},
        "datasets": {"d": [dict(r) for r in rows]},
    }
    assert slim(spec)["datasets"]["d"] == [{"label": "C Manufacturing", "amount": 0.123457}]
    with_transform = {
        "transform": [{"calculate": "datum.unused", "as": "u"}],
        "encoding": {"y": {"field": "u"}},
        "datasets": {"d": [dict(r) for r in rows]},
    }
    assert "unused" in slim(with_transform)["datasets"]["d"][0]


def test_population_lines_put_years_on_a_true_time_axis():
    """2021, 2023 and 2024 (no 2022 figure) are spaced by the years between them."""
    import pandas as pd

    from hromada.economy.presentation import population_charts

    population = pd.DataFrame(
        {
            "indicator": ["residents"] * 3 + ["idps"] * 3,
            "year": [2021, 2023, 2024] * 2,
            "value": [48000.0, 30000.0, 31000.0, 0.0, 5000.0, 6000.0],
        }
    )
    charts = population_charts(population=population, relocation=pd.DataFrame(), csv_base="/x")
    assert len(charts) == 2
    for chart in charts:
        assert not year_axis_problems(chart.spec), chart.id
