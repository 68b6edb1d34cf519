"""Illustrative inputs mark everything derived from them (issue 19): a KPI bound to the
demo's made-up employment says "illustrative" on its page and chart caption, in the plan,
the PDF and XLSX reports, the CSV exports and the DREAM export; the same KPI on official
data says nothing of the kind."""

from __future__ import annotations

import datetime as dt
import io
import subprocess

import openpyxl
import pandas as pd
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from hromada.economy.demo import demo_economy_seed
from hromada.economy.models import Dataset
from hromada.economy.services import dataset_import
from hromada.monitoring.dream import project_to_dream
from hromada.monitoring.models import Project
from hromada.monitoring.report import report_pdf, report_sheets
from hromada.monitoring.selectors import kpi_illustrative, kpi_list
from hromada.monitoring.services import kpi_refresh_bound
from hromada.planning.models import Kpi, OperationalGoal, StrategicGoal
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db

INDICATOR = "Jobs in the hromada"
MARK = "illustrative"


def _official(m):
    rows = [
        ("local", s, y, v * (1 + 0.05 * (y - 2021)))
        for s, v in {"A": 500.0, "C": 3000.0, "G": 2000.0, "Q": 900.0}.items()
        for y in (2021, 2022)
    ]
    rows += [("reference", s, y, v * 100) for _a, s, y, v in rows]
    dataset_import(
        municipality=m,
        frame=pd.DataFrame(rows, columns=["area", "sector", "year", "value"]),
        name="Official employment",
        measure="employment",
        unit="persons",
        kind="official",
        source="State Statistics Service",
    )


def _plan(m, *, illustrative: bool):
    if illustrative:
        demo_economy_seed(m)
    else:
        _official(m)
    sg = StrategicGoal.objects.create(municipality=m, title="Economy")
    og = OperationalGoal.objects.create(municipality=m, strategic_goal=sg, title="More jobs")
    kpi = Kpi.objects.create(
        municipality=m,
        operational_goal=og,
        indicator=INDICATOR,
        unit="persons",
        baseline_value=1000,
        baseline_year=2019,
        target_value=2000,
        target_date=dt.date(2030, 12, 31),
        binding="total",
        binding_measure="employment",
    )
    with translation.override("en"):
        assert kpi_refresh_bound(kpi=kpi), "the bound KPI got no value from the data"
    project = Project.objects.create(municipality=m, title="Business hub", description="Hub")
    project.goals.add(og)
    return kpi, project


def _client(m):
    user = make_member(m, "editor")
    c = Client()
    assert c.login(username=user.username, password=PASSWORD)
    return c


def _pdf_text(m) -> str:
    pdf = report_pdf(m, language="en")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def _kpi_sheet(m) -> list[list]:
    with translation.override("en"):
        sheets = report_sheets(m, language="en")
    from hromada.core.exports import xlsx_bytes

    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(sheets)))
    return [[c for c in row] for row in wb["KPIs"].iter_rows(values_only=True)]


