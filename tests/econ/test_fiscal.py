"""hromada.econ.fiscal against hand computations from the raw KSE rows, KSE's own derived
columns, a naive percentile oracle (scipy.stats.percentileofscore) and properties."""

from __future__ import annotations

import csv
import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import percentileofscore

from hromada.econ import fiscal
from hromada.econ.errors import DegenerateResultWarning, HromadaDataError
from hromada.refdata._files import open_text, require

BUDGET = "ukraine/hromada_budget_2020_2022.csv"
POP = "ukraine/ua-pop-2022.csv"
# Three hromadas: a small mountain village hromada (Ivano-Frankivsk oblast), a large
# city far from the front (Vinnytsia) and a city besieged in 2022 (Chernihiv).
CHOSEN = ["UA26020010000096556", "UA05020030000031457", "UA74100390000073425"]
OWN_SOURCE_COLUMNS = [
    "income_unified_tax",
    "income_property_tax",
    "income_excise_duty",
    "income_corporate_tax",
    "income_parking_fee",
    "income_tourist_fee",
    "income_eco_tax",
    "income_non_tax",
    "income_capital_proceedings",
    "income_special_funds",
    "income_rent",
]


@pytest.fixture(scope="module")
def raw_rows():
    """(hromada_code, year) -> dict of floats, read with the csv module."""
    out = {}
    with open_text(BUDGET) as f:
        for row in csv.DictReader(f):
            vals = {k: float(v) for k, v in row.items() if k.startswith("income_")}
            out[row["hromada_code"], int(row["year"])] = vals
    return out


@pytest.fixture(scope="module")
def raw_population():
    with open_text(POP) as f:
        return {
            r["hromada_code"]: float(r["total_population_2022"])
            for r in csv.DictReader(f)
            if r["hromada_code"] not in ("", "NA")
        }


@pytest.fixture(scope="module")
def budget():
    return pd.read_csv(require(BUDGET), dtype={"budget_code": str})


@pytest.fixture(scope="module")
def indicators(budget, raw_population):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateResultWarning)
        return fiscal.fiscal_indicators(budget, pd.Series(raw_population), year=2022)


def _hand(r: dict) -> dict:
    """Indicators of one hromada-year from its raw row, plain arithmetic."""
    own, total = r["income_own"], r["income_total"]
    mil, pit = r["income_military"], r["income_pdfo"]
    own_sources = [pit - mil, mil] + [r[c] for c in OWN_SOURCE_COLUMNS]
    own_sources.append(own - pit - sum(r[c] for c in OWN_SOURCE_COLUMNS))  # residual
    all_sources = [r["income_transfert"]] + own_sources

    def hhi(xs):
        xs = [max(x, 0.0) for x in xs]
        s = sum(xs)
        return sum((x / s) ** 2 for x in xs)

    return {
        "transfer_share": r["income_transfert"] / total,
        "own_share": own / total,
        "military_share_own": mil / own,
        "military_share_total": mil / total,
        "hhi_total": hhi(all_sources),
        "hhi_own": hhi(own_sources),
        "own_excl_military": own - mil,
    }


@pytest.mark.parametrize("code", CHOSEN)
def test_indicators_equal_hand_computation(code, raw_rows, raw_population, indicators):
    r21, r22, r23 = (raw_rows[code, y] for y in (2021, 2022, 2023))
    got = indicators.loc[code]
    hand = _hand(r22)
    for key, value in hand.items():
        assert got[key] == pytest.approx(value, rel=1e-12), key
    assert got["own_change_2021_2022"] == pytest.approx(
        r22["income_own"] / r21["income_own"] - 1, rel=1e-12
    )
    assert got["own_excl_military_change_2021_2022"] == pytest.approx(
        (r22["income_own"] - r22["income_military"]) / (r21["income_own"] - r21["income_military"])
        - 1,
        rel=1e-12,
    )
    assert got["own_change_2022_2023"] == pytest.approx(
        r23["income_own"] / r22["income_own"] - 1, rel=1e-12
    )
    assert got["own_excl_military_change_2022_2023"] == pytest.approx(
        (r23["income_own"] - r23["income_military"]) / (r22["income_own"] - r22["income_military"])
        - 1,
        rel=1e-12,
    )
    pop = raw_population[code]
    assert got["total_per_capita"] == pytest.approx(r22["income_total"] / pop, rel=1e-12)
    assert got["own_excl_military_per_capita"] == pytest.approx(
        (r22["income_own"] - r22["income_military"]) / pop, rel=1e-12
    )
    assert got["share_pit_military"] == pytest.approx(
        r22["income_military"] / r22["income_own"], rel=1e-12
    )


