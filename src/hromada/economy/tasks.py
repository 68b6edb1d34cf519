"""Background work of the Assess step."""

from __future__ import annotations

from hromada.core.taskframework import task


@task()
def diagnosis_run_task(run_id: int) -> None:
    """Compute a diagnosis (tables and charts) and store it on its DiagnosisRun."""
    from hromada.economy.services import diagnosis_run_execute

    diagnosis_run_execute(run_id=run_id)


@task()
def import_parse_task(draft_id: int) -> None:
    """Check a large upload and record its values or its problems on the draft."""
    from hromada.economy.services import import_draft_parse

    import_draft_parse(draft_id=draft_id)


@task()
def import_store_task(draft_id: int, user_id: int | None) -> None:
    """Store a large confirmed draft as a new dataset version."""
    from hromada.economy.services import import_draft_store

    import_draft_store(draft_id=draft_id, user_id=user_id)
