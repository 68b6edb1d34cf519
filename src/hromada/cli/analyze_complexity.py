"""``hromada analyze complexity`` and ``hromada analyze opportunities``: economic complexity
and ranked diversification opportunities of a region x sector (x year) file."""

from __future__ import annotations

import click

from hromada.cli._files import read_table, write_sheets

commands: list[click.Command] = []

EXCEL_MAX_ROWS = 1_048_575


def _column_options(f):
    for name in ("year", "value", "sector", "region"):
        f = click.option(
            f"--{name}-col", default=name, show_default=True, help=f"Column holding the {name}."
        )(f)
    return f


def _presence_options(f):
    f = click.option(
        "--threshold",
        type=float,
        default=1.0,
        show_default=True,
        help="RCA threshold for presence (M = 1 where RCA >= threshold).",
    )(f)
    f = click.option(
        "--presence",
        "presence_test",
        type=click.Choice(["rca", "manual"]),
        default="rca",
        show_default=True,
        help="'manual' when the value column already holds 0/1.",
    )(f)
    return f


@click.command("complexity")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="Output .xlsx file.")
@click.option(
    "--normalization",
    type=click.Choice(["standard", "atlas"]),
    default="standard",
    show_default=True,
    help="'standard': ECI and PCI z-scores (R economiccomplexity); "
    "'atlas': ecomplexity 0.5.3 / Atlas numbers.",
)
@_presence_options
@_column_options
def complexity(
    file, out, normalization, presence_test, threshold, region_col, sector_col, value_col, year_col
):
    """Economic complexity of FILE (CSV or XLSX, one row per region, sector[, year]).

    Writes the sheets regions (diversity, ECI, COI per year), sectors (ubiquity, PCI)
    and, if it fits one Excel sheet, region-sector (RCA, presence, density, COG).
    """
    from hromada.econ.complexity import ecomplexity
    from hromada.econ.errors import HromadaDataError

    columns = {"region": region_col, "sector": sector_col, "value": value_col, "year": year_col}
    panel = read_table(file)
    if year_col not in panel.columns:
        del columns["year"]
    try:
        res = ecomplexity(
            panel,
            presence_test=presence_test,
            threshold=threshold,
            normalization=normalization,
            columns=columns,
        )
    except HromadaDataError as exc:
        raise click.ClickException(str(exc)) from None
    keys = [year_col] if "year" in columns else []
    res[region_col] = res[region_col].astype(str)
    res[sector_col] = res[sector_col].astype(str)
    regions = res.drop_duplicates(keys + [region_col])[
        keys + [region_col, "diversity", "eci", "coi"]
    ].sort_values(keys + ["eci"], ascending=[True] * len(keys) + [False])
    sectors = res.drop_duplicates(keys + [sector_col])[
        keys + [sector_col, "ubiquity", "pci"]
    ].sort_values(keys + ["pci"], ascending=[True] * len(keys) + [False])
    sheets = {"regions": regions.reset_index(drop=True), "sectors": sectors.reset_index(drop=True)}
    if len(res) <= EXCEL_MAX_ROWS:
        sheets["region-sector"] = res
    else:
        click.echo(f"region-sector table ({len(res)} rows) does not fit one Excel sheet; skipped.")
    write_sheets(sheets, out)
    click.echo(f"wrote {', '.join(sheets)} to {out}")


@click.command("opportunities")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--region", required=True, help="The region (hromada) to advise.")
@click.option("--year", type=int, help="Year of the analysis (default: the last).")
@click.option("--top", type=int, default=20, show_default=True, help="How many sectors to show.")
@click.option("--out", type=click.Path(dir_okay=False), help="Also write the full table (.xlsx).")
@click.option("--density-weight", type=float, default=0.5, show_default=True)
@click.option("--pci-weight", type=float, default=0.2, show_default=True)
@click.option("--cog-weight", type=float, default=0.2, show_default=True)
@click.option("--growth-weight", type=float, default=0.1, show_default=True)
@_presence_options
@_column_options
def opportunities_cmd(
    file,
    region,
    year,
    top,
    out,
    density_weight,
    pci_weight,
    cog_weight,
    growth_weight,
    presence_test,
    threshold,
    region_col,
    sector_col,
    value_col,
    year_col,
):
    """Sectors the region in FILE could grow next, best first, with the reasons."""
    from hromada.econ.complexity import opportunities
    from hromada.econ.errors import HromadaDataError

    columns = {"region": region_col, "sector": sector_col, "value": value_col, "year": year_col}
    panel = read_table(file)
    if year_col not in panel.columns:
        del columns["year"]
    # the file's region column may be read as numbers (codes): match the given name as text
    panel[region_col] = panel[region_col].astype(str)
    try:
        table = opportunities(
            panel,
            region,
            year,
            presence_test=presence_test,
            threshold=threshold,
            density_weight=density_weight,
            pci_weight=pci_weight,
            cog_weight=cog_weight,
            growth_weight=growth_weight,
            columns=columns,
        )
    except HromadaDataError as exc:
        raise click.ClickException(str(exc)) from None
    if out:
        write_sheets({"opportunities": table}, out)
        click.echo(f"wrote {len(table)} sectors to {out}")
    if table.empty:
        click.echo(f"{region} already has every sector of the file.")
        return
    for row in table.head(top).itertuples(index=False):
        click.echo(
            f"{row.rank:>3}. {row.sector}  score {row.score:.2f}  "
            f"(feasibility {row.feasibility:.2f}, attractiveness {row.attractiveness:.2f}, "
            f"density {row.density:.2f}, PCI {row.pci:+.2f})"
        )
        click.echo(f"     {row.reasons}")


commands.extend([complexity, opportunities_cmd])
