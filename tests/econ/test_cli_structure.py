"""``hromada analyze structure``: CSV/XLSX in, one sheet per result out."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from hromada.cli import main
from hromada.econ import shiftshare as ss
from hromada.econ import structure as st
from tests.econ.test_structure import goettingen_panels


@pytest.fixture(scope="module")
def goettingen(validation_dir):
    df = pd.read_csv(validation_dir / "structure" / "reat_Goettingen.csv")
    return df[df["WZ2008_Code"] != "A-R"].reset_index(drop=True)


def test_structure_command_writes_all_sheets(tmp_path, goettingen):
    panel, ref = goettingen_panels(goettingen)
    # a second region so that the default reference also makes sense
    other = panel.assign(region="Freiburg-like", value=panel.value * 1.5 + 10)
    full = pd.concat([panel, other], ignore_index=True)
    # Ukrainian-locale CSV: cp1251, ';' and decimal comma, own column names
    full = full.rename(columns={"region": "громада", "value": "зайнятість"})
    full["зайнятість"] = full["зайнятість"] / 7
    src = tmp_path / "panel.csv"
    full.to_csv(src, sep=";", decimal=",", index=False, encoding="cp1251")
    ref_path = tmp_path / "ref.xlsx"
    ref.to_excel(ref_path, index=False)
    out = tmp_path / "results.xlsx"
    result = CliRunner().invoke(
        main,
        [
            "analyze",
            "structure",
            str(src),
            "--reference",
            str(ref_path),
            "--start",
            "2008",
            "--end",
            "2017",
            "--trough",
            "2009",
            "--region-col",
            "громада",
            "--value-col",
            "зайнятість",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    sheets = pd.read_excel(out, sheet_name=None, engine="calamine")
    assert set(sheets) == {
        "lq",
        "profile",
        "shift-share",
        "shift-share-sectors",
        "dynamic-shift-share",
        "resilience",
    }
    panel7 = panel.assign(value=panel.value / 7)
    other7 = other.assign(value=other.value / 7)
    both = pd.concat([panel7, other7], ignore_index=True)
    expected = ss.decompose(both, 2008, 2017, reference=ref).set_index("region")
    got = sheets["shift-share"].set_index("region")
    pd.testing.assert_series_equal(
        got["regional_share"], expected["regional_share"], check_names=False, rtol=1e-9
    )
    lq = sheets["lq"]
    assert len(lq) == 2 * 15 * 10
    exp_lq = st.location_quotients(both, ref)
    pd.testing.assert_series_equal(lq["lq"], exp_lq["lq"], rtol=1e-9)
    assert len(sheets["profile"]) == 20
    assert len(sheets["resilience"]) == 2


def test_structure_command_reports_data_errors(tmp_path):
    src = tmp_path / "bad.csv"
    pd.DataFrame({"region": ["a", "a"], "sector": ["x", "x"], "value": [1, 2]}).to_csv(
        src, index=False
    )
    result = CliRunner().invoke(
        main, ["analyze", "structure", str(src), "--out", str(tmp_path / "o.xlsx")]
    )
    assert result.exit_code != 0
    assert "duplicate" in result.output


def test_structure_command_needs_both_years(tmp_path):
    src = tmp_path / "p.csv"
    pd.DataFrame({"region": ["a"], "sector": ["x"], "value": [1]}).to_csv(src, index=False)
    result = CliRunner().invoke(
        main,
        ["analyze", "structure", str(src), "--start", "2020", "--out", str(tmp_path / "o.xlsx")],
    )
    assert result.exit_code != 0 and "--end" in result.output
