"""The ``hromada analyze complexity`` and ``hromada analyze opportunities`` commands."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from hromada.cli import main
from hromada.econ.complexity import complexity_indices, presence


@pytest.fixture
def panel_csv(tmp_path):
    rng = np.random.default_rng(1)
    rows = [
        (y, f"hromada {i}", f"{j:02d}", float(rng.lognormal(3, 1)) * (rng.random() > 0.3))
        for y in (2020, 2022)
        for i in range(12)
        for j in range(8)
    ]
    df = pd.DataFrame(rows, columns=["year", "hromada", "kved", "jobs"])
    path = tmp_path / "jobs.csv"
    df.to_csv(path, index=False, sep=";", decimal=",")  # Excel in a Ukrainian locale
    return path, df


def test_analyze_complexity_writes_sheets(panel_csv, tmp_path):
    path, df = panel_csv
    out = tmp_path / "res.xlsx"
    result = CliRunner().invoke(
        main,
        [
            "analyze",
            "complexity",
            str(path),
            "--out",
            str(out),
            "--region-col",
            "hromada",
            "--sector-col",
            "kved",
            "--value-col",
            "jobs",
        ],
    )
    assert result.exit_code == 0, result.output
    sheets = pd.read_excel(out, sheet_name=None, engine="openpyxl")
    assert {"regions", "sectors", "region-sector"} <= set(sheets)
    regions = sheets["regions"]
    last = regions[regions["year"] == 2022].set_index("hromada")["eci"]
    long = df.rename(columns={"hromada": "region", "kved": "sector", "jobs": "value"})
    long["sector"] = long["sector"].astype(int).astype(str).str.zfill(2)
    eci, _ = complexity_indices(presence(long, year=2022))
    np.testing.assert_allclose(last.loc[eci.index], eci, atol=1e-9)


def test_analyze_opportunities_prints_ranked_reasons(panel_csv):
    path, _ = panel_csv
    args = [
        "analyze",
        "opportunities",
        str(path),
        "--region",
        "hromada 3",
        "--region-col",
        "hromada",
        "--sector-col",
        "kved",
        "--value-col",
        "jobs",
        "--top",
        "3",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "  1. " in result.output and "Builds on what hromada 3" in result.output
    bad = CliRunner().invoke(main, args[:4] + ["--region", "Atlantis"] + args[6:])
    assert bad.exit_code != 0 and "Atlantis" in bad.output
