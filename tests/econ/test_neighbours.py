"""hromada.econ.neighbours: symmetry, self-exclusion, weights, against a naive oracle."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.econ.errors import DegenerateResultWarning, HromadaDataError
from hromada.econ.neighbours import (
    DEFAULT_FEATURES,
    feature_table,
    similar_municipalities,
)

VINNYTSIA = "UA05020030000031457"


@pytest.fixture(scope="module")
def real_features(reference_file):
    """Features of all 1,469 hromadas built from the raw CSV files (no refdata)."""
    pop = pd.read_csv(reference_file("ukraine/ua-pop-2022.csv")).dropna(subset=["hromada_code"])
    war = pd.read_csv(reference_file("ukraine/minregion-war-status.csv"))
    prof = pd.read_csv(reference_file("ukraine/hromada_profile.csv"))
    reg = pop.merge(war[["hromada_code", "type", "Status_war_sept"]], on="hromada_code").merge(
        prof[["hromada_code", "distance_to_russia"]], on="hromada_code"
    )
    reg = pd.DataFrame(
        {
            "code": reg["hromada_code"],
            "population": reg["total_population_2022"],
            "urban_share": reg["urban_population_2022"] / reg["total_population_2022"],
            "type": reg["type"],
            "war_status": reg["Status_war_sept"],
            "distance_to_russia_km": reg["distance_to_russia"],
        }
    )
    budget = pd.read_csv(
        reference_file("ukraine/hromada_budget_2020_2022.csv"), dtype={"budget_code": str}
    )
    return feature_table(reg, budget, year=2022)


def _naive_distance(features: pd.DataFrame, a, b, weights=None) -> float:
    """Distance by the formula, feature by feature, with plain Python."""
    total = 0.0
    for col in features:
        w = (weights or {}).get(col, 1.0)
        s = features[col]
        if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            x = s.astype(float)
            sd = math.sqrt(((x - x.mean()) ** 2).mean())
            za = 0.0 if pd.isna(x[a]) or sd == 0 else (x[a] - x.mean()) / sd
            zb = 0.0 if pd.isna(x[b]) or sd == 0 else (x[b] - x.mean()) / sd
            total += w * (za - zb) ** 2
        else:
            total += w * (0.0 if str(s[a]) == str(s[b]) else 1.0)
    return math.sqrt(total)


def test_feature_table_has_all_hromadas(real_features):
    assert len(real_features) == 1469 and real_features.index.is_unique
    assert real_features.columns.tolist() == list(DEFAULT_FEATURES)
    assert real_features.notna().all().all()


def test_self_excluded_and_sorted(real_features):
    res = similar_municipalities(real_features, VINNYTSIA, k=20)
    assert VINNYTSIA not in res.index and len(res) == 20
    assert res["distance"].is_monotonic_increasing
    contrib = res.filter(like="contribution_")
    np.testing.assert_allclose(contrib.sum(axis=1), res["distance"] ** 2)
    assert contrib.shape[1] == len(DEFAULT_FEATURES)
    # an exact duplicate of the target (other label) is at distance 0 but the target is not
    dup = pd.concat([real_features, real_features.loc[[VINNYTSIA]].rename(index=str.lower)])
    res2 = similar_municipalities(dup, VINNYTSIA, k=1)
    assert res2.index[0] == VINNYTSIA.lower() and res2["distance"].iloc[0] == 0


def test_symmetric_distance(real_features):
    weights = {"war_status": 3.0, "own_per_capita": 0.5}
    a = similar_municipalities(real_features, VINNYTSIA, k=1468, weights=weights)
    for b in a.index[[0, 10, 500, 1467]]:
        back = similar_municipalities(real_features, b, k=1468, weights=weights)
        assert back.loc[VINNYTSIA, "distance"] == pytest.approx(a.loc[b, "distance"], rel=1e-12)


def test_matches_naive_formula(real_features):
    weights = {"type": 2.0, "distance_to_russia_km": 0.0}
    res = similar_municipalities(real_features, VINNYTSIA, k=5, weights=weights)
    for b in res.index:
        assert res.loc[b, "distance"] == pytest.approx(
            _naive_distance(real_features, VINNYTSIA, b, weights), rel=1e-9
        )


def test_weights_change_the_result(real_features):
    base = similar_municipalities(real_features, VINNYTSIA, k=10)
    heavy = similar_municipalities(
        real_features, VINNYTSIA, k=10, weights={"distance_to_russia_km": 25.0}
    )
    assert base.index.tolist() != heavy.index.tolist()
    only_pop = similar_municipalities(
        real_features,
        VINNYTSIA,
        k=3,
        weights={f: (1.0 if f == "log_population" else 0.0) for f in DEFAULT_FEATURES},
    )
    gaps = (real_features["log_population"] - real_features.loc[VINNYTSIA, "log_population"]).abs()
    expected = gaps.drop(VINNYTSIA).sort_values(kind="stable").index[:3]
    assert set(only_pop.index) == set(expected)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-100, 100), st.floats(0, 1), st.sampled_from("abc")),
        min_size=3,
        max_size=8,
    ),
    st.floats(0, 5),
    st.floats(0, 5),
)
def test_properties_on_random_tables(rows, w1, w2):
    f = pd.DataFrame(rows, columns=["x", "y", "kind"], index=[f"h{i}" for i in range(len(rows))])
    weights = {"x": w1, "y": w2}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateResultWarning)
        res = similar_municipalities(f, "h0", k=len(rows), weights=weights)
        assert "h0" not in res.index and len(res) == len(rows) - 1
        for b in res.index:
            assert res.loc[b, "distance"] == pytest.approx(
                _naive_distance(f, "h0", b, weights), rel=1e-9, abs=1e-9
            )
        for b in res.index[:2]:
            back = similar_municipalities(f, b, k=len(rows), weights=weights)
            assert back.loc["h0", "distance"] == pytest.approx(res.loc[b, "distance"], abs=1e-9)


def test_errors():
    f = pd.DataFrame({"x": [1.0, 2.0, 3.0]}, index=list("abc"))
    with pytest.raises(HromadaDataError, match="'target'"):
        similar_municipalities(f, "z")
    with pytest.raises(HromadaDataError, match="unknown features"):
        similar_municipalities(f, "a", weights={"y": 1})
    with pytest.raises(HromadaDataError, match=">= 0"):
        similar_municipalities(f, "a", weights={"x": -1})
    with pytest.raises(HromadaDataError, match="'k'"):
        similar_municipalities(f, "a", k=0)
    with pytest.raises(HromadaDataError, match="duplicate"):
        similar_municipalities(pd.concat([f, f]), "a")
    with pytest.warns(DegenerateResultWarning, match="weights are 0"):
        similar_municipalities(f, "a", weights={"x": 0})
    with pytest.raises(HromadaDataError, match="lacks the columns"):
        feature_table(pd.DataFrame({"code": ["a"], "population": [1]}))
