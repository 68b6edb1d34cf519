"""A corpus of 200+ malformed uploads: each gets a clear message and stores nothing.

Generated here (not stored): wrong encodings, BOMs, separators, decimal commas, empty and
huge files, formulas, merged cells, wrong or unknown KVED codes, duplicates, negative or
text values, XLSX zip bombs, and files that are not what their extension says.
"""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

from hromada.economy.models import (
    Dataset,
    DatasetVersion,
    DraftStatus,
    ImportDraft,
    Observation,
)
from hromada.economy.services import import_draft_create
from tests.economy.helpers import excel_csv, long_frame, xlsx_bytes
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db

GOOD = long_frame()


def _csv(frame, *, sep=",", encoding="utf-8", bom=False, decimal="."):
    f = frame.copy()
    if decimal != ".":
        f["value"] = [str(v).replace(".", decimal) for v in f["value"]]
    text = f.to_csv(index=False, sep=sep)
    data = text.encode(encoding, errors="replace")
    return (b"\xef\xbb\xbf" + data) if bom else data


def _with(frame, column, value, row=1):
    f = frame.copy().astype({column: object})
    f.loc[row, column] = value
    return f


BAD_VALUES = [
    "-5",
    "abc",
    "1.2.3",
    "=SUM(D2:D3)",
    "=cmd|' /C calc'!A0",
    "12 kg",
    "∞",
    "1e999",
    "--1",
    "5%",
    "тисяча",
    "NaN",
    "inf",
    "-0.01",
]
BAD_CODES = [
    "99.99",
    "ZZ",
    "A1",
    "01.1.1",
    "0",
    "C.10",
    "XX.11",
    "=A1",
    "33.99.9",
    "<script>",
    "01;02",
]
BAD_YEARS = ["20x1", "1800", "3000", "2021.5", "рік", "=2021", "-2021"]
BAD_AREAS = ["Марс", "unknown", "=1", "12"]


