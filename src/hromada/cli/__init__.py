"""The ``hromada`` command: one entry point for the web app, the worker and the analytics."""

from __future__ import annotations

import os

import click

from hromada import __version__
from hromada.cli.analyze import analyze


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="hromada")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Your data folder: its files override the bundled reference data "
    "(the same as setting HROMADA_DATA_DIR).",
)
def main(data_dir: str | None) -> None:
    """Hromada: local economic development for war-affected municipalities."""
    if data_dir:
        os.environ["HROMADA_DATA_DIR"] = data_dir


main.add_command(analyze)

# Web, worker, data and admin commands live in hromada.cli.web and hromada.cli.data.
from hromada.cli import budget as _budget  # noqa: E402
from hromada.cli import data as _data  # noqa: E402
from hromada.cli import import_data as _import_data  # noqa: E402
from hromada.cli import ops as _ops  # noqa: E402
from hromada.cli import web as _web  # noqa: E402

for _module in (_web, _data, _ops, _import_data, _budget):
    for _command in _module.commands:
        main.add_command(_command)
