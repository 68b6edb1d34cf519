"""The leak test: restricted records never leave their municipality.

Municipality A holds a record of every kind twice: one that may leave (its text carries a
``PUB`` marker) and one marked restricted (a ``SEC`` marker), plus records under a
restricted parent (``SEC`` too: a child of a restricted goal or project leaves with it).
Everything is shared with the peer group first and restricted afterwards. Then every way
out is read (the follow-up report as PDF text and as the HTML WeasyPrint lays out, report
XLSX cells and headers, CSV exports, the DREAM export, every page and file of the peer
group: shares, session and its PDF, comparison and its CSVs, library, notifications; a new
snapshot generated from the plan; the workspace file ``--without-restricted``) as every
role of A, of the peer municipality B, and as the facilitator. No ``SEC`` marker may be
found; each public marker must be found somewhere (the test would pass on empty files
otherwise), and the funding totals must be those of the public records alone.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from hromada.exchange import services as xs
from hromada.exchange.models import Share
from tests.exchange.factories import make_world
from tests.web.factories import PASSWORD, make_member

pytestmark = pytest.mark.django_db

ROLES = ("a_owner", "a_editor", "a_viewer", "b_owner", "b_editor", "b_viewer", "facilitator")


class Markers:
    """Unique marker texts: ``pub(tag)`` may leave, ``sec(tag)`` may not."""

    def __init__(self):
        self.public: dict[str, str] = {}
        self.secret: dict[str, str] = {}

    def _new(self, kind: str, tag: str) -> str:
        n = len(self.public) + len(self.secret)
        return f"{kind}{n:03d}{tag.upper()}Q"

    def pub(self, tag: str) -> str:
        self.public[tag] = self._new("PUB", tag)
        return self.public[tag]

    def sec(self, tag: str) -> str:
        self.secret[tag] = self._new("SEC", tag)
        return self.secret[tag]


def _world():
    from hromada.collaboration.models import CommunicationItem, Engagement, Partnership, Stakeholder
    from hromada.diversify.models import LocalResource, ReferencePanel, ShortlistItem
    from hromada.economy.models import (
        DamageEntry,
        Dataset,
        PopulationRecord,
        RelocatedEnterprise,
    )
    from hromada.monitoring.models import (
        FundingSource,
        KpiUpdate,
        Milestone,
        Project,
        ProjectIndicator,
    )
    from hromada.planning.models import (
        Kpi,
        OperationalGoal,
        Risk,
        StrategicGoal,
        SwotItem,
        Task,
        Vision,
    )
    from hromada.resilience.models import Scenario
    from hromada.territory.models import OwnBudgetYear

    w = make_world()
    a = w.a
    w.a_editor, w.b_editor, w.b_viewer = (
        make_member(a, "editor"),
        make_member(w.b, "editor"),
        make_member(w.b, "viewer"),
    )
    mk = Markers()
    secret = []  # records to restrict after sharing
    today = dt.date.today()

    def rec(model, restricted_later=False, **fields):
        obj = model.objects.create(municipality=a, **fields)
        if restricted_later:
            secret.append(obj)
        return obj

    rec(Vision, text=mk.pub("vision"))
    rec(Vision, True, text=mk.sec("vision"))
    rec(SwotItem, category="strength", status="accepted", text=mk.pub("swot"))
    rec(SwotItem, True, category="weakness", status="accepted", text=mk.sec("swot"))
    sg = rec(StrategicGoal, title=mk.pub("sgoal"))
    sg_sec = rec(StrategicGoal, True, title=mk.sec("sgoal"))
    og = rec(OperationalGoal, strategic_goal=sg, title=mk.pub("ogoal"))
    og_sec = rec(OperationalGoal, True, strategic_goal=sg, title=mk.sec("ogoal"))
    og_child = rec(OperationalGoal, strategic_goal=sg_sec, title=mk.sec("ogoalchild"))
    rec(Task, operational_goal=og, title=mk.pub("task"), progress=50)
    rec(Task, True, operational_goal=og, title=mk.sec("task"), progress=90)
    rec(Task, operational_goal=og_child, title=mk.sec("taskchild"), progress=10)
    kpi_args = {
        "baseline_value": 10,
        "baseline_year": 2022,
        "target_value": 20,
        "target_date": today + dt.timedelta(days=700),
    }
    kpi = rec(Kpi, operational_goal=og, indicator=mk.pub("kpi"), **kpi_args)
    kpi_sec = rec(Kpi, True, operational_goal=og, indicator=mk.sec("kpi"), **kpi_args)
    kpi_child = rec(Kpi, operational_goal=og_child, indicator=mk.sec("kpichild"), **kpi_args)
    kpi_child2 = rec(Kpi, operational_goal=og_sec, indicator=mk.sec("kpichild2"), **kpi_args)
    upd = {"date": today - dt.timedelta(days=30), "value": 12}
    rec(KpiUpdate, kpi=kpi, comment=mk.pub("kpiupdate"), **upd)
    rec(KpiUpdate, True, kpi=kpi, comment=mk.sec("kpiupdate"), date=today, value=19)
    rec(KpiUpdate, kpi=kpi_sec, comment=mk.sec("kpiupdatechild"), **upd)
    risk = rec(Risk, title=mk.pub("risk"), mitigation=mk.pub("mitigation"))
    risk.goals.set([sg, sg_sec])
    risk_sec = rec(Risk, True, title=mk.sec("risk"), mitigation=mk.sec("mitigation"))
    risk_sec.goals.set([sg])
    project = rec(Project, title=mk.pub("project"), budget=Decimal(1000))
    project.goals.set([og, og_child, og_sec])
    project_sec = rec(Project, True, title=mk.sec("project"), budget=Decimal(700000))
    project_sec.goals.set([og])
    rec(
        FundingSource,
        project=project,
        funding_type="municipal",
        funder=mk.pub("funder"),
        secured=Decimal(100),
        sought=Decimal(50),
    )
    rec(
        FundingSource,
        True,
        project=project,
        funding_type="grant",
        funder=mk.sec("funder"),
        secured=Decimal(30000),
    )
    rec(
        FundingSource,
        project=project_sec,
        funding_type="grant",
        funder=mk.sec("funderchild"),
        secured=Decimal(40000),
    )
    rec(Milestone, project=project, title=mk.pub("milestone"))
    rec(Milestone, True, project=project, title=mk.sec("milestone"))
    rec(ProjectIndicator, project=project, name=mk.pub("indicator"), baseline=1, target=2)
    rec(ProjectIndicator, True, project=project, name=mk.sec("indicator"), baseline=1, target=2)
    rec(
        DamageEntry,
        date=today,
        kind="damage",
        sector="housing",
        asset_type="building",
        description=mk.pub("damage"),
        amount=Decimal(10),
    )
    rec(
        DamageEntry,
        True,
        date=today,
        kind="damage",
        sector="housing",
        asset_type="building",
        description=mk.sec("damage"),
        amount=Decimal(10),
    )
    rec(PopulationRecord, year=2023, indicator="population", value=1000, note=mk.pub("pop"))
    rec(PopulationRecord, True, year=2024, indicator="population", value=999, note=mk.sec("pop"))
    rec(RelocatedEnterprise, name=mk.pub("enterprise"), direction="in", year=2023, sector="C")
    rec(RelocatedEnterprise, True, name=mk.sec("enterprise"), direction="in", year=2023, sector="C")
    rec(Stakeholder, True, name=mk.sec("stakeholder"), stakeholder_type="business")
    rec(Partnership, True, name=mk.sec("partnership"))
    rec(Engagement, True, date=today, topic=mk.sec("engagement"))
    rec(CommunicationItem, True, audience=mk.sec("audience"), message="x", channel="y")
    rec(LocalResource, True, name=mk.sec("resource"), kind="land")
    rec(Scenario, True, name=mk.sec("scenario"), shocks={"C": 0.1})
    rec(Dataset, True, name=mk.sec("dataset"), measure="employment", unit="x")
    rec(ReferencePanel, True, name=mk.sec("panel"))
    rec(
        ShortlistItem,
        True,
        panel="x",
        sector="C",
        sector_name=mk.sec("shortlist"),
        year=2020,
        score=1,
        feasibility=1,
    )
    rec(OwnBudgetYear, True, year=2024, source=mk.sec("budgetyear"))
    practice = xs.practice_save(
        municipality=a, by=w.a_owner, title_uk=mk.pub("practice"), step="plan"
    )
    practice_sec = xs.practice_save(
        municipality=a, by=w.a_owner, title_uk=mk.sec("practice"), step="plan"
    )
    secret.append(practice_sec)

    # Shared first ...
    for kind, item in (
        ("summary", None),
        ("kpi", kpi),
        ("kpi", kpi_sec),
        ("kpi", kpi_child),
        ("kpi", kpi_child2),
        ("project", project),
        ("project", project_sec),
        ("practice", practice),
        ("practice", practice_sec),
    ):
        xs.share_create(municipality=a, group=w.group, kind=kind, by=w.a_owner, item=item)
    xs.snapshot_generate(municipality=a, session=w.session, by=w.a_owner)
    xs.snapshot_submit(municipality=a, session=w.session, by=w.a_owner)
    assert Share.objects.active().filter(municipality=a).count() == 10
    # ... restricted later (the way every form saves: the record's own save).
    for obj in secret:
        obj.restricted = True
        obj._history_user = w.a_owner
        obj.save()
    # A snapshot generated from the plan now, and submitted.
    xs.snapshot_generate(municipality=a, session=w.session, by=w.a_owner)
    xs.snapshot_submit(municipality=a, session=w.session, by=w.a_owner)
    w.markers, w.project = mk, project
    return w


class Harvest:
    """Every text that left, by where it came from."""

    def __init__(self, monkeypatch):
        self.texts: dict[str, str] = {}
        self._html: list[str] = []
        import weasyprint

        real = weasyprint.HTML
        harvest = self

        def spy(*args, **kwargs):  # the HTML WeasyPrint lays out, besides the PDF text
            harvest._html.append(kwargs.get("string") or "")
            return real(*args, **kwargs)

        monkeypatch.setattr(weasyprint, "HTML", spy)

    def add(self, where: str, response) -> None:
        assert response.status_code in (200, 403, 404), (where, response.status_code)
        if response.status_code != 200:
            self.texts[where] = response.content.decode(errors="replace")
            return
        body = b"".join(response) if response.streaming else response.content
        ctype = response.get("Content-Type", "")
        if "pdf" in ctype:
            text = "\n".join(self._html)
            self._html.clear()
            if shutil.which("pdftotext"):
                text += subprocess.run(
                    ["pdftotext", "-", "-"], input=body, capture_output=True, check=True
                ).stdout.decode()
        elif "spreadsheet" in ctype:
            text = xlsx_text(body)
        else:
            text = body.decode("utf-8", errors="replace")
        self.texts[where] = text


def xlsx_text(body: bytes) -> str:
    wb = openpyxl.load_workbook(io.BytesIO(body))
    out = []
    for ws in wb.worksheets:
        out.append(ws.title)
        out += [str(h.center.text or "") for h in (ws.oddHeader, ws.oddFooter)]
        for row in ws.iter_rows(values_only=True):
            out += [str(v) for v in row if v is not None]
    return "\n".join(out)


def _harvest(w, role: str, h: Harvest) -> None:
    user = getattr(w, role)
    c = Client()
    assert c.login(username=user.username, password=PASSWORD)
    g = w.group.pk
    if role.startswith("a_"):  # the municipality's own exports (for others, by default)
        code = w.a.code
        for lang in ("uk", "en"):
            h.add(
                f"report.pdf {lang}",
                c.get(reverse("monitoring:report_pdf", args=[code]), {"lang": lang}),
            )
            h.add(
                f"report.xlsx {lang}",
                c.get(reverse("monitoring:report_xlsx", args=[code]), {"lang": lang}),
            )
        for table in ("entries", "totals", "impacts", "shock"):
            h.add(
                f"damage {table}",
                c.get(reverse("economy:damage_csv", args=[code]), {"table": table}),
            )
        for table in ("population", "enterprises", "relocation"):
            h.add(
                f"population {table}",
                c.get(reverse("economy:population_csv", args=[code]), {"table": table}),
            )
        from hromada.monitoring.models import Project

        for p in Project.all_objects.filter(municipality=w.a):
            h.add(f"dream {p.pk}", c.get(reverse("monitoring:project_dream", args=[code, p.pk])))
        from hromada.economy.models import Dataset

        for d in Dataset.all_objects.filter(municipality=w.a):  # restricted: refused
            for name in ("dataset_data", "diagnosis_xlsx"):
                h.add(f"{name} {d.pk}", c.get(reverse(f"economy:{name}", args=[code, d.pk])))
    # The peer group: what B, the facilitator and A's own members see of A.
    h.add("group", c.get(reverse("exchange:group", args=[g])))
    for s in Share.objects.filter(group=w.group):
        h.add(f"share {s.pk}", c.get(reverse("exchange:share", args=[g, s.pk])))
    h.add("session", c.get(reverse("exchange:session", args=[g, w.session.pk])))
    for lang in ("uk", "en"):
        h.add(
            f"session.pdf {lang}",
            c.get(reverse("exchange:session_pdf", args=[g, w.session.pk]), {"lang": lang}),
        )
    h.add("compare", c.get(reverse("exchange:compare", args=[g])))
    for table in ("public", "kpis"):
        h.add(f"compare {table}.csv", c.get(reverse("exchange:compare_csv", args=[g, table])))
    h.add("library", c.get(reverse("exchange:library")))
    from hromada.exchange.models import GoodPractice

    for p in GoodPractice.all_objects.filter(municipality=w.a):
        h.add(f"practice {p.pk}", c.get(reverse("exchange:practice", args=[p.pk])))
    h.add("guide", c.get(reverse("exchange:guide_step", args=["plan"])))
    h.add("notifications", c.get(reverse("exchange:notifications")))


def _hits(texts: dict[str, str], markers: dict[str, str]) -> list[str]:
    return [
        f"{tag} ({m}) in {where}"
        for where, text in texts.items()
        for tag, m in markers.items()
        if m in text
    ]


@pytest.mark.parametrize("role", ROLES)
def test_no_restricted_marker_leaves_for_any_role(role, monkeypatch):
    w = _world()
    h = Harvest(monkeypatch)
    _harvest(w, role, h)
    assert not _hits(h.texts, w.markers.secret)
    # A harvest that found nothing would pass: the public records must be there.
    everything = "\n".join(h.texts.values())
    expected = ["kpi", "ogoal", "sgoal", "project", "practice"]
    if role.startswith("a_"):
        expected += [
            "vision",
            "swot",
            "risk",
            "mitigation",
            "damage",
            "enterprise",
            "funder",
            "indicator",
            "kpiupdate",
        ]
    missing = [t for t in expected if w.markers.public[t] not in everything]
    assert not missing, f"public records missing from every output: {missing}"


def test_shared_totals_and_snapshot_leave_restricted_records_out(monkeypatch):
    """The shared summary's funding totals are those of the public project and funding
    alone; a KPI shared and then restricted has its share revoked."""
    w = _world()
    summary = Share.objects.active().get(municipality=w.a, kind="summary")
    assert summary.data["funding"]["budget"] == 1000
    assert summary.data["funding"]["secured"] == 100
    assert summary.data["projects"]["count"] == 1
    from hromada.planning.models import Kpi

    for k in Kpi.all_objects.filter(municipality=w.a):
        shares = Share.objects.filter(kind="kpi", object_id=k.pk)
        if w.markers.public["kpi"] == k.indicator:
            assert shares.active().exists()
            assert all(w.markers.secret["kpiupdate"] not in str(s.data) for s in shares.active())
        else:  # restricted, or under a restricted goal: revoked
            assert shares.exists() and not shares.active().exists(), k.indicator


def test_workspace_file_without_restricted_has_no_marker(tmp_path):
    from click.testing import CliRunner

    from hromada.cli import main
    from hromada.workspaces.transfer import workspace_export

    w = _world()
    internal = tmp_path / "internal.json.gz"
    workspace_export(code=w.a.code, path=internal, include_restricted=True)
    path = tmp_path / "for-others.json.gz"
    result = CliRunner().invoke(
        main, ["export-workspace", w.a.code, str(path), "--without-restricted"]
    )
    assert result.exit_code == 0, result.output
    text = gzip.open(path, "rt", encoding="utf-8").read()
    assert not _hits({"workspace file": text}, w.markers.secret)
    missing = [t for t, m in w.markers.public.items() if m not in text]
    assert not missing
    # The internal copy (the owner's own backup) still has everything.
    full = gzip.open(internal, "rt", encoding="utf-8").read()
    assert all(m in full for m in w.markers.secret.values())
