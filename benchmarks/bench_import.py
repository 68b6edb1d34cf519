"""Time every page of the import flow on a large upload, as a user meets them.

Run: .venv/bin/python benchmarks/bench_import.py [--rows-per-area N]
Data: a seeded class-level file (615 KVED classes x 10 years x municipality and
reference = 12,300 rows), as CSV from a Ukrainian Excel (cp1251, ';', decimal commas) and
as XLSX. Each request is timed through Django's test client on a fresh SQLite database in
a temporary folder, with the task backend the demo uses (the parse and the diagnosis run
in the worker, here run right after the request that queued them, timed separately).
The issue's rule: no page blocks for more than a second.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time

import numpy as np
import pandas as pd


def class_file(seed: int = 5) -> pd.DataFrame:
    from hromada.refdata import kved

    classes = kved().query("level == 'class'")["code"].tolist()
    rng = np.random.default_rng(seed)
    rows = []
    for area, scale in (("громада", 50), ("еталон", 50_000)):
        for code in classes:
            base = rng.lognormal(np.log(scale), 1.0)
            for year in range(2015, 2025):
                rows.append([area, code, year, round(base * rng.uniform(0.8, 1.2), 1)])
    return pd.DataFrame(rows, columns=["територія", "квед", "рік", "значення"])


def excel_csv(frame: pd.DataFrame) -> bytes:
    f = frame.copy()
    f["значення"] = [f"{v:g}".replace(".", ",") for v in f["значення"]]
    return f.to_csv(index=False, sep=";").encode("cp1251")


def xlsx(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    return buffer.getvalue()


def timed(label: str, fn, results: list):
    start = time.perf_counter()
    out = fn()
    seconds = time.perf_counter() - start
    results.append((label, seconds))
    print(f"{label:<48} {seconds * 1000:8.0f} ms{'   > 1 s' if seconds > 1 else ''}")
    return out


def main() -> None:
    argparse.ArgumentParser(description=__doc__).parse_args()
    home = tempfile.mkdtemp(prefix="hromada-bench-")
    os.environ["HROMADA_HOME"] = home
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hromada.config.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{home}/db.sqlite3"
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["testserver"]  # no test environment: it slows templates
    call_command("migrate", verbosity=0)
    from django_tasks_db.models import DBTaskResult

    from hromada.accounts.services import user_create
    from hromada.workspaces.models import Membership, Municipality

    user = user_create(username="bench", password="bench-password-1", validate=False)
    m = Municipality.objects.create(code="UA00000000000000001", name_uk="Тест", name_en="Test")
    Membership.objects.create(user=user, municipality=m, role="owner")
    client = Client()
    client.login(username="bench", password="bench-password-1")
    frame = class_file()
    print(
        f"{len(frame):,} rows; CSV {len(excel_csv(frame)) / 1e3:.0f} kB, "
        f"XLSX {len(xlsx(frame)) / 1e3:.0f} kB"
    )

    def run_queued():
        for task in DBTaskResult.objects.ready():
            task.claim("bench")
            task.task.call(*task.args_kwargs["args"], **task.args_kwargs["kwargs"])
            task.delete()

    results: list = []
    client.get(f"/m/{m.code}/assess/import/")  # warm up: imports, the KVED classifier
    for kind, content in (("csv", excel_csv(frame)), ("xlsx", xlsx(frame))):
        form = {
            "file": SimpleUploadedFile(f"big.{kind}", content),
            "name": "Big",
            "measure": "employment",
            "unit": "persons",
            "reference_level": "ukraine",
        }
        response = timed(
            f"{kind}: upload (POST)",
            lambda f=form: client.post(f"/m/{m.code}/assess/import/", f),
            results,
        )
        assert response.status_code == 302, response.content[:2000]
        preview = response["Location"]
        timed(f"{kind}: parse (background task)", run_queued, results)
        timed(f"{kind}: preview page", lambda p=preview: client.get(p), results)
        response = timed(
            f"{kind}: confirm (POST)", lambda p=preview: client.post(f"{p}confirm/"), results
        )
        assert response.status_code == 302, response.status_code
        timed(f"{kind}: store (background task)", run_queued, results)
        response = timed(
            f"{kind}: preview page (stored: on to the diagnosis)",
            lambda p=preview: client.get(p),
            results,
        )
        diagnosis = response["Location"]
        assert "/datasets/" in diagnosis, diagnosis
        timed(
            f"{kind}: diagnosis page (queues the run)", lambda d=diagnosis: client.get(d), results
        )
        timed(f"{kind}: diagnosis (background task)", run_queued, results)
        response = timed(
            f"{kind}: diagnosis page (drawn)", lambda d=diagnosis: client.get(d), results
        )
        assert b"structure-table" in response.content
    slow = [label for label, s in results if s > 1 and "background" not in label]
    print("pages over 1 s:", ", ".join(slow) if slow else "none")
    sys.exit(0)


if __name__ == "__main__":
    main()