def _value_cases():
    cases = []
    for value in BAD_VALUES:
        frame = _with(GOOD, "value", value)
        cases.append((f"value {value!r} csv", _csv(frame), "data.csv"))
        cases.append(
            (
                f"value {value!r} csv cp1251 ;",
                _csv(frame, sep=";", encoding="cp1251", decimal=","),
                "data.csv",
            )
        )
        cases.append((f"value {value!r} xlsx", xlsx_bytes(frame), "data.xlsx"))
        cases.append((f"value {value!r} tsv bom", _csv(frame, sep="\t", bom=True), "data.txt"))
        cases.append((f"value {value!r} wide", _csv(_wide(value=value)), "data.csv"))
    for code in BAD_CODES:
        cases.append((f"kved {code!r} wide", _csv(_wide(code=code)), "data.csv"))
    for row in range(0, len(GOOD), len(GOOD) // 4):
        frame = _with(GOOD, "value", "-1", row=row)
        cases.append((f"negative row {row} csv", _csv(frame), "data.csv"))
        cases.append((f"negative row {row} xlsx", xlsx_bytes(frame), "data.xlsx"))
        cases.append(
            (
                f"negative row {row} excel csv",
                _csv(frame, sep=";", encoding="cp1251", decimal=","),
                "data.csv",
            )
        )
    return cases


def _wide(*, value="5", code="C"):
    return pd.DataFrame(
        {
            "area": ["municipality", "reference", "municipality", "reference"],
            "kved": ["A", "A", code, "C"],
            "2021": ["1", "5", value, "7"],
            "2022": ["4", "5", "2", "8"],
        }
    )


def _column_cases(column, values):
    cases = []
    for value in values:
        frame = _with(GOOD, column, value)
        cases.append((f"{column} {value!r} csv", _csv(frame), "data.csv"))
        cases.append((f"{column} {value!r} xlsx", xlsx_bytes(frame), "data.xlsx"))
        excel = (
            excel_csv(frame.astype({"value": float}))
            if column != "area"
            else _csv(frame, sep=";", encoding="cp1251")
        )
        cases.append((f"{column} {value!r} excel csv", excel, "data.csv"))
    return cases


def _structure_cases():
    good_csv = _csv(GOOD)
    cases = [
        ("empty", b"", "data.csv"),
        ("blank lines", b"\n\n  \n", "data.csv"),
        ("header only", b"area,kved,year,value\n", "data.csv"),
        ("bom only", b"\xef\xbb\xbf", "data.csv"),
        ("utf-16", _csv(GOOD).decode().encode("utf-16"), "data.csv"),
        ("utf-32", _csv(GOOD).decode().encode("utf-32"), "data.csv"),
        ("pipe separator", _csv(GOOD, sep="|"), "data.csv"),
        (
            "extra cell in a row",
            b"area,kved,year,value\nmunicipality,A,2021,5,extra\nreference,A,2021,7\n",
            "data.csv",
        ),
        (
            "decimal comma in comma csv, unquoted",
            b"area,kved,year,value\nmunicipality,A,2021,1,5\nreference,A,2021,3,5\n",
            "data.csv",
        ),
        ("no header", b"\n".join(good_csv.splitlines()[1:]), "data.csv"),
        ("missing value column", _csv(GOOD.drop(columns="value")), "data.csv"),
        ("missing kved column", _csv(GOOD.drop(columns="kved")), "data.csv"),
        ("missing year column", _csv(GOOD.drop(columns="year")), "data.csv"),
        ("missing area column", _csv(GOOD.drop(columns="area")), "data.csv"),
        ("renamed columns", _csv(GOOD.set_axis(["a", "b", "c", "d"], axis=1)), "data.csv"),
        ("duplicate rows", _csv(pd.concat([GOOD, GOOD.iloc[:3]])), "data.csv"),
        ("duplicate rows xlsx", xlsx_bytes(pd.concat([GOOD, GOOD.iloc[:3]])), "data.xlsx"),
        ("only municipality", _csv(GOOD[GOOD.area == "municipality"]), "data.csv"),
        ("only reference", _csv(GOOD[GOOD.area == "reference"]), "data.csv"),
        (
            "code and its parent",
            _csv(pd.concat([GOOD, _with(GOOD, "kved", "01").iloc[[1]]])),
            "data.csv",
        ),
        ("png named csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "data.csv"),
        ("pdf named xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n", "data.xlsx"),
        ("csv named xlsx", good_csv, "data.xlsx"),
        (
            "html named xls",
            b"<html><body><table><tr><td>area</td></tr></table></body></html>",
            "data.xls",
        ),
        ("zip that is no workbook", _zip({"notes.txt": b"hello"}), "data.xlsx"),
        ("random bytes xlsx", bytes((i * 37) % 256 for i in range(5000)), "data.xlsx"),
        ("random bytes csv", bytes((i * 91) % 256 for i in range(5000)), "data.csv"),
        ("docx", _zip({"word/document.xml": b"<w:document/>"}), "data.docx"),
        ("exe", b"MZ\x90\x00" + b"\x00" * 200, "data.exe"),
        ("no extension", good_csv, "data"),
        (
            "zip bomb xlsx",
            _zip({"xl/worksheets/sheet1.xml": b"0" * (300 * 1024 * 1024)}),
            "data.xlsx",
        ),
        (
            "ratio bomb xlsx",
            _zip(
                {
                    "[Content_Types].xml": b"<Types/>",
                    "xl/worksheets/sheet1.xml": b" " * (40 * 1024 * 1024),
                }
            ),
            "data.xlsx",
        ),
        ("merged header cells", _merged_xlsx(), "data.xlsx"),
        ("formula cells xlsx", _formula_xlsx(), "data.xlsx"),
        (
            "wide layout text year value",
            _csv(
                pd.DataFrame(
                    {
                        "area": ["municipality", "reference"],
                        "kved": ["A", "A"],
                        "2021": ["x", "5"],
                        "2022": ["4", "5"],
                    }
                )
            ),
            "data.csv",
        ),
        (
            "wide layout negative",
            _csv(
                pd.DataFrame(
                    {
                        "area": ["municipality", "reference"],
                        "kved": ["A", "A"],
                        "2021": ["-1", "5"],
                        "2022": ["4", "5"],
                    }
                )
            ),
            "data.csv",
        ),
        (
            "wide layout unknown code",
            _csv(
                pd.DataFrame(
                    {
                        "area": ["municipality", "reference"],
                        "kved": ["99.99", "A"],
                        "2021": ["1", "5"],
                        "2022": ["4", "5"],
                    }
                )
            ),
            "data.csv",
        ),
    ]
    for sep in (";", "\t"):
        for bom in (True, False):
            frame = _with(GOOD, "kved", "99.99")
            cases.append(
                (f"unknown code sep {sep!r} bom {bom}", _csv(frame, sep=sep, bom=bom), "data.csv")
            )
    return cases


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _merged_xlsx() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["area", "kved", "year", "value"])
    ws.merge_cells("A1:D1")  # the header collapsed into one cell
    for row in GOOD.itertuples(index=False):
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _formula_xlsx() -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["area", "kved", "year", "value"])
    for i, row in enumerate(GOOD.itertuples(index=False)):
        values = list(row)
        if i == 2:
            values[3] = "=1/0"
        ws.append(values)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


