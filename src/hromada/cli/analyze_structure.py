"""``hromada analyze structure``: location quotients, structure profile, shift-share and
shock resilience of a region x sector (x year) file, written to one XLSX sheet each."""

from __future__ import annotations

import click

from hromada.cli._files import read_table, write_sheets

commands: list[click.Command] = []

EXCEL_MAX_ROWS = 1_048_575


@click.command("structure")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--reference",
    type=click.Path(exists=True, dir_okay=False),
    help="Reference (nation/oblast) file with sector, value[, year]; default: sum of all regions.",
)
@click.option("--start", type=int, help="First year of the shift-share (and pre-shock year).")
@click.option("--end", type=int, help="Last year of the shift-share (and recovery year).")
@click.option(
    "--trough",
    type=int,
    help="Shock year for the resilience sheet (--start is the pre-shock year).",
)
@click.option(
    "--method",
    type=click.Choice(["dunn", "esteban"]),
    default="dunn",
    show_default=True,
    help="Shift-share method.",
)
@click.option("--region-col", default="region", show_default=True)
@click.option("--sector-col", default="sector", show_default=True)
@click.option("--value-col", default="value", show_default=True)
@click.option("--year-col", default="year", show_default=True)
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Output .xlsx file.")
def structure(
    file, reference, start, end, trough, method, region_col, sector_col, value_col, year_col, out
):
    """Economic structure of FILE (CSV or XLSX, one row per region, sector[, year]).

    Writes the sheets lq, profile and, with --start/--end, shift-share (per region),
    shift-share-sectors and dynamic-shift-share; with --trough, resilience.
    """
    from hromada.econ import resilience, shiftshare
    from hromada.econ import structure as st
    from hromada.econ.errors import HromadaDataError

    if (start is None) != (end is None) and trough is None:
        raise click.UsageError("give both --start and --end (or neither).")
    if trough is not None and start is None:
        raise click.UsageError("--trough needs --start (the last year before the shock).")
    columns = {"region": region_col, "sector": sector_col, "value": value_col, "year": year_col}
    panel = read_table(file)
    ref = read_table(reference) if reference else None
    sheets = {}
    try:
        lq = st.location_quotients(panel, ref, columns=columns)
        if len(lq) > EXCEL_MAX_ROWS:
            raise click.ClickException(
                f"{len(lq)} location quotients do not fit one Excel sheet; "
                "split the file by year or region."
            )
        sheets["lq"] = lq
        sheets["profile"] = st.profile(panel, ref, columns=columns)
        if start is not None and end is not None:
            sheets["shift-share"] = shiftshare.decompose(
                panel, start, end, method=method, reference=ref, columns=columns
            )
            sheets["shift-share-sectors"] = shiftshare.decompose(
                panel, start, end, method=method, reference=ref, columns=columns, by_sector=True
            )
            sheets["dynamic-shift-share"] = shiftshare.dynamic(
                panel, start, end, method=method, reference=ref, columns=columns
            )
        if trough is not None:
            post = end if end is not None and end > trough else None
            sheets["resilience"] = resilience.shock_indices(
                panel, start, trough, post, reference=ref, columns=columns
            )
    except HromadaDataError as exc:
        raise click.ClickException(str(exc)) from None
    write_sheets(sheets, out)
    click.echo(f"wrote {', '.join(sheets)} to {out}")


commands.append(structure)
