"""Safe exports (OWASP CSV injection): text that a spreadsheet would read as a formula (it
begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written as text in
every CSV and XLSX export; numbers, negative ones too, stay numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from django.test import Client
from django.urls import reverse

from hromada.core.exports import FORMULA_START, csv_response, safe_cell, xlsx_bytes
from tests.exchange.factories import make_world
from tests.web.factories import PASSWORD, make_member, make_municipality

PAYLOADS = ['=HYPERLINK("http://evil.example","x")', "+1+2", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"]


def _csv_rows(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def _assert_csv_safe(content: bytes, payloads=PAYLOADS) -> None:
    cells = [c for row in _csv_rows(content) for c in row]
    for p in payloads:
        assert p not in cells, f"raw formula {p!r} in a CSV cell"
        assert "'" + p in cells, f"{p!r} not written as text"
    assert not [c for c in cells if c.startswith(FORMULA_START) and not _number(c)]


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _xlsx_cells(content: bytes):
    wb = openpyxl.load_workbook(io.BytesIO(content))
    return [
        cell
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def _assert_xlsx_safe(content: bytes, payloads=PAYLOADS) -> None:
    cells = _xlsx_cells(content)
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a formula cell"
    texts = [c.value for c in cells if c.data_type == "s"]
    for p in payloads:  # (XML reads a carriage return back as a line feed)
        assert p.replace("\r", "\n") in texts, f"{p!r} not kept as text"
    raw = io.BytesIO(content)
    import zipfile

    with zipfile.ZipFile(raw) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name), name


def test_safe_cell_only_touches_text():
    assert safe_cell("=1+1") == "'=1+1" and safe_cell("@x") == "'@x"
    assert safe_cell("Київ") == "Київ" and safe_cell("") == ""
    assert safe_cell(-5) == -5 and safe_cell(-0.5) == -0.5 and safe_cell(None) is None


def test_csv_and_xlsx_helpers_neutralise_text_and_keep_negative_numbers():
    frame = pd.DataFrame({"name": PAYLOADS, "value": [-1.5, -2, 3, -4, 5, -6]})
    response = csv_response(frame, "x")
    _assert_csv_safe(response.content)
    rows = _csv_rows(response.content)
    assert [r[1] for r in rows[1:]] == ["-1.5", "-2.0", "3.0", "-4.0", "5.0", "-6.0"]
    content = xlsx_bytes({"s": frame})
    _assert_xlsx_safe(content)
    numbers = [c.value for c in _xlsx_cells(content) if c.data_type == "n"]
    assert -1.5 in numbers and -6 in numbers


def test_every_csv_and_xlsx_writer_goes_through_the_helper():
    """No export writes CSV or XLSX around core.exports (grep for the writers)."""
    src = Path(__file__).resolve().parents[2] / "src" / "hromada"
    pattern = re.compile(r"\.to_csv\(|\.to_excel\(|csv\.writer\(|Workbook\(|ExcelWriter\(")
    allowed = {"core/exports.py", "cli/_files.py"}  # the helper, and the CLI's writer that
    offenders = []  # neutralises through it
    for path in src.rglob("*.py"):
        rel = path.relative_to(src).as_posix()
        # econ writes nothing; refdata/build writes bundled reference tables (no user text)
        if rel.startswith(("econ/", "refdata/build/")) or rel in allowed:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{rel}:{n}: {line.strip()}")
    assert not offenders
    text = (src / "cli" / "_files.py").read_text(encoding="utf-8")
    assert "neutralise_workbook(writer.book)" in text


@pytest.mark.django_db
def test_kpi_comparison_csv_neutralises_a_peer_kpi_name():
    from hromada.exchange import services as xs
    from hromada.planning.models import Kpi, OperationalGoal, StrategicGoal

    w = make_world()
    sg = StrategicGoal.objects.create(municipality=w.a, title="Ціль")
    og = OperationalGoal.objects.create(municipality=w.a, strategic_goal=sg, title="Підціль")
    for i, name in enumerate(PAYLOADS):
        k = Kpi.objects.create(
            municipality=w.a,
            operational_goal=og,
            indicator=name,
            baseline_value=-10,
            baseline_year=2022,
            target_value=10,
            target_date=dt.date(2030, 1, 1),
        )
        from hromada.monitoring.models import KpiUpdate

        KpiUpdate.objects.create(municipality=w.a, kpi=k, date=dt.date(2024, 1, 1 + i), value=-3)
        xs.share_create(municipality=w.a, group=w.group, kind="kpi", by=w.a_owner, item=k)
    for user in (w.b_owner, w.facilitator):
        c = Client()
        c.login(username=user.username, password=PASSWORD)
        r = c.get(reverse("exchange:compare_csv", args=[w.group.pk, "kpis"]))
        assert r.status_code == 200
        _assert_csv_safe(r.content)
        rows = _csv_rows(r.content)
        value = rows[0].index("value")
        assert {row[value] for row in rows[1:]} == {"-3.0"}  # a negative number stays one


@pytest.mark.django_db
def test_damage_and_population_csv_neutralise_user_text(client):
    from hromada.economy.models import DamageEntry, RelocatedEnterprise

    m = make_municipality()
    user = make_member(m, "viewer")
    for p in PAYLOADS:
        DamageEntry.objects.create(
            municipality=m,
            date=dt.date(2024, 1, 1),
            kind="damage",
            sector="housing",
            asset_type="building",
            description=p,
            amount=Decimal(5),
        )
        RelocatedEnterprise.objects.create(
            municipality=m, name=p, direction="in", year=2023, sector="C"
        )
    client.login(username=user.username, password=PASSWORD)
    r = client.get(reverse("economy:damage_csv", args=[m.code]), {"table": "entries"})
    _assert_csv_safe(r.content)
    r = client.get(reverse("economy:population_csv", args=[m.code]), {"table": "enterprises"})
    _assert_csv_safe(r.content)


@pytest.mark.django_db
def test_report_xlsx_writes_formula_like_text_as_text(client):
    from hromada.monitoring.models import Project
    from hromada.planning.models import Kpi, OperationalGoal, Risk, StrategicGoal, SwotItem

    m = make_municipality()
    user = make_member(m, "viewer")
    sg = StrategicGoal.objects.create(municipality=m, title=PAYLOADS[0])
    og = OperationalGoal.objects.create(municipality=m, strategic_goal=sg, title=PAYLOADS[1])
    Kpi.objects.create(
        municipality=m,
        operational_goal=og,
        indicator=PAYLOADS[2],
        baseline_value=-7,
        baseline_year=2022,
        target_value=-1,
        target_date=dt.date(2030, 1, 1),
    )
    Project.objects.create(municipality=m, title=PAYLOADS[3], budget=Decimal(10))
    SwotItem.objects.create(
        municipality=m, category="strength", status="accepted", text=PAYLOADS[4]
    )
    Risk.objects.create(municipality=m, title=PAYLOADS[5], mitigation="=cmd|' /C calc'!A0")
    client.login(username=user.username, password=PASSWORD)
    r = client.get(reverse("monitoring:report_xlsx", args=[m.code]), {"lang": "en"})
    assert r.status_code == 200
    _assert_xlsx_safe(r.content, PAYLOADS + ["=cmd|' /C calc'!A0"])
    numbers = [c.value for c in _xlsx_cells(r.content) if c.data_type == "n"]
    assert -7 in numbers and -1 in numbers  # negative numbers stay numbers


def test_cli_writers_neutralise(tmp_path):
    from hromada.cli._files import write_sheets
    from hromada.core.exports import write_csv

    frame = pd.DataFrame({"sector": PAYLOADS, "lq": [-1.0, 2, 3, 4, 5, 6]})
    out = write_sheets({"s": frame}, tmp_path / "x.xlsx")
    _assert_xlsx_safe(out.read_bytes())
    write_csv(frame, tmp_path / "x.csv", index=False)
    _assert_csv_safe((tmp_path / "x.csv").read_bytes())
