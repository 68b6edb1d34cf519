"""gunicorn settings read by ``hromada serve`` (``--config python:...``): hooks only."""

from __future__ import annotations


def post_worker_init(worker) -> None:
    """Each worker, once forked, warms the PDF report's converters in the background
    (issue 21: the first report took 9.4 s)."""
    from hromada.core.charts import warm_up

    warm_up()
