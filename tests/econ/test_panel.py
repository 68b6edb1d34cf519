"""The shared panel validation: messages, and the fast duplicate check against pandas."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.econ._panel import _duplicated, check_panel, check_year
from hromada.econ.errors import HromadaDataError


@settings(max_examples=120, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from("abc"),
            st.integers(-3, 3) | st.integers(-(2**40), 2**40),
            st.integers(2019, 2021),
        ),
        min_size=1,
        max_size=40,
    ),
    st.booleans(),
    st.booleans(),
)
def test_fast_duplicate_check_equals_pandas(rows, categorical, sort):
    df = pd.DataFrame(rows, columns=["region", "sector", "year"])
    if categorical:
        df["region"] = df["region"].astype("category")
    if sort:  # the usual layout, where the packed keys increase unless rows repeat
        df = df.sort_values(["year", "region", "sector"]).reset_index(drop=True)
    expected = df.duplicated(["region", "sector", "year"], keep=False).to_numpy()
    np.testing.assert_array_equal(_duplicated(df, ["region", "sector", "year"]), expected)


def test_sort_path_for_a_large_key_space():
    n = 5000
    df = pd.DataFrame(
        {"region": np.arange(n) * 7919, "sector": np.arange(n) * 104729, "year": np.full(n, 2020)}
    )
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
        (
            pd.DataFrame({"region": ["a", "a"], "sector": ["x", "x"], "value": [1.0, 2.0]}),
            "duplicate",
        ),
        (
            pd.DataFrame({"region": ["a"], "sector": ["x"], "value": [1], "year": [2020.5]}),
            "whole years",
        ),
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


# ---- panel_cube: the array path of structure / shift-share / resilience -------------

from hromada.econ._panel import panel_cube  # noqa: E402


def _reference_cube(df):
    """Dense (region, year, sector) array of a clean panel, the slow obvious way."""
    clean = check_panel(df)
    keys = ["region", "year", "sector"] if "year" in clean else ["region", "sector"]
    wide = clean.groupby(keys, observed=True)["value"].sum()
    regions = sorted(clean["region"].astype(object).unique())
    sectors = sorted(clean["sector"].astype(object).unique())
    years = sorted(clean["year"].unique()) if "year" in clean else [None]
    x = np.zeros((len(regions), len(years), len(sectors)))
    for key, v in wide.items():
        r, y, s = (key[0], key[1], key[2]) if "year" in clean else (key[0], None, key[1])
        x[regions.index(r), years.index(y), sectors.index(s)] = v
    return x, regions, sectors, years


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from("abc"),
            st.integers(0, 3),
            st.sampled_from([2019, 2020, 2022]),
            st.floats(0, 100, allow_nan=False),
        ),
        min_size=1,
        max_size=40,
        unique_by=lambda t: t[:3],
    ),
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_panel_cube_equals_pivot_of_check_panel(rows, categorical, sort, year_major, as_float):
    df = pd.DataFrame(rows, columns=["region", "sector", "year", "value"])
    if categorical:
        df["region"] = pd.Categorical(df["region"], categories=["c", "zz", "b", "a"])
        df["sector"] = df["sector"].astype("category")
    if sort:
        df = df.sort_values("year", kind="stable")
    if as_float:
        df["year"] = df["year"].astype(float)
    df.index = np.arange(len(df)) * 3 + 7
    x, regions, sectors, years = _reference_cube(df)
    pc = panel_cube(df, year_major=year_major)
    np.testing.assert_array_equal(pc.x, x)
    assert list(pc.regions) == regions and list(pc.sectors) == sectors
    assert pc.years.tolist() == years
    for wanted in ([years[0]], [years[-1], years[0]]):
        sub = panel_cube(df, years=wanted, year_major=year_major)
        sx, sregions, ssectors, syears = _reference_cube(df[df.year.isin(wanted)])
        np.testing.assert_array_equal(sub.x, sx)
        assert list(sub.regions) == sregions and list(sub.sectors) == ssectors
        assert sub.years.tolist() == syears == sorted(set(wanted))
    between = panel_cube(df, years=[years[0], years[-1]], between=True)
    np.testing.assert_array_equal(between.x, x)


@pytest.mark.parametrize("sort", [True, False])
@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d.assign(value=d.value.where(d.index != 11, np.nan)), r"finite; rows 11\b"),
        (lambda d: d.assign(value=d.value.where(d.index != 12, -2.0)), r"rows 12 hold -2.0"),
        (lambda d: d.assign(value=d.value.where(d.index != 13, np.inf)), r"finite; rows 13\b"),
        (lambda d: d.assign(region=d.region.where(d.index != 14)), r"'region' is empty in rows 14"),
        (lambda d: d.assign(sector=d.sector.where(d.index != 15)), r"'sector' is empty in rows 15"),
        (lambda d: d.assign(year=d.year.where(d.index != 16, 2020.5)), r"rows 16 hold 2020.5"),
        (lambda d: d.assign(value=d.value.astype(object).where(d.index != 17, "1 kg")), "numeric"),
        (
            lambda d: d.assign(
                sector=d.sector.where(d.index != 18, d.sector[19]),
                region=d.region.where(d.index != 18, d.region[19]),
                year=d.year.where(d.index != 18, d.year[19]),
            ),
            r"duplicate.*(18, 19|19, 18)\.",
        ),
    ],
)
def test_panel_cube_messages_name_rows(mutate, message, sort):
    rng = np.random.default_rng(3)
    base = pd.DataFrame(
        [
            (f"r{r}", f"s{s}", y, float(rng.integers(1, 9)))
            for y in (2020.0, 2021.0)
            for r in range(3)
            for s in range(4)
        ],
        columns=["region", "sector", "year", "value"],
    )
    df = mutate(base)
    if not sort:
        df = df.iloc[rng.permutation(len(df))]
    for cat in (False, True):
        d = df.astype({"region": "category", "sector": "category"}) if cat else df
        with pytest.raises(HromadaDataError, match=message):
            panel_cube(d)


def test_panel_cube_reads_only_the_years_asked_for():
    df = pd.DataFrame(
        {
            "region": ["a", "a", "a"],
            "sector": ["x"] * 3,
            "year": [2019, 2020, 2021],
            "value": [1.0, np.nan, 2.0],
        }
    )
    for frame in (df, df.iloc[[2, 1, 0]]):
        pc = panel_cube(frame, years=[2019, 2021])
        assert pc.x[0, :, 0].tolist() == [1.0, 2.0]
        with pytest.raises(HromadaDataError, match="finite"):
            panel_cube(frame, years=[2019, 2021], between=True)
        with pytest.raises(
            HromadaDataError,
            match="'end'=2022 is not in 'panel', which has the years 2019, 2020, 2021",
        ):
            panel_cube(frame, years=[2019, 2022], names=["start", "end"])


def test_panel_cube_unsorted_years_with_gaps_and_int_values():
    df = pd.DataFrame(
        {
            "region": ["a", "b", "a", "b"],
            "sector": ["x"] * 4,
            "year": [2021, 2018, 2018, 2021],
            "value": [1, 2, 3, 4],
        }
    )
    pc = panel_cube(df)
    assert pc.years.tolist() == [2018, 2021]
    assert pc.x[:, :, 0].tolist() == [[3.0, 1.0], [2.0, 4.0]]


def test_row_order_does_not_change_results():
    from hromada.econ import resilience, shiftshare, structure

    rng = np.random.default_rng(5)
    df = pd.DataFrame(
        [
            (f"r{r}", f"s{s}", y, float(rng.integers(1, 50)))
            for y in (2019, 2020, 2021)
            for r in range(6)
            for s in range(5)
        ],
        columns=["region", "sector", "year", "value"],
    ).astype({"region": "category", "sector": "category"})
    shuffled = df.iloc[rng.permutation(len(df))]
    for a, b in [
        (structure.location_quotients(df), structure.location_quotients(shuffled)),
        (structure.profile(df), structure.profile(shuffled)),
        (shiftshare.decompose(df, 2019, 2021), shiftshare.decompose(shuffled, 2019, 2021)),
        (shiftshare.dynamic(df, 2019, 2021), shiftshare.dynamic(shuffled, 2019, 2021)),
        (
            resilience.shock_indices(df, 2019, 2020, 2021),
            resilience.shock_indices(shuffled, 2019, 2020, 2021),
        ),
    ]:
        pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=1e-12)


@pytest.mark.parametrize("categorical", [False, True])
def test_balanced_panel_in_cell_order_is_read_in_place(categorical):
    rng = np.random.default_rng(9)
    df = pd.DataFrame(
        [
            (f"r{r}", f"s{s}", y, float(rng.integers(0, 9)))
            for y in (2019, 2020, 2021)
            for r in range(4)
            for s in range(3)
        ],
        columns=["region", "sector", "year", "value"],
    )
    if categorical:
        df = df.astype({"region": "category", "sector": "category"})
    before = df.copy()
    x, *_ = _reference_cube(df)
    pc = panel_cube(df, year_major=True)
    np.testing.assert_array_equal(pc.x, x)
    assert not pc.x.flags.writeable  # a view of the value column: never written to
    two = panel_cube(df, years=[2019, 2021], year_major=True)  # two planes, copied
    np.testing.assert_array_equal(two.x, x[:, [0, 2], :])
    with pytest.raises(HromadaDataError, match="duplicate"):  # same size, one cell twice
        panel_cube(df.assign(sector=df.sector.where(df.index != 1, df.sector[0])))
    pd.testing.assert_frame_equal(df, before)


def test_check_panel_leaves_its_input_alone():
    panel = pd.DataFrame(
        {"region": ["a", "b"], "sector": ["x", "x"], "value": [1, 2], "year": [2020.0, 2020.0]}
    )
    before = panel.copy()
    out = check_panel(panel)
    assert out["year"].dtype == np.int64 and out["value"].dtype == np.float64
    pd.testing.assert_frame_equal(panel, before)
