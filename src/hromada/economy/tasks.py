"""Background work of the Assess step.

The tasks call :mod:`hromada.economy.services` and register themselves there, so the
services enqueue them without importing this module (no cycle).
"""

from __future__ import annotations

from hromada.core.taskframework import task
from hromada.economy import services


@task()
def diagnosis_run_task(run_id: int) -> None:
    """Compute a diagnosis (tables and charts) and store it on its DiagnosisRun."""
    services.diagnosis_run_execute(run_id=run_id)


@task()
def import_parse_task(draft_id: int) -> None:
    """Check a large upload and record its values or its problems on the draft."""
    services.import_draft_parse(draft_id=draft_id)


@task()
def import_store_task(draft_id: int, user_id: int | None) -> None:
    """Store a large confirmed draft as a new dataset version."""
    services.import_draft_store(draft_id=draft_id, user_id=user_id)


services.register_task("diagnosis_run", diagnosis_run_task)
services.register_task("import_parse", import_parse_task)
services.register_task("import_store", import_store_task)
