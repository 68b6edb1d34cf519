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


def _parse_weights(text: str) -> dict[str, float]:
    """``density=0.5,pci=0.2,cog=0.3`` -> dict (the keys the ranking accepts)."""
    out = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        try:
            out[key.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep:
            raise click.BadParameter(
                f"{part!r}: give the weights as density=0.5,pci=0.2,cog=0.3", param_hint="--weights"
            ) from None
    return out


def _kved_opportunities(
    file, *, level, source, preset, weights, draws, year, reference, fmt, top, out, lang
):
    """``hromada analyze opportunities FILE`` without --region: one municipality's KVED
    values (the Assess import's layout) ranked on the bundled industry space."""
    import json
    from pathlib import Path

    import pandas as pd

    from hromada.cli.web import _django

    _django()
    from django.utils import translation

    from hromada.diversify import kved
    from hromada.econ.complexity import to_level
    from hromada.econ.errors import HromadaError
    from hromada.economy.importing import parse_upload

    path = Path(file)
    with translation.override(lang):
        parsed = parse_upload(path.read_bytes(), path.name)
        if not parsed.ok:
            for p in parsed.errors[:10]:
                where = f"row {p.row}: " if p.row else ""
                click.echo(f"{where}{p.message} {p.fix}".strip(), err=True)
            raise click.ClickException(f"{len(parsed.errors)} problem(s) in {path.name}.")
    try:
        found = kved.values_from_import(
            parsed.frame, year=year, reference_is_ukraine=reference == "ukraine"
        )
        values, national = found["values"], found["national"]
        if level:
            values = to_level(values, level)
            national = to_level(national, level) if national is not None else None
        ranking = kved.kved_ranking(
            values,
            national,
            source=source,
            weights=_parse_weights(weights) if weights else preset,
            region=path.stem,
            lang=lang,
            draws=draws,
        )
    except (HromadaError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    table = kved.ranking_frame(ranking)
    if out:
        write_sheets({"opportunities": table}, out)
    if fmt == "csv":
        from hromada.core.exports import write_csv

        click.echo(write_csv(table, None, index=False), nl=False)  # text cells never formulas
        return
    if fmt == "json":
        doc = {
            "file": path.name,
            "year": found["year"],
            "source": ranking.source,
            "level": ranking.level,
            "data_level": ranking.data_level,
            "preset": ranking.preset,
            "weights": ranking.weights,
            "recommended_preset": ranking.recommended,
            "rca_against": "ukraine" if ranking.national else "reference",
            "draws": ranking.draws,
            "uncertain": ranking.uncertain,
            "present": list(ranking.present["code"]),
            "outside_the_space": ranking.outside,
            "unranked": [
                {"kved": c, "name": n}
                for c, n in zip(ranking.unranked["code"], ranking.unranked["name"], strict=True)
            ],
            "candidates": json.loads(table.to_json(orient="records")),
        }
        click.echo(json.dumps(doc, ensure_ascii=False, indent=1))
        return
    click.echo(
        f"{path.name}, {found['year']}: KVED {ranking.data_level} data ranked on "
        f"{ranking.source} at {ranking.level} level, preset {ranking.preset} "
        f"(recommended: {ranking.recommended}), RCA against "
        f"{'Ukraine' if ranking.national else 'the reference'}; {ranking.draws} bootstrap draws."
    )
    if ranking.uncertain:
        click.echo("Uncertain: fewer than half of the top 10 stay in the top 10 in 80 % of draws.")
    for r in table.head(top).itertuples(index=False):
        band = "" if pd.isna(r.rank_low) else f"  ranks {r.rank_low}-{r.rank_high}"
        mark = "  robust" if r.robust else ""
        click.echo(
            f"{r.rank:>3}. {r.kved} {r.name}  score {r.score:+.2f}  (density {r.density:.2f}, "
            f"PCI {r.pci:+.2f}, COG {r.cog:+.2f}){band}{mark}"
        )
    if len(ranking.unranked):
        listed = ", ".join(
            f"{c} {n}"
            for c, n in zip(ranking.unranked["code"], ranking.unranked["name"], strict=True)
        )
        click.echo(f"Not ranked (too small in the reference to measure complexity): {listed}.")


@click.command("opportunities")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--region",
    help="Panel mode: the region (hromada) of the region x sector FILE to advise. "
    "Without it FILE is one municipality's KVED values (see above).",
)
@click.option(
    "--year",
    type=int,
    help="Year of the analysis (default: the last; KVED: the last pre-war year).",
)
@click.option("--top", type=int, default=20, show_default=True, help="How many sectors to show.")
@click.option("--out", type=click.Path(dir_okay=False), help="Also write the full table (.xlsx).")
@click.option("--density-weight", type=float, default=0.5, show_default=True, help="Panel mode.")
@click.option("--pci-weight", type=float, default=0.2, show_default=True, help="Panel mode.")
@click.option("--cog-weight", type=float, default=0.2, show_default=True, help="Panel mode.")
@click.option("--growth-weight", type=float, default=0.1, show_default=True, help="Panel mode.")
@click.option(
    "--level",
    type=click.Choice(["division", "group", "class"]),
    help="KVED mode: sum the values to this level first (default: the file's own level).",
)
@click.option(
    "--source",
    type=click.Choice(["cbp2019", "sbs2015"]),
    default="cbp2019",
    show_default=True,
    help="KVED mode: the industry space (sbs2015 has divisions only).",
)
@click.option(
    "--preset",
    type=click.Choice(
        [
            "recommended",
            "low_hanging_fruit",
            "balanced_light_touch",
            "balanced_parsimonious",
            "balanced_strategic_bets",
            "long_jumps",
        ]
    ),
    default="recommended",
    show_default=True,
    help="KVED mode: the Atlas's strategic approach (weights of density, PCI, COG).",
)
@click.option(
    "--weights",
    help="KVED mode: own weights instead of a preset, e.g. density=0.5,pci=0.2,cog=0.3.",
)
@click.option(
    "--draws",
    type=int,
    default=None,
    help="KVED mode: bootstrap draws for the rank bands (default as the web page: 200, "
    "class level 100; 0: none).",
)
@click.option(
    "--reference",
    type=click.Choice(["ukraine", "oblast", "other"]),
    default="ukraine",
    show_default=True,
    help="KVED mode: what the file's reference rows are; Ukraine's are used for RCA.",
)
@click.option("--json", "fmt", flag_value="json", help="KVED mode: print JSON.")
@click.option("--csv", "fmt", flag_value="csv", help="KVED mode: print CSV.")
@click.option(
    "--lang",
    type=click.Choice(["en", "uk"]),
    default="en",
    show_default=True,
    help="KVED mode: language of the industry names and messages.",
)
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
    level,
    source,
    preset,
    weights,
    draws,
    reference,
    fmt,
    lang,
    presence_test,
    threshold,
    region_col,
    sector_col,
    value_col,
    year_col,
):
    """Industries a hromada could grow next, best first, with the reasons.

    KVED mode (no --region): FILE is one municipality's values by KVED division, group or
    class, in the layout the Assess import accepts (area, kved, year, value; area
    'municipality' and, optionally, 'Ukraine' totals used for RCA). They are placed on the
    bundled industry space (US metropolitan areas or European regions) and ranked by
    relatedness density, complexity (PCI) and opportunity gain (COG) with the Atlas's
    presets, with bootstrap rank bands: the same numbers as the web page's "Industries to
    grow next" for the same data.

    Panel mode (--region): FILE is a region x sector (x year) panel; the region is ranked
    within it (exploratory: a few sectors give noisy complexity).
    """
    if not region:
        _kved_opportunities(
            file,
            level=level,
            source=source,
            preset=preset,
            weights=weights,
            draws=draws,
            year=year,
            reference=reference,
            fmt=fmt,
            top=top,
            out=out,
            lang=lang,
        )
        return
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
