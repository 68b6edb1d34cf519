import io

import pandas as pd

from hromada.core.exports import csv_response, xlsx_bytes


def test_xlsx_has_one_sheet_per_table_and_survives_no_tables():
    data = xlsx_bytes({"LQ": pd.DataFrame({"a": [1]}), "x/y:z" * 10: pd.DataFrame({"b": [2]})})
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, engine="openpyxl")
    assert list(sheets)[0] == "LQ" and len(sheets) == 2 and all(len(n) <= 31 for n in sheets)
    empty = pd.read_excel(io.BytesIO(xlsx_bytes({})), sheet_name=None, engine="openpyxl")
    assert len(empty) == 1


def test_csv_has_a_bom_for_excel_and_keeps_cyrillic():
    response = csv_response(pd.DataFrame({"галузь": ["Сільське господарство"]}), "дані")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff") and "Сільське господарство" in body
    assert response["Content-Disposition"].endswith('.csv"')


def test_safe_url_drops_script_schemes():
    from hromada.core.templatetags.charts import safe_url

    assert safe_url("https://prozorro.gov.ua/x") == "https://prozorro.gov.ua/x"
    assert safe_url("/m/UA1/assess/") == "/m/UA1/assess/"
    for bad in (
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "//evil.example/x",
        "vbscript:x",
    ):
        assert safe_url(bad) == ""
