"""Reads: the hromada's monthly budget (its own import, else the bundled OpenBudget data of
its city, else a real city shown as an example, said so) and the pulse computed from it
by :mod:`hromada.econ.pulse`. Computations are cached per data version."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from hromada.budget.models import MonthlyBudget, PulseAssumptions
from hromada.econ import pulse as P
from hromada.econ.errors import HromadaDataError
from hromada.refdata.budget_monthly import budget_hromadas, cpi_monthly, monthly_incomes
from hromada.refdata.locations import data_dir

if TYPE_CHECKING:
    from hromada.workspaces.models import Municipality

#: The real city shown when a hromada has no monthly data of its own and none of its
#: oblast is bundled: Kharkiv, a frontline city whose revenue the war hit hard.
EXAMPLE_BUDGET_CITY = "Kharkiv"
#: Kyiv's share of PIT differs from other hromadas' and is not known here.
NO_WAGE_BILL = {"2600000000"}
BACKTEST_MONTHS = 24
BACKTEST_STEP = 3
#: Sources shown in the pulse, in order (the rest is "other").
MAIN = (
    "pit_wages",
    "pit_military",
    "single_tax_individuals",
    "single_tax_firms",
    "property",
    "land",
    "excise",
)


def _reference_tables():
    return monthly_incomes(), budget_hromadas()


def budget_codes_for(code: str) -> list[str]:
    """The bundled budget codes of the hromada ``code`` (empty if not one of the 25)."""
    try:
        _m, mapping = _reference_tables()
    except FileNotFoundError:
        return []
    return mapping.loc[mapping["hromada_code"] == code, "budget"].tolist()


def reference_rows(municipality: Municipality) -> pd.DataFrame | None:
    """The bundled months of the hromada's own budget (the 25 cities), if any."""
    codes = budget_codes_for(municipality.code)
    if not codes:
        return None
    monthly, _mapping = _reference_tables()
    return monthly[monthly["budget"].isin(codes)]


def frame_of(record) -> pd.DataFrame:
    d = record.data if isinstance(record.data, dict) else {}
    if not all(k in d for k in ("budget", "fund", "code", "month", "amount")):
        d = {k: [] for k in ("budget", "fund", "code", "month", "amount")}  # an empty record
    f = pd.DataFrame(
        {
            "budget": d["budget"],
            "fund": d["fund"],
            "code": d["code"],
            "month": pd.to_datetime(d["month"], format="%Y-%m"),
            "amount": np.asarray(d["amount"], dtype=float),
        }
    )
    f["cumulative"] = f.groupby(["budget", "fund", "code", f["month"].dt.year])["amount"].cumsum()
    return f


def example_city(code: str) -> tuple[str, list[str]]:
    """(city, budget codes) of the real city shown for a hromada without monthly data: a
    bundled city of the same oblast if there is one, else Kharkiv."""
    _m, mapping = _reference_tables()
    tied = mapping[mapping["hromada_code"].ne("")]
    same = tied[tied["hromada_code"].str[:4] == code[:4]]
    city = same["city"].iloc[0] if len(same) else EXAMPLE_BUDGET_CITY
    return city, mapping.loc[mapping["city"] == city, "budget"].tolist()


def data_source(municipality: Municipality) -> dict:
    """Which monthly data the pulse uses: ``kind`` is imported, fetched, reference or
    example (with the city), plus the cache key."""
    record = MonthlyBudget.objects.filter(municipality=municipality, item="incomes").first()
    if record is not None:
        return {
            "kind": "fetched" if record.layout == "fetched" else "imported",
            "record": record,
            "key": ("record", record.pk, record.updated_at.isoformat()),
            "codes": record.budget_codes.split(","),
            "city": "",
        }
    codes = budget_codes_for(municipality.code)
    if codes:
        _m, mapping = _reference_tables()
        city = mapping.loc[mapping["budget"] == codes[0], "city"].iloc[0]
        return {
            "kind": "reference",
            "key": ("reference", tuple(codes)),
            "codes": codes,
            "city": city,
        }
    city, codes = example_city(municipality.code)
    return {"kind": "example", "key": ("reference", tuple(codes)), "codes": codes, "city": city}