def test_standalone_functions_agree_with_hand_computation(budget, raw_rows):
    sub = budget[budget["hromada_code"].isin(CHOSEN)]
    hhi = fiscal.revenue_concentration(sub, base="own")
    dep = fiscal.transfer_dependence(sub)
    mil = fiscal.military_tax_dependence(sub, base="total")
    rec = fiscal.revenue_change(sub, start=2022, end=2023, revenue="own_excl_military")
    for code in CHOSEN:
        for year in (2021, 2022, 2023):
            hand = _hand(raw_rows[code, year])
            assert hhi[code, year] == pytest.approx(hand["hhi_own"], rel=1e-12)
            assert dep[code, year] == pytest.approx(hand["transfer_share"], rel=1e-12)
            assert mil[code, year] == pytest.approx(hand["military_share_total"], rel=1e-12)
        h22, h23 = _hand(raw_rows[code, 2022]), _hand(raw_rows[code, 2023])
        assert rec[code] == pytest.approx(h23["own_excl_military"] / h22["own_excl_military"] - 1)


def test_agrees_with_kse_derived_columns(budget):
    """KSE computed (and rounded) some of the same ratios independently."""
    b22 = budget[budget["year"] == 2022].set_index("hromada_code")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateResultWarning)
        change = fiscal.revenue_change(budget, start=2021, end=2022)
        dep = fiscal.transfer_dependence(budget).xs(2022, level="year")
        mil = fiscal.military_tax_dependence(budget, base="total").xs(2022, level="year")
    both = change.dropna().index.intersection(b22["own_income_change"].dropna().index)
    assert len(both) > 1400
    np.testing.assert_allclose(change[both], b22.loc[both, "own_income_change"], atol=0.0051)
    ok = b22["transfert_prop"].dropna().index
    np.testing.assert_allclose(dep[ok], b22.loc[ok, "transfert_prop"], atol=5.1e-5)
    np.testing.assert_allclose(mil[ok], b22.loc[ok, "military_tax_prop"], atol=5.1e-5)


def test_own_revenue_includes_military_tax(budget):
    """The finding documented in docs/econ/fiscal.md: military PIT is inside PIT, and
    income_own = PIT (military included) + the other own sources."""
    b = budget
    assert np.allclose(b["income_total"], b["income_own"] + b["income_transfert"], atol=0.01)
    assert (b["income_military"] <= b["income_pdfo"] + 1).mean() > 0.999
    residual = b["income_own"] - b["income_pdfo"] - b[OWN_SOURCE_COLUMNS].sum(axis=1)
    assert (residual.abs() <= 1).mean() > 0.95
    # if income_own excluded the military tax the residual would be about -income_military
    with_mil = b["income_military"] > 1e6
    assert (residual[with_mil].abs() < 0.01 * b.loc[with_mil, "income_military"]).mean() > 0.95


def test_structure_rows_sum_to_one(budget):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateResultWarning)
        for base in ("total", "own"):
            s = fiscal.revenue_structure(budget, base=base).dropna()
            np.testing.assert_allclose(s.sum(axis=1), 1.0, rtol=1e-9)


def _toy(**cols):
    base = {
        "hromada_code": ["A", "A", "B", "B"],
        "year": [2021, 2022, 2021, 2022],
        "income_total": [10.0, 12.0, 5.0, 5.0],
        "income_transfert": [4.0, 4.0, 5.0, 5.0],
        "income_own": [6.0, 8.0, 0.0, 0.0],
        "income_pdfo": [3.0, 5.0, 0.0, 0.0],
        "income_military": [0.0, 2.0, 0.0, 0.0],
    }
    base.update(cols)
    return pd.DataFrame(base)


def test_degenerate_zero_own_revenue_gives_nan_and_warning():
    with pytest.warns(DegenerateResultWarning, match="'B'"):
        ch = fiscal.revenue_change(_toy(), start=2021, end=2022)
    assert ch["A"] == pytest.approx(8 / 6 - 1) and math.isnan(ch["B"])
    with pytest.warns(DegenerateResultWarning):
        hhi = fiscal.revenue_concentration(_toy(), base="own")
    assert math.isnan(hhi["B", 2021])
    assert fiscal.revenue_concentration(_toy(), base="total")["B", 2021] == 1.0


def test_columns_mapping():
    toy = _toy().rename(columns={"hromada_code": "code", "income_own": "own_rev"})
    got = fiscal.transfer_dependence(toy, columns={"hromada": "code", "own": "own_rev"})
    assert got["A", 2022] == pytest.approx(4 / 12)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"columns": {"nope": "x"}}, "unknown standard names"),
    ],
)
def test_bad_columns_argument(kwargs, match):
    with pytest.raises(HromadaDataError, match=match):
        fiscal.transfer_dependence(_toy(), **kwargs)


