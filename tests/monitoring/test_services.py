"""Services and selectors of the plan and the follow-up, against the database."""

import datetime as dt
import json
import subprocess

import numpy as np
import pandas as pd
import pytest
from django.core.exceptions import ValidationError

from hromada.econ import structure
from hromada.monitoring import selectors, services
from hromada.monitoring.dream import project_to_dream
from hromada.monitoring.models import FundingSource, KpiUpdate, Project
from hromada.planning import services as plan_services
from hromada.planning.models import Kpi, OperationalGoal, StrategicGoal, SwotItem, Task
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    m = make_municipality()
    user = make_member(m, "editor")
    sg = plan_services.record_save(
        instance=StrategicGoal(municipality=m, code="1", title="Економіка"), by=user
    )
    og1 = plan_services.record_save(
        instance=OperationalGoal(
            municipality=m, strategic_goal=sg, code="1.1", title="Малий бізнес", weight=3
        ),
        by=user,
    )
    og2 = plan_services.record_save(
        instance=OperationalGoal(
            municipality=m, strategic_goal=sg, code="1.2", title="Навички", weight=1
        ),
        by=user,
    )
    return m, user, sg, og1, og2


def test_goal_progress_rolls_up_with_weights(plan):
    m, user, sg, og1, og2 = plan
    plan_services.record_save(
        instance=Task(municipality=m, operational_goal=og1, title="a", progress=100, weight=1),
        by=user,
    )
    p = Project(municipality=m, title="Грантова програма", progress=20, weight=3)
    services.project_save(project=p, by=user, goals=[og1])
    plan_services.record_save(
        instance=Task(municipality=m, operational_goal=og2, title="b", progress=60, weight=1),
        by=user,
    )
    # og1 = (100*1 + 20*3) / 4 = 40; og2 = 60; sg = (40*3 + 60*1) / 4 = 45
    assert selectors.operational_goal_progress(og1) == pytest.approx(40)
    assert selectors.operational_goal_progress(og2) == pytest.approx(60)
    assert selectors.strategic_goal_progress(sg) == pytest.approx(45)
    summary = selectors.plan_progress_summary(m)
    assert summary["goals"][0]["progress"] == pytest.approx(45)
    # a deleted task no longer counts
    Task.objects.get(title="a").soft_delete(by=user)
    assert selectors.operational_goal_progress(og1) == pytest.approx(20)


def test_funding_gap_per_project_and_total(plan):
    m, user, *_ = plan
    a = services.project_save(project=Project(municipality=m, title="A", budget=1000), by=user)
    b = services.project_save(project=Project(municipality=m, title="B", budget=100), by=user)
    for project, ftype, s, p, o in [
        (a, "municipal", 300, 0, 0),
        (a, "international", 0, 200, 400),
        (b, "grant", 150, 0, 0),
    ]:
        plan_services.record_save(
            instance=FundingSource(
                municipality=m, project=project, funding_type=ftype, secured=s, pledged=p, sought=o
            ),
            by=user,
        )
    assert selectors.project_funding(a).gap == 500
    assert selectors.project_funding(b).gap == 0  # over-funded: no negative gap
    total = selectors.funding_summary(m)
    assert total["gap"] == 500  # b's surplus does not fill a's gap
    assert total["budget"] == 1100 and total["secured"] == 450
    mix = {r["type"]: r for r in total["mix"]}
    assert mix["international"]["pledged"] == 200 and mix["international"]["sought"] == 400
    rows = {p["title"]: p for p in selectors.project_list(m)}
    assert rows["A"]["gap"] == 500


def test_support_measures_get_their_indicators_and_dream_export(plan):
    m, user, sg, og1, _ = plan
    p = services.project_save(
        project=Project(
            municipality=m,
            title="Центр підтримки бізнесу",
            project_type="entrepreneurship",
            budget=500000,
            katottg=m.code,
            start=dt.date(2026, 1, 1),
            end=dt.date(2026, 12, 31),
        ),
        by=user,
        goals=[og1],
    )
    assert sorted(p.indicators.values_list("key", flat=True)) == ["firms_supported", "jobs_created"]
    services.project_save(project=p, by=user)  # not duplicated
    assert p.indicators.count() == 2
    plan_services.record_save(
        instance=FundingSource(
            municipality=m,
            project=p,
            funding_type="international",
            funder="GIZ",
            secured=200000,
            pledged=100000,
        ),
        by=user,
    )
    p.indicators.update(target=10)  # DREAM's metrics carry a target
    doc = json.loads(json.dumps(project_to_dream(p)))
    assert doc["purpose"] == "development" and doc["status"] == "pending"
    finance = doc["approaches"][0]["budget"]["finance"]
    assert finance[0]["value"]["amount"] == 300000
    assert finance[0]["financeType"] == "internationalPartners"
    loc = doc["approaches"][0]["items"][0]["locations"][0]["gazetteer"]
    assert loc == {"scheme": "UA-CATOTTG", "identifiers": [m.code]}
    assert {o["notes"] for o in doc["metrics"][0]["observations"]} == {
        str(p.indicators.first().name),
        str(p.indicators.last().name),
    }


