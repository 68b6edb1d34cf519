"""Crash safety of background tasks.

A worker killed mid-task (power cut, SIGKILL, out of memory) leaves its task marked
RUNNING forever: the database transaction of the task is rolled back by the database,
but the task's status is not. ``reap_orphaned_tasks`` finds such tasks and marks them
FAILED with a plain explanation, so the page that waits for them shows the failure and
offers ``task_retry``. ``hromada worker`` reaps at start and every 30 seconds.

A worker id is ``host:pid:random``; a task is orphaned when its worker ran on this host and
that process is gone, or (for workers on other hosts) when it has run longer than
``HROMADA_TASK_TIMEOUT`` seconds (default 6 hours).
"""

from __future__ import annotations

import os
import secrets
import socket
from datetime import timedelta

from django.utils import timezone
from django_tasks_db.models import DBTaskResult


class WorkerLostError(RuntimeError):
    """The worker running this task stopped (killed, crashed or lost power) before it ended."""


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (killed child not yet reaped by its parent) is dead for our purpose.
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


def _orphaned(result: DBTaskResult, *, host: str, now, timeout: timedelta) -> bool:
    last = (result.worker_ids or [""])[-1]
    parts = last.split(":")
    if len(parts) >= 2 and parts[0] == host and parts[1].isdigit():
        return not _pid_alive(int(parts[1]))
    return result.started_at is not None and now - result.started_at > timeout


def reap_orphaned_tasks() -> int:
    """Mark RUNNING tasks whose worker is gone as FAILED; returns how many."""
    host = socket.gethostname()
    now = timezone.now()
    timeout = timedelta(seconds=int(os.environ.get("HROMADA_TASK_TIMEOUT", str(6 * 3600))))
    reaped = 0
    for result in DBTaskResult.objects.running():
        if _orphaned(result, host=host, now=now, timeout=timeout):
            result.set_failed(
                WorkerLostError(
                    "The background worker stopped while running this task (for example a power "
                    "cut or a restart). Nothing it had half-written was kept; run it again."
                )
            )
            reaped += 1
    return reaped


def task_retry(result_id) -> str:
    """Enqueue a failed task again with the same arguments; returns the new result's id."""
    result = DBTaskResult.objects.get(pk=result_id)
    if result.status != "FAILED":
        raise ValueError(
            f"task {result_id} has status {result.status}; only failed tasks are retried"
        )
    args_kwargs = result.args_kwargs or {}
    new = result.task.enqueue(*args_kwargs.get("args", []), **args_kwargs.get("kwargs", {}))
    return str(new.id)
