"""Between the Assess step's computed tables and its templates: the rows and labels of the
diagnosis page, of an upload's preview and of the damage register, the diagnosis's XLSX
sheets, and the charts of the population and damage pages (the diagnosis's charts are in
``economy/charts.py``). Reads nothing: it is given what :mod:`hromada.economy.selectors` read."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
from django.utils.translation import gettext as _

from hromada.core.charts import Chart, make_chart, sector_axis_label
from hromada.economy.models import DamageKind, DamageSector, Direction, PopulationIndicator
from hromada.economy.selectors import Diagnosis, sector_names

YEAR_AXIS = alt.Axis(format="d", tickMinStep=1)  # whole years, no "2,021"
BLUE, YELLOW, RED, GREY = "#0057b7", "#e0a800", "#c0392b", "#8a8f98"


def population_charts(
    *, population: pd.DataFrame, relocation: pd.DataFrame, csv_base: str
) -> list[Chart]:
    """The population page's charts: residents, the other population and workforce
    figures, and relocated enterprises (each only when there are figures).
    ``population``: ``selectors.population_frame``; ``relocation``:
    ``selectors.relocation_by_year``."""
    charts = []
    if not population.empty:
        labels = dict(PopulationIndicator.choices)
        population = population.assign(
            label=population["indicator"].map(lambda k: str(labels.get(k, k)))
        )
        residents = population[population["indicator"] == "residents"]
        others = population[population["indicator"] != "residents"]
        if not residents.empty:
            charts.append(_residents_chart(residents, csv_base))
        if not others.empty:
            charts.append(_workforce_chart(others, csv_base))
    if not relocation.empty:
        charts.append(_relocation_chart(relocation.copy(), csv_base))
    return charts


def _residents_chart(residents: pd.DataFrame, csv_base: str) -> Chart:
    """The number of residents by year."""
    line = (
        alt.Chart(residents)
        .mark_line(point=True, color=BLUE)
        .encode(
            # a true time axis: 2021, 2023 and 2024 spaced by the years between them
            x=alt.X("year:Q", title=_("Year"), axis=YEAR_AXIS, scale=alt.Scale(zero=False)),
            y=alt.Y("value:Q", title=_("People"), scale=alt.Scale(zero=False)),
            tooltip=["year", alt.Tooltip("value:Q", format=",.0f")],
        )
        .properties(height=240)
    )
    return make_chart(
        line,
        id="residents",
        title=_("Residents"),
        explanation=_(
            "The number of people living in the municipality each year: the "
            "pool of workers and customers the recovery can count on."
        ),
        csv_url=f"{csv_base}?table=population",
    )


def _workforce_chart(others: pd.DataFrame, csv_base: str) -> Chart:
    """Displacement, return, mobilisation and veterans by year."""
    line = (
        alt.Chart(others)
        .mark_line(point=True)
        .encode(
            # a true time axis: 2021, 2023 and 2024 spaced by the years between them
            x=alt.X("year:Q", title=_("Year"), axis=YEAR_AXIS, scale=alt.Scale(zero=False)),
            y=alt.Y("value:Q", title=_("People")),
            color=alt.Color("label:N", title=None, scale=alt.Scale(scheme="tableau10")),
            tooltip=["year", "label", alt.Tooltip("value:Q", format=",.0f")],
        )
        .properties(height=280)
    )
    return make_chart(
        line,
        id="workforce",
        title=_("Displacement, return, mobilisation, veterans"),
        explanation=_(
            "People arriving, leaving, returning, mobilised and veterans by "
            "year: compare arrivals with departures to see whether the "
            "labour force is growing back."
        ),
        csv_url=f"{csv_base}?table=population",
    )


def _relocation_chart(reloc: pd.DataFrame, csv_base: str) -> Chart:
    """Jobs in enterprises that moved in or out, by year."""
    labels = dict(Direction.choices)
    reloc["label"] = reloc["direction"].map(lambda k: str(labels.get(k, k)))
    bars = (
        alt.Chart(reloc)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=_("Year")),
            xOffset="label:N",
            y=alt.Y("jobs:Q", title=_("Jobs")),
            color=alt.Color("label:N", title=None, scale=alt.Scale(range=[BLUE, RED])),
            tooltip=["year", "label", "enterprises", "jobs"],
        )
        .properties(height=240)
    )
    return make_chart(
        bars,
        id="relocation",
        title=_("Relocated enterprises"),
        explanation=_(
            "Jobs in enterprises that moved in (blue) or out (red) each year: "
            "more blue than red means the municipality is gaining capacity."
        ),
        csv_url=f"{csv_base}?table=relocation",
    )


def damage_charts(*, totals: pd.DataFrame, impacts: pd.DataFrame, csv_base: str) -> list[Chart]:
    """The damage register's charts: totals by sector and the jobs affected by section
    (each only when there are figures)."""
    charts = []
    if not totals.empty:
        charts.append(_damage_totals_chart(totals, csv_base))
    if impacts is not None and not impacts.empty:
        charts.append(_damage_impacts_chart(impacts, csv_base))
    return charts


def _damage_totals_chart(totals: pd.DataFrame, csv_base: str) -> Chart:
    """Damage, losses and needs by sector."""
    kinds = dict(DamageKind.choices)
    sectors = dict(DamageSector.choices)
    data = totals.melt(
        id_vars=["sector"],
        value_vars=["damage", "loss", "need"],
        var_name="kind",
        value_name="amount",
    )
    data["kind_label"] = data["kind"].map(lambda k: str(kinds[k]))
    data["sector_label"] = data["sector"].map(lambda k: str(sectors.get(k, k)))
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("sector_label:N", title=None, sort="-x"),
            x=alt.X("amount:Q", title=_("UAH thousand")),
            color=alt.Color("kind_label:N", title=None, scale=alt.Scale(range=[RED, YELLOW, BLUE])),
            tooltip=["sector_label", "kind_label", alt.Tooltip("amount:Q", format=",.1f")],
        )
        .properties(height=max(200, 30 * totals["sector"].nunique()))
    )
    return make_chart(
        bars,
        id="damage-totals",
        title=_("Damage, losses and needs by sector"),
        explanation=_(
            "The register's totals by sector: red is destroyed or damaged "
            "assets, yellow lost economic flows, blue the cost of recovery; the "
            "longest bars are where recovery money is needed most."
        ),
        csv_url=f"{csv_base}?table=totals",
    )


def _damage_impacts_chart(impacts: pd.DataFrame, csv_base: str) -> Chart:
    """The jobs the recorded damage affected, by KVED section."""
    names = sector_names(impacts["sector"].astype(str).unique())
    impacts = impacts.assign(
        label=[sector_axis_label(c, names.get(str(c))) for c in impacts["sector"].astype(str)]
    )
    bars = (
        alt.Chart(impacts)
        .mark_bar(color=RED)
        .encode(
            y=alt.Y("label:N", title=_("KVED section"), axis=alt.Axis(labelLimit=160)),
            x=alt.X("jobs:Q", title=_("Jobs affected")),
            tooltip=["sector", "firms", "jobs", alt.Tooltip("output:Q", format=",.1f")],
        )
        .properties(height=max(160, 26 * len(impacts)))
    )
    return make_chart(
        bars,
        id="damage-impacts",
        title=_("Jobs affected by sector"),
        explanation=_(
            "The jobs the recorded damage affected, by KVED section: the war's "
            "toll on the local economy, not only on buildings."
        ),
        csv_url=f"{csv_base}?table=impacts",
    )


# --- Rows for templates ------------------------------------------------------------------


def records(frame: pd.DataFrame | None) -> list[dict[str, Any]]:
    """A table's rows as dicts for a template, missing values as None."""
    if frame is None:
        return []
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


