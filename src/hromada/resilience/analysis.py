"""The regional input-output model of a municipality, shock scenarios on it and project
multipliers: thin, tested glue between the municipality's data and ``hromada.econ``.

Nothing here touches the database: :mod:`hromada.resilience.selectors` gathers the inputs.

The national table is the *demonstration* table of :mod:`hromada.refdata.demo_io` (20 KVED
sections, derived from the Belgium 2020 OECD table; not official Ukrainian data). It is
regionalised with location quotients (:func:`hromada.econ.inputoutput.regionalise`) from
the municipality's own employment by KVED section when it was imported, else from the
national structure scaled by population (never a silently assumed population).

:func:`build_regional_model` is the one path from a national table and employment to a
regional model: the web pages and ``hromada analyze multipliers`` both call it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from hromada.econ.errors import HromadaDataError
from hromada.econ.inoperability import default_dependence
from hromada.econ.inoperability import scenario as iim_scenario
from hromada.econ.inputoutput import (
    close_households,
    impact,
    leontief_inverse,
    multiplier_table,
    regionalise,
    regionalise_households,
)

METHODS = ("slq", "cilq", "flq", "aflq")
#: Ukraine's population on 1 January 2022 (State Statistics Service estimate), used only
#: to scale the national structure when the municipality has no employment data.
UKRAINE_POPULATION_2022 = 41_167_335

#: Personal income tax on wages (Tax Code art. 167.1) and the military levy (1.5 %, 5 %
#: from 1 December 2024, Law 4015-IX of 10.10.2024): households spend what is left.
PERSONAL_INCOME_TAX = 0.18
MILITARY_LEVY = 0.05
DISPOSABLE_SHARE = 1.0 - PERSONAL_INCOME_TAX - MILITARY_LEVY

#: FLQ delta by region size (share of national employment): (central, low, high, source).
#: Flegg & Tohmo (2013) found 0.25 best for Finnish regions (all above 1 % of the nation);
#: Lampiris et al. (2020) found FLQ best for delta 0.1-0.3 and 0.4+ unsatisfactory. No
#: published rule exists for regions under 1 % of the nation, so a hromada gets the middle
#: of that band with the whole band as its range.
DELTA_LARGE = (0.25, 0.2, 0.3, "Flegg & Tohmo (2013), Finnish regions")
DELTA_SMALL = (
    0.2,
    0.1,
    0.3,
    "Lampiris et al. (2020): FLQ best for delta 0.1-0.3; no "
    "published value for regions under 1 % of the nation",
)
SMALL_REGION = 0.01

#: Shocks to lifelines (an input constraint on their users) and to demand (a main
#: employer, the damage register: the demand-side cascade alone).
LIFELINE_KINDS = ("electricity", "water", "heating", "transport", "communications")

#: The critical infrastructure a scenario can shock, and the KVED section that produces it.
SHOCK_SECTIONS = {
    "electricity": "D",
    "water": "E",
    "heating": "D",
    "transport": "H",
    "communications": "J",
    "employer": None,  # the user picks the section of the main employer
}


@lru_cache(maxsize=1)
def national_table():
    """The demonstration national table (cached: building it takes a third of a second)."""
    from hromada.refdata.demo_io import demo_table

    return demo_table()


@lru_cache(maxsize=1)
def national_household_budget():
    """Households' budget shares of domestic products in the demonstration table."""
    from hromada.refdata.demo_io import household_budget

    return household_budget()


def default_delta(regional_share: float) -> tuple[float, float, float, str]:
    """(central, low, high, source) of the FLQ delta for a region of this size (its share
    of national employment)."""
    return DELTA_LARGE if regional_share >= SMALL_REGION else DELTA_SMALL


def sig3(value: float) -> float:
    """``value`` rounded to three significant digits.

    >>> sig3(11507487.0), sig3(0.012345)
    (11500000.0, 0.0123)
    """
    import math

    if not value or not math.isfinite(value):
        return value
    return round(value, 2 - int(math.floor(math.log10(abs(value)))))


def fmt3(value: float) -> str:
    """Three significant digits with thousands separators: 11507.5 -> "11,500"."""
    import math

    v = sig3(float(value))
    if not v or not math.isfinite(v):
        return "0" if v == 0 else str(v)
    decimals = max(0, 2 - int(math.floor(math.log10(abs(v)))))
    return f"{v:,.{decimals}f}"


