"""``hromada budget import|fetch|pulse``: the monthly budget execution from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from hromada.cli._files import echo_problems


def _municipality(code: str):
    from hromada.cli.web import _django

    _django()
    from hromada.workspaces.models import Municipality

    m = Municipality.objects.filter(code=code).first()
    if m is None:
        raise click.ClickException(f"no municipality with code {code}")
    return m


@click.group("budget")
def budget() -> None:
    """Monthly budget execution: import, fetch and the fiscal pulse."""


@budget.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--municipality", "code", required=True, help="KATOTTG code of the municipality.")
@click.option("--source", default="", help="Where the file comes from.")
@click.option("--lang", default="en", show_default=True, type=click.Choice(["en", "uk"]))
@click.option("--check", is_flag=True, help="Check the file only; store nothing.")
def import_(file: Path, code: str, source: str, lang: str, check: bool) -> None:
    """Import FILE: an OpenBudget localBudgetData answer as the API gives it (CSV, also
    .csv.gz) or a BOOST export (XLSX). All-or-nothing; a re-import makes a new version."""
    m = _municipality(code)
    from django.utils import translation

    from hromada.budget.importing import parse_monthly
    from hromada.budget.selectors import budget_codes_for
    from hromada.budget.services import monthly_budget_import

    with translation.override(lang):
        content = file.read_bytes()
        if check:
            result = parse_monthly(content, file.name, budget_codes=budget_codes_for(code))
        else:
            result = monthly_budget_import(
                municipality=m, content=content, filename=file.name, source=source or file.name
            )
        echo_problems(result.problems)
        if not result.ok:
            raise click.ClickException(
                f"{len(result.errors)} problem(s) in {file.name}; nothing was stored."
            )
        f = result.frame
        click.echo(
            f"{file.name}: {len(f):,} monthly values ({result.layout}, {result.item}), "
            f"budget {', '.join(sorted(f['budget'].unique()))}, "
            f"{f['month'].min():%Y-%m} to {f['month'].max():%Y-%m}."
        )
        click.echo("Checked; nothing stored (--check)." if check else "Stored.")


@budget.command("fetch")
@click.option("--municipality", "code", required=True, help="KATOTTG code of the municipality.")
@click.option(
    "--year",
    "years",
    type=int,
    multiple=True,
    required=True,
    help="Year to fetch (repeat for several).",
)
@click.option(
    "--budget-code",
    default=None,
    help="10-digit budget code (default: the known code of the hromada).",
)
@click.option("--lang", default="en", show_default=True, type=click.Choice(["en", "uk"]))
def fetch(code: str, years: tuple[int, ...], budget_code: str | None, lang: str) -> None:
    """Fetch the monthly INCOMES answers of the OpenBudget API (needs a connection)."""
    m = _municipality(code)
    from django.utils import translation

    from hromada.budget.fetch import FetchError
    from hromada.budget.selectors import budget_codes_for
    from hromada.budget.services import monthly_budget_fetch

    with translation.override(lang):
        codes = budget_codes_for(code)
        budget_code = budget_code or (codes[-1] if codes else None)
        if not budget_code:  # ask OpenBudget's list of budgets which code is this hromada's
            from hromada.budget.fetch import budget_codes_of_hromada, fetch_budget_list

            try:
                found = budget_codes_of_hromada(fetch_budget_list(), code)
            except FetchError as exc:
                raise click.ClickException(str(exc)) from exc
            budget_code = found[-1] if found else None
            if budget_code:
                click.echo(f"Budget code of {code} in OpenBudget's list: {budget_code}.")
        if not budget_code:
            raise click.ClickException(
                "the budget code of this hromada is not known here: "
                "pass --budget-code (10 digits, see openbudget.gov.ua)."
            )
        try:
            result = monthly_budget_fetch(
                municipality=m, budget_code=budget_code, years=list(years)
            )
        except FetchError as exc:
            raise click.ClickException(str(exc)) from exc
        echo_problems(result.problems)
        if not result.ok:
            raise click.ClickException("the answer could not be used; nothing was stored.")
        click.echo(
            f"Fetched and stored {len(result.frame):,} monthly values of budget "
            f"{budget_code} for {', '.join(map(str, years))}."
        )


@budget.command("pulse")
@click.option("--municipality", "code", required=True, help="KATOTTG code of the municipality.")
def pulse(code: str) -> None:
    """Print the pulse: own revenue, real growth, shock, forecast and its backtest error."""
    m = _municipality(code)
    from hromada.budget.selectors import fiscal_space_for, pulse_for

    source, p = pulse_for(m)
    if p is None:
        raise click.ClickException("no monthly budget data for this municipality.")
    if source["kind"] == "example":
        click.echo(f"No monthly data of this hromada: showing {source['city']} as an example.")
    own = p.sources["own_excl_military"]
    click.echo(f"Budget {', '.join(p.codes)}, {own.index[0]:%Y-%m} to {own.index[-1]:%Y-%m}.")
    click.echo(
        f"Own revenue (general fund, without military PIT), last 12 months: "
        f"UAH {own.iloc[-12:].sum() / 1e6:,.1f} million; real change "
        f"{p.growth['own_excl_military'].iloc[-1]:+.1%}."
    )
    if p.shock:
        rec = (
            f"recovered {p.shock.recovered:%Y-%m}"
            if p.shock.recovered
            else f"not recovered (last 3 months {p.shock.last_gap:+.1%})"
        )
        click.echo(
            f"Shock: trough {p.shock.trough:%Y-%m}, {p.shock.depth:+.1%} against the "
            f"pre-war level; {rec}."
        )
    if p.forecast is not None:
        fc = p.forecast
        click.echo(
            f"Forecast {fc.index[0]:%Y-%m} to {fc.index[-1]:%Y-%m}: UAH "
            f"{fc['forecast'].sum() / 1e6:,.1f} million."
        )
    if p.backtest:
        b = p.backtest
        click.echo(
            f"Backtest ({b['origins']} origins): MAPE {b['mape']:.1%} (h=1 "
            f"{b['mape_h1']:.1%}, h=12 {b['mape_h12']:.1%}); seasonal naive "
            f"{b['mape_naive']:.1%}; 80 % interval coverage {b['coverage_80']:.0%}."
        )
    space = fiscal_space_for(m)
    if space:
        click.echo(f"Fiscal space: UAH {space['space'] / 1e6:,.1f} million.")


commands: list[click.Command] = [budget]
