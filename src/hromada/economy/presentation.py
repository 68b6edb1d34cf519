"""Charts of the population and workforce page and of the damage register."""

from __future__ import annotations

import altair as alt
import pandas as pd
from django.utils.translation import gettext as _

from hromada.core.charts import Chart, make_chart
from hromada.economy import selectors
from hromada.economy.models import DamageKind, DamageSector, Direction, PopulationIndicator

BLUE, YELLOW, RED, GREY = "#0057b7", "#e0a800", "#c0392b", "#8a8f98"


def population_charts(*, municipality, csv_base: str) -> list[Chart]:
    charts = []
    frame = selectors.population_frame(municipality=municipality)
    if not frame.empty:
        labels = dict(PopulationIndicator.choices)
        frame["label"] = frame["indicator"].map(lambda k: str(labels.get(k, k)))
        residents = frame[frame["indicator"] == "residents"]
        others = frame[frame["indicator"] != "residents"]
        if not residents.empty:
            line = (
                alt.Chart(residents)
                .mark_line(point=True, color=BLUE)
                .encode(
                    x=alt.X("year:O", title=_("Year")),
                    y=alt.Y("value:Q", title=_("People"), scale=alt.Scale(zero=False)),
                    tooltip=["year", alt.Tooltip("value:Q", format=",.0f")],
                )
                .properties(height=240)
            )
            charts.append(
                make_chart(
                    line,
                    id="residents",
                    title=_("Residents"),
                    explanation=_(
                        "The number of people living in the municipality each year: the "
                        "pool of workers and customers the recovery can count on."
                    ),
                    csv_url=f"{csv_base}?table=population",
                )
            )
        if not others.empty:
            line = (
                alt.Chart(others)
                .mark_line(point=True)
                .encode(
                    x=alt.X("year:O", title=_("Year")),
                    y=alt.Y("value:Q", title=_("People")),
                    color=alt.Color("label:N", title=None, scale=alt.Scale(scheme="tableau10")),
                    tooltip=["year", "label", alt.Tooltip("value:Q", format=",.0f")],
                )
                .properties(height=280)
            )
            charts.append(
                make_chart(
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
            )
    reloc = selectors.relocation_by_year(municipality=municipality)
    if not reloc.empty:
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
        charts.append(
            make_chart(
                bars,
                id="relocation",
                title=_("Relocated enterprises"),
                explanation=_(
                    "Jobs in enterprises that moved in (blue) or out (red) each year: "
                    "more blue than red means the municipality is gaining capacity."
                ),
                csv_url=f"{csv_base}?table=relocation",
            )
        )
    return charts


def damage_charts(*, totals: pd.DataFrame, impacts: pd.DataFrame, csv_base: str) -> list[Chart]:
    charts = []
    if not totals.empty:
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
                color=alt.Color(
                    "kind_label:N", title=None, scale=alt.Scale(range=[RED, YELLOW, BLUE])
                ),
                tooltip=["sector_label", "kind_label", alt.Tooltip("amount:Q", format=",.1f")],
            )
            .properties(height=max(200, 30 * totals["sector"].nunique()))
        )
        charts.append(
            make_chart(
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
        )
    if impacts is not None and not impacts.empty:
        from hromada.core.charts import sector_axis_label
        from hromada.economy.diagnosis import sector_names

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
        charts.append(
            make_chart(
                bars,
                id="damage-impacts",
                title=_("Jobs affected by sector"),
                explanation=_(
                    "The jobs the recorded damage affected, by KVED section: the war's "
                    "toll on the local economy, not only on buildings."
                ),
                csv_url=f"{csv_base}?table=impacts",
            )
        )
    return charts
