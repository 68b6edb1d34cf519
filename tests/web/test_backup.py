"""Backup and restore round-trip: every row of every table comes back."""

import pytest
from click.testing import CliRunner
from django.apps import apps
from django.db import connection

from hromada.cli import main
from hromada.core.backup import BackupError, backup_create, backup_restore
from hromada.workspaces.models import Membership, Municipality
from hromada.workspaces.services import invitation_create
from tests.web.factories import make_member, make_municipality

pytestmark = pytest.mark.django_db(transaction=True)

SKIP = {"contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"}


def _snapshot():
    rows = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in SKIP or label in SKIP:
            continue
        manager = getattr(model, "all_objects", model._base_manager)
        rows[label] = sorted(map(repr, manager.values_list()))
    return rows


def test_backup_restore_round_trip(tmp_path):
    a = make_municipality(name_uk="Ізюмська")
    owner = make_member(a, "owner")
    invitation_create(municipality=a, created_by=owner)
    before = _snapshot()
    assert before["workspaces.municipality"] and before["workspaces.membership"]
    path = backup_create(
        tmp_path / ("backup.sqlite3" if connection.vendor == "sqlite" else "backup.xml.gz")
    )
    # Damage: delete and change things after the backup.
    Membership.objects.all().delete()
    Municipality.objects.filter(pk=a.pk).update(name_uk="зіпсовано")
    make_municipality(name_uk="Зайва")
    assert _snapshot() != before
    backup_restore(path)
    assert _snapshot() == before


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("hello")
    make_municipality()
    before = _snapshot()
    with pytest.raises(BackupError, match="not a Hromada backup"):
        backup_restore(bogus)
    assert _snapshot() == before


def test_cli_backup_and_restore(tmp_path):
    make_municipality(name_uk="Ірпінська")
    before = _snapshot()
    path = tmp_path / "b.bak"
    runner = CliRunner()
    result = runner.invoke(main, ["backup", str(path)])
    assert result.exit_code == 0, result.output
    Municipality.objects.all().delete()
    result = runner.invoke(main, ["restore", str(path), "--yes"])
    assert result.exit_code == 0, result.output
    assert _snapshot() == before


def test_backup_is_private_and_holds_no_sessions(tmp_path, client):
    import os
    import stat

    from django.contrib.sessions.models import Session

    from tests.web.factories import PASSWORD

    a = make_municipality()
    owner = make_member(a, "owner")
    assert client.login(username=owner.username, password=PASSWORD)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    old = os.umask(0o022)
    try:
        existing = tmp_path / ("b.sqlite3" if connection.vendor == "sqlite" else "b.xml.gz")
        existing.write_text("an older file, world-readable")
        existing.chmod(0o644)
        path = backup_create(existing)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    raw = path.read_bytes()
    if connection.vendor == "sqlite":
        import sqlite3

        con = sqlite3.connect(path)
        assert con.execute("SELECT count(*) FROM django_session").fetchone() == (0,)
        con.close()
    else:
        import gzip

        raw = gzip.decompress(raw)
    assert key.encode() not in raw
    owner.refresh_from_db()
    assert owner.password.encode() in raw  # password hashes stay: logins come back
    backup_restore(path)
    assert not Session.objects.exists()  # sessions made after the backup end too
    assert client.get(f"/m/{a.code}/").status_code == 302  # to the login page
    assert client.login(username=owner.username, password=PASSWORD)