def test_input_errors():
    with pytest.raises(HromadaDataError, match="income_military"):
        fiscal.revenue_sources(_toy().drop(columns="income_military"))
    with pytest.raises(HromadaDataError, match="several rows"):
        fiscal.revenue_sources(pd.concat([_toy(), _toy().iloc[:1]]))
    with pytest.raises(HromadaDataError, match="numeric"):
        fiscal.revenue_sources(_toy(income_total=["1", "x", "3", "4"]))
    with pytest.raises(HromadaDataError, match="2020"):
        fiscal.revenue_change(_toy(), start=2020, end=2022)
    with pytest.raises(HromadaDataError, match="'base'"):
        fiscal.revenue_structure(_toy(), base="all")
    with pytest.raises(HromadaDataError, match="'revenue'"):
        fiscal.revenue_change(_toy(), start=2021, end=2022, revenue="pdfo")
    with pytest.raises(HromadaDataError, match="DataFrame"):
        fiscal.revenue_sources([1, 2])
    with pytest.raises(HromadaDataError, match="deflator"):
        fiscal.revenue_change(_toy(), start=2021, end=2022, deflator={2021: 1.0})


def test_deflator_gives_real_change():
    real = fiscal.revenue_change(
        _toy().iloc[:2], start=2021, end=2022, deflator={2021: 100.0, 2022: 120.0}
    )
    assert real["A"] == pytest.approx((8 / 1.2) / 6 - 1)


def test_size_classes():
    got = fiscal.size_classes(pd.Series({"a": 4999, "b": 5000, "c": 99_999, "d": 100_000}))
    assert got.astype(str).tolist() == ["<5000", "5000-9999", "50000-99999", "100000+"]


# --- percentiles: naive oracle -------------------------------------------------------


def _naive_percentiles(values: pd.Series, groups: pd.Series, kind: str) -> pd.Series:
    out = pd.Series(np.nan, index=values.index)
    for g in groups.dropna().unique():
        members = values[(groups == g) & values.notna()]
        for idx, v in members.items():
            out[idx] = percentileofscore(members.to_numpy(), v, kind=kind)
    return out


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.sampled_from(["x", "y", "z", None])),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from(["rank", "weak", "strict", "mean"]),
)
def test_percentiles_match_scipy(pairs, kind):
    idx = [f"h{i}" for i in range(len(pairs))]
    values = pd.Series([float(v) if v != 5 else np.nan for v, _ in pairs], index=idx)
    groups = pd.Series([g for _, g in pairs], index=idx, dtype=object)
    got = fiscal.peer_percentiles(values, groups, kind=kind)
    np.testing.assert_allclose(got, _naive_percentiles(values, groups, kind), equal_nan=True)


def test_percentiles_among_real_peers(indicators):
    war = pd.read_csv(require("ukraine/minregion-war-status.csv")).set_index("hromada_code")[
        "Status_war_sept"
    ]
    groups = pd.DataFrame({"war": war, "all": "all"})
    cols = ["own_change_2021_2022", "military_share_own"]
    pct = fiscal.peer_percentiles(indicators[cols], groups, kind="weak")
    assert pct.columns.tolist() == [("war", c) for c in cols] + [("all", c) for c in cols]
    code = CHOSEN[1]
    x = indicators.loc[code, "own_change_2021_2022"]
    peers = indicators.loc[war[war == war[code]].index, "own_change_2021_2022"].dropna()
    assert pct.loc[code, ("war", "own_change_2021_2022")] == pytest.approx(
        100 * (peers <= x).mean()
    )
    with pytest.raises(HromadaDataError, match="no entry"):
        fiscal.peer_percentiles(indicators[cols], war.iloc[:10])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(0, 1e6), min_size=2, max_size=8))
def test_hhi_bounds(xs):
    n = len(xs)
    b = pd.DataFrame(
        {
            "hromada_code": ["A"],
            "year": [2022],
            "income_transfert": [xs[0]],
            "income_pdfo": [xs[1]],
            "income_military": [0.0],
        }
    )
    extra = fiscal.OWN_SOURCES[: n - 2]
    for col, x in zip(extra, xs[2:], strict=True):
        b[fiscal.KSE_COLUMNS[col]] = x
    b["income_own"] = sum(xs[1:])
    b["income_total"] = sum(xs)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateResultWarning)
        h = float(fiscal.revenue_concentration(b).iloc[0])
    if sum(xs) > 0:
        k = 3 + len(extra)  # transfers, pit_civil, pit_military, extras, other_own
        assert 1 / (k + 1) - 1e-9 <= h <= 1 + 1e-9
        assert h == pytest.approx(sum((x / sum(xs)) ** 2 for x in xs), abs=1e-9)
