"""The opportunity map labels few points and never two on top of each other (issue 21):
at most ``MAP_LABELS`` labels, each a short rank, no two closer than ``MAP_LABEL_GAP`` in
both directions; every point keeps its name in the tooltip."""

from __future__ import annotations

import math

from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.diversify.presentation import (
    MAP_LABEL_GAP,
    MAP_LABELS,
    map_labels,
    opportunity_chart,
)

unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)


def _rows(points):
    return [
        {
            "rank": i + 1,
            "name": f"Галузь номер {i + 1} з довгою назвою",
            "feasibility": x,
            "attractiveness": y,
            "employment": 100.0 * (i + 1),
            "score": 1.0 - i / 100,
            "quadrant_label": "",
            "density": 0.1,
            "pci": 0.0,
        }
        for i, (x, y) in enumerate(points)
    ]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(unit, st.one_of(unit, st.just(math.nan))), max_size=40))
def test_few_labels_never_on_top_of_each_other(points):
    rows = _rows(points)
    marks = map_labels(rows)
    labelled = [r for r, m in zip(rows, marks, strict=True) if m]
    assert len(labelled) <= MAP_LABELS
    assert all(m == str(r["rank"]) for r, m in zip(rows, marks, strict=True) if m)
    for i, a in enumerate(labelled):
        for b in labelled[i + 1 :]:
            ya = 0.0 if math.isnan(a["attractiveness"]) else a["attractiveness"]
            yb = 0.0 if math.isnan(b["attractiveness"]) else b["attractiveness"]
            assert (
                abs(a["feasibility"] - b["feasibility"]) >= MAP_LABEL_GAP
                or abs(ya - yb) >= MAP_LABEL_GAP
            )
    if rows:  # the best-ranked point is always labelled
        assert marks[0] == "1"


def test_the_chart_labels_ranks_only_and_names_every_point_in_its_tooltip():
    rows = _rows([(i / 30, (i * 7 % 30) / 30) for i in range(30)])
    rows += _rows([(0.5, 0.5)] * 5)  # a pile of points in one place
    for k, r in enumerate(rows):
        r["rank"] = k + 1
    rows[0].update(attractiveness=0.5, feasibility=0.5)
    with translation.override("uk"):
        spec = opportunity_chart(rows, "/x.csv").spec
    texts = [
        layer
        for layer in spec["layer"]
        if isinstance(layer.get("mark"), dict)
        and layer["mark"].get("type") == "text"
        and layer["encoding"]["text"]["field"] == "mark"
    ]
    assert len(texts) == 1 and texts[0]["mark"]["limit"] <= 40
    data = spec["datasets"][texts[0]["data"]["name"]]
    assert 1 <= len(data) <= MAP_LABELS
    assert all(len(row["mark"]) <= 2 for row in data)
    assert sum(row["attractiveness"] == 0.5 and row["feasibility"] == 0.5 for row in data) == 1
    points = [layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "circle"]
    fields = {t["field"] for t in points[0]["encoding"]["tooltip"]}
    assert {"rank", "name"} <= fields