@pytest.mark.parametrize("illustrative", [True, False])
def test_kpi_on_illustrative_data_is_marked_everywhere(illustrative):
    m = make_municipality()
    kpi, project = _plan(m, illustrative=illustrative)
    assert kpi_illustrative(kpi) is illustrative
    assert [k["illustrative"] for k in kpi_list(m)] == [illustrative]

    c = _client(m)
    with translation.override("en"):
        page = c.get(
            reverse("monitoring:kpi", args=[m.code, kpi.pk]), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
        plan = c.get(reverse("planning:index", args=[m.code])).content.decode()
        follow_up = c.get(reverse("monitoring:index", args=[m.code])).content.decode()
    # the badge on the KPI's page, the plan and the follow-up; the chart's caption
    for html in (page, plan, follow_up):
        assert ('data-testid="kpi-illustrative"' in html) is illustrative
    assert ('data-testid="kpi-illustrative-note"' in page) is illustrative
    assert ("computed from illustrative (made-up) data" in page) is illustrative
    # a value from the data keeps saying where it came from
    assert (f"({MARK})" in kpi.updates.first().comment) is illustrative

    # PDF report: the KPI row carries the mark
    text = _pdf_text(m)
    assert INDICATOR in text
    assert (f"{INDICATOR}, persons {MARK}" in text) is illustrative
    assert ("Diagnosis summary Illustrative" in text) is illustrative
    # the official test data cover 4 of 19 sections: the report warns next to the numbers
    assert ("These data cover only 4 of" in text) is not illustrative

    # XLSX report: the indicator cell and the "Data" column
    rows = _kpi_sheet(m)
    header, row = rows[0], rows[1]
    assert row[header.index("Indicator")] == (
        f"{INDICATOR} ({MARK})" if illustrative else INDICATOR
    )
    assert (row[header.index("Data")] == MARK) is illustrative

    # DREAM: the project measured by that KPI says so in its description
    with translation.override("en"):
        doc = project_to_dream(project)
    described = " ".join(t["translation"] for t in doc["description"])
    assert ("illustrative (made-up) data" in described) is illustrative
    assert "Hub" in described


@pytest.mark.parametrize("illustrative", [True, False])
def test_csv_of_illustrative_data_carries_the_mark(illustrative):
    m = make_municipality()
    _plan(m, illustrative=illustrative)
    dataset = Dataset.objects.get(municipality=m)
    c = _client(m)
    response = c.get(reverse("economy:dataset_data", args=[m.code, dataset.pk]))
    assert response.status_code == 200
    frame = pd.read_csv(io.StringIO(response.content.decode("utf-8-sig")))
    assert len(frame) > 0
    if illustrative:
        assert (frame["data"] == MARK).all()
    else:
        assert "data" not in frame.columns


# ---------------------------------------------------------------- robust, not blind
def test_report_goes_on_without_a_section_whose_data_fail(monkeypatch, caplog):
    """A data error in one section leaves that section out and is logged; a bug (an
    error that is no data error) is not hidden."""
    from hromada.econ.errors import HromadaDataError
    from hromada.monitoring import report

    m = make_municipality()
    _plan(m, illustrative=True)

    def broken(municipality):
        raise HromadaDataError("column 'value' has text")

    monkeypatch.setattr("hromada.planning.evidence.gather_analysis", broken)
    with caplog.at_level("WARNING", logger="hromada.monitoring.report"):
        ctx = report.report_context(m)
    assert ctx["diagnosis"] == {}
    assert ctx["kpis"], "the rest of the report is there"
    assert "column 'value' has text" in caplog.text

    def bug(municipality):
        raise AttributeError("a programming error")

    monkeypatch.setattr("hromada.planning.evidence.gather_analysis", bug)
    with pytest.raises(AttributeError):
        report.report_context(m)


def test_bound_kpi_refresh_failure_never_breaks_an_import(monkeypatch, caplog):
    from hromada.monitoring import signals

    m = make_municipality()

    def broken(*, municipality, by=None):
        raise KeyError("sector")

    monkeypatch.setattr("hromada.monitoring.services.kpis_refresh_bound", broken)
    with caplog.at_level("ERROR", logger="hromada.monitoring.signals"):
        signals._refresh(m.pk)
    assert "not refreshed" in caplog.text


@pytest.mark.parametrize("illustrative", [True, False])
def test_risk_from_an_illustrative_threat_keeps_the_mark(illustrative):
    from hromada.planning.models import SwotItem
    from hromada.planning.services import risk_from_threat

    m = make_municipality()
    item = SwotItem.objects.create(
        municipality=m, category="threat", text="Energy outages", is_illustrative=illustrative
    )
    risk = risk_from_threat(item=item)
    assert risk.is_illustrative is illustrative
    c = _client(m)
    for url in ("planning:risks", "planning:index"):
        html = c.get(reverse(url, args=[m.code])).content.decode()
        assert ('data-testid="risk-illustrative"' in html) is illustrative, url
    with translation.override("en"):
        sheets = report_sheets(m, language="en")
    assert sheets["Risks"].iloc[0]["Risk"] == (
        "Energy outages (illustrative)" if illustrative else "Energy outages"
    )
    assert ("Energy outages illustrative" in _pdf_text(m)) is illustrative
