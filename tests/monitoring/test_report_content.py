"""The follow-up report carries population and war damage with their labels, translated
project statuses in the XLSX, and charts whose labels are never clipped, in uk and en."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

from hromada.economy.models import DamageEntry, PopulationRecord
from hromada.monitoring.models import Project
from hromada.monitoring.report import report_context, report_pdf, report_sheets
from hromada.planning.models import OperationalGoal, StrategicGoal, Task
from tests.web.factories import make_municipality

pytestmark = pytest.mark.django_db

LONG = (
    "Відновлення зруйнованої інфраструктури та створення робочих місць для "
    "внутрішньо переміщених осіб"
)


@pytest.fixture
def m():
    m = make_municipality()
    sg = StrategicGoal.objects.create(municipality=m, title=LONG)
    og = OperationalGoal.objects.create(municipality=m, strategic_goal=sg, title="Підціль")
    Task.objects.create(municipality=m, operational_goal=og, title="Крок", progress=40)
    Project.objects.create(municipality=m, title="Школа", budget=Decimal(100), status="preparation")
    PopulationRecord.objects.create(municipality=m, year=2024, indicator="residents", value=12345)
    DamageEntry.objects.create(
        municipality=m,
        date=dt.date(2024, 1, 1),
        kind="damage",
        sector="housing",
        asset_type="building",
        description="Будинок",
        amount=Decimal(250),
    )
    return m


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("uk", ["Населення", "Мешканці", "Житло", "Воєнні пошкодження"]),
        ("en", ["Population", "Residents", "Housing", "War damage"]),
    ],
)
def test_pdf_report_has_population_and_damage_with_labels(m, lang, words):
    pdf = report_pdf(m, language=lang)
    assert pdf.startswith(b"%PDF")
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF text")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    for word in words:
        assert word in text, word
    assert "12345" in re.sub(r"[\s,.\u00a0\u202f]", "", text)  # with grouping


def test_goal_chart_labels_are_not_clipped(m):
    with translation.override("uk"):
        svg = str(report_context(m)["charts"]["goals"])
    if not svg:
        pytest.skip("charts are not rendered here (vl-convert missing)")
    assert LONG in svg and "…" not in svg
    if shutil.which("pdftotext"):  # in the PDF: once as the heading, once in the chart
        text = subprocess.run(
            ["pdftotext", "-", "-"],
            input=report_pdf(m, language="uk"),
            capture_output=True,
            check=True,
        ).stdout.decode()
        assert " ".join(text.split()).count(LONG) == 2


@pytest.mark.parametrize(
    ("lang", "status", "raw"),
    [("en", "In preparation", "preparation"), ("uk", None, "preparation")],
)
def test_xlsx_shows_translated_labels(m, lang, status, raw):
    from hromada.core.exports import xlsx_bytes

    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(report_sheets(m, language=lang))))
    cells = [
        str(c.value)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]
    assert raw not in cells
    if status:
        assert status in cells
    with translation.override(lang):
        assert ("Мешканці" if lang == "uk" else "Residents") in cells


def _employment(m, *, restricted=False):
    from hromada.economy.models import Dataset
    from hromada.economy.services import dataset_import

    local = {"A": 500.0, "C": 3000.0, "G": 2000.0, "Q": 900.0}
    rows = [("local", s, 2021, v) for s, v in local.items()]
    rows += [
        ("reference", s, 2021, v * 100 * (1 + i % 3)) for i, (s, v) in enumerate(local.items())
    ]
    import pandas as pd

    dataset_import(
        municipality=m,
        frame=pd.DataFrame(rows, columns=["area", "sector", "year", "value"]),
        name="Зайнятість",
        measure="employment",
        unit="осіб",
    )
    Dataset.objects.filter(municipality=m).update(restricted=restricted)


@pytest.mark.parametrize(
    ("lang", "name"), [("uk", "Сільське господарство"), ("en", "Agriculture, forestry and fishing")]
)
def test_diagnosis_summary_names_sectors(m, lang, name):
    _employment(m)
    with translation.override(lang):
        top = report_context(m)["diagnosis"].get("top_lq")
    if not top:
        pytest.skip("no KVED classifier in the data folder")
    assert any(name in r["sector"] for r in top)
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"],
            input=report_pdf(m, language=lang),
            capture_output=True,
            check=True,
        ).stdout.decode()
        assert name in " ".join(text.split())


def test_diagnosis_from_a_restricted_dataset_stays_in_the_municipality(m):
    _employment(m, restricted=True)
    assert report_context(m)["diagnosis"] == {}
    assert report_context(m, include_restricted=True)["diagnosis"]