def test_quick_wins(plan):
    m, user, *_ = plan
    services.project_save(
        project=Project(
            municipality=m, title="Q", paca_local_resources=True, paca_quick=True, paca_visible=True
        ),
        by=user,
    )
    services.project_save(project=Project(municipality=m, title="S", paca_quick=True), by=user)
    assert {p["title"]: p["quick_win"] for p in selectors.project_list(m)} == {
        "Q": True,
        "S": False,
    }


def test_kpi_updates_history_and_status(plan):
    m, user, sg, og1, _ = plan
    kpi = plan_services.record_save(
        instance=Kpi(
            municipality=m,
            operational_goal=og1,
            indicator="Зайнятість",
            unit="осіб",
            baseline_value=1000,
            baseline_year=2024,
            target_value=1200,
            target_date=dt.date(2026, 12, 31),
        ),
        by=user,
    )
    assert selectors.kpi_list(m)[0]["status"] == "no_data"
    services.kpi_update_create(kpi=kpi, date=dt.date(2025, 12, 31), value=1100, by=user)
    services.kpi_update_create(kpi=kpi, date=dt.date(2026, 12, 31), value=1130, by=user)
    history = selectors.kpi_history(kpi)
    assert [h["value"] for h in history] == [1100, 1130]  # both kept
    assert history[0]["expected"] == pytest.approx(1100, abs=0.5)
    row = selectors.kpi_list(m)[0]
    assert row["actual"] == 1130 and row["expected"] == 1200
    assert row["status"] == "off_track"  # 70 short of 200 planned = 35 %


def test_swot_suggestions_stored_once_and_decided(plan):
    m, user, *_ = plan
    analysis = {
        "lq": pd.DataFrame({"sector": ["C", "A"], "lq": [1.8, 1.5]}),
        "concentration": {"herfindahl": 0.4, "reference_herfindahl": 0.12},
    }
    assert plan_services.swot_suggestions_refresh(municipality=m, by=user, analysis=analysis) == 3
    item = SwotItem.objects.get(key="strength:lq:C")
    assert item.status == "suggested" and item.evidence["lq"] == 1.8
    plan_services.swot_item_decide(item=item, status="accepted", text="Переробна галузь", by=user)
    rejected = SwotItem.objects.get(key="strength:lq:A")
    plan_services.swot_item_decide(item=rejected, status="rejected", by=user)
    assert plan_services.swot_suggestions_refresh(municipality=m, by=user, analysis=analysis) == 0
    item.refresh_from_db()
    assert item.text == "Переробна галузь" and item.status == "accepted"
    # without data: simply no suggestions
    assert plan_services.swot_suggestions_refresh(municipality=make_municipality(), by=user) == 0


def test_threat_becomes_risk_once(plan):
    m, user, *_ = plan
    threat = plan_services.swot_item_create(
        municipality=m, category="threat", text="Обстріли енергетики", by=user
    )
    r1 = plan_services.risk_from_threat(item=threat, by=user)
    r2 = plan_services.risk_from_threat(item=threat, by=user)
    assert r1.pk == r2.pk and r1.title == "Обстріли енергетики"
    strength = plan_services.swot_item_create(
        municipality=m, category="strength", text="x", by=user
    )
    with pytest.raises(ValidationError):
        plan_services.risk_from_threat(item=strength, by=user)


def test_history_restore(plan):
    m, user, sg, *_ = plan
    sg.title = "Нова назва"
    plan_services.record_save(instance=sg, by=user)
    first = sg.history.order_by("history_date").first()
    plan_services.history_restore(instance=sg, history_id=first.history_id, by=user)
    sg.refresh_from_db()
    assert sg.title == "Економіка"
    assert sg.history.count() == 3
    assert sg.history.first().history_user == user


def _import(m, user, rows_local, rows_ref):
    """Store a dataset version the way the economy app does (models only)."""
    from hromada.economy.models import Dataset, DatasetVersion, Observation

    ds = Dataset.objects.filter(municipality=m, measure="employment").first()
    if ds is None:
        ds = Dataset.objects.create(
            municipality=m, name="Зайнятість", measure="employment", unit="осіб"
        )
    n = ds.versions.count() + 1
    from django.db import transaction

    with transaction.atomic():
        v = DatasetVersion.objects.create(dataset=ds, number=n, created_by=user)
        Observation.objects.bulk_create(
            [
                Observation(version=v, area="local", sector=s, year=y, value=val)
                for s, y, val in rows_local
            ]
            + [
                Observation(version=v, area="reference", sector=s, year=y, value=val)
                for s, y, val in rows_ref
            ]
        )
    return ds


