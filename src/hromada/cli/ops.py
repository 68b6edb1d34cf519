"""Operations: backup and restore of the whole instance."""

from __future__ import annotations

import click

from hromada.cli.web import _django


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
def backup(file: str) -> None:
    """Write a backup of the whole instance to FILE (safe while the app runs)."""
    _django()
    from hromada.core.backup import BackupError, backup_create

    try:
        path = backup_create(file)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"backup written to {path}")


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(file: str, yes: bool) -> None:
    """Replace ALL data of this instance with the backup in FILE."""
    if not yes:
        click.confirm("This replaces all data of this instance. Continue?", abort=True)
    _django()
    from hromada.core.backup import BackupError, backup_restore

    try:
        backup_restore(file)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"restored from {file}")


commands = [backup, restore]


@click.command("export-workspace")
@click.argument("code")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "--without-restricted",
    is_flag=True,
    help="A copy for others: leave restricted records and their history out.",
)
def export_workspace(code: str, file: str, without_restricted: bool) -> None:
    """Write one municipality's complete workspace (CODE) to FILE."""
    _django()
    from hromada.workspaces.transfer import TransferError, workspace_export

    try:
        counts = workspace_export(code=code, path=file, include_restricted=not without_restricted)
    except TransferError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"exported {sum(counts.values())} records of {code} to {file}")


@click.command("import-workspace")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--overwrite",
    is_flag=True,
    help="Where a record of this municipality was changed both here and in the "
    "file, take the file's version (other municipalities are never touched).",
)
@click.option(
    "--dry-run", is_flag=True, help="Run the whole import, report what it would do, then undo it."
)
@click.option(
    "--match-by-email",
    is_flag=True,
    help="Match a person of the file to the one active account here with the same "
    "e-mail address (confirm that they are the same person first).",
)
def import_workspace(file: str, overwrite: bool, dry_run: bool, match_by_email: bool) -> None:
    """Load a workspace FILE written by export-workspace. All-or-nothing."""
    _django()
    from hromada.workspaces.transfer import TransferError, workspace_import

    try:
        report = workspace_import(
            path=file, overwrite=overwrite, dry_run=dry_run, match_email=match_by_email
        )
    except TransferError as exc:
        raise click.ClickException(str(exc)) from None
    would = "would be " if dry_run else ""
    click.echo(
        f"{would}added: {sum(report.added.values())}, unchanged: "
        f"{sum(report.unchanged.values())}, updated (changed only in the file): "
        f"{sum(report.updated.values())}, kept (changed only here): "
        f"{sum(report.kept.values())}, overwritten: "
        f"{sum(report.overwritten.values())}"
    )
    if report.left_out:
        click.echo(
            f"versions of parts removed before the export, left out: "
            f"{sum(report.left_out.values())}"
        )
    if report.users_matched_by_email:
        click.echo("matched by e-mail: " + ", ".join(report.users_matched_by_email))
    if report.users_created:
        click.echo(
            "not matched to anybody here; inactive placeholder accounts "
            f"{would}created (they cannot log in): " + ", ".join(report.users_created)
        )
    if report.conflicts:
        click.echo("CONFLICTS (nothing was imported):")
        for line in report.conflicts[:50]:
            click.echo("  " + line)
        if len(report.conflicts) > 50:
            click.echo(f"  ... and {len(report.conflicts) - 50} more")
        raise SystemExit(1)
    if report.failure:
        click.echo(
            f"FAILED{' (the real import would fail too)' if dry_run else ''}, "
            f"nothing was changed: {report.failure}"
        )
        raise SystemExit(1)
    if dry_run:
        click.echo("dry run: the import would succeed; nothing was changed")


commands += [export_workspace, import_workspace]
