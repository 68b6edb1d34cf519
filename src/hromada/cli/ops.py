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
