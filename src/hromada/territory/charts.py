"""Vega-Lite charts of the territory pages (altair), wrapped by hromada.core.charts.make_chart.

Labels are translated before they go into the data, so the charts read in the active
language. No chart loads anything from the network: the map is points at the centres'
coordinates in a Mercator projection, with no tiles.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
from django.utils.translation import gettext as _

from hromada.core.charts import make_chart
from hromada.territory import labels

#: Sources shown separately in the structure charts; the rest are summed as "other own".
MAIN_SOURCES = (
    "transfers",
    "pit_civil",
    "pit_military",
    "single_tax",
    "property_tax",
    "excise",
    "non_tax",
)


def _grouped_sources(shares: pd.DataFrame) -> pd.DataFrame:
    """Columns of MAIN_SOURCES plus 'other' (the sum of the remaining sources)."""
    main = [c for c in MAIN_SOURCES if c in shares.columns]
    out = shares[main].copy()
    out["other"] = shares.drop(columns=main).sum(axis=1)
    return out


def _source_label(source: str) -> str:
    if source == "other":
        return _("other own revenue")
    return str(labels.REVENUE_SOURCE.get(source, source))


def _stacked_shares(long: pd.DataFrame, order: list, *, y, row_tooltip, share_title, height):
    """Bars of revenue shares stacked by source (``long``: the row, source, share, order),
    one bar per row of ``y``; the sources in the legend in ``order``."""
    source_t = _("Source")
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("share:Q", title=share_title, axis=alt.Axis(format="%"), stack="normalize"),
            color=alt.Color(
                "source:N",
                title=source_t,
                sort=[_source_label(s) for s in order],
                legend=alt.Legend(orient="bottom", columns=2),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                row_tooltip,
                alt.Tooltip("source:N", title=source_t),
                alt.Tooltip("share:Q", title=share_title, format=".1%"),
            ],
        )
        .properties(height=height)
    )


def structure_chart(structure: pd.DataFrame, *, chart_id: str = "revenue-structure"):
    """Stacked bars: share of each revenue source in total revenue, one bar per year."""
    grouped = _grouped_sources(structure)
    long = grouped.reset_index().melt(id_vars="year", var_name="source", value_name="share")
    order = list(grouped.columns)
    long["order"] = long["source"].map(order.index)
    long["source"] = long["source"].map(_source_label)
    long["year"] = long["year"].astype(str)
    year_t = _("Year")
    chart = _stacked_shares(
        long,
        order,
        y=alt.Y("year:N", title=year_t),
        row_tooltip=alt.Tooltip("year:N", title=year_t),
        share_title=_("Share of total revenue"),
        height=150,
    )
    return make_chart(
        chart,
        id=chart_id,
        title=_("Where the revenue comes from"),
        explanation=_(
            "Each bar splits one year's total revenue into its sources; watch how "
            "the share of transfers and of the military income tax moved during "
            "the war."
        ),
    )


def own_structure_chart(own: pd.DataFrame, group_names: dict[str, str]):
    """Stacked bars: own-revenue structure of this hromada and the groups' average."""
    grouped = _grouped_sources(own)
    order = list(grouped.columns)
    grouped.index = [group_names[i] for i in grouped.index]
    long = grouped.reset_index(names="who").melt(
        id_vars="who", var_name="source", value_name="share"
    )
    long["order"] = long["source"].map(order.index)
    long["source"] = long["source"].map(_source_label)
    chart = _stacked_shares(
        long,
        order,
        y=alt.Y("who:N", title=None, sort=list(grouped.index)),
        row_tooltip=alt.Tooltip("who:N", title=_("Compared with")),
        share_title=_("Share of own revenue"),
        height=170,
    )
    return make_chart(
        chart,
        id="own-structure",
        title=_("Own revenue by source, against comparable hromadas"),
        explanation=_(
            "The first bar is your hromada, the others the average of each group; "
            "a large share of one source, especially the military income tax, "
            "means a fragile revenue base."
        ),
    )


def shock_chart(frame: pd.DataFrame):
    """Dots: own-revenue change of this hromada and the groups' medians, per measure.

    ``frame`` has columns measure, who, value, is_self."""
    measure_t, who_t, value_t = _("Measure"), _("Compared with"), _("Change")
    base = alt.Chart(frame).encode(
        y=alt.Y(
            "measure:N",
            title=None,
            sort=list(dict.fromkeys(frame["measure"])),
            axis=alt.Axis(labelLimit=320),
        ),
        x=alt.X("value:Q", title=value_t, axis=alt.Axis(format="%")),
        color=alt.Color(
            "who:N",
            title=who_t,
            sort=list(dict.fromkeys(frame["who"])),
            legend=alt.Legend(orient="bottom", columns=3),
        ),
        tooltip=[
            alt.Tooltip("measure:N", title=measure_t),
            alt.Tooltip("who:N", title=who_t),
            alt.Tooltip("value:Q", title=value_t, format="+.1%"),
        ],
    )
    rule = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#888").encode(x="zero:Q")
    dots = base.mark_point(filled=True, opacity=0.85).encode(
        size=alt.condition("datum.is_self", alt.value(220), alt.value(80)),
        shape=alt.condition("datum.is_self", alt.value("diamond"), alt.value("circle")),
    )
    chart = alt.layer(rule, dots).properties(height=200)
    return make_chart(
        chart,
        id="shock",
        title=_("The 2022 shock and the 2023 recovery of own revenue"),
        explanation=_(
            "The diamond is your hromada, the dots the median of each comparison "
            "group; left of the line means revenue fell. Compare the rows with and "
            "without the military income tax to see how much of the result it "
            "explains."
        ),
    )


