"""Commands that run the web app, its worker and user administration."""

from __future__ import annotations

import os
import sys

import click


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hromada.config.settings")
    import django

    django.setup()


def _migrate(verbosity: int = 0) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)


def _static_sources_stamp() -> str:
    """A fingerprint of every static file the packages provide (name, size, time)."""
    import hashlib

    from django.contrib.staticfiles.finders import get_finders

    lines = []
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = os.stat(storage.path(path))
            lines.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()


def _collectstatic() -> None:
    """Static files under hashed names with brotli and gzip copies (hromada.core.storage):
    a slow link fetches each once, compressed, and keeps it. Skipped (it takes seconds)
    when no static file changed since the last collection."""
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command

    stamp_file = settings.STATIC_ROOT / ".sources"
    stamp = _static_sources_stamp() + settings.STORAGES["staticfiles"]["BACKEND"]
    manifest = getattr(staticfiles_storage, "manifest_name", None)
    collected = manifest is None or (settings.STATIC_ROOT / manifest).is_file()
    if collected and stamp_file.is_file() and stamp_file.read_text() == stamp:
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp_file.write_text(stamp)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--no-server", is_flag=True, help="Prepare the database and demo data only.")
def demo(host: str, port: int, no_server: bool) -> None:
    """Set up the demo (SQLite, a real hromada, a demo account) and start the web app."""
    _django()
    from django.conf import settings
    from django.core.management import call_command

    from hromada.config.demo import demo_seed

    _migrate()
    _collectstatic()
    seeded = demo_seed()
    url = f"http://{host}:{port}/"
    click.echo("")
    click.echo(f"  Hromada demo: {url}")
    click.echo(f"  Municipality: {seeded.municipality.name_uk} / {seeded.municipality.name_en}")
    click.echo(f"  Log in as:    {seeded.username}")
    click.echo(f"  Password:     {seeded.password}")
    click.echo(f"  Database and secret key in: {settings.VAR_DIR}")
    click.echo("")
    if no_server:
        return
    # A task worker runs beside the demo server so background analyses complete.
    import subprocess

    worker = subprocess.Popen([sys.executable, "-m", "hromada", "worker"])
    try:
        call_command("runserver", f"{host}:{port}", use_reloader=False, skip_checks=True)
    finally:
        worker.terminate()


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=int,
    help="Processes; about 2 x cores + 1 where memory allows.",
)
@click.option(
    "--threads",
    default=4,
    show_default=True,
    type=int,
    help="Threads per process, so that quick pages are not queued behind a slow "
    "request (a log-in's deliberately slow password hash releases the GIL).",
)
@click.option(
    "--migrate/--no-migrate",
    default=True,
    show_default=True,
    help="Apply database migrations before starting.",
)
def serve(host: str, port: int, workers: int, threads: int, migrate: bool) -> None:
    """Run the production web server (gunicorn) on HOST:PORT."""
    _django()
    if migrate:
        _migrate()
    _collectstatic()
    # gunicorn forks its workers from this process: a database connection opened here
    # (by the migration) would be shared by all of them and corrupt each other's queries.
    from django.db import connections

    connections.close_all()
    from gunicorn.app.wsgiapp import run

    sys.argv = [
        "gunicorn",
        "--config",
        "python:hromada.config.gunicorn_hooks",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        # No keep-alive: the reverse proxy opens a connection per request anyway, and
        # a kept-alive connection closed by the worker just as a client reuses it
        # resets that client's request.
        "--keep-alive",
        "0",
        "--access-logfile",
        "-",
        "--forwarded-allow-ips",
        "*",
        "hromada.config.wsgi:application",
    ]
    run()


@click.command()
@click.option("--queue", default="default", show_default=True)
@click.option(
    "--interval",
    default=1.0,
    show_default=True,
    type=float,
    help="Seconds between polls for new tasks.",
)
@click.option("--batch", is_flag=True, help="Run the waiting tasks, then exit.")
def worker(queue: str, interval: float, batch: bool) -> None:
    """Run the background task worker (Django tasks, database backend).

    At start and every 30 seconds it marks tasks left RUNNING by a worker that died
    (killed, crashed, power cut) as failed, so they can be retried."""
    _django()
    import threading

    from django.core.management import call_command
    from django.db import close_old_connections

    from hromada.core.worker import reap_orphaned_tasks, worker_id

    reaped = reap_orphaned_tasks()
    if reaped:
        click.echo(f"marked {reaped} task(s) of a stopped worker as failed")

    def reap_forever():
        import time

        while True:
            time.sleep(30)
            try:
                reap_orphaned_tasks()
            finally:
                close_old_connections()

    threading.Thread(target=reap_forever, daemon=True).start()
    call_command(
        "db_worker", queue_name=queue, interval=interval, batch=batch, worker_id=worker_id()
    )


@click.command()
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--email", default="")
@click.option("--facilitator", is_flag=True, help="Site role facilitator (runs peer groups).")
@click.option("--superuser", is_flag=True, help="Also give access to the admin site.")
@click.option("--municipality", "code", default=None, help="KATOTTG code to join.")
@click.option(
    "--role", type=click.Choice(["viewer", "editor", "owner"]), default="editor", show_default=True
)
def createuser(username, password, email, facilitator, superuser, code, role) -> None:
    """Create a user account (optionally a member of a municipality)."""
    _django()
    from django.core.exceptions import ValidationError

    from hromada.accounts.services import user_create
    from hromada.workspaces.models import Municipality
    from hromada.workspaces.services import membership_set

    try:
        user = user_create(
            username=username,
            password=password,
            email=email,
            site_role="facilitator" if facilitator else "member",
            is_superuser=superuser,
        )
    except (ValidationError, ValueError) as exc:
        messages = exc.messages if isinstance(exc, ValidationError) else [str(exc)]
        raise click.ClickException("; ".join(messages)) from None
    if code:
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            raise click.ClickException(f"no municipality with code {code}")
        membership_set(municipality=municipality, user=user, role=role)
    click.echo(f"created user {username}")


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args) -> None:
    """Run a Django management command (e.g. hromada manage migrate)."""
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["hromada manage", *args])


commands = [demo, serve, worker, createuser, manage]
