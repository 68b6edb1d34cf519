"""``hromada analyze multipliers`` and ``hromada analyze shock``: input-output analysis.

TABLE is a path to a symmetric input-output table in the OECD or Eurostat-manual
layout (CSV or XLSX), the name of a reference table in the data folder
(``beutel_2008``, ``germany_2009``, ``netherlands_2006``, ``belgium_2020``), or the word
``demo`` for the demonstration table (not official Ukrainian data).
"""

from __future__ import annotations

from pathlib import Path

import click
import numpy as np
import pandas as pd

from hromada.econ.errors import HromadaError

commands: list[click.Command] = []


def _load(table: str):
    from hromada.econ.iotables import IOTable
    from hromada.refdata.iotables import REFERENCE_TABLES, read_io_table, reference_io_table

    try:
        if table.lower() == "demo":
            from hromada.refdata.demo_io import demo_table

            t: IOTable = demo_table()
        elif table in REFERENCE_TABLES and not Path(table).exists():
            t = reference_io_table(table)
        else:
            t = read_io_table(table)
    except HromadaError as exc:
        raise click.ClickException(str(exc)) from None
    t = t.without_empty()
    if t.source:
        click.echo(f"Table: {t.source}", err=True)
    if t.layout == "demo":
        from hromada.refdata.demo_io import DEMO_LABEL

        click.echo(f"# {DEMO_LABEL}")
    return t


def _write(frame: pd.DataFrame, out: str | None, sheet: str) -> None:
    if out is None:
        with pd.option_context("display.max_rows", 200, "display.width", 200):
            click.echo(frame.to_string())
        return
    path = Path(out)
    if path.suffix.lower() == ".csv":
        from hromada.core.exports import write_csv

        write_csv(frame, path)  # text cells never formulas
    else:
        from hromada.cli._files import write_sheets

        write_sheets({sheet: frame}, path)
    click.echo(f"Wrote {path}", err=True)


def _region_employment(path: str, sectors: pd.Index) -> pd.DataFrame:
    from hromada.cli._files import read_table
    from hromada.econ._panel import check_panel

    raw = read_table(path)
    try:
        if {"region", "sector", "value"} <= set(raw.columns):
            panel = check_panel(raw, year="forbidden", name="region employment")
            wide = panel.pivot(index="region", columns="sector", values="value")
        else:
            wide = raw.set_index(raw.columns[0])
    except HromadaError as exc:
        raise click.ClickException(str(exc)) from None
    wide.columns = [str(c) for c in wide.columns]
    unknown = [c for c in wide.columns if c not in set(sectors)]
    if unknown:
        raise click.ClickException(
            f"{path}: sectors {unknown[:5]} are not in the table; its sectors are "
            f"{list(sectors)[:12]}. Map your sector codes to the table's first."
        )
    return wide.reindex(columns=sectors).fillna(0.0).astype(float)


@click.command("multipliers")
@click.argument("table")
@click.option(
    "--region-employment",
    "region_employment",
    type=click.Path(exists=True),
    help="Employment by region and sector (long: region, sector, value; or wide: "
    "one row per region) to regionalise the table with FLQ.",
)
@click.option(
    "--method",
    type=click.Choice(["slq", "cilq", "flq", "aflq"]),
    default="flq",
    show_default=True,
    help="Location quotient for regionalisation.",
)
@click.option(
    "--delta",
    type=float,
    default=None,
    help="FLQ/AFLQ delta; default by region size (0.25, range 0.2-0.3, for a region of 1 %% "
    "of national employment or more, Flegg & Tohmo 2013; else 0.2, range 0.1-0.3).",
)
@click.option("--out", type=click.Path(), help="Write to CSV or XLSX instead of printing.")
def multipliers_command(table, region_employment, method, delta, out):
    """Type I and Type II output, income and employment multipliers of TABLE.

    Type II closes households by the rule of the web pages: they spend disposable income
    (wages net of personal income tax and military levy) with the table's budget shares,
    regionalised with the same location quotients as firms' inputs."""
    from hromada.resilience.analysis import TYPE2_NOTE, national_household_budget

    t = _load(table)
    demo = table.lower() == "demo"
    click.echo(f"# {TYPE2_NOTE}")
    try:
        if region_employment is None:
            from hromada.resilience.analysis import national_multipliers

            res = national_multipliers(t, budget=national_household_budget() if demo else None)
            if t.names:
                res.insert(0, "name", [t.names.get(s, "") for s in res.index])
            _write(res, out, "multipliers")
            return
        E = _region_employment(region_employment, t.sectors)
        frames = _regional_multipliers(t, table, E, method=method, delta=delta)
        out_df = pd.concat(frames, names=["region", "sector"])
        for region, frame in frames.items():
            click.echo(
                f"# {region}: ranges (*_low, *_high) over FLQ delta "
                f"{frame['delta_low'].iloc[0]:g}-{frame['delta_high'].iloc[0]:g} (central "
                f"{frame['delta'].iloc[0]:g}; {frame.attrs.get('delta_source', '')})"
            )
        _write(out_df, out, "regional multipliers")
    except HromadaError as exc:
        raise click.ClickException(str(exc)) from None


