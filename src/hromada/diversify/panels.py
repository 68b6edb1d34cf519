"""Reference panels of many regions by sector, for economic complexity.

Complexity and relatedness need many regions: the municipality's own data is one region.
Two kinds of panel are offered:

* real European panels in the data folder (``europe/``; official statistics extracted
  from the R package REAT 3.0.3; see ``../shared/data/README.md``): EU and EFTA countries
  by NACE A10 group 2007-2016 (Eurostat), German Laender by A10 group 2008-2014 and by
  NACE section 2015 (Destatis / Regionaldatenbank);
* a panel the user imports (CSV region, sector, year, value), stored in the municipality's
  workspace (:class:`hromada.diversify.models.ReferencePanel`).

The municipality is placed in the panel from its own employment by KVED section, mapped to
the panel's sectors (:func:`section_map`). KVED 2010 sections are NACE Rev. 2 sections.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
from django.utils.translation import gettext_lazy as _

from hromada.refdata.demo_io import SECTIONS
from hromada.refdata.tabular import csv_separator, decode_text
from hromada.resilience.sectors import section_name

#: NACE Rev. 2 A10 groups and the sections each one holds.
A10 = {
    "A": ["A"],
    "B-E": ["B", "C", "D", "E"],
    "F": ["F"],
    "G-I": ["G", "H", "I"],
    "J": ["J"],
    "K": ["K"],
    "L": ["L"],
    "M_N": ["M", "N"],
    "O-Q": ["O", "P", "Q"],
    "R-U": ["R", "S", "T", "U"],
}


def a10_names() -> dict[str, str]:
    return {
        "A": _("Agriculture, forestry and fishing"),
        "B-E": _("Industry (mining, manufacturing, energy, water)"),
        "F": _("Construction"),
        "G-I": _("Trade, transport, accommodation and food"),
        "J": _("Information and communication"),
        "K": _("Finance and insurance"),
        "L": _("Real estate"),
        "M_N": _("Professional, scientific, administrative services"),
        "O-Q": _("Public administration, education, health"),
        "R-U": _("Arts, recreation and other services"),
    }


_DE_A10_LABELS = {
    "Land- und Forstwirtschaft, Fischerei (A)": "A",
    "Produzierendes Gewerbe ohne Baugewerbe (B-E)": "B-E",
    "Baugewerbe (F)": "F",
    "Handel, Gastgewerbe, Verkehr (G-I)": "G-I",
    "Information und Kommunikation (J)": "J",
    "Erbringung von Finanz- und Vers.leistungen (K)": "K",
    "Grundstuecks- und Wohnungswesen (L)": "L",
    "Freiberufl,wissenschaftl. techn. Dienstl.,sonst.DL": "M_N",
    "oeff.Verw.,Verteidig.,Sozialvers.,Erz.-u.Unterricht": "O-Q",
    "Kunst, Unterhaltung, Erholung, Priv. Haush.,usw.": "R-U",
}


@dataclass
class Panel:
    """A long panel (region, sector, year, value) with what the pages say about it."""

    key: str
    title: str
    source: str
    unit: str
    scale: float  # persons per unit of ``value`` (1000 for thousand persons)
    frame: pd.DataFrame
    sections: dict[str, list[str]]  # panel sector -> KVED sections it holds
    names: dict[str, str] = field(default_factory=dict)
    real: bool = True

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.frame["year"].unique())

    @property
    def regions(self) -> list[str]:
        return sorted(self.frame["region"].unique())

    def name(self, sector: str) -> str:
        return str(self.names.get(sector, sector))


def _europe(file: str):
    from hromada.refdata._files import read_csv
    from hromada.refdata.locations import locate

    if locate(f"europe/{file}") is None:
        return None
    return read_csv(f"europe/{file}")


@lru_cache(maxsize=8)
def _builtin_frame(key: str) -> pd.DataFrame | None:
    if key == "eu_a10":
        raw = _europe("EU28.emp.csv")
        if raw is None:
            return None
        out = raw.rename(
            columns={"geo": "region", "nace_r2": "sector", "time": "year", "emp1000": "value"}
        )[["region", "sector", "year", "value"]]
    elif key == "de_a10":
        raw = _europe("G.regions.emp.csv")
        if raw is None:
            return None
        raw = raw[(raw["region"] != "Insgesamt") & raw["industry"].isin(_DE_A10_LABELS)]
        out = pd.DataFrame(
            {
                "region": raw["region"],
                "sector": raw["industry"].map(_DE_A10_LABELS),
                "year": raw["year"],
                "value": raw["emp"],
            }
        )
    elif key == "de_sections":
        raw = _europe("G.regions.industries.csv")
        if raw is None:
            return None
        out = pd.DataFrame(
            {
                "region": raw["region"],
                "sector": raw["ind_code"].str.replace("WZ08-", "", regex=False),
                "year": raw["year"],
                "value": raw["emp_all"],
            }
        )
    else:
        return None
    out = out.dropna(subset=["value"])
    out["year"] = out["year"].astype(int)
    out["value"] = out["value"].astype(float)
    return out.reset_index(drop=True)


def builtin_panels() -> dict[str, dict]:
    """key -> title, source, unit of the panels shipped in the data folder."""
    return {
        "eu_a10": {
            "title": _("EU and EFTA countries by NACE A10 group, 2007-2016"),
            "source": _(
                "Eurostat, employees (domestic concept), table namq_10_a10_e; "
                "30 countries (EU28, Iceland, Norway); via the R package REAT 3.0.3"
            ),
            "unit": _("thousand persons"),
            "scale": 1000.0,
            "kind": "a10",
        },
        "de_a10": {
            "title": _("German Laender by NACE A10 group, 2008-2014"),
            "source": _(
                "Regionaldatenbank Deutschland, table 254-74-4-B: employees subject "
                "to social insurance at the place of work, 30 June; 16 Laender; via "
                "the R package REAT 3.0.3"
            ),
            "unit": _("persons"),
            "scale": 1.0,
            "kind": "a10",
        },
        "de_sections": {
            "title": _("German Laender by NACE section, 2015"),
            "source": _(
                "Destatis tables 12411-0010 and 13311-0002: employment including "
                "the self-employed; 16 Laender, sections B-S without O; via the R "
                "package REAT 3.0.3"
            ),
            "unit": _("persons"),
            "scale": 1.0,
            "kind": "sections",
        },
    }


def section_map(sectors) -> tuple[dict[str, list[str]], str | None]:
    """Panel sector -> KVED sections, and the kind of coding (``"sections"`` or
    ``"a10"``), or ({}, None) when the sectors are neither: then the municipality cannot be
    placed in the panel."""
    sectors = [str(s) for s in sectors]
    if sectors and all(s in SECTIONS or s == "U" for s in sectors):
        return {s: [s] for s in sectors}, "sections"
    aliases = {k.replace("_", "-"): k for k in A10} | {k: k for k in A10}
    if sectors and all(s in aliases for s in sectors):
        return {s: A10[aliases[s]] for s in sectors}, "a10"
    return {}, None


def _panel(key, title, source, unit, scale, frame: pd.DataFrame, *, real: bool) -> Panel:
    """A Panel of ``frame``, its sectors mapped to KVED sections and named."""
    sections, kind = section_map(frame["sector"].unique())
    names = a10_names() if kind == "a10" else {s: section_name(s) for s in sections}
    return Panel(
        key=key,
        title=title,
        source=source,
        unit=unit,
        scale=scale,
        frame=frame,
        sections=sections,
        names=names,
        real=real,
    )


def builtin_panel(key: str) -> Panel | None:
    meta = builtin_panels().get(key)
    frame = _builtin_frame(key)
    if meta is None or frame is None:
        return None
    return _panel(
        key,
        str(meta["title"]),
        str(meta["source"]),
        str(meta["unit"]),
        meta["scale"],
        frame,
        real=True,
    )


def panel_from_rows(
    key: str, title: str, source: str, unit: str, scale: float, rows: list
) -> Panel:
    frame = pd.DataFrame(rows, columns=["region", "sector", "year", "value"])
    frame["region"] = frame["region"].astype(str)
    frame["sector"] = frame["sector"].astype(str)
    frame["year"] = frame["year"].astype(int)
    frame["value"] = frame["value"].astype(float)
    return _panel(key, title, source, unit, scale, frame, real=False)


def parse_panel_csv(content: bytes) -> tuple[list | None, list[str]]:
    """Rows [[region, sector, year, value], ...] of an uploaded CSV, or (None, errors)."""
    import io

    errors: list[str] = []
    text = decode_text(content)
    first = text.splitlines()[0] if text.strip() else ""
    sep = csv_separator(first)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str)
    except (ValueError, pd.errors.ParserError) as exc:
        return None, [str(_("The file could not be read as CSV: %(error)s") % {"error": exc})]
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in ("region", "sector", "year", "value") if c not in frame.columns]
    if missing:
        return None, [
            str(
                _("Columns missing: %(cols)s. The file needs region, sector, year, value.")
                % {"cols": ", ".join(missing)}
            )
        ]
    frame = frame[["region", "sector", "year", "value"]].dropna(how="all")
    frame["region"] = frame["region"].str.strip()
    frame["sector"] = frame["sector"].str.strip()
    year = pd.to_numeric(frame["year"], errors="coerce")
    value = pd.to_numeric(
        frame["value"].str.replace(",", ".", regex=False).str.replace(" ", "", regex=False),
        errors="coerce",
    )
    bad = frame.index[
        year.isna() | value.isna() | (value < 0) | frame["region"].isna() | frame["sector"].isna()
    ]
    for i in list(bad)[:5]:
        errors.append(
            str(
                _("Row %(row)s: region, sector, a whole year and a value of 0 or more are needed.")
                % {"row": int(i) + 2}
            )
        )
    if len(bad):
        return None, errors
    frame = frame.assign(year=year.astype(int), value=value.astype(float))
    if frame.duplicated(["region", "sector", "year"]).any():
        return None, [str(_("Some region, sector and year appear twice; give each one value."))]
    if frame["region"].nunique() < 5 or frame["sector"].nunique() < 3:
        return None, [str(_("A reference panel needs at least 5 regions and 3 sectors."))]
    if len(frame) > 200_000:
        return None, [str(_("The panel is too large (more than 200,000 rows)."))]
    return frame.values.tolist(), []