# The preview shows this many rows of values; the rest are counted (a class-level file has
# over a thousand, which no one reads on screen and which would slow the page).
PREVIEW_ROWS = 200


def preview_rows(frame: pd.DataFrame) -> dict[str, Any]:
    """An upload's values (area, sector, year, value) as the preview shows them: one row
    per area and sector, a column per year (the first PREVIEW_ROWS rows), and counts."""
    pivot = frame.pivot_table(
        index=["area", "sector"], columns="year", values="value", aggfunc="sum"
    ).reset_index()
    shown = pivot.head(PREVIEW_ROWS)
    return {
        "years": [c for c in pivot.columns if c not in ("area", "sector")],
        "rows": [
            {"area": area, "sector": sector, "values": list(values)}
            for area, sector, *values in shown.itertuples(index=False)
        ],
        "hidden_rows": len(pivot) - len(shown),
        "n_local": int((frame["area"] == "local").sum()),
        "n_reference": int((frame["area"] == "reference").sum()),
    }


# Sector tables on the page list at most this many sectors, the largest; at the KVED class
# level a municipality has hundreds, which no one reads on screen and which would slow the
# page past a second. Every sector is in the CSV and XLSX downloads.
DIAGNOSIS_ROWS = 40


def _largest_sectors(structure: list[dict[str, Any]]) -> set[str]:
    ranked = sorted(structure, key=lambda r: -(r.get("value") or 0))
    return {r["sector"] for r in ranked[:DIAGNOSIS_ROWS]}


