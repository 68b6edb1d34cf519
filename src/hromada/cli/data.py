"""``hromada data``: which reference data files are present (filled in with hromada.refdata)."""

import click

commands: list[click.Command] = []