def money_text(value: float, units: str) -> str:
    """Money of a table in words: thousands of UAH with three significant digits for a
    table in million UAH (the demonstration table), else three significant digits in the
    table's own units.

    >>> money_text(11.507487, "million UAH (demonstration)")
    '11,500 thousand UAH'
    """
    unit = (units or "").split(";")[0].strip()
    if unit.lower().startswith("million uah"):
        return f"{fmt3(float(value) * 1000.0)} thousand UAH"
    return f"{fmt3(float(value))} {unit}".strip()


def table_budget(table) -> pd.Series:
    """Households' budget shares of the table's products: its household consumption over
    the total (all spent on products available locally: an upper bound when the table's
    consumption excludes imports). Zeros when the table has no household consumption."""
    sectors = table.sectors
    c = (
        table.household_consumption
        if table.household_consumption is not None
        else pd.Series(0.0, index=sectors)
    )
    c = c.reindex(sectors, fill_value=0.0).clip(lower=0).astype(float)
    return c / float(c.sum()) if float(c.sum()) > 0 else c


def household_spending(
    budget: pd.Series,
    wages_total: float,
    regional_size: pd.Series,
    national_size: pd.Series,
    *,
    method: str = "flq",
    delta: float = 0.25,
) -> pd.Series:
    """Households' purchases of each local product, the Type II row (one rule for the web
    and the CLI, regional or national).

    ``wages_total x DISPOSABLE_SHARE x budget``, bought locally with the location quotients
    firms use (:func:`hromada.econ.inputoutput.regionalise_households`). For a national
    table pass ``regional_size = national_size``: every quotient is then 1 and all of it
    is bought in the country (Miller & Blair 2009, sect. 2.5, 3.3 and 6.2).

    >>> b = pd.Series({"A": 0.5, "B": 0.5})
    >>> household_spending(b, 100.0, b, b).round(2).tolist()
    [38.5, 38.5]
    """
    sectors = pd.Index(regional_size.index)
    budget = pd.Series(budget, dtype=float).reindex(sectors, fill_value=0.0)
    per_wage = regionalise_households(
        budget * DISPOSABLE_SHARE, regional_size, national_size, method=method, delta=float(delta)
    )
    return (per_wage * float(wages_total)).rename("households")


#: What the CLI and the pages say about the Type II household row.
TYPE2_NOTE = (
    f"Type II: households spend disposable income, {DISPOSABLE_SHARE:.0%} of wages "
    f"(personal income tax {PERSONAL_INCOME_TAX:.0%}, Tax Code art. 167.1; military levy "
    f"{MILITARY_LEVY:.0%}, Law 4015-IX of 10.10.2024), with the table's household budget "
    "shares, bought locally with the same location quotients as firms' inputs "
    "(Miller & Blair 2009, ch. 3 and 6)."
)


def national_multipliers(table, *, budget: pd.Series | None = None) -> pd.DataFrame:
    """Type I and Type II multipliers of a national table, with households closed by the
    same rule as a region's (:func:`household_spending` with every quotient 1): they spend
    disposable income, not the table's whole household consumption."""
    t = table
    sectors = t.sectors
    budget = table_budget(t) if budget is None else budget
    wages = t.compensation
    hh = None
    if wages is not None and float(wages.sum()) > 0 and float(pd.Series(budget).sum()) > 0:
        ones = pd.Series(1.0, index=sectors)
        hh = household_spending(budget, float(wages.sum()), ones, ones, method="slq")
    return multiplier_table(
        t.A,
        t.x,
        wages=wages,
        jobs=t.employment,
        household_consumption=hh,
        value_added=t.value_added,
    )


@dataclass
class RegionModel:
    """A municipality's regionalised input-output model (units of the national table)."""

    A: pd.DataFrame
    x: pd.Series
    wages: pd.Series
    jobs: pd.Series
    household_consumption: pd.Series
    regional_size: pd.Series
    national_size: pd.Series
    method: str
    delta: float
    size_source: str  # "local" (imported employment) or "national" (national structure)
    national_size_source: str  # "reference" (the dataset's Ukraine rows) or "table"
    year: int | None
    table_source: str
    units: str
    dropped: list[str] = field(default_factory=list)
    delta_low: float = 0.0
    delta_high: float = 0.0
    delta_source: str = ""
    kind: str = ""  # "demonstration" for the demo table
    population: int | None = None
    inputs: dict = field(default_factory=dict, repr=False)

    @property
    def sectors(self) -> pd.Index:
        return self.A.columns

    @property
    def source(self) -> str:
        return self.table_source

    @property
    def regional_share(self) -> float:
        return float(self.regional_size.sum() / self.national_size.sum())

    def at_delta(self, delta: float) -> RegionModel:
        """The same model with another FLQ delta (for the range)."""
        return build_regional_model(**{**self.inputs, "delta": float(delta)})


