"""Workspace transfer between instances (a laptop without internet and a server): no
database id crosses, peer groups stay, people are never matched by name, other
municipalities' rows are never touched, and a dry run fails where the real run fails.

The second instance is simulated with whole-instance backups: the server is saved, the
database emptied to play the laptop, and each side restored in turn."""

import datetime as dt
import gzip
import json

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.core.management import call_command

from hromada.cli import main
from hromada.core.backup import backup_create, backup_restore
from hromada.economy import services as economy
from hromada.economy.models import DamageEntry, DamageImpact, Dataset
from hromada.exchange import services as exchange
from hromada.exchange.models import GroupMember, PeerGroup, Share
from hromada.monitoring.models import Project
from hromada.planning.models import OperationalGoal, StrategicGoal
from hromada.planning.services import record_save
from hromada.workspaces.models import Membership, Municipality, TransferKey
from hromada.workspaces.transfer import workspace_export, workspace_import
from tests.exchange.factories import make_world

pytestmark = pytest.mark.django_db(transaction=True)
CODE = "UA63040090000021240"


def _plan(m, owner, *, secret_goal=False):
    sg = record_save(instance=StrategicGoal(municipality=m, code="1", title="Економіка"), by=owner)
    og = record_save(
        instance=OperationalGoal(
            municipality=m, strategic_goal=sg, code="1.1", title="Робочі місця"
        ),
        by=owner,
    )
    hidden = record_save(
        instance=OperationalGoal(
            municipality=m,
            strategic_goal=sg,
            code="1.2",
            title="Оборонний завод МАРКЕР",
            restricted=secret_goal,
        ),
        by=owner,
    )
    project = record_save(
        instance=Project(municipality=m, title="Індустріальний парк"),
        by=owner,
        m2m={"goals": [og.pk, hidden.pk]},
    )
    return sg, og, hidden, project


def _state(m):
    """A workspace without database ids, comparable between instances."""
    return {
        "goals": sorted(
            OperationalGoal.all_objects.filter(municipality=m).values_list(
                "code", "title", "restricted"
            )
        ),
        "projects": sorted(
            (p.title, tuple(sorted(p.goals.values_list("code", flat=True))))
            for p in Project.all_objects.filter(municipality=m)
        ),
        "datasets": sorted(
            Dataset.all_objects.filter(municipality=m).values_list("name", "measure")
        ),
        "members": sorted(
            Membership.objects.filter(municipality=m).values_list(
                "user__username", "role", "user__is_active"
            )
        ),
        "history": Project.history.filter(municipality=m).count(),
    }


def _fresh_instance():
    call_command("flush", interactive=False, verbosity=0)


def test_round_trips_laptop_server_with_edits_on_both_sides_and_a_peer_group(tmp_path):
    w = make_world(a_code=CODE)
    m, owner = w.a, w.a_owner
    sg, og, hidden, project = _plan(m, owner)
    exchange.share_create(municipality=m, group=w.group, kind="summary", by=owner)
    server, laptop = tmp_path / "server.bak", tmp_path / "laptop.bak"
    workspace_export(code=CODE, path=tmp_path / "to-laptop.gz")
    backup_create(server)

    # The laptop: a fresh instance.
    _fresh_instance()
    report = workspace_import(path=tmp_path / "to-laptop.gz")
    assert report.ok, report
    assert report.users_created == sorted([owner.username, w.a_viewer.username])
    m_l = Municipality.objects.get(code=CODE)
    assert not PeerGroup.objects.exists() and not GroupMember.objects.exists()
    assert not Share.objects.exists()  # shares stay where they were made
    assert not get_user_model().objects.filter(is_active=True).exists()  # nobody logs in
    # Work offline: a goal renamed, a dataset added.
    og_l = OperationalGoal.objects.get(municipality=m_l, code="1.1")
    og_l.title = "Робочі місця (ноутбук)"
    record_save(instance=og_l)
    Dataset.objects.create(municipality=m_l, name="З ноутбука", measure="employment", unit="")
    workspace_export(code=CODE, path=tmp_path / "to-server.gz")
    backup_create(laptop)

    # Meanwhile on the server: the project renamed, a dataset added.
    backup_restore(server)
    project = Project.objects.get(pk=project.pk)
    project.title = "Індустріальний парк (сервер)"
    record_save(instance=project)
    Dataset.objects.create(municipality=m, name="Із сервера", measure="wages", unit="")
    members_before = list(GroupMember.objects.values_list("group_id", "municipality_id", "status"))
    report = workspace_import(path=tmp_path / "to-server.gz")
    assert report.ok, report
    assert report.updated["planning.operationalgoal"] == 1  # changed only on the laptop
    assert report.kept["monitoring.project"] == 1  # changed only here
    assert not report.users_created  # the owner is recognised by key, not by name
    assert OperationalGoal.objects.get(pk=og.pk).title == "Робочі місця (ноутбук)"
    assert Project.objects.get(pk=project.pk).title == "Індустріальний парк (сервер)"
    assert (
        list(GroupMember.objects.values_list("group_id", "municipality_id", "status"))
        == members_before
    )
    assert Membership.objects.get(municipality=m, role="owner").user == owner
    on_server = _state(m)
    assert {"З ноутбука", "Із сервера"} <= {n for n, _ in on_server["datasets"]}
    workspace_export(code=CODE, path=tmp_path / "back.gz")

    # Back on the laptop: it converges on the server's copy (people: its placeholders).
    backup_restore(laptop)
    report = workspace_import(path=tmp_path / "back.gz")
    assert report.ok, report
    on_laptop = _state(Municipality.objects.get(code=CODE))
    assert {k: v for k, v in on_laptop.items() if k != "members"} == {
        k: v for k, v in on_server.items() if k != "members"
    }
    assert workspace_import(path=tmp_path / "back.gz").added == {}  # idempotent


