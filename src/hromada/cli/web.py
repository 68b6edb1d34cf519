"""Commands that run the web app and its worker."""

import click

commands: list[click.Command] = []
