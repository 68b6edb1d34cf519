"""The task framework of the Django in use: Django's own ``django.tasks`` (Django >= 6),
else the django-tasks backport it grew from (Django 5.2).

Tasks must be declared with the same framework that django-tasks-db uses, and that
package uses ``django.tasks`` whenever it exists: a task declared with the backport under
Django 6 is refused by its queue ("does not point to a Task"). Declare tasks with
``from hromada.core.taskframework import task``; tests pick backends by the names below.
"""

from __future__ import annotations

try:
    from django.tasks import task, task_backends

    PACKAGE = "django.tasks"
except ImportError:  # Django < 6
    from django_tasks import task, task_backends

    PACKAGE = "django_tasks"

IMMEDIATE_BACKEND = f"{PACKAGE}.backends.immediate.ImmediateBackend"
DUMMY_BACKEND = f"{PACKAGE}.backends.dummy.DummyBackend"
DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"

__all__ = ["task", "task_backends", "IMMEDIATE_BACKEND", "DUMMY_BACKEND", "DATABASE_BACKEND"]
