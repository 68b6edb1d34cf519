"""Backup and restore of the whole instance.

SQLite: the online backup API (a consistent copy while the app runs), restored the same
way. PostgreSQL and any other database: a portable, compressed XML dump of every table
(Django's serialisation: primary keys kept, content types by natural key, times to the
microsecond, which Django's JSON would cut to milliseconds), restored into an emptied
database; it also moves an instance between SQLite and PostgreSQL.
"""

from __future__ import annotations

import gzip
import io
import os
import sqlite3
from pathlib import Path

from django.core.management import call_command
from django.db import connection, transaction

SQLITE_MAGIC = b"SQLite format 3\x00"
# Derived or transient tables that a restore must not carry over.
EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes.accessattempt",
    "axes.accesslog",
    "axes.accessfailurelog",
]


class BackupError(Exception):
    """The backup file cannot be written or restored; the message says why."""


def _is_sqlite() -> bool:
    return connection.vendor == "sqlite"


def _raw_sqlite():
    connection.ensure_connection()
    return connection.connection


def backup_create(path: str | Path) -> Path:
    """Write a backup of the whole instance to ``path``; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Password hashes are in it: readable by the instance's own account only (0600), set
    # before any byte is written; an existing file is replaced, not reused with its mode.
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    os.chmod(path, 0o600)  # whatever the umask
    if _is_sqlite():
        target = sqlite3.connect(path)
        try:
            _raw_sqlite().backup(target)
            # Live sessions stay out: a restore must not log anybody back in.
            target.execute("DELETE FROM django_session")
            target.commit()
            target.execute("VACUUM")  # no trace of them left in free pages
        finally:
            target.close()
        return path
    buffer = io.StringIO()
    call_command("dumpdata", natural_foreign=True, exclude=EXCLUDE, stdout=buffer, format="xml")
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(buffer.getvalue())
    return path


def _sessions_end() -> None:
    """Everybody logs in again after a restore (sessions are never in a backup; an old
    SQLite backup may still hold some)."""
    from django.contrib.sessions.models import Session

    Session.objects.all().delete()


def _kind(path: Path) -> str:
    head = path.read_bytes()[:16]
    if head == SQLITE_MAGIC:
        return "sqlite"
    if head[:2] == b"\x1f\x8b":
        return "xml.gz"
    raise BackupError(
        f"{path} is not a Hromada backup (neither an SQLite database nor a compressed JSON dump)."
    )


def backup_restore(path: str | Path) -> None:
    """Replace the instance's data with the backup in ``path``. All-or-nothing."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"no backup file at {path}")
    kind = _kind(path)
    if kind == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in source.execute("SELECT name FROM sqlite_master")}
            if "django_migrations" not in tables:
                raise BackupError(f"{path} is an SQLite file but not a Hromada database.")
            if _is_sqlite():
                source.backup(_raw_sqlite())
                _sessions_end()
                return
            raise BackupError(
                "An SQLite backup restores into SQLite only; make a portable "
                "backup with `hromada backup` on the SQLite instance first "
                "after setting DATABASE_URL, or restore it into SQLite."
            )
        finally:
            source.close()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        payload = fh.read()
    fixture = path.with_suffix(".restore.xml")
    fixture.write_text(payload, encoding="utf-8")
    try:
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(fixture), verbosity=0)
            _sessions_end()
    finally:
        fixture.unlink(missing_ok=True)