def test_a_workspace_in_a_peer_group_imports_into_a_fresh_instance_and_joins_no_group(tmp_path):
    w = make_world(a_code=CODE)
    _plan(w.a, w.a_owner)
    exchange.share_create(municipality=w.a, group=w.group, kind="summary", by=w.a_owner)
    exchange.snapshot_save(municipality=w.a, session=w.session, by=w.a_owner, done="Зроблено")
    path = tmp_path / "w.gz"
    workspace_export(code=CODE, path=path)
    text = gzip.open(path, "rt", encoding="utf-8").read()
    assert "exchange." not in text.replace("exchange.goodpractice", "")
    _fresh_instance()
    # The target has a group of its own with the same id as over there.
    t = make_world()
    theirs = PeerGroup.objects.filter(pk=w.group.pk).first() or PeerGroup.objects.create(
        pk=w.group.pk, name="Чужа група", created_by=t.facilitator
    )
    members = sorted(GroupMember.objects.values_list("group", "municipality", "status"))
    dry = workspace_import(path=path, dry_run=True)
    assert dry.ok, dry
    real = workspace_import(path=path)
    assert real.ok and real.added == dry.added
    m = Municipality.objects.get(code=CODE)
    assert not GroupMember.objects.filter(municipality=m).exists()
    assert not Share.objects.filter(municipality=m).exists()
    assert sorted(GroupMember.objects.values_list("group", "municipality", "status")) == members
    assert theirs.pk == w.group.pk


def test_an_unrelated_user_with_the_same_name_never_becomes_owner(tmp_path):
    w = make_world(a_code=CODE)
    owner = w.a_owner
    owner.email = "olena@izium.gov.ua"
    owner.save()
    path = tmp_path / "w.gz"
    workspace_export(code=CODE, path=path)
    username = owner.username
    _fresh_instance()
    User = get_user_model()
    stranger = User.objects.create_user(
        username=username, password="x-1234567890", email="someone@else.example"
    )
    report = workspace_import(path=path)
    assert report.ok
    m = Municipality.objects.get(code=CODE)
    assert not Membership.objects.filter(user=stranger).exists()
    holder = Membership.objects.get(municipality=m, role="owner").user
    assert holder != stranger and not holder.is_active and not holder.has_usable_password()
    assert holder.username in report.users_created and holder.username != username
    # The same person, by e-mail, when the administrator says so.
    _fresh_instance()
    same = User.objects.create_user(
        username="olena.k", password="x-1234567890", email="Olena@izium.gov.ua"
    )
    report = workspace_import(path=path, match_email=True)
    assert report.users_matched_by_email == [f"{username} = olena.k"]
    assert Membership.objects.get(municipality__code=CODE, role="owner").user == same


