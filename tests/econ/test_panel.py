"""The shared panel validation: messages, and the fast duplicate check against pandas."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.econ._panel import _duplicated, check_panel, check_year
from hromada.econ.errors import HromadaDataError


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("abc"), st.integers(0, 3), st.integers(2019, 2021)),
                min_size=1, max_size=40), st.booleans())
def test_fast_duplicate_check_equals_pandas(rows, categorical):
    df = pd.DataFrame(rows, columns=["region", "sector", "year"])
    if categorical:
        df["region"] = df["region"].astype("category")
    expected = df.duplicated(["region", "sector", "year"], keep=False).to_numpy()
    np.testing.assert_array_equal(_duplicated(df, ["region", "sector", "year"]), expected)


def test_sort_path_for_a_large_key_space():
    n = 5000
    df = pd.DataFrame({"region": np.arange(n) * 7919, "sector": np.arange(n) * 104729,
                       "year": np.full(n, 2020)})
    df.loc[n - 1] = df.loc[3]
    mask = _duplicated(df, ["region", "sector", "year"])
    assert mask.sum() == 2 and mask[3] and mask[n - 1]


@pytest.mark.parametrize(
    "frame, message",
    [
        (pd.DataFrame({"region": ["a"], "sector": ["x"]}), "no column 'value'"),
        (pd.DataFrame({"region": ["a"], "sector": ["x"], "value": ["12 a"]}), "must be numeric"),
        (pd.DataFrame({"region": ["a"], "sector": ["x"], "value": [-1.0]}), "non-negative"),
        (pd.DataFrame({"region": ["a"], "sector": ["x"], "value": [np.inf]}), "must be finite"),
        (pd.DataFrame({"region": [None], "sector": ["x"], "value": [1.0]}), "'region' is empty"),
        (pd.DataFrame({"region": ["a", "a"], "sector": ["x", "x"], "value": [1.0, 2.0]}),
         "duplicate"),
        (pd.DataFrame({"region": ["a"], "sector": ["x"], "value": [1], "year": [2020.5]}),
         "whole years"),
    ],
)
def test_messages_name_the_problem(frame, message):
    with pytest.raises(HromadaDataError, match=message):
        check_panel(frame)


def test_column_mapping_and_year_check():
    df = pd.DataFrame({"hromada": ["a"], "kved": ["01"], "jobs": [3], "year": [2021]})
    clean = check_panel(df, columns={"region": "hromada", "sector": "kved", "value": "jobs"})
    assert list(clean.columns) == ["region", "sector", "value", "year"]
    assert check_year(clean, 2021) == 2021
    with pytest.raises(HromadaDataError, match="2022"):
        check_year(clean, 2022)
