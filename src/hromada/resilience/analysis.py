"""The regional input-output model of a municipality, shock scenarios on it and project
multipliers: thin, tested glue between the municipality's data and ``hromada.econ``.

Nothing here touches the database: :mod:`hromada.resilience.selectors` gathers the inputs.

The national table is the *demonstration* table of :mod:`hromada.demo_io` (20 KVED
sections; not official Ukrainian data). It is regionalised with location quotients
(:func:`hromada.econ.inputoutput.regionalise`) from the municipality's own employment by
KVED section when it was imported, else from the national structure scaled by population.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from hromada.econ.inoperability import scenario as iim_scenario
from hromada.econ.inputoutput import (
    close_households,
    impact,
    leontief_inverse,
    multiplier_table,
    regionalise,
)

METHODS = ("slq", "cilq", "flq", "aflq")
#: Ukraine's population on 1 January 2022 (State Statistics Service estimate), used only
#: to scale the national structure when the municipality has no employment data.
UKRAINE_POPULATION_2022 = 41_167_335

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
    from hromada.demo_io import demo_table

    return demo_table()


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

    @property
    def sectors(self) -> pd.Index:
        return self.A.columns


def regional_model(*, local: pd.Series | None, year: int | None = None,
                   national_reference: pd.Series | None = None,
                   population: int | None = None, method: str = "flq",
                   delta: float = 0.25) -> RegionModel:
    """Regionalise the demonstration national table for one municipality.

    Parameters
    ----------
    local : Series or None
        The municipality's employment by KVED section (persons); None or empty: use the
        national structure scaled by ``population`` / Ukraine's population.
    national_reference : Series, optional
        Ukraine's employment by section in the same year (the dataset's reference rows);
        default: the national table's own employment.
    method, delta
        Passed to :func:`hromada.econ.inputoutput.regionalise`.
    """
    t = national_table()
    sectors = t.sectors
    national_emp = t.employment.reindex(sectors).astype(float)
    dropped: list[str] = []
    if local is not None and float(pd.Series(local).sum()) > 0:
        local = pd.Series(local, dtype=float)
        dropped = sorted(str(s) for s in local.index.difference(sectors) if local[s] > 0)
        E = local.reindex(sectors, fill_value=0.0)
        size_source = "local"
        if national_reference is not None and float(pd.Series(national_reference).sum()) > 0:
            N = pd.Series(national_reference, dtype=float).reindex(sectors, fill_value=0.0)
            # a sector present locally but missing from the reference cannot be compared
            N = N.where(~((N == 0) & (E > 0)), E)
            nat_source = "reference"
        else:
            N = national_emp
            nat_source = "table"
    else:
        size_source = "national"
        nat_source = "table"
        N = national_emp
        ratio = (population or 0) / UKRAINE_POPULATION_2022
        if ratio <= 0:
            ratio = 0.001
        E = N * ratio
    A_r = regionalise(t.A, E, N, method=method, delta=float(delta))
    share = (E / N.replace(0, np.nan)).fillna(0.0)
    x = (t.x * share).rename("x")
    wages = (t.compensation * share).rename("wages")
    jobs = (t.employment * share).rename("jobs")
    hh = (t.household_consumption.reindex(sectors, fill_value=0.0) * share).rename("households")
    keep = x.index[x > 0]  # sectors absent from the municipality drop out of the model
    return RegionModel(
        A=A_r.loc[keep, keep], x=x[keep], wages=wages[keep], jobs=jobs[keep],
        household_consumption=hh[keep], regional_size=E, national_size=N, method=method,
        delta=float(delta), size_source=size_source, national_size_source=nat_source,
        year=year, table_source=t.source, units=t.units, dropped=dropped,
    )


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

    @property
    def indirect_loss(self) -> float:
        return self.total_loss - self.direct_loss

    def economy_daily(self) -> pd.Series:
        """Output-weighted inoperability of the whole local economy per day."""
        x = self.model.x.reindex(self.daily.columns)
        return (self.daily * x).sum(axis=1) / float(x.sum())


def run_scenario(model: RegionModel, shocks: list[dict], *, horizon: int = 365
                 ) -> ScenarioOutcome:
    """Run :func:`hromada.econ.inoperability.scenario` for ``shocks`` on ``model``.

    Sectors not shocked recover in the longest recovery time of the shocks.
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
    result = iim_scenario(model.A, model.x, share, days=days_s, recovery_days=rec_s,
                          horizon=int(horizon))
    daily = result.daily.xs(0, level="scenario")
    loss = result.loss_by_sector.iloc[0]
    return ScenarioOutcome(
        shocks=share, daily=daily, loss=loss.sort_values(ascending=False),
        peak=result.peak.iloc[0], total_loss=float(result.total_loss.iloc[0]),
        direct_loss=float(result.direct_loss.iloc[0]),
        indirect_share=float(result.indirect_share.iloc[0]),
        ranking=[str(s) for s in result.ranking.iloc[0].tolist()], skipped=skipped,
        model=model, horizon=int(horizon),
    )


# --- Multipliers -----------------------------------------------------------------------


@dataclass
class ProjectImpact:
    sector: str
    amount: float  # in the table's units (million UAH)
    table: pd.DataFrame  # multiplier table of the regional model
    by_sector: pd.DataFrame  # output, income, jobs (Type I) and *_type2 by sector
    totals: dict  # output/income/jobs, type1/type2


def project_impact(model: RegionModel, sector: str, amount: float) -> ProjectImpact:
    """Local output, income and jobs of spending ``amount`` (table units) in ``sector``."""
    if sector not in model.sectors:
        raise KeyError(sector)
    A, x = model.A, model.x
    table = multiplier_table(A, x, wages=model.wages, jobs=model.jobs,
                             household_consumption=model.household_consumption)
    delta_f = pd.Series(0.0, index=A.columns)
    delta_f[sector] = float(amount)
    L = leontief_inverse(A)
    one = impact(L, delta_f, x=x, value_added_or_wages=model.wages, jobs=model.jobs)
    L2 = leontief_inverse(close_households(A, x, model.wages, model.household_consumption))
    two = impact(L2, delta_f, x=x, value_added_or_wages=model.wages, jobs=model.jobs,
                 households=True)
    by_sector = pd.DataFrame({
        "output": one["output"], "income": one["income"], "jobs": one["jobs"],
        "output_type2": two["output"], "income_type2": two["income"],
        "jobs_type2": two["jobs"],
    })
    totals = {k: float(by_sector[k].sum()) for k in by_sector.columns}
    return ProjectImpact(sector=sector, amount=float(amount), table=table,
                         by_sector=by_sector, totals=totals)