def test_bound_kpi_follows_imported_data(plan, django_capture_on_commit_callbacks):
    m, user, sg, og1, _ = plan
    hhi = plan_services.record_save(
        instance=Kpi(
            municipality=m,
            operational_goal=og1,
            indicator="HHI",
            baseline_value=0.5,
            baseline_year=2020,
            target_value=0.3,
            target_date=dt.date(2027, 12, 31),
            binding="herfindahl",
        ),
        by=user,
    )
    emp = plan_services.record_save(
        instance=Kpi(
            municipality=m,
            operational_goal=og1,
            indicator="Зайнятість у C",
            baseline_value=30,
            baseline_year=2020,
            target_value=50,
            target_date=dt.date(2027, 12, 31),
            binding="sector_value",
            binding_sector="C",
        ),
        by=user,
    )
    local = [("A", 2020, 10), ("C", 2020, 30), ("A", 2021, 12), ("C", 2021, 40)]
    ref = [("A", 2020, 100), ("C", 2020, 100), ("A", 2021, 110), ("C", 2021, 120)]
    with django_capture_on_commit_callbacks(execute=True):
        _import(m, user, local, ref)
    assert [u.value for u in KpiUpdate.objects.filter(kpi=emp)] == [40]
    expected = structure.herfindahl(np.array([12.0, 40.0]))
    assert KpiUpdate.objects.get(kpi=hhi).value == pytest.approx(expected)
    assert KpiUpdate.objects.get(kpi=hhi).date == dt.date(2021, 12, 31)
    # a new import with a corrected value adds an update, the old one stays in the history
    with django_capture_on_commit_callbacks(execute=True):
        _import(m, user, local[:3] + [("C", 2021, 44)], ref)
    assert [u.value for u in KpiUpdate.objects.filter(kpi=emp)] == [40, 44]
    # and refreshing again adds nothing
    assert services.kpis_refresh_bound(municipality=m) == 0
    # SWOT analysis from the same data: C is specialised (LQ from hromada.econ)
    from hromada.planning.evidence import gather_analysis

    a = gather_analysis(m)
    lq = structure.location_quotients(
        pd.DataFrame({"region": m.code, "sector": ["A", "C"], "value": [12.0, 44.0]}),
        pd.DataFrame({"sector": ["A", "C"], "value": [110.0, 120.0]}),
    )
    assert a["lq"].set_index("sector")["lq"]["C"] == pytest.approx(
        lq.set_index("sector")["lq"]["C"]
    )


def test_report_pdf_and_xlsx(plan, client):
    m, user, sg, og1, _ = plan
    kpi = plan_services.record_save(
        instance=Kpi(
            municipality=m,
            operational_goal=og1,
            indicator="Нові підприємства",
            unit="од.",
            baseline_value=10,
            baseline_year=2024,
            target_value=30,
            target_date=dt.date(2027, 12, 31),
        ),
        by=user,
    )
    services.kpi_update_create(kpi=kpi, date=dt.date(2025, 12, 31), value=17, by=user)
    p = services.project_save(
        project=Project(municipality=m, title="Парк", budget=1000000), by=user, goals=[og1]
    )
    plan_services.record_save(
        instance=FundingSource(municipality=m, project=p, funding_type="municipal", secured=250000),
        by=user,
    )
    client.login(username=user.username, password=PASSWORD)
    r = client.get(f"/m/{m.code}/follow-up/report.pdf?lang=uk")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=r.content, capture_output=True, check=True
    ).stdout.decode()
    text = " ".join(text.replace("\xa0", " ").split())  # table cells wrap lines
    assert "Економіка" in text and "Нові підприємства" in text and "17" in text
    assert "750 000" in text
    r = client.get(f"/m/{m.code}/follow-up/report.pdf?lang=en")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=r.content, capture_output=True, check=True
    ).stdout.decode()
    text = " ".join(text.split())
    assert "Follow-up report" in text and "750,000" in text
    r = client.get(f"/m/{m.code}/follow-up/report.xlsx?lang=en")
    assert r.status_code == 200
    import io

    sheets = pd.read_excel(io.BytesIO(r.content), sheet_name=None, engine="openpyxl")
    assert sheets["Funding"]["Funding gap, UAH"].iloc[0] == 750000
    assert sheets["KPIs"]["Actual"].iloc[0] == 17
