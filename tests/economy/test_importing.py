"""Reading uploads: every kind of problem gives the right message, at the right row and
column, and a good file round-trips exactly."""

import pandas as pd
import pytest

from hromada.economy.importing import parse_number, parse_upload
from tests.economy.helpers import excel_csv, long_frame, xlsx_bytes

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


def _cells(frame):
    return {(r.area, r.sector, int(r.year)): r.value for r in frame.itertuples(index=False)}


def test_cp1251_semicolon_decimal_comma_roundtrips_exactly():
    frame = long_frame()
    frame.loc[0, "value"] = 120.5
    result = parse_upload(excel_csv(frame), "дані.csv")
    assert result.ok, result.problems
    assert result.level == "section"
    cells = _cells(result.frame)
    assert cells[("local", "A", 2019)] == 120.5
    expected = {
        ("local" if a == "municipality" else "reference", k, y): float(v)
        for a, k, y, v in frame.itertuples(index=False)
    }
    assert cells == expected


def test_xlsx_and_utf8_csv_read_the_same():
    frame = long_frame()
    a = parse_upload(xlsx_bytes(frame), "data.xlsx")
    b = parse_upload(frame.to_csv(index=False).encode("utf-8-sig"), "data.csv")
    assert a.ok and b.ok
    assert _cells(a.frame) == _cells(b.frame)


def test_wide_layout_with_year_columns():
    frame = long_frame()
    wide = frame.pivot_table(index=["area", "kved"], columns="year", values="value").reset_index()
    wide.columns = [str(c) for c in wide.columns]
    result = parse_upload(xlsx_bytes(wide), "wide.xlsx")
    assert result.ok, result.problems
    assert _cells(result.frame) == _cells(parse_upload(xlsx_bytes(frame), "l.xlsx").frame)


@pytest.mark.parametrize(
    "number,text",
    [
        (1234.5, "1 234,5"),
        (1234.5, "1234,5"),
        (1234.5, "1.234,5"),
        (1234.5, "1,234.5"),
        (-3.0, "\u22123"),
        (1234.0, "1\u00a0234"),
    ],
)
def test_numbers_as_spreadsheets_write_them(number, text):
    assert parse_number(text) == number


def test_finer_levels_are_summed_up_to_the_coarsest():
    rows = [
        ["municipality", "10.71", 2021, 5],
        ["municipality", "10.72", 2021, 7],
        ["municipality", "11", 2021, 3],
        ["municipality", "A", 2021, 4],
        ["reference", "C", 2021, 100],
        ["reference", "A", 2021, 50],
    ]
    frame = pd.DataFrame(rows, columns=["area", "kved", "year", "value"])
    result = parse_upload(frame.to_csv(index=False).encode(), "x.csv")
    assert result.ok, result.problems
    assert result.level == "section"
    assert _cells(result.frame)[("local", "C", 2021)] == 15.0
    assert result.aggregated == 3
    assert any("summed up" in p.message for p in result.warnings)


def _problems(rows, header=("area", "kved", "year", "value"), name="x.csv"):
    text = ";".join(header) + "\n" + "\n".join(";".join(map(str, r)) for r in rows)
    result = parse_upload(text.encode("cp1251"), name)
    return result


GOOD = [["municipality", "A", 2021, 10], ["reference", "A", 2021, 100]]


@pytest.mark.parametrize(
    "rows,row,column,message",
    [
        (GOOD + [["municipality", "ZZ", 2021, 1]], 4, "kved (B)", "is not a KVED 2010 code"),
        (GOOD + [["municipality", "04", 2021, 1]], 4, "kved (B)", "is not a KVED 2010 code"),
        (GOOD + [["municipality", "", 2021, 1]], 4, "kved (B)", "The KVED code is empty"),
        (GOOD + [["oblast-x", "C", 2021, 1]], 4, "area (A)", "is not an area"),
        (GOOD + [["municipality", "C", "двадцять", 1]], 4, "year (C)", "is not a year"),
        (GOOD + [["municipality", "C", 1850, 1]], 4, "year (C)", "is not a year"),
        (GOOD + [["municipality", "C", 2021, "12 осіб"]], 4, "value (D)", "is not a number"),
        (GOOD + [["municipality", "C", 2021, "-5"]], 4, "value (D)", "is negative"),
        (GOOD + [["municipality", "A", 2021, 11]], 4, "kved (B)", "is given 2 times"),
        (GOOD + [["municipality", "01.11", 2021, 11]], 4, "kved (B)", "is inside A"),
    ],
)
def test_each_problem_names_row_column_and_fix(rows, row, column, message):
    result = _problems(rows)
    assert not result.ok and result.frame is None
    hits = [p for p in result.errors if message in p.message]
    assert hits, [p.message for p in result.problems]
    assert hits[0].row == row and hits[0].column == column
    assert hits[0].fix


def test_missing_column_and_missing_area():
    result = _problems([["municipality", "A", 10]], header=("area", "kved", "value"))
    assert any("“year” is missing" in p.message for p in result.errors)
    result = _problems([["municipality", "A", 2021, 10]])
    assert any("no values for the reference" in p.message for p in result.errors)


def test_unreadable_files():
    assert "not supported" in parse_upload(b"abc", "x.pdf").errors[0].message
    assert "empty" in parse_upload(b"", "x.csv").errors[0].message
    assert "not a real Excel workbook" in parse_upload(b"not a zip", "x.xlsx").errors[0].message
    assert "no rows of data" in parse_upload(b"area;kved;year;value\n", "x.csv").errors[0].message


def test_every_problem_is_listed_not_only_the_first():
    rows = GOOD + [["municipality", "ZZ", 2021, 1], ["municipality", "C", 20, "x"]]
    result = _problems(rows)
    assert len(result.errors) == 3


def test_warnings_do_not_block():
    rows = [
        ["municipality", "A", 2021, 500],
        ["reference", "A", 2021, 100],
        ["municipality", "C", 2021, 5],
    ]
    result = _problems(rows)
    assert result.ok
    text = " ".join(p.message for p in result.warnings)
    assert "larger than the reference" in text and "no value for KVED C" in text


def test_rows_without_a_value_are_skipped_with_a_warning():
    result = _problems(GOOD + [["municipality", "C", 2021, ""], ["reference", "C", 2021, ""]])
    assert result.ok
    assert set(result.frame["sector"]) == {"A"}
    assert any("2 rows have no value" in p.message and "4, 5" in p.message for p in result.warnings)
    assert "no values" in _problems([["municipality", "C", 2021, ""]]).errors[0].message
