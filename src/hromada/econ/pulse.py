"""The monthly fiscal pulse of a local budget.

Own revenue by source, in real terms, seasonally adjusted, the war's shock and recovery
dated, the wage bill implied by the personal income tax, a 12-month forecast with
prediction intervals and its rolling-origin backtest, and the fiscal space left for
co-financing.

Pure pandas/numpy/statsmodels: monthly frames in (the tidy frame of
:mod:`hromada.econ.budget_monthly`), frames out. Formulas, rates and sources are in
``docs/econ/pulse.md``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from hromada.econ.errors import DegenerateResultWarning, HromadaDataError

__all__ = [
    "SOURCES",
    "PIT_RATE",
    "PIT_LOCAL_SHARE",
    "classify_codes",
    "monthly_sources",
    "price_level",
    "deflate",
    "yoy",
    "seasonal_adjust",
    "Shock",
    "date_shock",
    "wage_bill",
    "forecast",
    "backtest",
    "backtest_summary",
    "apply_assumptions",
    "fiscal_space",
]

#: Revenue sources, in display order: (name, rule on the 8-digit income code).
#: Codes: Budget classification of incomes (Ministry of Finance order 11 of 14.01.2011).
SOURCES = (
    "pit_wages",  # 11010100 PIT withheld from wages
    "pit_military",  # 11010200 PIT on military pay (to the state budget from Oct 2023)
    "pit_other",  # other 1101xxxx: other income, annual declarations, fixed PIT
    "single_tax_individuals",  # 18050400
    "single_tax_firms",  # 18050300 (legal entities)
    "single_tax_agri",  # 18050500 (group 4, farm producers)
    "property",  # 18010100-18010400 real-estate tax, 18011000/18011100 transport tax
    "land",  # 18010500-18010900 land tax and rent
    "excise",  # 14xxxxxx excise on retail sales and fuel
    "other_tax",  # other 1xxxxxxx: corporate tax of municipal firms, rent, fees
    "non_tax",  # 2xxxxxxx, 3xxxxxxx capital, 5xxxxxxx targeted funds
    "transfers",  # 4xxxxxxx grants and subventions
)
OWN_SOURCES = SOURCES[:-1]

#: Personal income tax rate on wages: 18 % (Tax Code of Ukraine art. 167.1) in every year
#: of the data; the military levy (1.5 %, 5 % from 1 December 2024, Law 4015-IX) goes to
#: the state budget and is not in these receipts.
PIT_RATE = {y: 0.18 for y in range(2015, 2031)}
#: Share of PIT on wages credited to a hromada's budget (Budget Code art. 64): 60 % up to
#: 2021; 64 % from 2022 (State Budget law 1928-IX for 2022; kept in 2023-2026, of which
#: at least 4 points earmarked for heat and water utilities in 2024; 2026 Law 4695-IX adds
#: an extra share for energy bills, not included here). Kyiv's share differs: not known here.
PIT_LOCAL_SHARE = {**{y: 0.60 for y in range(2015, 2022)}, **{y: 0.64 for y in range(2022, 2031)}}


def _num(code: pd.Series) -> np.ndarray:
    s = code.astype(str).str.strip()
    bad = ~s.str.fullmatch(r"\d{8}")
    if bad.any():
        rows = np.flatnonzero(bad.to_numpy()) + 1
        raise HromadaDataError(
            f"column code: rows {rows[:5].tolist()} are not 8-digit income codes: "
            f"{s[bad].unique()[:5].tolist()}."
        )
    return s.astype(np.int64).to_numpy()


def classify_codes(codes) -> pd.Series:
    """Return the revenue source (:data:`SOURCES`) of each 8-digit income code.

    Examples
    --------
    >>> classify_codes(["11010100", "11010200", "18050400", "18010600", "41033900"]).tolist()
    ['pit_wages', 'pit_military', 'single_tax_individuals', 'land', 'transfers']
    """
    s = pd.Series(codes, dtype="object")
    c = _num(s)
    conds = [
        c == 11010100,
        c == 11010200,
        (c // 10000) == 1101,
        c == 18050400,
        c == 18050300,
        c == 18050500,
        ((c >= 18010100) & (c <= 18010499)) | (c == 18011000) | (c == 18011100),
        (c >= 18010500) & (c <= 18010999),
        (c // 1000000) == 14,
        (c // 10000000) == 1,
        np.isin(c // 10000000, [2, 3, 5]),
        (c // 10000000) == 4,
    ]
    out = np.select(conds, list(SOURCES), default="")
    bad = out == ""
    if bad.any():
        raise HromadaDataError(
            f"column code: income codes outside classes 1-5: {np.unique(c[bad])[:5].tolist()}."
        )
    return pd.Series(out, index=s.index)


def monthly_sources(tidy: pd.DataFrame, *, budget=None, fund: str = "C") -> pd.DataFrame:
    """Monthly revenue of one budget by source, UAH.

    Columns :data:`SOURCES` plus ``own`` (all but transfers), ``own_excl_military``
    (``own - pit_military``) and ``total``; index the months (first day), every month from
    the first to the last present (a month with no receipts is 0).

    Parameters
    ----------
    tidy : DataFrame
        :data:`hromada.econ.budget_monthly.TIDY_COLUMNS` of incomes.
    budget : str or list of str, optional
        The 10-digit budget code, or the codes one hromada's budget had over time (codes
        changed in 2023 for some cities; their months do not overlap); may be omitted when
        ``tidy`` holds one budget.
    fund : {"C", "S", "T"}
        General fund (default: the money a council plans with), special fund or total.

    Examples
    --------
    >>> t = pd.DataFrame({"budget": "1", "fund": "C", "code": ["11010100", "41033900"],
    ...     "month": pd.Timestamp("2024-01-01"), "cumulative": 0.0, "amount": [5.0, 3.0]})
    >>> monthly_sources(t).loc["2024-01-01", ["pit_wages", "own", "total"]].tolist()
    [5.0, 5.0, 8.0]
    """
    needed = {"budget", "fund", "code", "month", "amount"}
    if not needed <= set(tidy.columns):
        raise HromadaDataError(
            f"monthly_sources: columns {sorted(needed - set(tidy.columns))} are missing."
        )
    if fund not in ("C", "S", "T"):
        raise HromadaDataError(f"fund must be C, S or T, not {fund!r}.")
    t = tidy
    if budget is None:
        budgets = t["budget"].unique()
        if len(budgets) != 1:
            raise HromadaDataError(
                f"the data hold {len(budgets)} budgets; name one with "
                f"budget= ({list(budgets[:5])})."
            )
    else:
        codes = [budget] if isinstance(budget, str) else list(budget)
        t = t[t["budget"].isin(codes)]
    t = t[t["fund"] == fund]
    if t.empty:
        raise HromadaDataError(f"no rows for budget {budget!r} and fund {fund!r}.")
    src = classify_codes(t["code"].to_numpy())
    wide = pd.DataFrame(
        {
            "month": pd.to_datetime(t["month"]).to_numpy(),
            "source": src.to_numpy(),
            "amount": t["amount"].to_numpy(),
        }
    ).pivot_table(index="month", columns="source", values="amount", aggfunc="sum", fill_value=0.0)
    months = pd.date_range(wide.index.min(), wide.index.max(), freq="MS")
    wide = wide.reindex(index=months, columns=list(SOURCES), fill_value=0.0)
    wide.index.name = "month"
    wide["own"] = wide[list(OWN_SOURCES)].sum(axis=1)
    wide["own_excl_military"] = wide["own"] - wide["pit_military"]
    wide["total"] = wide["own"] + wide["transfers"]
    return wide


def price_level(cpi_prev_month: pd.Series) -> pd.Series:
    """Return the consumer price level from month-on-month indices (previous month = 100).

    Formula: ``P(t) = prod_{s <= t} I(s) / 100``, ``P`` = 1 in the month before the first
    index. Source of the official series: State Statistics Service of Ukraine, SDMX
    ``INDEX_CONSUMPRICE.PREV_MONTH.UA00000000000000000.0.M`` (CC BY 4.0).

    Parameters
    ----------
    cpi_prev_month : Series
        Indexed by month (``"2021-01"`` strings or timestamps), values previous month = 100.

    Examples
    --------
    >>> price_level(pd.Series({"2021-01": 101.0, "2021-02": 110.0})).round(4).tolist()
    [1.01, 1.111]
    """
    s = pd.Series(cpi_prev_month, dtype=float)
    idx = pd.to_datetime(pd.Index(s.index).astype(str)).to_period("M").to_timestamp()
    s.index = idx
    s = s.sort_index()
    bad = ~np.isfinite(s.to_numpy()) | (s.to_numpy() <= 0)
    if bad.any():
        raise HromadaDataError(
            f"CPI: months {list(s.index[bad].strftime('%Y-%m')[:5])} have no positive index."
        )
    full = pd.date_range(s.index.min(), s.index.max(), freq="MS")
    if len(full) != len(s):
        gaps = full.difference(s.index)
        raise HromadaDataError(f"CPI: months {list(gaps.strftime('%Y-%m')[:5])} are missing.")
    return np.exp(np.log(s / 100.0).cumsum())


def deflate(
    values: pd.DataFrame | pd.Series, level: pd.Series, *, base: str | pd.Timestamp | None = None
) -> pd.DataFrame | pd.Series:
    """Amounts in prices of the ``base`` month (default: the last month of ``values``).

    Formula: ``real(t) = nominal(t) * P(base) / P(t)``.

    Raises
    ------
    HromadaDataError
        A month of ``values`` or the base has no price level.

    Examples
    --------
    >>> p = pd.Series([1.0, 1.1], index=pd.to_datetime(["2021-01-01", "2021-02-01"]))
    >>> deflate(pd.Series([100.0, 110.0], index=p.index), p).round(6).tolist()
    [110.0, 110.0]
    """
    idx = pd.DatetimeIndex(values.index)
    missing = idx.difference(level.index)
    base_ts = pd.Timestamp(base) if base is not None else idx.max()
    if len(missing) or base_ts not in level.index:
        months = list(missing.strftime("%Y-%m")[:5]) or [base_ts.strftime("%Y-%m")]
        raise HromadaDataError(
            f"no consumer price index for {months}: the CPI series ends {level.index.max():%Y-%m}."
        )
    factor = level.loc[base_ts] / level.reindex(idx).to_numpy()
    if isinstance(values, pd.DataFrame):
        return values.mul(factor, axis=0)
    return values * factor


def yoy(values: pd.Series, *, window: int = 12) -> pd.Series:
    """Year-on-year change of rolling ``window``-month sums.

    Formula: ``g(t) = S(t) / S(t - 12) - 1``, ``S(t) = sum_{k<window} x(t - k)``; NaN where
    the base is not positive. ``window=1`` compares single months; 12 (default) compares
    the last twelve months with the twelve before, which removes seasonality and the
    noise of single months. Pass real amounts (:func:`deflate`) for real growth.

    Examples
    --------
    >>> s = pd.Series(np.r_[np.ones(12), 2 * np.ones(12)],
    ...               index=pd.date_range("2021-01-01", periods=24, freq="MS"))
    >>> float(yoy(s).iloc[-1])
    1.0
    """
    if window < 1:
        raise HromadaDataError("window must be at least 1 month.")
    s = values.astype(float)
    roll = s.rolling(window, min_periods=window).sum()
    base = roll.shift(12)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = roll / base.where(base > 0) - 1
    return out


def seasonal_adjust(values: pd.Series, *, robust: bool = True) -> pd.DataFrame:
    """Seasonal adjustment by STL (Cleveland et al. 1990) on the logarithm.

    Formula: ``ln x(t) = T(t) + S(t) + R(t)`` (statsmodels ``STL``, period 12, robust
    weights by default so the war months do not bend the seasonal pattern); adjusted
    ``x_sa(t) = exp(T(t) + R(t)) = x(t) / exp(S(t))``, trend ``exp(T(t))``.

    Needs at least 24 positive monthly values.

    Returns
    -------
    DataFrame with columns ``observed``, ``trend``, ``seasonal_factor``, ``adjusted``.

    Examples
    --------
    >>> t = np.arange(48)
    >>> s = pd.Series(100 * np.exp(0.2 * np.sin(2 * np.pi * t / 12)),
    ...               index=pd.date_range("2021-01-01", periods=48, freq="MS"))
    >>> bool(seasonal_adjust(s)["adjusted"].std() < 1)
    True
    """
    from statsmodels.tsa.seasonal import STL

    s = _positive_monthly(values, "seasonal_adjust", minimum=24)
    res = STL(np.log(s), period=12, robust=robust).fit()
    return pd.DataFrame(
        {
            "observed": s,
            "trend": np.exp(res.trend),
            "seasonal_factor": np.exp(res.seasonal),
            "adjusted": np.exp(res.trend + res.resid),
        },
        index=s.index,
    )


def _positive_monthly(values: pd.Series, name: str, *, minimum: int) -> pd.Series:
    if not isinstance(values, pd.Series):
        raise HromadaDataError(f"{name} expects a Series indexed by month.")
    s = values.astype(float).copy()
    s.index = pd.DatetimeIndex(s.index).to_period("M").to_timestamp()
    s = s.sort_index()
    full = pd.date_range(s.index.min(), s.index.max(), freq="MS") if len(s) else s.index
    if len(full) != len(s):
        gaps = list(full.difference(s.index).strftime("%Y-%m")[:5])
        raise HromadaDataError(
            f"{name}: months {gaps} are missing; the series must be monthly without gaps."
        )
    bad = ~np.isfinite(s.to_numpy()) | (s.to_numpy() <= 0)
    if bad.any():
        raise HromadaDataError(
            f"{name}: months {list(s.index[bad].strftime('%Y-%m')[:5])} have values "
            f"{s[bad].round(0).tolist()[:5]}; the method needs positive amounts (use own "
            f"revenue of the general fund, which is positive every month)."
        )
    if len(s) < minimum:
        raise HromadaDataError(f"{name}: {len(s)} months; at least {minimum} are needed.")
    s.index.freq = "MS"
    return s


@dataclass(frozen=True)
class Shock:
    """The war's shock and recovery on a seasonally adjusted real series.

    ``pre_level``: mean over the pre-war months; ``trough``: the month of the lowest
    3-month centred mean within ``search`` months from the invasion; ``depth``:
    ``level(trough) / pre_level - 1``; ``recovered``: the first month after the trough
    whose 3-month mean is back at ``pre_level`` (None if not yet); ``months_to_recover``.
    """

    pre_level: float
    trough: pd.Timestamp
    trough_level: float
    depth: float
    recovered: pd.Timestamp | None
    months_to_recover: int | None
    last_level: float
    last_gap: float  # level of the last 3 months / pre_level - 1


def date_shock(
    adjusted: pd.Series, *, invasion: str = "2022-02-01", pre_months: int = 12, search: int = 24
) -> Shock:
    """Date the war's shock and the recovery on a seasonally adjusted series.

    Convention: pre-war level ``L0`` = mean of the ``pre_months`` months before the
    invasion month (24 February 2022: January 2021 - January 2022 by default); smoothed
    level ``m(t)`` = centred 3-month mean; trough ``t* = argmin m(t)`` over the invasion
    month and the ``search - 1`` following; depth ``m(t*) / L0 - 1``; recovery = first
    ``t > t*`` with ``m(t) >= L0``. Use real amounts (:func:`deflate`) so that inflation
    does not pass for recovery.

    Examples
    --------
    >>> idx = pd.date_range("2021-01-01", periods=36, freq="MS")
    >>> x = pd.Series(np.r_[np.full(13, 100.0), np.full(6, 60.0), np.full(17, 110.0)], idx)
    >>> r = date_shock(x)
    >>> (r.trough.strftime("%Y-%m"), round(r.depth, 2), r.recovered.strftime("%Y-%m"))
    ('2022-03', -0.4, '2022-09')
    """
    s = _positive_monthly(adjusted, "date_shock", minimum=pre_months + 3)
    inv = pd.Timestamp(invasion).to_period("M").to_timestamp()
    pre = s[(s.index < inv) & (s.index >= inv - pd.DateOffset(months=pre_months))]
    if len(pre) < pre_months:
        raise HromadaDataError(
            f"date_shock: {len(pre)} pre-war months before {inv:%Y-%m}; {pre_months} are needed."
        )
    l0 = float(pre.mean())
    m = s.rolling(3, center=True, min_periods=2).mean()
    window = m[(m.index >= inv) & (m.index < inv + pd.DateOffset(months=search))]
    if window.empty:
        raise HromadaDataError("date_shock: no months after the invasion.")
    t_star = window.idxmin()
    after = m[m.index > t_star]
    back = after[after >= l0]
    rec = back.index[0] if len(back) else None
    months = None if rec is None else (rec.year - t_star.year) * 12 + rec.month - t_star.month
    last = float(s.iloc[-3:].mean())
    return Shock(
        pre_level=l0,
        trough=t_star,
        trough_level=float(m[t_star]),
        depth=float(m[t_star] / l0 - 1),
        recovered=rec,
        months_to_recover=months,
        last_level=last,
        last_gap=last / l0 - 1,
    )


def wage_bill(
    pit_wages: pd.Series,
    *,
    rate: dict | float | None = None,
    local_share: dict | float | None = None,
) -> pd.Series:
    """Gross wage bill implied by the PIT on wages a hromada receives, UAH per month.

    Formula: ``W(t) = PIT_w(t) / (tau(y) * s(y))`` with ``tau`` the PIT rate
    (:data:`PIT_RATE`, 18 %, Tax Code art. 167.1) and ``s`` the share of PIT credited to
    the hromada (:data:`PIT_LOCAL_SHARE`: 60 % to 2021, 64 % from 2022, Budget Code
    art. 64 and the State Budget laws). Convention: PIT is withheld when wages are paid,
    so receipts of month t mostly reflect wages of month t - 1 (and of the place of work,
    not of residence); the estimate ignores the tax social benefit and untaxed pay.

    Examples
    --------
    >>> idx = pd.to_datetime(["2021-12-01", "2022-01-01"])
    >>> wage_bill(pd.Series([108.0, 115.2], idx)).round(1).tolist()
    [1000.0, 1000.0]
    """
    s = pd.Series(pit_wages, dtype=float)
    years = pd.DatetimeIndex(s.index).year

    def per_year(param, default, name):
        if param is None:
            param = default
        if isinstance(param, (int, float)):
            return np.full(len(s), float(param))
        vals = np.array([param.get(int(y), np.nan) for y in years], dtype=float)
        if np.isnan(vals).any():
            raise HromadaDataError(
                f"wage_bill: no {name} for years {sorted(set(years[np.isnan(vals)]))}."
            )
        return vals

    tau = per_year(rate, PIT_RATE, "PIT rate")
    share = per_year(local_share, PIT_LOCAL_SHARE, "local share")
    if ((tau <= 0) | (tau > 1) | (share <= 0) | (share > 1)).any():
        raise HromadaDataError("wage_bill: rates and shares must lie in (0, 1].")
    return s / (tau * share)


def _fit(y: np.ndarray, start: pd.Timestamp):
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    idx = pd.date_range(start, periods=len(y), freq="MS")
    model = ETSModel(
        pd.Series(y, idx),
        error="add",
        trend="add",
        damped_trend=True,
        seasonal="add",
        seasonal_periods=12,
        initialization_method="heuristic",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return model.fit(disp=False, maxiter=200)


def forecast(
    values: pd.Series, *, horizon: int = 12, levels: tuple[float, ...] = (0.8, 0.95)
) -> pd.DataFrame:
    """Forecast a positive monthly series ``horizon`` months ahead with prediction intervals.

    Model: exponential smoothing with additive error, additive damped trend and additive
    seasonality, ETS(A,Ad,A), on ``y = ln x`` (Hyndman et al. 2008, ch. 2 and 6;
    statsmodels ``ETSModel``, initial states by the heuristic of Hyndman et al. 2008
    sec. 2.6, smoothing parameters by maximum likelihood):
    ``y(t) = l(t-1) + phi b(t-1) + s(t-12) + e(t)``,
    ``l(t) = l(t-1) + phi b(t-1) + alpha e(t)``, ``b(t) = phi b(t-1) + beta e(t)``,
    ``s(t) = s(t-12) + gamma e(t)``; the damped growth term carries the nominal growth
    (inflation) forward without extrapolating it forever. The point forecast
    ``exp(mu_h)`` is the median;
    the interval at level ``p`` is ``exp(mu_h +- z_{(1+p)/2} sigma_h)`` with the
    analytical variance of the model. Needs at least 36 months.

    Returns
    -------
    DataFrame indexed by month with ``forecast`` and ``lower_80``/``upper_80``... for each
    level.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> t = np.arange(60)
    >>> s = pd.Series(np.exp(10 + 0.01 * t + 0.2 * np.sin(2 * np.pi * t / 12)
    ...                      + rng.normal(0, 0.02, 60)),
    ...               index=pd.date_range("2021-01-01", periods=60, freq="MS"))
    >>> f = forecast(s)
    >>> len(f), bool((f["lower_95"] < f["forecast"]).all())
    (12, True)
    """
    s = _positive_monthly(values, "forecast", minimum=36)
    if not 1 <= horizon <= 36:
        raise HromadaDataError("horizon must be 1-36 months.")
    for p in levels:
        if not 0 < p < 1:
            raise HromadaDataError(f"interval level {p} must lie in (0, 1).")
    res = _fit(np.log(s.to_numpy()), s.index[0])
    pred = res.get_prediction(start=len(s), end=len(s) + horizon - 1)
    mu = np.asarray(pred.predicted_mean, dtype=float)
    sd = np.sqrt(np.asarray(pred.var_pred_mean, dtype=float))
    out = pd.DataFrame(
        {"forecast": np.exp(mu)},
        index=pd.date_range(s.index[-1] + pd.DateOffset(months=1), periods=horizon, freq="MS"),
    )
    from scipy.stats import norm

    for p in levels:
        z = norm.ppf((1 + p) / 2)
        tag = int(round(p * 100))
        out[f"lower_{tag}"] = np.exp(mu - z * sd)
        out[f"upper_{tag}"] = np.exp(mu + z * sd)
    out.index.name = "month"
    return out


def backtest(
    values: pd.Series,
    *,
    horizon: int = 12,
    first_origin: str | None = None,
    min_train: int = 36,
    step: int = 1,
    levels: tuple[float, ...] = (0.8, 0.95),
) -> pd.DataFrame:
    """Rolling-origin backtest of :func:`forecast` against the seasonal naive forecast.

    For each origin ``o`` (every ``step``-th month from ``first_origin``, default the first
    month with ``min_train`` months of history, to the last month with at least one month
    after it),
    fit on months ``<= o`` and forecast ``o + 1 .. o + horizon`` (Tashman 2000). The
    seasonal naive forecast repeats the same month of the last year: ``x(o + h - 12k)``.

    Returns
    -------
    DataFrame, one row per origin and horizon present in the data: ``origin``, ``month``,
    ``h``, ``actual``, ``forecast``, ``naive``, ``ape`` (absolute percentage error),
    ``ape_naive`` and ``inside_80``... (bool) for each level.
    """
    s = _positive_monthly(values, "backtest", minimum=min_train + 1)
    start = (
        pd.Timestamp(first_origin).to_period("M").to_timestamp()
        if first_origin
        else s.index[min_train - 1]
    )
    if start < s.index[min_train - 1]:
        raise HromadaDataError(
            f"backtest: the first origin needs {min_train} months of "
            f"history; the earliest is {s.index[min_train - 1]:%Y-%m}."
        )
    if step < 1:
        raise HromadaDataError("step must be at least 1 month.")
    origins = s.index[(s.index >= start) & (s.index < s.index[-1])][::step]
    rows = []
    for o in origins:
        train = s[s.index <= o]
        f = forecast(train, horizon=horizon, levels=levels)
        f = f[f.index.isin(s.index)]
        actual = s.reindex(f.index).to_numpy()
        h = np.arange(1, len(f) + 1)
        naive = train.iloc[-12:].to_numpy()[(h - 1) % 12]
        block = pd.DataFrame(
            {
                "origin": o,
                "month": f.index,
                "h": h,
                "actual": actual,
                "forecast": f["forecast"].to_numpy(),
                "naive": naive,
            }
        )
        for p in levels:
            tag = int(round(p * 100))
            block[f"inside_{tag}"] = (actual >= f[f"lower_{tag}"].to_numpy()) & (
                actual <= f[f"upper_{tag}"].to_numpy()
            )
        rows.append(block)
    if not rows:
        raise HromadaDataError("backtest: no origin with data after it.")
    out = pd.concat(rows, ignore_index=True)
    out["ape"] = (out["forecast"] / out["actual"] - 1).abs()
    out["ape_naive"] = (out["naive"] / out["actual"] - 1).abs()
    return out


def backtest_summary(bt: pd.DataFrame) -> dict:
    """Return the headline errors of :func:`backtest`.

    MAPE over all horizons and at h = 1, 3, 12 for the model and the seasonal naive
    forecast, the error of the 12-month total (origins with all 12 months observed), the
    share of actual values inside each interval.

    Examples
    --------
    >>> bt = pd.DataFrame({"origin": [1, 1], "h": [1, 2], "actual": [100.0, 100.0],
    ...     "forecast": [90.0, 110.0], "naive": [80.0, 100.0], "ape": [0.1, 0.1],
    ...     "ape_naive": [0.2, 0.0], "inside_80": [True, False]})
    >>> backtest_summary(bt)["mape"], backtest_summary(bt)["coverage_80"]
    (0.1, 0.5)
    """
    out = {
        "origins": int(bt["origin"].nunique()),
        "forecasts": int(len(bt)),
        "mape": float(bt["ape"].mean()),
        "mape_naive": float(bt["ape_naive"].mean()),
    }
    for h in (1, 3, 12):
        sel = bt[bt["h"] == h]
        out[f"mape_h{h}"] = float(sel["ape"].mean()) if len(sel) else float("nan")
        out[f"mape_naive_h{h}"] = float(sel["ape_naive"].mean()) if len(sel) else float("nan")
    full = bt.groupby("origin").filter(lambda g: g["h"].max() >= 12 and len(g) >= 12)
    if len(full):
        tot = full.groupby("origin")[["actual", "forecast", "naive"]].sum()
        out["annual_ape"] = float((tot["forecast"] / tot["actual"] - 1).abs().mean())
        out["annual_ape_naive"] = float((tot["naive"] / tot["actual"] - 1).abs().mean())
        out["annual_origins"] = int(len(tot))
    else:
        out["annual_ape"] = out["annual_ape_naive"] = float("nan")
        out["annual_origins"] = 0
    for c in bt.columns:
        if c.startswith("inside_"):
            out[f"coverage_{c.removeprefix('inside_')}"] = float(bt[c].mean())
    return out


def apply_assumptions(
    fc: pd.DataFrame,
    shares: dict[str, float],
    *,
    base_lost: float = 0.0,
    rate_change: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Return a forecast of own revenue adjusted by the user's assumptions.

    Formula: every column ``c`` of ``fc`` (forecast and bounds) becomes
    ``c * (1 - b * s_pit + sum_j s_j (r_j - 1))`` with ``s_j`` the share of source ``j``
    in own revenue over the last 12 months (``shares``), ``b`` the share of the wage tax
    base lost (e.g. to mobilisation: PIT on wages falls by ``b``) and ``r_j`` the ratio of
    the new to the old rate of source ``j`` (1.1 = a 10 % higher rate; a change of the local
    PIT share from 64 % to 60 % is ``r = 60/64``). Static: no behavioural response.

    Examples
    --------
    >>> fc = pd.DataFrame({"forecast": [100.0]})
    >>> apply_assumptions(fc, {"pit_wages": 0.5}, base_lost=0.1)["forecast"].tolist()
    [95.0]
    """
    if not 0 <= base_lost < 1:
        raise HromadaDataError(f"the share of the tax base lost must lie in [0, 1): {base_lost}.")
    factor = 1 - base_lost * float(shares.get("pit_wages", 0.0))
    for source, ratio in (rate_change or {}).items():
        if source not in shares:
            raise HromadaDataError(
                f"rate change for unknown source {source!r}; sources: {sorted(shares)}."
            )
        if not ratio >= 0:
            raise HromadaDataError(f"rate ratio for {source} must be non-negative: {ratio}.")
        factor += float(shares[source]) * (ratio - 1)
    if factor <= 0:
        raise HromadaDataError(
            f"the assumptions leave no own revenue (factor {factor:.3f}); "
            f"check the share of the base lost and the rate ratios."
        )
    return fc * factor


