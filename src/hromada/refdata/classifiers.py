"""Classifiers: KVED 2010 (economic activities) and KATOTTG (territorial units)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import pandas as pd

from hromada.refdata._files import read_csv
from hromada.refdata.locations import data_dir
from hromada.refdata.translit import transliterate

__all__ = [
    "KATOTTG_CATEGORIES",
    "katottg",
    "kved",
    "kved_lookup",
    "kved_division_section",
]

#: KATOTTG object categories (Наказ Мінрегіону № 290 of 26.11.2020, annex).
KATOTTG_CATEGORIES: dict[str, str] = {
    "O": "oblast or Autonomous Republic of Crimea",
    "K": "city with special status",
    "P": "raion",
    "H": "territorial community (hromada)",
    "M": "city",
    "X": "urban-type settlement (selyshche)",
    "C": "village",
    "B": "rural settlement (selyshche)",
}


@lru_cache(maxsize=4)
def _kved(root: Path) -> pd.DataFrame:
    raw = read_csv("classifiers/kved2010_nace2_uk_en.csv", root, dtype=str, keep_default_na=False)
    out = pd.DataFrame(
        {
            "code": raw["code"].str.strip(),
            "level": raw["level"],
            "parent": raw["parent_code"].replace({"": pd.NA}),
            "section": raw["section"],
            "name_uk": raw["name_uk"],
            "name_en": raw["name_en"],
        }
    )
    out["division"] = out["code"].str.slice(0, 2).where(out["level"] != "section")
    return out


def kved() -> pd.DataFrame:
    """Return the KVED 2010 classifier (DK 009:2010), 996 codes.

    Columns: ``code`` (``A``, ``01``, ``01.1``, ``01.11``), ``level`` (section, division,
    group, class), ``parent``, ``section``, ``division`` (missing for sections),
    ``name_uk``, ``name_en`` (NACE Rev. 2 English names; the code sets are identical).

    Examples
    --------
    >>> k = kved()
    >>> int(k["level"].value_counts()["class"])
    615
    """
    return _kved(data_dir()).copy()


_CODE = re.compile(r"^\s*(\d{1,2})(?:\.?(\d)(\d)?)?\s*$")


def _normalise(code: object) -> str | None:
    if code is None or (isinstance(code, float) and pd.isna(code)):
        return None
    s = str(code).strip().upper()
    if re.fullmatch(r"[A-U]", s):
        return s
    m = _CODE.match(s)
    if not m:
        return None
    div, g, c = m.groups()
    div = div.zfill(2)
    if g is None:
        return div
    return f"{div}.{g}" + (c or "")


def kved_lookup(codes: Iterable[object]) -> pd.DataFrame:
    """Return, for each KVED code given, its normalised form, level, division and section.

    Parameters
    ----------
    codes : iterable of str
        Section letters, divisions (``'1'``, ``'01'``), groups (``'01.1'``, ``'011'``) or
        classes (``'01.11'``, ``'0111'``, ``'1.11'``).

    Returns
    -------
    pandas.DataFrame
        Columns ``input``, ``code``, ``level``, ``division``, ``section``, ``name_uk``,
        ``name_en``; one row per input, in input order. Unknown codes give missing values
        (``code`` is missing too); check with ``.code.isna()``.

    Examples
    --------
    >>> kved_lookup(["01.11", "4711", "62"])[["division", "section"]].values.tolist()
    [['01', 'A'], ['47', 'G'], ['62', 'J']]
    """
    table = _kved(data_dir()).set_index("code")
    codes = list(codes)
    norm = [_normalise(c) for c in codes]
    found = [n if n is not None and n in table.index else None for n in norm]
    sub = table.reindex([f if f is not None else "__missing__" for f in found])
    return pd.DataFrame(
        {
            "input": codes,
            "code": found,
            "level": sub["level"].to_numpy(),
            "division": sub["division"].to_numpy(),
            "section": sub["section"].to_numpy(),
            "name_uk": sub["name_uk"].to_numpy(),
            "name_en": sub["name_en"].to_numpy(),
        }
    )


def kved_division_section(code: object) -> tuple[str | None, str]:
    """Return ``(division, section)`` of a KVED section, division, group or class code.

    Raises
    ------
    KeyError
        If the code is not in KVED 2010, naming the code and the accepted forms.

    Examples
    --------
    >>> kved_division_section("47.11")
    ('47', 'G')
    """
    row = kved_lookup([code]).iloc[0]
    if row["code"] is None or pd.isna(row["code"]):
        raise KeyError(
            f"{code!r} is not a KVED 2010 code; expected a section letter (A-U), a division "
            "('01'), a group ('01.1') or a class ('01.11')"
        )
    division = None if pd.isna(row["division"]) else row["division"]
    return division, row["section"]


@lru_cache(maxsize=2)
def _katottg(root: Path) -> pd.DataFrame:
    raw = read_csv(
        "classifiers/katottg_kodifikator_2026-07-07.csv", root, dtype=str, keep_default_na=False
    )
    raw.columns = ["level1", "level2", "level3", "level4", "extra", "category", "name_uk"]
    out = raw.copy()
    code = out["level1"]
    for col in ["level2", "level3", "level4", "extra"]:
        code = out[col].where(out[col] != "", code)
        out[col] = out[col].where(out[col] != "", None)
    out["name_uk"] = out["name_uk"].str.strip()
    out.insert(0, "code", code)
    out["name_en"] = out["name_uk"].map(transliterate)
    out["category_en"] = out["category"].map(KATOTTG_CATEGORIES)
    return out


def katottg() -> pd.DataFrame:
    """Return the KATOTTG codifier (edition of 07.07.2026), 31,744 units down to settlements.

    Columns: ``code`` (the unit's own code: its deepest level), ``level1`` (oblast),
    ``level2`` (raion), ``level3`` (hromada), ``level4`` (settlement), ``extra`` (city
    district), ``category`` (see :data:`KATOTTG_CATEGORIES`), ``name_uk``, ``name_en``
    (transliterated), ``category_en``.

    Examples
    --------
    >>> k = katottg()
    >>> int((k["category"] == "H").sum())
    1772
    """
    return _katottg(data_dir()).copy()