CASES = (
    _value_cases()
    + _column_cases("kved", BAD_CODES)
    + _column_cases("year", BAD_YEARS)
    + _column_cases("area", BAD_AREAS)
    + _structure_cases()
)


def test_the_corpus_is_large():
    assert len(CASES) >= 200, len(CASES)


def _stored():
    """Datasets, versions, values, and drafts holding values or a file (a large upload
    rejected in the background keeps a draft with only its problems, to show them)."""
    holding = [
        d
        for d in ImportDraft.objects.all()
        if d.status != DraftStatus.REJECTED or d.rows or bytes(d.content)
    ]
    return (
        Dataset.all_objects.count(),
        DatasetVersion.objects.count(),
        Observation.objects.count(),
        len(holding),
    )


@pytest.mark.parametrize("label, content, filename", CASES, ids=[c[0] for c in CASES])
def test_each_malformed_upload_gets_a_message_and_stores_nothing(label, content, filename):
    m = make_municipality()
    before = _stored()
    for language in ("uk", "en"):
        with translation.override(language):
            draft, result = import_draft_create(
                municipality=m,
                user=None,
                content=content,
                filename=filename,
                name="Test",
                measure="employment",
                unit="persons",
                reference_level="ukraine",
            )
        assert draft is None, f"{label}: accepted"
        assert result.errors, f"{label}: no error reported"
        for problem in result.errors:
            assert problem.message.strip() and problem.fix.strip(), (label, problem)
    assert _stored() == before


def test_the_server_survives_and_the_size_limit_holds(client):
    m = make_municipality()
    owner = make_member(m, "owner")
    client.login(username=owner.username, password=PASSWORD)
    url = f"/m/{m.code}/assess/import/"
    form = {
        "name": "Test",
        "measure": "employment",
        "unit": "persons",
        "reference_level": "ukraine",
        "source": "",
    }
    huge = SimpleUploadedFile("huge.csv", b"area,kved,year,value\n" + b"x" * (21 * 1024 * 1024))
    response = client.post(url, {**form, "file": huge})
    assert response.status_code == 200 and _stored()[0] == 0
    for label, content, filename in CASES[::10]:
        # Large files are checked in the background (immediate here): the upload then
        # leads to the draft's page, which lists the problems.
        response = client.post(
            url, {**form, "file": SimpleUploadedFile(filename, content)}, follow=True
        )
        assert response.status_code == 200, label
        assert 'data-testid="import-errors"' in response.content.decode(), label
    assert client.get(url).status_code == 200
    assert _stored() == (0, 0, 0, 0)
