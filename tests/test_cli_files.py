"""Reading the files officers have: cp1251 CSV with ';' and decimal commas, code columns."""

import pandas as pd

from hromada.cli._files import read_table


def test_cp1251_semicolon_decimal_comma_and_codes_kept_as_text(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes(
        "КВЕД;рік;значення\n01;2021;1 234,5\n10.11;2022;7\nA;2021;0,25\n".encode("cp1251")
    )
    df = read_table(path)
    assert df["КВЕД"].tolist() == ["01", "10.11", "A"]
    assert df["рік"].tolist() == [2021, 2022, 2021]
    assert df["значення"].tolist() == [1234.5, 7.0, 0.25]


def test_utf8_with_bom_and_leading_zero_codes(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text(
        "\ufeffregion,sector,year,value\nUA1,0011,2020,3.5\nUA1,0012,2020,4\n", encoding="utf-8"
    )
    df = read_table(path)
    assert list(df.columns) == ["region", "sector", "year", "value"]
    assert df["sector"].tolist() == ["0011", "0012"]
    assert df["value"].dtype == "float64"


def test_xlsx(tmp_path):
    path = tmp_path / "data.xlsx"
    pd.DataFrame({"sector": ["A", "C"], "year": [2021, 2021], "value": [1.5, 2]}).to_excel(
        path, index=False
    )
    df = read_table(path)
    assert df["value"].tolist() == [1.5, 2.0] and df["sector"].tolist() == ["A", "C"]
