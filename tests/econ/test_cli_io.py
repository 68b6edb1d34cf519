"""CLI: hromada analyze multipliers / shock on the demo and on files."""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from hromada.cli import main


def test_multipliers_demo():
    res = CliRunner().invoke(main, ["analyze", "multipliers", "demo"])
    assert res.exit_code == 0, res.output
    assert "demonstration, derived from Belgium 2020 OECD table" in res.output
    assert "output_type2" in res.output and "Manufacturing" in res.output


def test_multipliers_file_to_csv(tmp_path, reference_file):
    out = tmp_path / "m.csv"
    res = CliRunner().invoke(
        main,
        [
            "analyze",
            "multipliers",
            str(reference_file("io/Beutel_15_4.csv")),
            "--out",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out, index_col=0)
    assert len(df) == 6 and (df["output_type1"] >= 1).all()


def test_multipliers_regional(tmp_path):
    emp = tmp_path / "emp.csv"
    emp.write_text(
        "region,sector,value\nA-town,C,1000\nA-town,G,3000\nA-town,D,200\n"
        "B-village,A,500\nB-village,C,80\n"
    )
    out = tmp_path / "r.xlsx"
    res = CliRunner().invoke(
        main, ["analyze", "multipliers", "demo", "--region-employment", str(emp), "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    df = pd.read_excel(out, index_col=[0, 1], engine="openpyxl")
    assert set(df.index.get_level_values(0)) == {"A-town", "B-village"}
    assert (df["output_type1"] >= 1 - 1e-12).all()
    assert (df["output_type2"] >= df["output_type1"] - 1e-12).all()


def test_multipliers_unknown_region_sector(tmp_path):
    emp = tmp_path / "emp.csv"
    emp.write_text("region,sector,value\nA,ZZ,1\n")
    res = CliRunner().invoke(
        main, ["analyze", "multipliers", "demo", "--region-employment", str(emp)]
    )
    assert res.exit_code != 0 and "ZZ" in res.output


def test_shock_demo(tmp_path):
    out = tmp_path / "daily.csv"
    res = CliRunner().invoke(
        main,
        [
            "analyze",
            "shock",
            "demo",
            "--sector",
            "electricity",
            "--loss",
            "0.4",
            "--days",
            "30",
            "--recovery-days",
            "90",
            "--out",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "indirect share" in res.output and "demonstration" in res.output
    daily = pd.read_csv(out, index_col=0)
    assert len(daily) == 366 and daily["D"].iloc[0] == pytest.approx(0.4)


def test_shock_unknown_sector():
    res = CliRunner().invoke(main, ["analyze", "shock", "demo", "--sector", "spaceflight"])
    assert res.exit_code != 0 and "not in the table" in res.output


def test_shock_demo_lifeline_constraint_and_backup():
    base = ["analyze", "shock", "demo", "--sector", "D", "--loss", "0.4", "--top", "3"]
    on = CliRunner().invoke(main, base)
    assert on.exit_code == 0, on.output
    assert "input constraint" in on.output
    off = CliRunner().invoke(main, [*base, "--lifelines", "none"])
    assert "demand-side" in off.output

    def total(out):
        line = next(x for x in out.splitlines() if x.startswith("Total output lost"))
        # money in thousand UAH, three significant digits
        return float(line.split(":")[1].split("thousand UAH")[0].replace(",", ""))

    full = CliRunner().invoke(main, [*base, "--backup", "1"])
    assert total(full.output) == pytest.approx(total(off.output))
    assert total(on.output) > total(full.output)