def build_regional_model(
    table,
    *,
    local: pd.Series | None,
    national_reference: pd.Series | None = None,
    population: int | None = None,
    method: str = "flq",
    delta: float | None = None,
    budget: pd.Series | None = None,
    year: int | None = None,
    kind: str = "",
) -> RegionModel:
    """Regionalise the national ``table`` (an IOTable) for one municipality.

    The one path behind the web pages and ``hromada analyze multipliers``.

    Parameters
    ----------
    table : IOTable
        National table with ``employment``, ``compensation`` and household consumption.
    local : Series or None
        The municipality's employment by sector (persons); None or empty: the national
        structure scaled by ``population`` / Ukraine's population.
    national_reference : Series, optional
        National employment by sector in the same year; default the table's employment.
    population : int, optional
        Needed when ``local`` is empty; a missing population raises (never assumed).
    method : str
        Location quotient (:func:`hromada.econ.inputoutput.regionalise`).
    delta : float, optional
        FLQ/AFLQ delta; default by region size (:func:`default_delta`).
    budget : Series, optional
        Households' spending on each domestic product per unit spent (incl. imports);
        default the table's household consumption over its total (all spent locally
        available products, an upper bound).

    Notes
    -----
    Type II (Miller & Blair 2009, sect. 2.5, 3.3, 6.2): households earn the regional
    wages, keep ``DISPOSABLE_SHARE`` of them after personal income tax (18 %) and the
    military levy (5 %), spend them with the national budget shares, and buy locally the
    share the same location quotients give firms
    (:func:`hromada.econ.inputoutput.regionalise_households`).
    """
    t = table
    sectors = t.sectors
    national_emp = _national_employment(t, national_reference)
    E, N, size_source, nat_source, dropped = _sizes(
        sectors, local, national_reference, national_emp, population
    )
    share_region = float(E.sum() / N.sum())
    central, low, high, delta_source = default_delta(share_region)
    if delta is None:
        delta = central
    else:
        delta_source = "set by the user"
        low, high = min(low, float(delta)), max(high, float(delta))
    A_r = regionalise(t.A, E, N, method=method, delta=float(delta))
    share = (E / N.replace(0, np.nan)).fillna(0.0)
    x = (t.x * share).rename("x")
    zero = pd.Series(0.0, index=sectors)
    wages = ((t.compensation if t.compensation is not None else zero) * share).rename("wages")
    jobs = (national_emp * share).rename("jobs")
    if budget is None:
        budget = table_budget(t)
    hh = household_spending(budget, float(wages.sum()), E, N, method=method, delta=float(delta))
    keep = x.index[x > 0]  # sectors absent from the municipality drop out of the model
    inputs = {
        "table": t,
        "local": local,
        "national_reference": national_reference,
        "population": population,
        "method": method,
        "delta": delta,
        "budget": budget,
        "year": year,
        "kind": kind,
    }
    return RegionModel(
        A=A_r.loc[keep, keep],
        x=x[keep],
        wages=wages[keep],
        jobs=jobs[keep],
        household_consumption=hh[keep],
        regional_size=E,
        national_size=N,
        method=method,
        delta=float(delta),
        size_source=size_source,
        national_size_source=nat_source,
        year=year,
        table_source=t.source,
        units=t.units,
        dropped=dropped,
        delta_low=float(low),
        delta_high=float(high),
        delta_source=delta_source,
        kind=kind,
        population=population,
        inputs=inputs,
    )


def _national_employment(t, national_reference) -> pd.Series:
    """National employment by sector: the table's, else the reference given."""
    if t.employment is not None:
        return t.employment.reindex(t.sectors).astype(float)
    if national_reference is not None:
        return pd.Series(national_reference, dtype=float).reindex(t.sectors, fill_value=0.0)
    raise HromadaDataError(
        "The table has no employment row and no national employment was given, so a "
        "region's size cannot be compared with the nation's."
    )


