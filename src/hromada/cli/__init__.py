"""The ``hromada`` command: one entry point for the web app, the worker and the analytics."""

from __future__ import annotations

import click

from hromada import __version__
from hromada.cli.analyze import analyze


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hromada")
def main() -> None:
    """Hromada: local economic development for war-affected municipalities."""


main.add_command(analyze)

# Web, worker, data and admin commands live in hromada.cli.web and hromada.cli.data.
from hromada.cli import data as _data  # noqa: E402
from hromada.cli import import_data as _import_data  # noqa: E402
from hromada.cli import ops as _ops  # noqa: E402
from hromada.cli import web as _web  # noqa: E402

for _module in (_web, _data, _ops, _import_data):
    for _command in _module.commands:
        main.add_command(_command)
