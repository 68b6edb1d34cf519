"""Background work of the Assess step."""

from __future__ import annotations

from django_tasks import task


@task()
def diagnosis_run_task(run_id: int) -> None:
    """Compute a diagnosis (tables and charts) and store it on its DiagnosisRun."""
    from hromada.economy.services import diagnosis_run_execute

    diagnosis_run_execute(run_id=run_id)
