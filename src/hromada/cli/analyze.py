"""``hromada analyze ...``: run hromada.econ on files from the command line.

Each topic keeps its commands in its own module (``analyze_structure``,
``analyze_complexity``, ``analyze_io``) exposing a list ``commands``.
"""

from __future__ import annotations

import click

from hromada.cli import analyze_complexity, analyze_io, analyze_structure


@click.group()
def analyze() -> None:
    """Analyse economic data files (CSV or XLSX) without the web app."""


for _module in (analyze_structure, analyze_complexity, analyze_io):
    for _command in _module.commands:
        analyze.add_command(_command)