def _impact_rows():
    return sorted(DamageImpact.objects.values_list("pk", "entry_id", "sector", "jobs"))


def test_overwrite_never_touches_another_municipalitys_rows(tmp_path):
    """Damage impacts have no municipality column: even a key that names another
    municipality's impact here (a stale or forged mapping) leaves it alone."""
    w = make_world(a_code=CODE)
    entries = {}
    for m, jobs in ((w.a, 5), (w.b, 9)):
        entries[m.pk] = economy.damage_entry_create(
            municipality=m,
            date=dt.date(2022, 5, 1),
            kind="damage",
            sector="industry",
            asset_type="buildings",
            description=f"entry {m.code}",
            amount=1,
            impacts=[{"sector": "C", "jobs": jobs}],
        )
    path = tmp_path / "w.gz"
    workspace_export(code=CODE, path=path)
    a_impact = entries[w.a.pk].impacts.get()
    b_impact = entries[w.b.pk].impacts.get()
    assert '"pk"' not in gzip.open(path, "rt", encoding="utf-8").read()
    # Changed on the other side, and here the key now names B's impact.
    payload = json.loads(gzip.open(path, "rt", encoding="utf-8").read())
    for o in payload["objects"]:
        if o["model"] == "economy.damageimpact":
            o["fields"]["jobs"] = 77
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(payload, fh)
    TransferKey.objects.filter(model="economy.damageimpact", local_id=a_impact.pk).update(
        local_id=b_impact.pk
    )
    before = _impact_rows()
    report = workspace_import(path=path, overwrite=True)
    assert not report.ok
    assert any(
        f"(#{b_impact.pk} here) of Бета ({w.b.code})" in c and "left alone" in c
        for c in report.conflicts
    ), report.conflicts
    assert _impact_rows() == before
    assert DamageEntry.objects.get(pk=entries[w.b.pk].pk).impacts.get().jobs == 9


def test_dry_run_reports_the_failure_of_the_real_run(tmp_path):
    w = make_world(a_code=CODE)
    _plan(w.a, w.a_owner)
    path = tmp_path / "w.gz"
    workspace_export(code=CODE, path=path)
    # A damaged file: the strategic goal is gone, its operational goals still need it.
    payload = json.loads(gzip.open(path, "rt", encoding="utf-8").read())
    payload["objects"] = [o for o in payload["objects"] if o["model"] != "planning.strategicgoal"]
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(payload, fh)
    _fresh_instance()
    dry = workspace_import(path=path, dry_run=True)
    real = workspace_import(path=path)
    assert "IntegrityError" in dry.failure and "strategic_goal" in dry.failure
    assert dry.failure.split("DETAIL")[0] == real.failure.split("DETAIL")[0]  # ids aside
    assert not Municipality.objects.exists()  # all-or-nothing
    result = CliRunner().invoke(main, ["import-workspace", str(path), "--dry-run"])
    assert result.exit_code == 1 and "FAILED (the real import would fail too)" in result.output


def test_a_copy_without_restricted_links_nothing_restricted_and_imports(tmp_path):
    w = make_world(a_code=CODE)
    sg, og, hidden, project = _plan(w.a, w.a_owner, secret_goal=True)
    path = tmp_path / "others.gz"
    workspace_export(code=CODE, path=path, include_restricted=False)
    assert "МАРКЕР" not in gzip.open(path, "rt", encoding="utf-8").read()
    _fresh_instance()
    dry = workspace_import(path=path, dry_run=True)
    real = workspace_import(path=path)
    assert dry.ok and real.ok, real
    m = Municipality.objects.get(code=CODE)
    assert _state(m)["projects"] == [("Індустріальний парк", ("1.1",))]
    assert not OperationalGoal.objects.filter(title__contains="МАРКЕР").exists()


def test_the_demo_workspace_moves_to_a_fresh_instance_and_back_unchanged(tmp_path):
    from hromada.config.demo import demo_seed

    demo = demo_seed()
    code = demo.municipality.code
    counts = workspace_export(code=code, path=tmp_path / "demo.gz")
    server = tmp_path / "server.bak"
    backup_create(server)
    _fresh_instance()
    report = workspace_import(path=tmp_path / "demo.gz")
    assert report.ok, report
    assert (
        sum(report.added.values()) + sum(report.left_out.values()) >= sum(counts.values()) - 1
    )  # the municipality is counted, not added twice
    workspace_export(code=code, path=tmp_path / "back.gz")
    backup_restore(server)
    report = workspace_import(path=tmp_path / "back.gz")
    assert report.ok and not report.added and not report.overwritten, report


