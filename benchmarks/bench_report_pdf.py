"""Time of the follow-up report PDF: the first generation in a fresh process, then a second
one, split into its parts (charts by vl-convert, HTML to PDF by WeasyPrint).

Run: .venv/bin/python benchmarks/bench_report_pdf.py [--warm]

With ``--warm`` the process first warms up as each server worker does
(``hromada.core.charts.warm_up``, started by ``hromada serve``), and the warm-up's own
time is printed apart.

Prepares the demo in a temporary folder (as ``hromada demo`` does) and generates the
Ukrainian report of the demo municipality twice in this process. Prints seconds; no
assertion (timings depend on the machine).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="hromada-pdf-bench-"))
    os.environ["HROMADA_HOME"] = str(home)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hromada.config.settings")
    try:
        subprocess.run(
            [sys.executable, "-m", "hromada", "demo", "--no-server"],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        import django

        django.setup()
        from hromada.config.demo import DEMO_CODE
        from hromada.core import charts
        from hromada.monitoring import report
        from hromada.workspaces.models import Municipality

        municipality = Municipality.objects.get(code=DEMO_CODE)
        if "--warm" in sys.argv:
            start = time.perf_counter()
            charts.warm_up(background=False)
            print(
                f"warm-up (once per worker, in the background): {time.perf_counter() - start:5.2f} s"
            )
        spent = {"charts": 0.0}
        svg = charts.chart_svg

        def timed_svg(*args, **kwargs):
            start = time.perf_counter()
            try:
                return svg(*args, **kwargs)
            finally:
                spent["charts"] += time.perf_counter() - start

        charts.chart_svg = timed_svg
        for run in ("first", "second"):
            spent["charts"] = 0.0
            start = time.perf_counter()
            pdf = report.report_pdf(municipality, language="uk")
            total = time.perf_counter() - start
            print(
                f"{run:7} report PDF: {total:5.2f} s ({len(pdf) / 1024:.0f} KB), of which "
                f"charts (vl-convert) {spent['charts']:5.2f} s",
                flush=True,
            )
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
