"""Background tasks of the core: a probe that shows the worker is alive and processing."""

from __future__ import annotations

import time

from django.db import transaction

from hromada.core.models import WorkerProbe
from hromada.core.taskframework import task


@task()
def probe(label: str, seconds: float = 0.0, rows: int = 1) -> int:
    """Write ``rows`` WorkerProbe rows in one transaction, taking ``seconds`` in between.
    Used by operators (is the worker processing?) and by the crash-safety test (a kill in
    the middle must leave no partial rows)."""
    with transaction.atomic():
        for i in range(rows):
            WorkerProbe.objects.create(label=label, seq=i)
            if seconds:
                time.sleep(seconds / max(rows, 1))
    return rows
