"""Small tables for the economy tests."""

from __future__ import annotations

import io

import pandas as pd

LOCAL = {  # sector -> values 2019..2024
    "A": [120, 125, 130, 60, 70, 80],
    "C": [300, 310, 320, 150, 170, 190],
    "G": [200, 205, 210, 120, 140, 150],
    "P": [100, 101, 102, 90, 92, 95],
}
REFERENCE = {
    "A": [2900, 2950, 3000, 2500, 2600, 2700],
    "C": [1500, 1520, 1550, 1300, 1350, 1400],
    "G": [3300, 3350, 3400, 2900, 3000, 3100],
    "P": [1500, 1510, 1520, 1450, 1460, 1470],
}
YEARS = list(range(2019, 2025))


def long_frame(local=LOCAL, reference=REFERENCE, years=YEARS) -> pd.DataFrame:
    rows = []
    for area, table in (("municipality", local), ("reference", reference)):
        for code, values in table.items():
            for y, v in zip(years, values, strict=True):
                rows.append([area, code, y, v])
    return pd.DataFrame(rows, columns=["area", "kved", "year", "value"]).astype({"value": float})


def excel_csv(frame: pd.DataFrame, *, uk_headers: bool = True) -> bytes:
    """As Excel in a Ukrainian locale writes CSV: cp1251, ';', decimal commas."""
    f = frame.copy()
    if uk_headers:
        f = f.rename(
            columns={"area": "територія", "kved": "квед", "year": "рік", "value": "значення"}
        )
        f["територія"] = f["територія"].replace({"municipality": "громада", "reference": "еталон"})
    col = f.columns[3]
    f[col] = [f"{v:g}".replace(".", ",") for v in f[col]]
    return f.to_csv(index=False, sep=";").encode("cp1251")


def xlsx_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    return buffer.getvalue()
