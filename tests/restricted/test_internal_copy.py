"""An internal copy (restricted records included) is made only when an owner asks for it,
and is marked "internal: contains restricted records" on every page."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from hromada.monitoring.models import Project
from hromada.planning.models import OperationalGoal, StrategicGoal, Task
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db

MARK = {
    "en": "internal: contains restricted records",
    "uk": "для внутрішнього користування: містить записи з обмеженим доступом",
}


@pytest.fixture
def setup():
    m = make_municipality()
    owner, editor = make_member(m, "owner"), make_member(m, "editor")
    for i in range(12):  # enough goals for several pages
        sg = StrategicGoal.objects.create(
            municipality=m, title=f"Стратегічна ціль {i}", description="x" * 200
        )
        for j in range(3):
            og = OperationalGoal.objects.create(
                municipality=m, strategic_goal=sg, title=f"Операційна ціль {i}.{j}"
            )
            Task.objects.create(municipality=m, operational_goal=og, title="Крок", progress=30)
    secret = Project.objects.create(
        municipality=m, title="Підстанція Північна", budget=Decimal(5000), restricted=True
    )
    return m, owner, editor, secret


def _pages(pdf: bytes) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return [p for p in text.split("\f") if p.strip()]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_owner_internal_report_is_marked_on_every_page(client, setup, lang):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is needed to read the PDF pages")
    m, owner, editor, _secret = setup
    url = reverse("monitoring:report_pdf", args=[m.code])
    client.login(username=owner.username, password=PASSWORD)
    pages = _pages(client.get(url, {"lang": lang, "restricted": "1"}).content)
    assert len(pages) >= 2
    assert all(MARK[lang] in " ".join(p.split()) for p in pages)
    assert "Підстанція Північна" in " ".join(" ".join(pages).split())
    # the copy for others: neither the record nor the mark
    for user in (owner, editor):
        client.login(username=user.username, password=PASSWORD)
        query = {"lang": lang} if user == owner else {"lang": lang, "restricted": "1"}
        text = " ".join(" ".join(_pages(client.get(url, query).content)).split())
        assert MARK[lang] not in text and "Підстанція Північна" not in text


def test_owner_internal_xlsx_is_marked_on_every_sheet(client, setup):
    m, owner, editor, _secret = setup
    url = reverse("monitoring:report_xlsx", args=[m.code])
    client.login(username=owner.username, password=PASSWORD)
    wb = openpyxl.load_workbook(
        io.BytesIO(client.get(url, {"lang": "en", "restricted": "1"}).content)
    )
    for ws in wb.worksheets:
        assert ws["A1"].value == MARK["en"], ws.title
        assert ws.oddHeader.center.text == MARK["en"] and ws.oddFooter.center.text == MARK["en"]
    client.login(username=editor.username, password=PASSWORD)
    wb = openpyxl.load_workbook(
        io.BytesIO(client.get(url, {"lang": "en", "restricted": "1"}).content)
    )
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert MARK["en"] not in cells and "Підстанція Північна" not in cells


def test_owner_internal_dream_export_says_so(client, setup):
    m, owner, _editor, secret = setup
    client.login(username=owner.username, password=PASSWORD)
    url = reverse("monitoring:project_dream", args=[m.code, secret.pk])
    data = json.loads(client.get(url, {"restricted": "1"}).content)
    assert data["internal"] == MARK["uk"] or data["internal"] == MARK["en"]