def _sizes(sectors, local, national_reference, national_emp, population):
    """(E, N, size source, national size source, dropped sectors): the region's and the
    nation's employment by sector, from the municipality's own data when it has any, else
    the national structure scaled by population."""
    if local is not None and float(pd.Series(local).sum()) > 0:
        local = pd.Series(local, dtype=float)
        dropped = sorted(str(s) for s in local.index.difference(sectors) if local[s] > 0)
        E = local.reindex(sectors, fill_value=0.0)
        if national_reference is not None and float(pd.Series(national_reference).sum()) > 0:
            N = pd.Series(national_reference, dtype=float).reindex(sectors, fill_value=0.0)
            # a sector present locally but missing from the reference cannot be compared
            N = N.where(~((N == 0) & (E > 0)), E)
            return E, N, "local", "reference", dropped
        return E, national_emp, "local", "table", dropped
    if not population or population <= 0:
        raise HromadaDataError(
            "The municipality has neither employment by KVED section nor a population, "
            "so its size is unknown: enter its population in the municipality's profile "
            "or import its employment (Assess step)."
        )
    E = national_emp * (population / UKRAINE_POPULATION_2022)
    return E, national_emp, "national", "table", []


def regional_model(
    *,
    local: pd.Series | None,
    year: int | None = None,
    national_reference: pd.Series | None = None,
    population: int | None = None,
    method: str = "flq",
    delta: float | None = None,
) -> RegionModel:
    """Regionalise the demonstration national table for one municipality
    (:func:`build_regional_model` on :func:`national_table`)."""
    from hromada.refdata.demo_io import DEMO_KIND

    return build_regional_model(
        national_table(),
        local=local,
        national_reference=national_reference,
        population=population,
        method=method,
        delta=delta,
        budget=national_household_budget(),
        year=year,
        kind=DEMO_KIND,
    )


def regional_multipliers(model: RegionModel) -> pd.DataFrame:
    """Type I and Type II multipliers of ``model`` (the table both the page and the CLI
    print)."""
    paid = float(model.wages.sum()) > 0
    spent = paid and float(model.household_consumption.sum()) > 0
    return multiplier_table(
        model.A,
        model.x,
        wages=model.wages if paid else None,
        jobs=model.jobs,
        household_consumption=model.household_consumption if spent else None,
    )


def multiplier_range(model: RegionModel) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(central, low, high) multiplier tables over the model's delta interval."""
    central = regional_multipliers(model)
    a = regional_multipliers(model.at_delta(model.delta_low))
    b = regional_multipliers(model.at_delta(model.delta_high))
    a, b = a.reindex_like(central), b.reindex_like(central)
    return central, np.minimum(a, b), np.maximum(a, b)


# --- Scenarios -------------------------------------------------------------------------


def combine_shocks(shocks: list[dict]) -> tuple[dict, dict, dict]:
    """Per KVED section: share lost, days and recovery days of a list of shocks.

    Two shocks on the same section (electricity and heating both hit section D) combine as
    independent losses: ``1 - (1 - a)(1 - b)``, lasting the longer of the two and
    recovering in the longer time.
    """
    share: dict[str, float] = {}
    days: dict[str, float] = {}
    recovery: dict[str, float] = {}
    for s in shocks:
        sec = s["section"]
        share[sec] = 1.0 - (1.0 - share.get(sec, 0.0)) * (1.0 - float(s["share"]))
        days[sec] = max(days.get(sec, 0.0), float(s["days"]))
        recovery[sec] = max(recovery.get(sec, 0.0), float(s["recovery_days"]))
    return share, days, recovery