@dataclass
class Pulse:
    codes: list[str]
    sources: pd.DataFrame  # monthly UAH by source, general fund
    real: pd.DataFrame  # the same in prices of the base month
    base_month: pd.Timestamp
    seasonal: pd.DataFrame | None  # STL of real own revenue without military PIT
    shock: P.Shock | None
    growth: pd.DataFrame  # real year-on-year of 12-month sums, by source
    wage_bill: pd.Series | None  # UAH per month
    forecast: pd.DataFrame | None
    backtest: dict | None
    backtest_rows: pd.DataFrame | None
    shares: dict[str, float]
    cpi_source: dict
    notes: list[str] = field(default_factory=list)


def _frame_for(key: tuple) -> pd.DataFrame:
    if key[0] == "record":
        return frame_of(MonthlyBudget.all_objects.get(pk=key[1]))
    monthly, _map = _reference_tables()
    return monthly[monthly["budget"].isin(key[1])]


@lru_cache(maxsize=32)
def compute(key: tuple, *, with_backtest: bool = True) -> Pulse:
    """The pulse of the data ``key`` (see :func:`data_source`); cached."""
    tidy = _frame_for(key)
    codes = sorted(tidy["budget"].unique())
    sources = P.monthly_sources(tidy, budget=codes, fund="C")
    cpi, cpi_meta = cpi_monthly()
    level = P.price_level(cpi)
    covered = sources.index[sources.index <= level.index.max()]
    base = covered.max()
    real = P.deflate(sources.loc[covered], level, base=base)
    notes = []
    own = sources["own_excl_military"]
    seasonal = shock = fc = bt = bt_rows = None
    try:
        seasonal = P.seasonal_adjust(real["own_excl_military"])
        if real.index.min() <= pd.Timestamp("2021-02-01"):
            shock = P.date_shock(seasonal["adjusted"])
    except HromadaDataError as exc:
        notes.append(str(exc))
    try:
        fc = P.forecast(own)
        if with_backtest:
            first = own.index[-1] - pd.DateOffset(months=BACKTEST_MONTHS)
            bt_rows = P.backtest(own, first_origin=first, step=BACKTEST_STEP)
            bt = P.backtest_summary(bt_rows)
    except HromadaDataError as exc:
        notes.append(str(exc))
    cols = [*MAIN, "own_excl_military", "own"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        growth = pd.DataFrame({c: P.yoy(real[c]) for c in cols})
    wage = None
    if not set(codes) & NO_WAGE_BILL:
        wage = P.wage_bill(sources["pit_wages"])
    last12 = sources.iloc[-12:]
    own12 = float(last12["own_excl_military"].sum())
    shares = (
        {s: float(last12[s].sum()) / own12 for s in P.OWN_SOURCES if s != "pit_military"}
        if own12 > 0
        else {}
    )
    return Pulse(
        codes,
        sources,
        real,
        base,
        seasonal,
        shock,
        growth,
        wage,
        fc,
        bt,
        bt_rows,
        shares,
        cpi_meta,
        notes,
    )


def pulse_for(
    municipality: Municipality, *, with_backtest: bool = True
) -> tuple[dict, Pulse | None]:
    """(data source, pulse) of the municipality; pulse None without any monthly data."""
    try:
        source = data_source(municipality)
    except FileNotFoundError:
        return {"kind": "none"}, None
    try:
        return source, compute(source["key"], with_backtest=with_backtest)
    except HromadaDataError as exc:  # stored months too few or empty: no pulse, say why
        return {**source, "error": str(exc)}, None


def assumptions_of(municipality: Municipality):
    return PulseAssumptions.objects.filter(municipality=municipality).first()


def adjusted_forecast(p: Pulse, a) -> pd.DataFrame | None:
    """The forecast with the user's assumptions (none: the model's forecast)."""
    if p.forecast is None:
        return None
    if a is None:
        return p.forecast
    rate = {"pit_wages": a.pit_share_ratio}
    for s in ("single_tax_individuals", "single_tax_firms", "single_tax_agri"):
        rate[s] = a.single_tax_ratio
    for s in ("property", "land"):
        rate[s] = a.property_ratio
    shares = {s: p.shares.get(s, 0.0) for s in set(p.shares) | set(rate)}
    try:
        return P.apply_assumptions(
            p.forecast, shares, base_lost=a.base_lost / 100.0, rate_change=rate
        )
    except HromadaDataError:  # assumptions that remove all own revenue: nothing is left
        return p.forecast * 0.0


def fiscal_space_for(municipality: Municipality) -> dict | None:
    """Expected own revenue of the next 12 months (general fund, without the military PIT,
    with the user's assumptions) minus committed spending and reserve: the co-financing
    the hromada can offer. None without monthly data; ``example`` says when the data are
    another city's (then no amount is offered for the plan)."""
    source, p = pulse_for(municipality, with_backtest=False)
    if p is None or p.forecast is None:
        return None
    a = assumptions_of(municipality)
    fc = adjusted_forecast(p, a)
    if fc is None:  # not reached: there is a forecast
        return None
    expected = float(fc["forecast"].sum())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        space = P.fiscal_space(expected, a.committed if a else 0.0, reserve=a.reserve if a else 0.0)
    space.update(
        {
            "lower_80": float(fc["lower_80"].sum()),
            "upper_80": float(fc["upper_80"].sum()),
            "first_month": fc.index[0],
            "last_month": fc.index[-1],
            "kind": source["kind"],
            "city": source.get("city", ""),
            "committed_entered": bool(a and a.committed > 0),
        }
    )
    return space


@lru_cache(maxsize=2)
def _peers_table(root_key: str) -> pd.DataFrame:
    monthly, mapping = _reference_tables()
    level = P.price_level(cpi_monthly()[0])
    general = monthly[monthly["fund"] == "C"]
    source = P.classify_codes(general["code"].to_numpy()).to_numpy()
    keep = (source != "transfers") & (source != "pit_military")
    own_all = general[keep].groupby(["budget", "month"])["amount"].sum()
    rows = []
    for city, g in mapping.groupby("city"):
        try:
            own = own_all[own_all.index.get_level_values(0).isin(g["budget"])]
            own = own.groupby(level=1).sum()
            own = own.reindex(
                pd.date_range(own.index.min(), own.index.max(), freq="MS"), fill_value=0.0
            )
            covered = own[own.index <= level.index.max()]
            real = P.deflate(covered, level)
            sa = P.seasonal_adjust(real)["adjusted"]
            shock = P.date_shock(sa)
        except HromadaDataError:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            growth = float(P.yoy(real).iloc[-1])
        rows.append(
            {
                "city": city,
                "hromada_code": g["hromada_code"].iloc[0],
                "budgets": ",".join(g["budget"]),
                "depth": shock.depth,
                "trough": shock.trough,
                "recovered": shock.recovered,
                "months_to_recover": shock.months_to_recover,
                "last_gap": shock.last_gap,
                "real_growth": growth,
            }
        )
    return pd.DataFrame(rows).sort_values("depth").reset_index(drop=True)


def peers_or_none() -> pd.DataFrame | None:
    """:func:`peers`, or None when the bundled monthly data are missing or incomplete."""
    try:
        return peers()
    except (FileNotFoundError, KeyError):
        return None


def peers() -> pd.DataFrame:
    """The shock, recovery and real growth of own revenue (general fund, without the
    military PIT) of every bundled budget, for comparison (cached)."""
    return _peers_table(str(data_dir()))


#: Protected spending of the economic classification (KEKV) that a hromada cannot cut at
#: short notice: wages 2111, military pay 2112, payroll accruals 2120, utilities and
#: energy 2271-2276, debt service 2410 and 2420 (leaf codes only, so a total row of the
#: answer is never counted twice).
PROTECTED_KEKV = (
    "2111",
    "2112",
    "2120",
    "2271",
    "2272",
    "2273",
    "2274",
    "2275",
    "2276",
    "2410",
    "2420",
)


def committed_hint(municipality: Municipality) -> dict | None:
    """Spending on protected items of the general fund over the last 12 months of the
    imported EXPENSES answer (economic classification): a starting figure for the
    committed spending of the fiscal space. None without imported expenses."""
    record = MonthlyBudget.objects.filter(municipality=municipality, item="expenses").first()
    if record is None:
        return None
    f = frame_of(record)
    f = f[f["fund"] == "C"]
    if f.empty:
        return None
    last = f["month"].max()
    window = f[f["month"] > last - pd.DateOffset(months=12)]
    protected = window[window["code"].isin(PROTECTED_KEKV)]
    return {
        "amount": float(protected["amount"].sum()),
        "first": window["month"].min(),
        "last": last,
        "months": int(window["month"].nunique()),
    }