def _only(rows: list[dict[str, Any]], sectors: set[str]) -> list[dict[str, Any]]:
    return [r for r in rows if r.get("sector") in sectors]


def diagnosis_rows(diag: Diagnosis) -> dict[str, Any]:
    """The diagnosis page's tables as rows: the sector tables limited to the
    DIAGNOSIS_ROWS largest sectors (how many are left out is counted)."""
    t = diag.tables
    structure = records(t.get("structure"))
    shown = _largest_sectors(structure)
    return {
        "sectors_total": len(structure),
        "sectors_hidden": len(structure) - len(shown),
        "structure": _only(structure, shown),
        "specialisation": _only(records(t.get("specialisation")), shown),
        "shiftshare": _only(records(t.get("shiftshare")), shown),
        "shiftshare_total": records(t.get("shiftshare_total")),
        "concentration": records(t.get("concentration")),
        "resilience": records(t.get("resilience")),
    }


def damage_rows(
    *, totals: pd.DataFrame, impacts: pd.DataFrame, shock: pd.DataFrame
) -> dict[str, Any]:
    """The damage register's tables as rows (sectors named in the active language)."""
    sectors = dict(DamageSector.choices)
    return {
        "totals": records(
            totals.assign(sector_label=totals["sector"].map(lambda k: str(sectors.get(k, k))))
        ),
        "impacts": records(impacts),
        "shock": records(shock),
        "shock_year": shock.attrs.get("employment_year"),
    }


# --- The diagnosis ---------------------------------------------------------------------------


def quadrant_labels() -> dict[str, tuple[str, str]]:
    return {
        "leading": (
            _("Leading"),
            _("Specialised and growing faster than the reference: strengths to keep."),
        ),
        "declining": (
            _("Declining"),
            _("Specialised but growing slower than the reference: strengths at risk."),
        ),
        "emerging": (
            _("Emerging"),
            _("Not yet specialised but growing faster than the reference: candidates to grow."),
        ),
        "lagging": (_("Lagging"), _("Neither specialised nor growing faster than the reference.")),
    }


def diagnosis_sheets(diag: Diagnosis) -> dict[str, pd.DataFrame]:
    """Every table of the diagnosis, for the XLSX download (one sheet each)."""
    sheets = {}
    if diag.params is not None:
        p = diag.params
        about = pd.DataFrame(
            {
                "item": [
                    "dataset",
                    "measure",
                    "unit",
                    "version",
                    "illustrative",
                    "start",
                    "end",
                    "pre",
                    "trough",
                    "post",
                ],
                "value": [
                    diag.dataset.name,
                    diag.dataset.measure,
                    diag.dataset.unit,
                    diag.version.number if diag.version else "",
                    "illustrative, replace with your own" if diag.dataset.is_illustrative else "",
                    p.start,
                    p.end,
                    p.pre,
                    p.trough,
                    p.post,
                ],
            }
        )
        sheets["about"] = about
    sheets.update(diag.tables)
    return sheets