def fiscal_space(expected_own: float, committed: float, *, reserve: float = 0.0) -> dict:
    """Co-financing a hromada can offer from its own revenue.

    Formula: ``space = E - C - R`` with ``E`` the expected own revenue of the period
    (forecast), ``C`` the spending already committed from it (wages of budget institutions,
    utilities, debt service, protected items) and ``R`` a reserve; the co-financing offer
    is ``max(space, 0)``; a negative space is a shortfall.

    Examples
    --------
    >>> fiscal_space(100.0, 80.0, reserve=5.0)
    {'expected': 100.0, 'committed': 80.0, 'reserve': 5.0, 'space': 15.0, 'cofinancing': 15.0}
    """
    for name, v in (
        ("expected own revenue", expected_own),
        ("committed spending", committed),
        ("reserve", reserve),
    ):
        if not np.isfinite(v) or v < 0:
            raise HromadaDataError(f"{name} must be a non-negative amount: {v}.")
    space = float(expected_own) - float(committed) - float(reserve)
    if space < 0:
        warnings.warn(
            "committed spending exceeds expected own revenue", DegenerateResultWarning, stacklevel=2
        )
    return {
        "expected": float(expected_own),
        "committed": float(committed),
        "reserve": float(reserve),
        "space": space,
        "cofinancing": max(space, 0.0),
    }
