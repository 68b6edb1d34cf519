"""KVED 2010 / NACE Rev. 2 section names in the active language, shared by the Resilience
and Diversify steps."""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import get_language

from hromada.refdata import ReferenceDataMissingError, kved
from hromada.refdata.demo_io import SECTIONS


@lru_cache(maxsize=1)
def _uk_names() -> dict[str, str]:
    try:
        table = kved()
    except ReferenceDataMissingError:  # the classifier is missing: fall back to English
        return {}
    rows = table[table["level"] == "section"]
    out = {}
    for code, name in zip(rows["code"], rows["name_uk"], strict=True):
        if isinstance(name, str):
            out[str(code)] = name.capitalize() if name.isupper() else name
    return out


def section_name(code: str, *, lang: str | None = None) -> str:
    """The name of KVED section ``code`` (``"D"``) in Ukrainian or English."""
    lang = lang or get_language() or "uk"
    if not lang.startswith("en"):
        name = _uk_names().get(code)
        if name:
            return name
    return SECTIONS.get(code, code)


def section_label(code: str, *, lang: str | None = None) -> str:
    """``"D · Electricity, gas, ..."``: the code and the name, for charts and tables."""
    return f"{code} · {section_name(code, lang=lang)}"


def section_choices() -> list[tuple[str, str]]:
    return [(c, section_label(c)) for c in SECTIONS]
