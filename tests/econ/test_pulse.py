"""hromada.econ.pulse: sources, real terms, STL, shock dating, wage bill, forecast and backtest."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.econ import pulse
from hromada.econ.errors import HromadaDataError

KHARKIV = "2055400000"


@pytest.fixture(scope="module")
def monthly():
    from hromada.refdata.budget_monthly import monthly_incomes

    return monthly_incomes()


@pytest.fixture(scope="module")
def level():
    from hromada.refdata.budget_monthly import cpi_monthly

    return pulse.price_level(cpi_monthly()[0])


def test_sources_add_up_to_the_total(monthly):
    m = pulse.monthly_sources(monthly, budget=KHARKIV, fund="C")
    raw = monthly[(monthly["budget"] == KHARKIV) & (monthly["fund"] == "C")]
    by_month = raw.groupby("month")["amount"].sum()
    np.testing.assert_allclose(
        m["total"].to_numpy(), by_month.reindex(m.index).to_numpy(), atol=0.05
    )
    np.testing.assert_allclose(m[list(pulse.SOURCES)].sum(axis=1), m["total"], atol=0.05)
    assert len(m) == 66 and m.index[0] == pd.Timestamp("2021-01-01")


def test_military_pit_leaves_the_city_budget_after_october_2023(monthly):
    m = pulse.monthly_sources(monthly, budget=KHARKIV)
    assert m.loc["2022-01-01":"2023-09-01", "pit_military"].sum() > 1e9
    assert abs(m.loc["2024-01-01":, "pit_military"].sum()) < 1e7


def test_changed_budget_codes_join_into_one_series(monthly):
    m = pulse.monthly_sources(monthly, budget=["0457800000", "0457810000"])
    assert len(m) == 66 and (m["own"] > 0).all()


def test_price_level_matches_published_december_to_december_2022(level):
    # State Statistics: December 2022 / December 2021 = 126.6 (cpi_annual_2015_2025.csv)
    ratio = level.loc["2022-12-01"] / level.loc["2021-12-01"]
    assert ratio == pytest.approx(1.266, abs=0.002)


def test_deflate_identity(level):
    s = pd.Series(100.0, index=pd.date_range("2021-01-01", periods=24, freq="MS"))
    real = pulse.deflate(s, level, base="2021-01-01")
    assert real.iloc[0] == 100.0
    # real value falls exactly by cumulative inflation
    assert real.iloc[-1] == pytest.approx(100 * level.loc["2021-01-01"] / level.loc["2022-12-01"])
    with pytest.raises(HromadaDataError, match="no consumer price index"):
        pulse.deflate(pd.Series([1.0], index=[pd.Timestamp("2030-01-01")]), level)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(1, 1e6), min_size=24, max_size=48), st.floats(0.1, 10))
def test_property_yoy_is_scale_free(values, k):
    s = pd.Series(values, index=pd.date_range("2021-01-01", periods=len(values), freq="MS"))
    np.testing.assert_allclose(pulse.yoy(s).dropna(), pulse.yoy(s * k).dropna(), rtol=1e-9)


def test_stl_adjusted_times_seasonal_is_observed(monthly, level):
    own = pulse.monthly_sources(monthly, budget=KHARKIV)["own_excl_military"]
    sa = pulse.seasonal_adjust(pulse.deflate(own, level))
    np.testing.assert_allclose(sa["adjusted"] * sa["seasonal_factor"], sa["observed"], rtol=1e-9)


def test_shock_dated_for_kharkiv(monthly, level):
    own = pulse.monthly_sources(monthly, budget=KHARKIV)["own_excl_military"]
    sa = pulse.seasonal_adjust(pulse.deflate(own, level))
    shock = pulse.date_shock(sa["adjusted"])
    assert pd.Timestamp("2022-02-01") <= shock.trough <= pd.Timestamp("2023-12-01")
    assert shock.depth < -0.3  # a frontline city lost over 30 % of real own revenue


def test_shock_oracle_naive_loop():
    rng = np.random.default_rng(1)
    x = pd.Series(100 + rng.normal(0, 3, 48), pd.date_range("2021-01-01", periods=48, freq="MS"))
    x.iloc[14:20] -= 40
    r = pulse.date_shock(x)
    m = [np.mean(x.iloc[max(i - 1, 0) : i + 2]) for i in range(48)]
    window = range(13, 37)
    t = min(window, key=lambda i: m[i])
    assert r.trough == x.index[t]
    assert r.pre_level == pytest.approx(x.iloc[1:13].mean())


def test_wage_bill_rates_and_shares():
    idx = pd.to_datetime(["2021-06-01", "2022-06-01"])
    w = pulse.wage_bill(pd.Series([0.18 * 0.60 * 1e6, 0.18 * 0.64 * 1e6], idx))
    np.testing.assert_allclose(w, [1e6, 1e6])
    with pytest.raises(HromadaDataError, match=r"no PIT rate for years \[2040\]"):
        pulse.wage_bill(pd.Series([1.0], [pd.Timestamp("2040-01-01")]))


def test_forecast_intervals_nest(monthly):
    own = pulse.monthly_sources(monthly, budget="2555900000")["own_excl_military"]
    f = pulse.forecast(own)
    assert len(f) == 12 and f.index[0] == pd.Timestamp("2026-07-01")
    assert (f["lower_95"] <= f["lower_80"]).all() and (f["lower_80"] <= f["forecast"]).all()
    assert (f["forecast"] <= f["upper_80"]).all() and (f["upper_80"] <= f["upper_95"]).all()
    width = f["upper_80"] / f["lower_80"]
    assert width.iloc[-1] > width.iloc[0]  # uncertainty grows with the horizon


def test_backtest_on_the_real_series_beats_seasonal_naive(monthly):
    """Rolling origin, quarterly origins from mid-2024 (Chernihiv, deoccupied in 2022)."""
    own = pulse.monthly_sources(monthly, budget="2555900000")["own_excl_military"]
    bt = pulse.backtest(own, first_origin="2024-06-01", step=3)
    s = pulse.backtest_summary(bt)
    assert s["origins"] == 8
    assert s["mape"] < s["mape_naive"]
    assert s["mape_h1"] < 0.15
    assert s["coverage_80"] >= 0.6  # intervals not too narrow


def test_forecast_validates():
    s = pd.Series(np.ones(20), pd.date_range("2021-01-01", periods=20, freq="MS"))
    with pytest.raises(HromadaDataError, match="at least 36"):
        pulse.forecast(s)
    s = pd.Series(np.r_[np.ones(39), -1.0], pd.date_range("2021-01-01", periods=40, freq="MS"))
    with pytest.raises(HromadaDataError, match="2024-04"):
        pulse.forecast(s)


def test_assumptions_and_fiscal_space():
    fc = pd.DataFrame({"forecast": [100.0], "lower_80": [90.0]})
    out = pulse.apply_assumptions(
        fc, {"pit_wages": 0.6, "land": 0.1}, base_lost=0.05, rate_change={"land": 1.2}
    )
    assert out["forecast"].iloc[0] == pytest.approx(100 * (1 - 0.03 + 0.02))
    assert pulse.apply_assumptions(fc, {"pit_wages": 0.6}).equals(fc)
    with pytest.raises(HromadaDataError):
        pulse.apply_assumptions(fc, {"pit_wages": 0.6}, base_lost=1.5)
    space = pulse.fiscal_space(1000.0, 700.0, reserve=50.0)
    assert space["cofinancing"] == 250.0
    with pytest.warns(Warning):
        assert pulse.fiscal_space(100.0, 150.0)["cofinancing"] == 0.0


@settings(max_examples=50, deadline=None)
@given(st.floats(0, 0.99), st.floats(0, 1), st.floats(0.5, 1.5))
def test_property_assumptions_monotone_in_base_lost(b, share, ratio):
    fc = pd.DataFrame({"forecast": [100.0], "lower_80": [80.0], "upper_80": [120.0]})
    shares = {"pit_wages": share, "land": 0.1}
    if 1 - b * share + 0.1 * (ratio - 1) <= 0:
        with pytest.raises(HromadaDataError, match="no own revenue"):
            pulse.apply_assumptions(fc, shares, base_lost=b, rate_change={"land": ratio})
        return
    more = pulse.apply_assumptions(fc, shares, base_lost=b, rate_change={"land": ratio})
    less = pulse.apply_assumptions(fc, shares, base_lost=b / 2, rate_change={"land": ratio})
    assert (more["forecast"] <= less["forecast"] + 1e-9).all()
    # bounds keep their order
    assert more["lower_80"].iloc[0] <= more["forecast"].iloc[0] <= more["upper_80"].iloc[0]
