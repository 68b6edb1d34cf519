"""Commands of ``hromada analyze`` for this topic (filled in by its module's owner)."""

import click

commands: list[click.Command] = []
