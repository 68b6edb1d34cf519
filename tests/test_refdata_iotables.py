"""Reading and parsing input-output tables: the published examples' accounting identities."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hromada.econ.errors import HromadaDataError
from hromada.econ.inputoutput import leontief_inverse, multiplier_table
from hromada.econ.iotables import detect_layout, parse_io_table
from hromada.refdata.demo_io import DEMO_LABEL, demo_table
from hromada.refdata.iotables import read_io_table, reference_io_table


def _primary(t):
    return sum(s for s in (t.imports, t.taxes, t.value_added) if s is not None)


@pytest.mark.parametrize(
    "name,tol", [("beutel_2008", 0.5), ("germany_2009", 2.0), ("netherlands_2006", 1.0)]
)
def test_eurostat_examples_balance(name, tol):
    t = reference_io_table(name)
    assert t.layout == "eurostat" and t.Z.shape == (6, 6)
    # output = row sums of intermediate use + final demand (rounding of the publication)
    np.testing.assert_allclose(t.Z.sum(axis=1) + t.final_demand.sum(axis=1), t.x, atol=tol)
    # output = column sums of inputs + imports + net taxes + value added
    np.testing.assert_allclose(t.Z.sum(axis=0) + _primary(t), t.x, atol=tol)
    L = leontief_inverse(t.A)
    assert (np.diag(L) >= 1).all()


def test_beutel_published_figures():
    t = reference_io_table("beutel_2008")
    # Eurostat manual table 15.4: totals printed in the table itself
    assert t.x.sum() == pytest.approx(3_110_430.0)  # sum of the P1 row over industries
    assert t.value_added.sum() == pytest.approx(1_624_160.0)
    assert t.compensation.sum() == pytest.approx(996_900.0)
    assert t.employment.sum() == pytest.approx(36_428.0)
    assert t.Z.loc["agriculture_group", "manufacturing_group"] == 25480
    assert t.names["agriculture_group"] == "Agriculture group"
    assert t.household_consumption.sum() == pytest.approx(813_673.0)
    table = multiplier_table(
        t.A,
        t.x,
        wages=t.compensation,
        jobs=t.employment,
        household_consumption=t.household_consumption,
    )
    assert (table["output_type2"] > table["output_type1"]).all()


def test_germany_employment_and_units():
    t = reference_io_table("germany_2009")
    assert t.employment.sum() == pytest.approx(102_384.0)
    assert t.value_added.sum() == pytest.approx(2_118.0, abs=1)


def test_oecd_belgium():
    t = reference_io_table("belgium_2020")
    assert t.layout == "oecd"
    assert t.Z.shape == (50, 50)
    assert t.Z.index[0] == "01" and "10T12" in t.Z.columns
    assert "IMPO" in t.final_demand.columns
    # row identity holds to the published rounding (0.1 per cell)
    np.testing.assert_allclose(t.Z.sum(axis=1) + t.final_demand.sum(axis=1), t.x, atol=1.0)
    # column identity: inputs + net taxes + value added = output, within 1 % (the OECD table
    # leaves some product taxes unallocated in service columns)
    col = t.Z.sum(axis=0) + t.taxes + t.value_added
    assert (np.abs(col - t.x) <= 0.01 * t.x + 1.0).all()
    nonzero = t.without_empty()
    assert len(nonzero.x) == 47 and (nonzero.x > 0).all()
    L = leontief_inverse(nonzero.A)
    assert L.shape == (47, 47)


def test_read_from_path_and_layout_errors(tmp_path, reference_file):
    t = read_io_table(reference_file("io/netherlands_2006.csv"))
    assert t.source == "netherlands_2006.csv"
    assert "final_consumption_households" not in t.final_demand.columns
    with pytest.raises(HromadaDataError, match="not found"):
        read_io_table(tmp_path / "nope.csv")
    with pytest.raises(HromadaDataError, match="no known layout"):
        detect_layout(pd.DataFrame({"a": ["x", "y"], "b": [1, 2], "c": [3, 4]}))
    with pytest.raises(HromadaDataError, match="Unknown reference"):
        reference_io_table("ukraine_1900")


def test_netherlands_households_not_private_consumption(reference_file):
    # the file has both private consumption (households + NPISH) and households' own column
    path = reference_file("io/netherlands_2006.csv")
    raw = pd.read_csv(path, sep=";", index_col=0)
    t = read_io_table(path)
    households = raw["final_consumption_households"].reindex(t.sectors).astype(float)
    private = raw["final_consumption_private"].reindex(t.sectors).astype(float)
    assert (private >= households).all() and (private > households).any()
    pd.testing.assert_series_equal(
        t.household_consumption, households, check_names=False, check_index_type=False
    )
    # final demand keeps private consumption once (households are a sub-item of it)
    assert "final_consumption_private" in t.final_demand.columns


def test_semicolon_decimal_comma(tmp_path):
    text = (
        "prod;a;b;TOTAL;fd\na;10,5;5;15,5;89,5\nb;20;15;35;15\nTOTAL;30,5;20;;\n"
        "value_added_bp;69,5;30;;\noutput_bp;100;50;;\n"
    )
    p = tmp_path / "t.csv"
    p.write_text(text, encoding="cp1251")
    t = read_io_table(p)
    assert t.Z.loc["a", "a"] == 10.5
    assert t.x.tolist() == [100.0, 50.0]


def test_missing_reference_file_message(tmp_path, monkeypatch):
    monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path))
    monkeypatch.setattr("hromada.refdata.locations.BUNDLE_DIR", tmp_path / "no-bundle")
    with pytest.raises(HromadaDataError, match="HROMADA_DATA_DIR"):
        reference_io_table("beutel_2008")


def test_demo_table_labelled_and_balanced():
    t = demo_table()
    assert t.source.startswith(DEMO_LABEL)
    assert "demonstration, derived from Belgium 2020 OECD table" in t.source
    assert t.Z.shape == (20, 20)
    np.testing.assert_allclose(t.Z.sum(axis=1) + t.final_demand.sum(axis=1), t.x, rtol=1e-9)
    assert (t.A.sum(axis=0) < 1).all()
    assert (t.compensation <= t.value_added + 1e-9).all()
    # deterministic: no random numbers, the same table every time
    again = demo_table()
    pd.testing.assert_frame_equal(t.Z, again.Z)
    pd.testing.assert_series_equal(t.employment, again.employment)
    pd.testing.assert_series_equal(t.compensation, t.value_added.rename("compensation") * 0.5)


def test_demo_table_employment_is_the_apps_one_national_reference():
    from hromada.refdata.demo_io import UKRAINE_EMPLOYMENT

    t = demo_table()
    ref = pd.Series(UKRAINE_EMPLOYMENT, dtype=float)
    pd.testing.assert_series_equal(t.employment[ref.index], ref, check_names=False)
    # section T (not in the reference) gets the average value added per job
    per_job = t.value_added[ref.index].sum() / ref.sum()
    assert t.employment["T"] == pytest.approx(t.value_added["T"] / per_job, abs=0.5)


def test_demo_table_aggregates_belgium_by_section():
    # manufacturing's output share equals the Belgian table's, aggregated by hand
    from hromada.refdata.demo_io import OECD_TO_SECTION

    bel = reference_io_table("belgium_2020")
    by_section = bel.x.groupby(pd.Series(OECD_TO_SECTION)).sum()
    t = demo_table()
    share = t.x / t.x.sum()
    np.testing.assert_allclose(share, (by_section / by_section.sum())[share.index], rtol=1e-12)


def test_demo_table_without_reference_data(tmp_path, monkeypatch):
    # the Belgian table is bundled; without it (a broken installation) nothing is made up
    monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path))
    monkeypatch.setattr("hromada.refdata.locations.BUNDLE_DIR", tmp_path / "no-bundle")
    with pytest.raises(HromadaDataError, match="belgium_2020"):
        demo_table()


def test_parse_io_table_generic():
    df = pd.DataFrame(
        {
            "prod": ["a", "b", "TOTAL", "value_added_bp", "output_bp"],
            "a": [10, 20, 30, 70, 100],
            "b": [5, 15, 20, 30, 50],
            "TOTAL": [15, 35, 50, None, None],
            "fd": [85, 15, 100, None, None],
        }
    )
    t = parse_io_table(df)
    assert list(t.final_demand.columns) == ["fd"]
    assert t.value_added.tolist() == [70.0, 30.0]
