"""hromada.econ.budget_monthly: OpenBudget and BOOST answers -> monthly amounts."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.econ.budget_monthly import (
    decumulate,
    from_boost,
    from_openbudget,
    normalise_budget_code,
    parse_periods,
)
from hromada.econ.errors import HromadaDataError

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "budget_monthly"


def _raw_sample() -> pd.DataFrame:
    return pd.read_csv(
        FIX / "openbudget_chernihiv_2022_2023_sample.csv",
        sep=";",
        encoding="cp1251",
        dtype=str,
        keep_default_na=False,
    )


def test_api_sample_months_add_up_to_the_cumulative():
    raw = _raw_sample()
    tidy = from_openbudget(raw)
    assert set(tidy["budget"]) == {"2555900000"}  # 11-digit 2022 form and 10-digit 2023 form
    assert set(tidy["fund"]) == {"C", "S", "T"}
    tidy["year"] = tidy["month"].dt.year
    sums = tidy.groupby(["fund", "code", "year"])["amount"].sum()
    dec = raw[raw["REP_PERIOD"].str.startswith("31.12.")].copy()
    dec["year"] = dec["REP_PERIOD"].str[-4:].astype(int)
    dec = dec.set_index(["FUND_TYP", "COD_INCO", "year"])["FAKT_AMT"].astype(float)
    joined = pd.concat([sums.rename("sum"), dec.rename("dec")], axis=1).dropna()
    assert len(joined) > 10
    np.testing.assert_allclose(joined["sum"], joined["dec"], rtol=0, atol=0.01)


def test_funds_are_kept_apart_and_total_is_general_plus_special():
    tidy = from_openbudget(_raw_sample())
    wide = tidy.pivot_table(
        index=["code", "month"], columns="fund", values="amount", aggfunc="sum"
    ).fillna(0)
    np.testing.assert_allclose(wide["C"] + wide["S"], wide["T"], atol=0.01)


def test_military_pit_reversal_of_october_2023_is_a_negative_month():
    tidy = from_openbudget(_raw_sample())
    mil = tidy[(tidy["code"] == "11010200") & (tidy["fund"] == "C")].set_index("month")
    # PIT on military pay went to the state budget from October 2023; the city's
    # cumulative receipts were reversed in November (references.md).
    assert mil.loc["2023-11-01", "amount"] < 0


def test_boost_slice_equals_openbudget_months_for_vinnytsia():
    """BOOST (monthly) and OpenBudget (cumulative, decumulated) agree to the kopiyka."""
    from hromada.refdata.budget_monthly import monthly_incomes

    boost = from_boost(
        pd.read_excel(FIX / "boost_incomes_slice.xlsx", dtype={"ADMIN4": str}, engine="openpyxl")
    )
    assert set(boost["budget"]) == {"0253600000"}  # the all-budgets row is left out
    ob = monthly_incomes()
    ob = ob[(ob["budget"] == "0253600000") & (ob["fund"] == "T")]
    j = boost.merge(ob, on=["budget", "code", "month"], suffixes=("_b", "_o"))
    assert len(j) == len(boost) == 54
    np.testing.assert_allclose(j["amount_b"], j["amount_o"], atol=0.01)


def test_budget_codes_ten_and_eleven_digits():
    out = normalise_budget_code(["04578000000", "0457810000", "457800000", "26000000000"])
    assert out.tolist() == ["0457800000", "0457810000", "0457800000", "2600000000"]
    with pytest.raises(HromadaDataError, match="COD_BUDGET.*rows 2"):
        normalise_budget_code(["0457800000", "04578000001"])
    with pytest.raises(HromadaDataError, match="rows 1"):
        normalise_budget_code(["abc"])


def test_errors_name_column_row_and_value():
    raw = _raw_sample().head(5).copy()
    raw.loc[3, "FAKT_AMT"] = "twelve"
    with pytest.raises(HromadaDataError, match=r"FAKT_AMT: rows 4 .*'twelve'"):
        from_openbudget(raw)
    raw = _raw_sample().head(5).copy()
    raw.loc[1, "REP_PERIOD"] = "13.2023"
    with pytest.raises(HromadaDataError, match=r"REP_PERIOD: rows 2 .*'13.2023'"):
        from_openbudget(raw)
    raw = _raw_sample().head(5).copy()
    raw.loc[0, "FUND_TYP"] = "X"
    with pytest.raises(HromadaDataError, match=r"FUND_TYP: rows 1"):
        from_openbudget(raw)
    with pytest.raises(HromadaDataError, match="FAKT_AMT"):
        from_openbudget(_raw_sample().drop(columns=["FAKT_AMT"]))
    dup = pd.concat([_raw_sample().head(1)] * 2)
    with pytest.raises(HromadaDataError, match="repeat"):
        from_openbudget(dup)


def test_periods_forms():
    got = parse_periods(["2021-01-31", "2021-02", "03.2021", "30.04.2021", "202105"])
    assert got.dt.month.tolist() == [1, 2, 3, 4, 5]


def test_missing_month_carries_the_cumulative():
    f = pd.DataFrame(
        {
            "budget": "1",
            "fund": "C",
            "code": ["A", "A", "B", "B", "B"],
            "month": pd.to_datetime(
                ["2024-01-01", "2024-03-01", "2024-01-01", "2024-02-01", "2024-03-01"]
            ),
            "cumulative": [5.0, 9.0, 1.0, 2.0, 3.0],
        }
    )
    out = decumulate(f)
    a = out[out["code"] == "A"]
    assert a["amount"].tolist() == [5.0, 0.0, 4.0]  # February absent: nothing received


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.floats(-1e6, 1e7, allow_nan=False), min_size=1, max_size=12),
        min_size=1,
        max_size=3,
    )
)
def test_property_months_sum_to_the_last_cumulative(years):
    rows = []
    for i, monthly in enumerate(years):
        cum = np.cumsum(monthly)
        for m, c in enumerate(cum, start=1):
            rows.append(
                {
                    "budget": "1",
                    "fund": "C",
                    "code": "11010100",
                    "month": pd.Timestamp(2021 + i, m, 1),
                    "cumulative": c,
                }
            )
    out = decumulate(pd.DataFrame(rows))
    for i, monthly in enumerate(years):
        got = out[out["month"].dt.year == 2021 + i]["amount"].to_numpy()
        np.testing.assert_allclose(got, monthly, rtol=1e-9, atol=1e-3)
        assert got.sum() == pytest.approx(np.cumsum(monthly)[-1], abs=1e-3)
