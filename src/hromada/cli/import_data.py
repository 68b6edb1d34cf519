"""``hromada import FILE --municipality CODE``: the web app's import, from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from hromada.cli._files import echo_problems


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--municipality", "code", required=True, help="KATOTTG code of the municipality.")
@click.option(
    "--dataset",
    "name",
    default=None,
    help="Dataset name; an existing name gets a new version. Default: the measure.",
)
@click.option(
    "--measure",
    default="employment",
    show_default=True,
    type=click.Choice(["employment", "enterprises", "output", "wages", "tax_revenue", "other"]),
)
@click.option("--unit", default="persons", show_default=True)
@click.option(
    "--reference",
    "reference_level",
    default="ukraine",
    show_default=True,
    type=click.Choice(["ukraine", "oblast", "other"]),
)
@click.option("--source", default="", help="Where the numbers come from.")
@click.option(
    "--lang",
    default="en",
    show_default=True,
    type=click.Choice(["en", "uk"]),
    help="Language of the messages.",
)
@click.option("--check", is_flag=True, help="Check the file only; store nothing.")
def import_(
    file: Path,
    code: str,
    name: str | None,
    measure: str,
    unit: str,
    reference_level: str,
    source: str,
    lang: str,
    check: bool,
) -> None:
    """Import FILE (CSV or XLSX of values by KVED sector and year) for a municipality.

    Every problem is listed by row and column; with any error nothing is stored. A new
    import under an existing dataset name makes a new version and keeps the old ones.
    """
    from hromada.cli.web import _django

    _django()
    from django.utils import translation

    from hromada.economy.importing import parse_upload
    from hromada.economy.services import dataset_import
    from hromada.workspaces.models import Municipality

    with translation.override(lang):
        municipality = Municipality.objects.filter(code=code).first()
        if municipality is None:
            raise click.ClickException(f"no municipality with code {code}")
        result = parse_upload(file.read_bytes(), file.name)
        echo_problems(result.problems)
        if not result.ok:
            raise click.ClickException(
                f"{len(result.errors)} problem(s) in {file.name}; nothing was stored."
            )
        frame = result.frame
        summary = (
            f"{file.name}: {int((frame['area'] == 'local').sum())} values for the "
            f"municipality and {int((frame['area'] == 'reference').sum())} for the "
            f"reference, KVED {result.level} level, years "
            f"{int(frame['year'].min())}-{int(frame['year'].max())}."
        )
        click.echo(summary)
        if check:
            click.echo("Checked; nothing stored (--check).")
            return
        version = dataset_import(
            municipality=municipality,
            frame=frame,
            name=name or measure,
            measure=measure,
            unit=unit,
            reference_level=reference_level,
            source=source,
            filename=file.name,
            note="hromada import",
        )
        click.echo(
            f"Stored as version {version.number} of dataset "
            f"“{version.dataset.name}” (id {version.dataset.pk})."
        )


commands: list[click.Command] = [import_]