def _regional_multipliers(t, table: str, E: pd.DataFrame, *, method, delta) -> dict:
    """Multipliers of each region, by the one path the web pages take
    (:func:`hromada.resilience.analysis.build_regional_model`)."""
    from hromada.resilience.analysis import (
        build_regional_model,
        multiplier_range,
        national_household_budget,
    )

    demo = table.lower() == "demo"
    national = t.employment if t.employment is not None else E.sum(axis=0)
    budget = national_household_budget() if demo else None
    kind = "demonstration" if demo else ""
    frames = {}
    for region, row in E.iterrows():
        if float(row.sum()) <= 0:
            continue
        model = build_regional_model(
            t,
            local=row,
            national_reference=national,
            method=method,
            delta=delta,
            budget=budget,
            kind=kind,
        )
        central, low, high = multiplier_range(model)
        res = central.copy()
        for col in central.columns:  # every multiplier with its range
            res[f"{col}_low"] = low[col]
            res[f"{col}_high"] = high[col]
        res["delta"] = model.delta
        res["delta_low"], res["delta_high"] = model.delta_low, model.delta_high
        res.attrs["delta_source"] = model.delta_source
        frames[region] = res
    return frames


def _match_sector(t, name: str) -> str:
    sectors = [str(s) for s in t.sectors]
    if name in sectors:
        return name
    low = name.lower()
    exact = [s for s in sectors if s.lower() == low]
    if exact:
        return exact[0]
    hits = [s for s in sectors if low in t.names.get(s, "").lower() or low in s.lower()]
    if len(hits) == 1:
        return hits[0]
    listing = ", ".join(f"{s} ({t.names[s]})" if s in t.names else s for s in sectors)
    if hits:
        raise click.ClickException(f"--sector {name!r} matches several sectors: {hits}.")
    raise click.ClickException(f"--sector {name!r} is not in the table; sectors: {listing}.")


@click.command("shock")
@click.argument("table")
@click.option(
    "--sector",
    "sectors",
    multiple=True,
    required=True,
    help="Sector code or part of its name (repeat for several sectors).",
)
@click.option(
    "--loss", type=float, default=0.4, show_default=True, help="Share of capacity lost (0-1)."
)
@click.option("--days", type=float, default=30, show_default=True, help="Outage length in days.")
@click.option(
    "--recovery-days",
    "recovery_days",
    type=float,
    default=90,
    show_default=True,
    help="Days to recover to 1 %% of the inoperability after the outage.",
)
@click.option("--horizon", type=int, default=365, show_default=True, help="Days simulated.")
@click.option("--top", type=int, default=10, show_default=True, help="Sectors listed.")
@click.option(
    "--lifelines",
    type=click.Choice(["auto", "default", "none"]),
    default="auto",
    show_default=True,
    help="Outages of lifelines (KVED D, E, H, J) as an input constraint on their users with "
    "the default dependence table: 'auto' when the table has KVED sections and a lifeline "
    "is shocked, 'none' for the demand-side model alone.",
)
@click.option(
    "--backup",
    type=float,
    default=0.0,
    show_default=True,
    help="Share of every user's output that goes on without the lifeline (0-1).",
)
@click.option("--out", type=click.Path(), help="Write daily inoperability to CSV or XLSX.")
def shock_command(table, sectors, loss, days, recovery_days, horizon, top, lifelines, backup, out):
    """Cascade of a capacity loss in SECTOR(s) through TABLE (dynamic inoperability model)."""
    from hromada.econ.inoperability import default_dependence, scenario
    from hromada.resilience.analysis import fmt3, money_text

    t = _load(table)
    chosen = [_match_sector(t, s) for s in sectors]
    critical = None
    if lifelines != "none":
        dep = default_dependence()
        rows = [s for s in chosen if s in dep.index]
        users = [c for c in dep.columns if c in set(t.sectors)]
        if rows and users:
            critical = dep.loc[rows, users]
        elif lifelines == "default":
            raise click.ClickException(
                "--lifelines default needs a table with KVED sections and a shocked lifeline "
                "(D, E, H or J)."
            )
    try:
        res = scenario(
            t.A,
            t.x,
            {s: loss for s in chosen},
            days=days,
            recovery_days=recovery_days,
            horizon=horizon,
            critical=critical,
            backup=backup if critical is not None else None,
        )
    except HromadaError as exc:
        raise click.ClickException(str(exc)) from None
    total = float(res.total_loss.iloc[0])
    click.echo(
        f"Shock: {', '.join(chosen)} lose {loss:.0%} of capacity for {days:g} days, "
        f"recover over {recovery_days:g} days; {horizon} days simulated."
    )
    if critical is not None:
        click.echo(
            f"Model: lifeline outage as an input constraint (default dependence table, "
            f"backup {backup:.0%}); users' loss for lack of the lifeline: "
            f"{money_text(float(res.lifeline_loss.iloc[0]), t.units)}"
        )
    else:
        click.echo("Model: demand-side cascade")
    click.echo(
        f"Total output lost: {money_text(total, t.units)}; "
        f"indirect share: {float(res.indirect_share.iloc[0]):.1%}"
    )
    table_df = (
        pd.DataFrame(
            {
                "name": [t.names.get(s, "") for s in t.sectors],
                "loss": res.loss_by_sector.iloc[0],
                "share_of_loss": res.loss_by_sector.iloc[0] / total if total > 0 else np.nan,
                "peak_inoperability": res.peak.iloc[0],
            },
            index=t.sectors,
        )
        .sort_values("loss", ascending=False)
        .head(top)
    )
    # money as the pages show it: thousands of UAH (three significant digits) for a table
    # in million UAH, else three significant digits in the table's units
    in_uah = t.units.lower().startswith("million uah")
    loss_col = "loss, thousand UAH" if in_uah else f"loss ({t.units.split(';')[0]})"
    table_df[loss_col] = table_df.pop("loss").map(lambda v: fmt3(v * 1000 if in_uah else v))
    table_df = table_df[["name", loss_col, "share_of_loss", "peak_inoperability"]]
    with pd.option_context("display.width", 200):
        click.echo(table_df.round(4).to_string())
    if out:
        daily = res.daily.xs(0, level=0)
        _write(daily, out, "daily inoperability")


commands.extend([multipliers_command, shock_command])
