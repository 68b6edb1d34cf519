"""Charts that show KVED sectors name them on the axis, not only in the tooltip: the code
and a short name in sentence case, in the page's language (issue 21)."""

from __future__ import annotations

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
