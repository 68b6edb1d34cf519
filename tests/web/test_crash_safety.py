"""A worker killed mid-task (SIGKILL) leaves the database consistent and the task visibly
failed and retryable. Runs real processes on a file SQLite database."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

pytestmark = pytest.mark.slow


def _env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env.update(
        {
            "HROMADA_HOME": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
            "SECRET_KEY": "test-only-secret-key-for-crash-safety-1234567890",
            "DJANGO_SETTINGS_MODULE": "hromada.config.settings",
            "LOG_LEVEL": "WARNING",
        }
    )
    return env


def _hromada(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "hromada", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        **kwargs,
    )


def _query(db, sql):
    with sqlite3.connect(db, timeout=10) as con:
        return con.execute(sql).fetchall()


def test_sigkill_mid_task_leaves_consistent_db_and_retryable_failure(tmp_path):
    env = _env(tmp_path)
    db = tmp_path / "db.sqlite3"
    out = _hromada(
        env,
        "manage",
        "shell",
        "-c",
        "from django.core.management import call_command;"
        "call_command('migrate', verbosity=0);"
        "from hromada.core.tasks import probe;"
        "print(probe.enqueue('crash', seconds=30, rows=30).id)",
    )
    task_id = out.stdout.strip().splitlines()[-1].replace("-", "")
    worker = subprocess.Popen(
        [sys.executable, "-m", "hromada", "worker", "--interval", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.time() + 60
        status = None
        while time.time() < deadline:
            rows = _query(
                db,
                f"SELECT status FROM django_tasks_database_dbtaskresult "
                f"WHERE replace(id, '-', '') = '{task_id}'",
            )
            status = rows[0][0] if rows else None
            if status == "RUNNING":
                break
            time.sleep(0.2)
        assert status == "RUNNING"
        time.sleep(3)  # several rows written inside the task's open transaction
    finally:
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
    assert _query(db, "PRAGMA integrity_check") == [("ok",)]
    assert _query(db, "SELECT count(*) FROM core_workerprobe") == [(0,)]  # nothing half-written
    # The reaper (run by every worker at start and every 30 s) marks the orphaned task
    # failed, with a message a person understands; then it is retried.
    _hromada(
        env,
        "manage",
        "shell",
        "-c",
        "from hromada.core.worker import reap_orphaned_tasks, task_retry;"
        "assert reap_orphaned_tasks() == 1;"
        f"task_retry('{task_id}');"
        "from django_tasks_db.models import DBTaskResult;"
        # the retry runs the same task and arguments; only make it quick and labelled
        "DBTaskResult.objects.filter(status='READY').update("
        "args_kwargs={'args': ['retried'], 'kwargs': {'seconds': 0, 'rows': 30}})",
    )
    status, traceback = _query(
        db,
        "SELECT status, traceback FROM "
        "django_tasks_database_dbtaskresult "
        f"WHERE replace(id, '-', '') = '{task_id}'",
    )[0]
    assert status == "FAILED" and "WorkerLostError" in traceback
    _hromada(env, "worker", "--batch")
    assert _query(db, "SELECT count(*) FROM core_workerprobe WHERE label='retried'") == [(30,)]
    assert _query(
        db, "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status='SUCCESSFUL'"
    ) == [(1,)]