def neighbours_chart(near: pd.DataFrame, name_col: str):
    """Stacked bars: each feature's contribution to the squared distance of each similar
    hromada (the sum is distance squared)."""
    contrib = [c for c in near.columns if c.startswith("contribution_")]
    frame = near[[name_col, *contrib]].copy()
    frame["rank"] = range(1, len(frame) + 1)
    long = frame.melt(id_vars=[name_col, "rank"], var_name="feature", value_name="contribution")
    long["feature"] = (
        long["feature"]
        .str.removeprefix("contribution_")
        .map(lambda f: str(labels.FEATURE.get(f, f)))
    )
    long = long.rename(columns={name_col: "name"})
    long["name"] = long["rank"].astype(str) + ". " + long["name"]
    name_t, feature_t, value_t = _("Hromada"), _("Feature"), _("Contribution to the distance")
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("name:N", title=None, sort=alt.SortField("rank")),
            x=alt.X("contribution:Q", title=value_t),
            color=alt.Color(
                "feature:N", title=feature_t, legend=alt.Legend(orient="bottom", columns=2)
            ),
            tooltip=[
                alt.Tooltip("name:N", title=name_t),
                alt.Tooltip("feature:N", title=feature_t),
                alt.Tooltip("contribution:Q", title=value_t, format=".3f"),
            ],
        )
        .properties(height=max(120, 22 * len(frame)))
    )
    return make_chart(
        chart,
        id="neighbours",
        title=_("Why these hromadas are similar"),
        explanation=_(
            "Each bar is one similar hromada, nearest first; its length is the "
            "squared distance to yours and the colours show which features make "
            "the difference. Short bars mean close matches."
        ),
    )


def _map_colour(indicator: str, title: str) -> tuple[alt.Color, alt.Tooltip]:
    """The map's colour and value tooltip: categories for war status and type, a
    diverging scale for changes, a sequential one for levels."""
    if indicator in ("war_status", "type"):
        color = alt.Color("value:N", title=title, legend=alt.Legend(orient="bottom", columns=2))
        return color, alt.Tooltip("value:N", title=title)
    is_pct = indicator in labels.PERCENT_INDICATORS
    is_change = "change" in indicator
    scale = (
        alt.Scale(scheme="redblue", domainMid=0, clamp=True, domain=[-1, 1])
        if is_change
        else alt.Scale(scheme="viridis")
    )
    color = alt.Color(
        "value:Q",
        title=title,
        scale=scale,
        legend=alt.Legend(orient="bottom", format="%" if is_pct else ",d"),
    )
    value_tip = alt.Tooltip(
        "value:Q", title=title, format="+.1%" if is_change else (".1%" if is_pct else ",.0f")
    )
    return color, value_tip


def oblast_map(
    frame: pd.DataFrame,
    *,
    indicator: str,
    name_col: str,
    chart_id: str = "map",
    highlight: list[str] | None = None,
):
    """Points at the centres of the oblast's hromadas, coloured by ``indicator``; this
    hromada drawn larger with a black ring, ``highlight`` codes with a grey ring."""
    frame = frame.copy()
    frame["name"] = frame[name_col]
    frame["is_peer"] = frame["code"].isin(highlight or [])
    title = str(labels.MAP_INDICATOR.get(indicator, indicator))
    if indicator == "war_status":
        frame["value"] = frame["value"].map(labels.war_status_label)
    elif indicator == "type":
        frame["value"] = frame["value"].map(labels.hromada_type_label)
    frame = frame[["code", "name", "lat", "lon", "value", "is_self", "is_peer"]]
    color, value_tip = _map_colour(indicator, title)
    name_t = _("Hromada")
    base = alt.Chart(frame).encode(
        longitude="lon:Q",
        latitude="lat:Q",
        tooltip=[alt.Tooltip("name:N", title=name_t), value_tip],
    )
    points = base.mark_circle(size=90, opacity=0.9, stroke="#fff", strokeWidth=0.5).encode(
        color=color
    )
    peers = base.transform_filter("datum.is_peer").mark_point(
        size=180, color="#555", strokeWidth=1.5, filled=False
    )
    me = base.transform_filter("datum.is_self").mark_point(
        size=420, color="#000", strokeWidth=3, filled=False
    )
    label = (
        base.transform_filter("datum.is_self")
        .mark_text(dy=-16, fontWeight="bold", fontSize=13)
        .encode(text="name:N")
    )
    chart = alt.layer(points, peers, me, label).project(type="mercator").properties(height=460)
    return make_chart(
        chart,
        id=chart_id,
        title=_("The hromadas of the oblast: %(indicator)s") % {"indicator": title},
        explanation=_(
            "Each dot is the centre of one hromada of the oblast, coloured by the "
            "chosen indicator; yours has a black ring. Look for clusters: frontline "
            "and border areas usually stand out."
        ),
    )