@dataclass
class ScenarioOutcome:
    shocks: dict  # section -> share lost (after combining, in the model)
    daily: pd.DataFrame  # index day, columns sectors: inoperability
    loss: pd.Series  # cumulative loss by sector, sorted descending
    peak: pd.Series
    total_loss: float
    direct_loss: float
    indirect_share: float
    ranking: list[str]
    skipped: list[str]  # shocked sections absent from the municipality's model
    model: RegionModel
    horizon: int
    lifeline_loss: float = 0.0  # users' loss from the lost input (input constraint)
    kind_of_model: str = "demand"  # "input constraint" or "demand"
    backup: dict = field(default_factory=dict)  # user section -> share with backup
    dependence: pd.DataFrame | None = None  # lifelines x users, as used
    total_loss_range: tuple[float, float] = (0.0, 0.0)  # over the delta interval
    # over the default dependence table's low-high estimates (input constraint only)
    total_loss_dependence_range: tuple[float, float] | None = None
    dependence_low: pd.DataFrame | None = None
    dependence_high: pd.DataFrame | None = None

    @property
    def indirect_loss(self) -> float:
        return self.total_loss - self.direct_loss

    @property
    def kind(self) -> str:
        return self.model.kind

    @property
    def source(self) -> str:
        return self.model.source

    def economy_daily(self) -> pd.Series:
        """Output-weighted inoperability of the whole local economy per day."""
        x = self.model.x.reindex(self.daily.columns)
        return (self.daily * x).sum(axis=1) / float(x.sum())


def dependence_for(
    shocks: list[dict], sectors, overrides: dict | None = None, *, bound: str = "central"
) -> pd.DataFrame:
    """The dependence of the model's sectors on the lifelines shocked in ``shocks``: the
    default table (:func:`hromada.econ.inoperability.default_dependence`, its central
    estimate or the ``bound`` "low"/"high" of its range) with the user's ``overrides``
    ``{(lifeline, user): d}`` (the same at every bound), restricted to lifelines hit by a
    lifeline shock (a main employer in section D is a demand shock, not an outage)."""
    lifelines = sorted({s["section"] for s in shocks if s.get("kind") in LIFELINE_KINDS})
    dep = default_dependence(bound)
    for (life, user), value in (overrides or {}).items():
        if life in dep.index and user in dep.columns:
            dep.loc[life, user] = float(value)
    rows = [r for r in lifelines if r in dep.index and r in set(sectors)]
    cols = [c for c in dep.columns if c in set(sectors)]
    return dep.loc[rows, cols]


def _run(model, share, days_s, rec_s, horizon, critical, backup):
    return iim_scenario(
        model.A,
        model.x,
        share,
        days=days_s,
        recovery_days=rec_s,
        horizon=int(horizon),
        critical=critical,
        backup=backup,
    )


def run_scenario(
    model: RegionModel,
    shocks: list[dict],
    *,
    horizon: int = 365,
    backup: dict | None = None,
    dependence: dict | None = None,
    with_range: bool = True,
) -> ScenarioOutcome:
    """Run :func:`hromada.econ.inoperability.scenario` for ``shocks`` on ``model``.

    Sectors not shocked recover in the longest recovery time of the shocks. Lifeline
    shocks (electricity, water, heating, transport, communications) constrain their users'
    output (``critical`` = :func:`dependence_for`, ``backup`` = the share of each user
    section's output that can go on without the lifeline, e.g. on generators); demand
    shocks (a main employer, the damage register) use the demand-side cascade alone.
    """
    share, days, recovery = combine_shocks(shocks)
    sectors = model.sectors
    skipped = sorted(s for s in share if s not in sectors)
    share = {s: v for s, v in share.items() if s in sectors}
    longest = max(recovery.values()) if recovery else 90.0
    days_s = pd.Series({s: days.get(s, 0.0) for s in sectors}, dtype=float)
    rec_s = pd.Series({s: recovery.get(s, longest) for s in sectors}, dtype=float)
    if not share:
        raise ValueError("no shocked sector is present in the municipality's model")
    dep = dependence_for(shocks, sectors, dependence)
    critical = dep if len(dep.index) else None
    back = {k: float(v) for k, v in (backup or {}).items() if k in set(sectors)}
    b = (
        pd.Series(back, dtype=float).reindex(sectors, fill_value=0.0)
        if critical is not None
        else None
    )
    result = _run(model, share, days_s, rec_s, horizon, critical, b)
    daily = result.daily.xs(0, level="scenario")
    loss = result.loss_by_sector.iloc[0]
    total = float(result.total_loss.iloc[0])
    low = high = total
    if with_range and model.delta_low != model.delta_high and model.method in ("flq", "aflq"):
        others = []
        for d in (model.delta_low, model.delta_high):
            m2 = model.at_delta(d)
            if all(s in m2.sectors for s in share):
                r2 = _run(
                    m2,
                    share,
                    days_s.reindex(m2.sectors),
                    rec_s.reindex(m2.sectors),
                    horizon,
                    critical,
                    b,
                )
                others.append(float(r2.total_loss.iloc[0]))
        low, high = min([total, *others]), max([total, *others])
    dep_range = None
    dep_low = dep_high = None
    if with_range and critical is not None:
        # the default dependence is the project's estimate: the result over its range
        dep_low = dependence_for(shocks, sectors, dependence, bound="low").reindex_like(dep)
        dep_high = dependence_for(shocks, sectors, dependence, bound="high").reindex_like(dep)
        ends = [
            float(_run(model, share, days_s, rec_s, horizon, d, b).total_loss.iloc[0])
            for d in (dep_low, dep_high)
        ]
        dep_range = (min([total, *ends]), max([total, *ends]))
    return ScenarioOutcome(
        shocks=share,
        daily=daily,
        loss=loss.sort_values(ascending=False),
        peak=result.peak.iloc[0],
        total_loss=total,
        direct_loss=float(result.direct_loss.iloc[0]),
        indirect_share=float(result.indirect_share.iloc[0]),
        ranking=[str(s) for s in result.ranking.iloc[0].tolist()],
        skipped=skipped,
        model=model,
        horizon=int(horizon),
        lifeline_loss=float(result.lifeline_loss.iloc[0]),
        kind_of_model=result.model,
        backup=back,
        dependence=dep if critical is not None else None,
        total_loss_range=(low, high),
        total_loss_dependence_range=dep_range,
        dependence_low=dep_low,
        dependence_high=dep_high,
    )