def test_a_file_cannot_carry_accounts_or_rows_of_another_municipality(tmp_path):
    """A workspace file is data of one municipality: a crafted one that adds an account,
    a group membership or a row of another municipality is refused as a whole."""
    w = make_world(a_code=CODE)
    path = tmp_path / "w.gz"
    workspace_export(code=CODE, path=path)
    payload = json.loads(gzip.open(path, "rt", encoding="utf-8").read())
    forged = [
        {
            "model": "auth.user",
            "key": None,
            "fields": {"username": "root", "is_superuser": True, "password": "", "is_active": True},
        },
        {"model": "exchange.groupmember", "key": None, "fields": {"status": "active"}},
        {
            "model": "planning.strategicgoal",
            "key": "00000000-0000-0000-0000-000000000001",
            "fields": {"municipality": w.b.code, "title": "x", "code": "9"},
        },
    ]
    users = get_user_model().objects.count()
    for item in forged:
        crafted = tmp_path / "crafted.gz"
        with gzip.open(crafted, "wt", encoding="utf-8") as fh:
            json.dump({**payload, "objects": [*payload["objects"], item]}, fh)
        for dry_run in (True, False):
            report = workspace_import(path=crafted, dry_run=dry_run)
            assert not report.ok and "ValueError" in report.failure, (item, report)
    assert get_user_model().objects.count() == users
    assert not StrategicGoal.objects.filter(municipality=w.b).exists()


def test_a_membership_is_matched_by_its_person_and_roles_stay_the_instances_own(tmp_path):
    w = make_world(a_code=CODE)
    path = tmp_path / "w.gz"
    workspace_export(code=CODE, path=path)
    Membership.objects.filter(user=w.a_viewer).update(role="editor")  # decided here since
    report = workspace_import(path=path)
    assert report.ok and report.kept["workspaces.membership"] == 1, report
    assert Membership.objects.get(user=w.a_viewer).role == "editor"
    report = workspace_import(path=path, overwrite=True)
    assert report.ok and Membership.objects.get(user=w.a_viewer).role == "viewer"


def test_a_part_removed_here_and_brought_back_by_a_file_exports_again(tmp_path):
    w = make_world(a_code=CODE)
    entry = economy.damage_entry_create(
        municipality=w.a,
        date=dt.date(2022, 5, 1),
        kind="damage",
        sector="industry",
        asset_type="buildings",
        description="entry",
        amount=1,
        impacts=[{"sector": "C", "jobs": 5}],
    )
    workspace_export(code=CODE, path=tmp_path / "first.gz")
    economy.damage_impact_remove(impact=entry.impacts.get())  # removed here
    report = workspace_import(path=tmp_path / "first.gz")  # still there over there
    assert report.ok and report.added["economy.damageimpact"] == 1, report
    workspace_export(code=CODE, path=tmp_path / "again.gz")  # the same identity, twice
    report = workspace_import(path=tmp_path / "again.gz")
    assert report.ok and not report.added.get("economy.damageimpact"), report
    assert entry.impacts.get().jobs == 5


def test_a_copy_without_restricted_comes_back_without_cutting_restricted_links(tmp_path):
    """The copy a consultant worked on comes back: what it could not know (the link of a
    public project to a restricted goal) is no change, and nothing restricted is lost."""
    w = make_world(a_code=CODE)
    sg, og, hidden, project = _plan(w.a, w.a_owner, secret_goal=True)
    path = tmp_path / "others.gz"
    workspace_export(code=CODE, path=path, include_restricted=False)
    for overwrite in (False, True):
        report = workspace_import(path=path, overwrite=overwrite)
        assert report.ok and not report.overwritten, report
    assert sorted(Project.objects.get(pk=project.pk).goals.values_list("code", flat=True)) == [
        "1.1",
        "1.2",
    ]
    assert OperationalGoal.objects.get(pk=hidden.pk).restricted
