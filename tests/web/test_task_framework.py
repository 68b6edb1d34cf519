"""Tasks are declared with the task framework the database queue uses (Django 6's own
django.tasks where it exists), whatever backend was configured when they were imported."""

import importlib

import pytest
from django_tasks_db.models import DBTaskResult

from hromada.core import taskframework
from hromada.core.taskframework import DATABASE_BACKEND, IMMEDIATE_BACKEND

pytestmark = pytest.mark.django_db

TASK_MODULES = ["hromada.core.tasks", "hromada.economy.tasks", "hromada.exchange.tasks"]


def test_the_framework_is_djangos_own_where_it_exists():
    import django

    assert taskframework.PACKAGE == ("django.tasks" if django.VERSION >= (6,) else "django_tasks")


def test_tasks_imported_under_another_backend_are_accepted_by_the_database_queue(settings):
    # Under Django 6, tasks declared with the django-tasks backport while the immediate
    # backend was configured were refused by the database queue ("does not point to a
    # Task"): the e2e upload then failed with 400.
    settings.TASKS = {"default": {"BACKEND": IMMEDIATE_BACKEND}}
    modules = [importlib.reload(importlib.import_module(m)) for m in TASK_MODULES]
    try:
        settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND}}
        result = modules[0].probe.enqueue("framework", rows=1)
        stored = DBTaskResult.objects.get(pk=result.id)
        assert stored.task.func is modules[0].probe.func
        assert stored.task_path == "hromada.core.tasks.probe"
    finally:
        settings.TASKS = {"default": {"BACKEND": DATABASE_BACKEND}}
        for m in TASK_MODULES:  # declared again under the default backend, as on import
            importlib.reload(importlib.import_module(m))


def test_no_module_declares_tasks_with_the_backport_directly():
    """Only hromada.core.taskframework chooses the framework; a direct `django_tasks`
    import would declare tasks the Django 6 database queue refuses."""
    from pathlib import Path

    src = Path(taskframework.__file__).parents[1]
    offenders = [
        str(path.relative_to(src))
        for path in src.rglob("*.py")
        if path.name != "taskframework.py"
        and any(
            line.strip().startswith(
                ("from django_tasks ", "from django_tasks.", "import django_tasks")
            )
            for line in path.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []
