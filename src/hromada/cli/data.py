"""``hromada data``: which copy of each reference file is used (bundled or the user's), its
vintage and source; ``hromada data check`` reads each one and fails on a malformed file."""

from __future__ import annotations

import json
import os

import click

from hromada.refdata.check import check_reference_file
from hromada.refdata.locations import (
    BUNDLE_DIR,
    ENV_VAR,
    REFERENCE_FILES,
    data_dir,
    reference_status,
)


def _listing(attribution: bool) -> None:
    folder = data_dir()
    how = f"from ${ENV_VAR}" if os.environ.get(ENV_VAR) else "default"
    click.echo(f"Your data folder: {folder} ({how}; set {ENV_VAR} or --data-dir to use another)")
    if not folder.is_dir():
        click.echo("  (it does not exist: every file below is the bundled copy)")
    click.echo(f"Bundled data: {BUNDLE_DIR}")
    entries = {e.path: e for e in REFERENCE_FILES}
    statuses = reference_status(root=folder)
    for status in statuses:
        entry = entries[status.file]
        mark = {"user": "yours", "bundled": "bundled", "missing": "MISSING"}[status.origin]
        tag = "" if entry.required else " (optional)"
        click.echo(f"[{mark}] {status.file}{tag}")
        click.echo(f"    {entry.what}")
        click.echo(f"    vintage: {entry.vintage or 'not stated'}; kind: {entry.kind}")
        click.echo(f"    path: {status.path}")
        click.echo(f"    source: {status.source}")
        if attribution:
            click.echo(f"    attribution: {entry.attribution}")
            click.echo(f"    licence: {entry.licence}")
    n_user = sum(s.origin == "user" for s in statuses)
    n_missing = sum(s.origin == "missing" for s in statuses)
    click.echo(
        f"{len(statuses) - n_missing} of {len(statuses)} reference files present "
        f"({n_user} from your data folder)."
    )


def _check() -> None:
    problems = []
    for status in reference_status():
        entry = next(e for e in REFERENCE_FILES if e.path == status.file)
        if status.origin == "missing":
            if entry.required:
                problems.append(f"{status.file}: missing (obtain it from {status.source})")
            continue
        problem = check_reference_file(entry, status.path)
        where = "your copy" if status.origin == "user" else "the bundled copy"
        if problem:
            problems.append(f"{status.file} ({where}, {status.path}): {problem}")
        else:
            click.echo(f"[ok] {status.file} ({where})")
    if problems:
        for p in problems:
            click.echo(f"[BAD] {p}", err=True)
        raise click.ClickException(
            f"{len(problems)} reference file(s) missing or malformed; fix or remove them "
            "from your data folder (the bundled copy is then used)."
        )
    click.echo("All reference files are readable and have the expected columns.")


@click.group("data", invoke_without_command=True)
@click.option(
    "--check",
    "check_flag",
    is_flag=True,
    help="Also read every file and exit 1 if one is missing or malformed.",
)
@click.option("--attribution", is_flag=True, help="Also print each file's attribution and licence.")
@click.option("--json", "as_json", is_flag=True, help="Print the listing as JSON.")
@click.pass_context
def data(ctx: click.Context, check_flag: bool, attribution: bool, as_json: bool) -> None:
    """List the reference data files: which copy is used (bundled, or yours from the data
    folder, which takes precedence), their vintage, kind and source."""
    if ctx.invoked_subcommand is not None:
        return
    if as_json:
        entries = {e.path: e for e in REFERENCE_FILES}
        click.echo(
            json.dumps(
                [
                    {
                        "file": s.file,
                        "origin": s.origin,
                        "path": str(s.path),
                        "vintage": entries[s.file].vintage,
                        "kind": entries[s.file].kind,
                        "source": s.source,
                        "licence": entries[s.file].licence,
                    }
                    for s in reference_status()
                ],
                indent=1,
                ensure_ascii=False,
            )
        )
    else:
        _listing(attribution)
    if check_flag:
        _check()


@data.command("check")
def check() -> None:
    """Read every reference file in use; exit 1 if one is missing or malformed."""
    _check()


commands: list[click.Command] = [data]
