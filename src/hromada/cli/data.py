"""``hromada data``: which reference data files are present, where, and where to get them."""

from __future__ import annotations

import os

import click

from hromada.datadir import ENV_VAR, REFERENCE_FILES, data_dir, reference_status


@click.command("data")
@click.option("--check", is_flag=True,
              help="Exit with status 1 if a file the registry and fiscal pages need is missing.")
@click.option("--attribution", is_flag=True, help="Also print each file's attribution and licence.")
def data(check: bool, attribution: bool) -> None:
    """List the reference data files: present or missing, their path, and the official
    source to download a missing one from."""
    folder = data_dir()
    how = f"from ${ENV_VAR}" if os.environ.get(ENV_VAR) else "default"
    click.echo(f"Data folder: {folder} ({how}; set {ENV_VAR} to use another folder)")
    if not folder.is_dir():
        click.echo("  (the folder does not exist yet)")
    entries = {e.path: e for e in REFERENCE_FILES}
    missing_required = []
    for status in reference_status(root=folder):
        entry = entries[status.file]
        mark = "present" if status.present else "MISSING"
        tag = "" if entry.required else " (optional)"
        click.echo(f"[{mark}] {status.file}{tag}")
        click.echo(f"    {entry.what}")
        click.echo(f"    path: {status.path}")
        if not status.present:
            click.echo(f"    obtain from: {status.source}")
            if entry.required:
                missing_required.append(status.file)
        if attribution:
            click.echo(f"    attribution: {entry.attribution}")
            click.echo(f"    licence: {entry.licence}")
    n_present = sum(s.present for s in reference_status(root=folder))
    click.echo(f"{n_present} of {len(REFERENCE_FILES)} reference files present.")
    if check and missing_required:
        raise click.ClickException(
            "missing required reference files: " + ", ".join(missing_required)
        )


commands: list[click.Command] = [data]