# --- Multipliers -----------------------------------------------------------------------


@dataclass
class ProjectImpact:
    sector: str
    amount: float  # in the table's units (million UAH)
    table: pd.DataFrame  # multiplier table of the regional model
    by_sector: pd.DataFrame  # output, income, jobs (Type I) and *_type2 by sector
    totals: dict  # output/income/jobs, type1/type2
    totals_low: dict = field(default_factory=dict)  # over the delta interval
    totals_high: dict = field(default_factory=dict)
    table_low: pd.DataFrame | None = None
    table_high: pd.DataFrame | None = None
    model: RegionModel | None = None

    @property
    def kind(self) -> str:
        return self.model.kind if self.model is not None else ""

    @property
    def source(self) -> str:
        return self.model.source if self.model is not None else ""


def project_impact(
    model: RegionModel, sector: str, amount: float, *, with_range: bool = True
) -> ProjectImpact:
    """Local output, income and jobs of spending ``amount`` (table units) in ``sector``,
    central and (``with_range``) the low-high range over the model's delta interval."""
    if sector not in model.sectors:
        raise KeyError(sector)
    A, x = model.A, model.x
    table = regional_multipliers(model)
    delta_f = pd.Series(0.0, index=A.columns)
    delta_f[sector] = float(amount)
    L = leontief_inverse(A)
    one = impact(L, delta_f, x=x, value_added_or_wages=model.wages, jobs=model.jobs)
    L2 = leontief_inverse(close_households(A, x, model.wages, model.household_consumption))
    two = impact(
        L2, delta_f, x=x, value_added_or_wages=model.wages, jobs=model.jobs, households=True
    )
    by_sector = pd.DataFrame(
        {
            "output": one["output"],
            "income": one["income"],
            "jobs": one["jobs"],
            "output_type2": two["output"],
            "income_type2": two["income"],
            "jobs_type2": two["jobs"],
        }
    )
    totals = {k: float(by_sector[k].sum()) for k in by_sector.columns}
    res = ProjectImpact(
        sector=sector,
        amount=float(amount),
        table=table,
        by_sector=by_sector,
        totals=totals,
        totals_low=dict(totals),
        totals_high=dict(totals),
        table_low=table,
        table_high=table,
        model=model,
    )
    if with_range and model.delta_low != model.delta_high and model.method in ("flq", "aflq"):
        ends = [
            project_impact(model.at_delta(d), sector, amount, with_range=False)
            for d in (model.delta_low, model.delta_high)
        ]
        res.totals_low = {k: min(v, *(e.totals[k] for e in ends)) for k, v in totals.items()}
        res.totals_high = {k: max(v, *(e.totals[k] for e in ends)) for k, v in totals.items()}
        t1, t2 = (e.table.reindex_like(table) for e in ends)
        res.table_low = np.minimum(np.minimum(t1, t2), table)
        res.table_high = np.maximum(np.maximum(t1, t2), table)
    return res
