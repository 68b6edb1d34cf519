"""Fixtures shared by every test: the published validation fixtures and the reference data.

The validation fixtures live in ``tests/fixtures/validation`` (copied, with their sources,
from the project's shared folder), so the correctness tests run on every clone. Reference
data is read the way the product reads it: bundled, with the user's data folder on top.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hromada.refdata._files import require

ROOT = Path(__file__).resolve().parents[1]
VALIDATION = Path(__file__).resolve().parent / "fixtures" / "validation"


@pytest.fixture(scope="session")
def validation_dir() -> Path:
    return VALIDATION


@pytest.fixture(scope="session")
def reference_file():
    """``reference_file("ukraine/hromada.csv")``: the path the product reads that file from
    (bundled or the user's copy; may end in ``.gz``)."""
    return require


#: Test folders whose background tasks run at once, inside the request (the rest, e.g.
#: tests/web/test_task_framework.py, test the queue itself).
IMMEDIATE_TASK_FOLDERS = frozenset({"diversify", "economy", "exchange", "resilience", "restricted"})


@pytest.fixture(autouse=True)
def fast_password_hashing(request):
    """PBKDF2's deliberate slowness protects real users; tests don't need it."""
    if _folder(request) == "econ":  # the pure library: no Django settings to change
        return
    settings = request.getfixturevalue("settings")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def immediate_tasks(request):
    """In the folders of :data:`IMMEDIATE_TASK_FOLDERS`, tasks run when enqueued."""
    if _folder(request) in IMMEDIATE_TASK_FOLDERS:
        from hromada.core.taskframework import IMMEDIATE_BACKEND

        settings = request.getfixturevalue("settings")
        settings.TASKS = {"default": {"BACKEND": IMMEDIATE_BACKEND}}


def _folder(request) -> str:
    """The folder of ``tests/`` the running test is in ("" for a top-level test file)."""
    path = Path(request.node.path).resolve()
    if not path.is_relative_to(ROOT / "tests"):
        return ""
    parts = path.relative_to(ROOT / "tests").parts
    return parts[0] if len(parts) > 1 else ""


def load_json(path: Path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def pytest_sessionfinish(session, exitstatus):
    """With HROMADA_FORBID_SKIPS=1 (CI), a skipped test fails the run: every test must run
    on a fresh clone, with nothing beside it."""
    if os.environ.get("HROMADA_FORBID_SKIPS") != "1" or hasattr(session.config, "workerinput"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        for report in skipped:
            reporter.write_line(f"FORBIDDEN SKIP: {report.nodeid}: {report.longrepr}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session", autouse=True)
def _static_from_the_packages():
    """Tests serve static files under their plain names from the packages' folders (the
    test server's static handler reads those), whatever a local ``hromada demo`` collected
    into the var folder; tests/web/test_static.py checks the collected, hashed set."""
    try:
        from django.conf import settings
        from django.test import override_settings

        storages = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    except Exception:  # noqa: BLE001 - Django not configured (library-only tests)
        yield
        return
    with override_settings(STORAGES=storages):
        yield
