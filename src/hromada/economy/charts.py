"""The diagnosis page's charts, made with altair from the tables of
:func:`hromada.economy.selectors.diagnosis_compute`. Every chart says in one sentence what
it shows and what to look at."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import altair as alt
import pandas as pd
from django.utils.translation import gettext as _

from hromada.core.charts import (
    AXIS_NAME_LIMIT,
    PALETTE,
    Chart,
    Series,
    colour_scale,
    make_chart,
    sector_axis_label,
    spaced_labels,
)
from hromada.core.units import unit_label
from hromada.economy.presentation import quadrant_labels
from hromada.economy.selectors import Diagnosis, DiagnosisParams

#: chart id -> the diagnosis table its CSV download holds
CHART_TABLES = {
    "structure": "structure",
    "structure-time": "structure_time",
    "specialisation": "specialisation",
    "shiftshare": "shiftshare",
    "shiftshare-em": "shiftshare",
    "shiftshare-dynamic": "shiftshare_dynamic",
    "concentration": "concentration",
    "diversity": "concentration",
    "specialisation-index": "concentration",
    "resilience": "resilience",
    "resilience-sectors": "resilience_sectors",
}

BLUE, YELLOW, GREY, RED = (PALETTE[c][0] for c in ("blue", "yellow", "grey", "red"))
#: The colour of each shift-share component and of the two areas: legends (the colour
#: scales) and captions (the colour names) are both made from these.
COMPONENT_COLOURS = {
    "national_share": "grey",
    "industry_mix": "yellow",
    "regional_share": "blue",
    "competitive_effect": "blue",
    "allocation_effect": "yellow",
    "structural": "yellow",
    "competitive": "blue",
}


#: Years on a true (quantitative) axis: whole years, no thousands separator, gaps kept.
from hromada.economy.presentation import YEAR_AXIS  # noqa: E402


def _component_labels() -> dict[str, str]:
    return {
        "national_share": _("National growth"),
        "industry_mix": _("Sector mix"),
        "regional_share": _("Local competitiveness"),
        "competitive_effect": _("Competitiveness (homothetic)"),
        "allocation_effect": _("Allocation (specialisation)"),
        "structural": _("Sector mix"),
        "competitive": _("Local competitiveness"),
    }


#: Longest sector name written beside a bubble (the tooltip keeps the full name).
BUBBLE_NAME_LIMIT = 12

#: A sector axis: code and short name (``label``), never clipped further on a phone.
SECTOR_AXIS = alt.Axis(labelLimit=160)


def _labelled(frame: pd.DataFrame, column: str = "label", limit: int = AXIS_NAME_LIMIT):
    """``frame`` with ``column``: each sector's code and short name for an axis, a legend
    or (with a smaller ``limit``) a label drawn beside a mark."""
    out = frame.copy()
    names = out["name"] if "name" in out else out["sector"]
    out[column] = [
        sector_axis_label(c, n, limit) for c, n in zip(out["sector"], names, strict=True)
    ]
    return out


def _melt(frame: pd.DataFrame, id_vars, columns, labels) -> pd.DataFrame:
    out = frame.melt(id_vars=id_vars, value_vars=list(columns), var_name="key", value_name="amount")
    out["component"] = out["key"].map(labels)
    return out.drop(columns="key")


def _component_bars(frame, series_list, unit: str, n_sectors: int):
    """Horizontal bars of each sector's change split into components (the shift-share
    charts), coloured by the shared series definitions so legend and caption agree."""
    frame = _labelled(frame)
    order = list(dict.fromkeys(frame["label"]))
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=order, title=_("Sector"), axis=SECTOR_AXIS),
            x=alt.X("amount:Q", title=_("Change, %(unit)s") % {"unit": unit}),
            color=alt.Color(
                "component:N", title=None, scale=alt.Scale(**colour_scale(series_list))
            ),
            tooltip=["sector", "name", "component", alt.Tooltip("amount:Q", format=",.1f")],
        )
        .properties(height=max(240, 22 * n_sectors))
    )


def _structure_chart(ctx: _Context) -> Chart:
    """Each sector's share of the total beside the reference's (latest year)."""
    s = ctx.t["structure"]
    data = pd.concat(
        [
            s.assign(area=ctx.area_local, amount=s["share"]),
            s.assign(area=ctx.area_ref, amount=s["reference_share"]),
        ]
    )[["sector", "name", "area", "amount", "value"]]
    data = _labelled(data)
    order = _labelled(s)["label"].tolist()
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=order, title=_("Sector"), axis=SECTOR_AXIS),
            yOffset=alt.YOffset("area:N"),
            x=alt.X("amount:Q", axis=alt.Axis(format="%"), title=_("Share of the total")),
            color=alt.Color("area:N", scale=alt.Scale(**colour_scale(ctx.areas)), title=None),
            tooltip=["sector", "name", "area", alt.Tooltip("amount:Q", format=".1%")],
        )
        .properties(height=max(240, 28 * len(order)))
    )
    return ctx.chart(
        bars,
        "structure",
        _("Economic structure, %(year)s") % {"year": ctx.p.end},
        _(
            "Each sector's share of your total (%(local)s) beside its share in the "
            "reference (%(reference)s): where the %(local)s bar is the longer, your economy "
            "depends on that sector more than the reference does."
        )
        % ctx.colour,
        ctx.areas,
    )


def _structure_time_chart(ctx: _Context) -> Chart:
    """The total by year, stacked by sector."""
    ts = _labelled(ctx.t["structure_time"])
    order = list(dict.fromkeys(ts.sort_values("sector")["label"]))
    stack = (
        alt.Chart(ts)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=_("Year")),  # stacked bars: one per year present
            y=alt.Y("value:Q", title=ctx.unit),
            # code and name in the legend, in code order (on a phone charts.js puts the
            # legend below the bars)
            color=alt.Color(
                "label:N",
                sort=order,
                scale=alt.Scale(scheme="tableau20"),
                title=_("Sector"),
                legend=alt.Legend(labelLimit=200),
            ),
            tooltip=[
                "year",
                "sector",
                "name",
                alt.Tooltip("value:Q", format=",.0f"),
                alt.Tooltip("share:Q", format=".1%"),
            ],
        )
        .properties(height=320)
    )
    return ctx.chart(
        stack,
        "structure-time",
        _("Structure over time"),
        _(
            "The total by year, split by sector: look for sectors whose slice grows or "
            "shrinks, and at the drop in the war years."
        ),
    )


def _specialisation_chart(ctx: _Context) -> Chart:
    """Location quotient against relative growth, a bubble per sector."""
    b = ctx.t["specialisation"].dropna(subset=["relative_growth"]).copy()
    b = _labelled(b, "short_label", BUBBLE_NAME_LIMIT)  # beside a bubble: a short name
    b["relative_growth_pp"] = b["relative_growth"] * 100
    # the largest sectors named first; a bubble too close to a named one keeps its tooltip
    named = spaced_labels(b["lq"], b["relative_growth_pp"], b["value"])
    b["short_label"] = b["short_label"].where(named, "")
    qlabels = quadrant_labels()
    b["quadrant_label"] = b["quadrant"].map(lambda q: qlabels.get(q, ("", ""))[0])
    base = alt.Chart(b)
    points = base.mark_circle(opacity=0.7, stroke="#333", strokeWidth=0.5).encode(
        x=alt.X("lq:Q", title=_("Location quotient %(year)s") % {"year": ctx.p.end}),
        y=alt.Y(
            "relative_growth_pp:Q",
            title=_("Growth minus the reference's, %(a)s-%(b)s, percentage points")
            % {"a": ctx.p.start, "b": ctx.p.end},
        ),
        size=alt.Size("value:Q", title=ctx.unit, scale=alt.Scale(range=[30, 1500])),
        color=alt.Color(
            "quadrant_label:N", title=None, scale=alt.Scale(range=[BLUE, RED, YELLOW, GREY])
        ),
        tooltip=[
            "sector",
            "name",
            alt.Tooltip("lq:Q", format=".2f"),
            alt.Tooltip("relative_growth_pp:Q", format=".1f"),
            alt.Tooltip("value:Q", format=",.0f"),
        ],
    )
    text = base.mark_text(dy=-10, fontSize=10).encode(
        x="lq:Q", y="relative_growth_pp:Q", text="short_label:N"
    )
    vline = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule(strokeDash=[4, 4]).encode(x="x:Q")
    hline = alt.Chart(pd.DataFrame({"y": [0.0]})).mark_rule(strokeDash=[4, 4]).encode(y="y:Q")
    layered = alt.layer(points, text, vline, hline).properties(height=420)
    return ctx.chart(
        layered,
        "specialisation",
        _("Specialisation and growth"),
        _(
            "Each bubble is a sector, sized by its %(unit)s: to the right of the dashed line "
            "you are specialised (LQ above 1), above the other line it grew faster than in "
            "the reference; top right are strengths to keep, top left candidates to grow."
        )
        % {"unit": ctx.unit},
    )


def _shiftshare_chart(ctx: _Context) -> Chart:
    """Each sector's change split into three components (Dunn)."""
    ss = ctx.t["shiftshare"]
    dunn = _melt(
        ss, ["sector", "name"], ["national_share", "industry_mix", "regional_share"], ctx.labels
    )
    dunn_series = ctx.series("national_share", "industry_mix", "regional_share")
    bars = _component_bars(dunn, dunn_series, ctx.unit, ss["sector"].nunique())
    return ctx.chart(
        bars,
        "shiftshare",
        _("What drove the change %(a)s-%(b)s (Dunn)") % {"a": ctx.p.start, "b": ctx.p.end},
        _(
            "Each sector's change split into national growth (%(national)s), its sector "
            "mix (%(mix)s) and local competitiveness (%(local)s): a %(local)s bar to the "
            "right means the sector did better here than the same sector in the "
            "reference."
        )
        % {
            "national": dunn_series[0].colour_name,
            "mix": dunn_series[1].colour_name,
            "local": dunn_series[2].colour_name,
        },
        dunn_series,
    )


def _shiftshare_em_chart(ctx: _Context) -> Chart:
    """Local competitiveness split (Esteban-Marquillas)."""
    ss = ctx.t["shiftshare"]
    em = _melt(ss, ["sector", "name"], ["competitive_effect", "allocation_effect"], ctx.labels)
    em_series = ctx.series("competitive_effect", "allocation_effect")
    bars = _component_bars(em, em_series, ctx.unit, ss["sector"].nunique())
    return ctx.chart(
        bars,
        "shiftshare-em",
        _("Local competitiveness split (Esteban-Marquillas)"),
        _(
            "The local competitiveness part split into what a sector would have gained "
            "at the reference's structure (%(competitive)s) and the extra from being "
            "specialised in it (%(allocation)s): %(allocation)s to the right means you are "
            "specialised where you are competitive."
        )
        % {"competitive": em_series[0].colour_name, "allocation": em_series[1].colour_name},
        em_series,
    )


def _shiftshare_dynamic_chart(ctx: _Context) -> Chart:
    """The three components for each pair of consecutive years."""
    d = ctx.t["shiftshare_dynamic"]
    d = d[d["period"] != "total"]
    dyn = _melt(d, ["period"], ["national_share", "industry_mix", "regional_share"], ctx.labels)
    dyn_series = ctx.series("national_share", "industry_mix", "regional_share")
    bars = (
        alt.Chart(dyn)
        .mark_bar()
        .encode(
            x=alt.X("period:N", title=_("Period")),
            y=alt.Y("amount:Q", title=_("Change, %(unit)s") % {"unit": ctx.unit}),
            color=alt.Color("component:N", title=None, scale=alt.Scale(**colour_scale(dyn_series))),
            tooltip=["period", "component", alt.Tooltip("amount:Q", format=",.1f")],
        )
        .properties(height=300)
    )
    return ctx.chart(
        bars,
        "shiftshare-dynamic",
        _("Year by year (dynamic shift-share)"),
        _(
            "The same split for each pair of consecutive years: look at whether local "
            "competitiveness (%(local)s) turned from negative to positive after the shock."
        )
        % {"local": dyn_series[2].colour_name},
        dyn_series,
    )


def _lines(
    ctx: _Context,
    local_col: str,
    ref_col: str | None,
    cid: str,
    title: str,
    explanation: str,
    ytitle: str,
) -> Chart:
    """An index over time, the municipality's line beside the reference's."""
    c = ctx.t["concentration"]
    frames = [c[["year"]].assign(area=ctx.area_local, amount=c[local_col])]
    if ref_col:
        frames.append(c[["year"]].assign(area=ctx.area_ref, amount=c[ref_col]))
    data = pd.concat(frames)
    ln = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:Q", title=_("Year"), axis=YEAR_AXIS, scale=alt.Scale(zero=False)),
            y=alt.Y("amount:Q", title=ytitle, scale=alt.Scale(zero=False)),
            color=alt.Color("area:N", title=None, scale=alt.Scale(**colour_scale(ctx.areas))),
            tooltip=["year", "area", alt.Tooltip("amount:Q", format=".3f")],
        )
        .properties(height=240)
    )
    return ctx.chart(ln, cid, title, explanation, ctx.areas)


def _concentration_chart(ctx: _Context) -> Chart:
    """Concentration (Herfindahl) over time."""
    return _lines(
        ctx,
        "herfindahl",
        "reference_herfindahl",
        "concentration",
        _("Concentration (Herfindahl index)"),
        _(
            "How concentrated the economy is in a few sectors, from 1/n (even) to 1 (one "
            "sector): a %(local)s line above the %(reference)s one means you depend on fewer "
            "sectors than the reference."
        )
        % ctx.colour,
        _("Herfindahl index"),
    )


def _diversity_chart(ctx: _Context) -> Chart:
    """Diversity (Shannon entropy) over time."""
    return _lines(
        ctx,
        "shannon_entropy",
        "reference_shannon_entropy",
        "diversity",
        _("Diversity (Shannon entropy)"),
        _(
            "How evenly activity spreads over sectors (higher is more diverse): a falling "
            "%(local)s line means the economy is becoming less diverse."
        )
        % ctx.colour,
        _("Shannon entropy"),
    )


def _specialisation_index_chart(ctx: _Context) -> Chart:
    """Krugman and Hachman indices over time."""
    c = ctx.t["concentration"]
    spec = pd.concat(
        [
            c[["year"]].assign(
                index=_("Krugman specialisation (0-2)"), amount=c["krugman_specialisation"]
            ),
            c[["year"]].assign(index=_("Hachman similarity (0-1)"), amount=c["hachman"]),
        ]
    )
    index_series = [
        Series(_("Krugman specialisation (0-2)"), "blue"),
        Series(_("Hachman similarity (0-1)"), "yellow"),
    ]
    ln = (
        alt.Chart(spec)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:Q", title=_("Year"), axis=YEAR_AXIS, scale=alt.Scale(zero=False)),
            y=alt.Y("amount:Q", title=_("Index")),
            color=alt.Color("index:N", title=None, scale=alt.Scale(**colour_scale(index_series))),
            tooltip=["year", "index", alt.Tooltip("amount:Q", format=".3f")],
        )
        .properties(height=240)
    )
    return ctx.chart(
        ln,
        "specialisation-index",
        _("Difference from the reference"),
        _(
            "Krugman (0 = same structure as the reference, 2 = nothing in common) and "
            "Hachman (1 = same structure): a rising Krugman line means your economy is "
            "moving away from the reference's."
        ),
    )


def _resilience_chart(ctx: _Context) -> Chart:
    """Resistance and recovery split into sector mix and competitiveness."""
    r = ctx.t["resilience"].iloc[0]
    rows = []
    phases = [("resistance", _("Resistance %(a)s-%(b)s") % {"a": ctx.p.pre, "b": ctx.p.trough})]
    if ctx.p.post is not None and "recovery" in ctx.t["resilience"]:
        phases.append(
            ("recovery", _("Recovery %(a)s-%(b)s") % {"a": ctx.p.trough, "b": ctx.p.post})
        )
    for key, label in phases:
        for part in ("structural", "competitive"):
            rows.append(
                {
                    "phase": label,
                    "component": ctx.labels[part],
                    "amount": float(r[f"{key}_{part}"]),
                    "index": float(r[key]),
                }
            )
    data = pd.DataFrame(rows)
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("phase:N", title=None),
            y=alt.Y("amount:Q", title=_("Index (0 = as the reference)")),
            color=alt.Color(
                "component:N",
                title=None,
                scale=alt.Scale(**colour_scale(ctx.series("structural", "competitive"))),
            ),
            tooltip=[
                "phase",
                "component",
                alt.Tooltip("amount:Q", format=".2f"),
                alt.Tooltip("index:Q", format=".2f"),
            ],
        )
        .properties(height=280)
    )
    return ctx.chart(
        bars,
        "resilience",
        _("War-shock resilience"),
        _(
            "Above zero: you lost less in the shock (resistance) or grew faster after it "
            "(recovery) than the reference; the colours say how much came from your sector "
            "mix and how much from local competitiveness."
        ),
    )


def _resilience_sectors_chart(ctx: _Context) -> Chart:
    """Resistance by sector."""
    rs = _labelled(ctx.t["resilience_sectors"].dropna(subset=["resistance"]))
    bars = (
        alt.Chart(rs)
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=_("Sector"), sort="-x", axis=SECTOR_AXIS),
            x=alt.X("resistance:Q", title=_("Resistance index")),
            color=alt.condition("datum.resistance >= 0", alt.value(BLUE), alt.value(RED)),
            tooltip=["sector", "name", alt.Tooltip("resistance:Q", format=".2f")],
        )
        .properties(height=max(240, 22 * len(rs)))
    )
    return ctx.chart(
        bars,
        "resilience-sectors",
        _("Resistance by sector"),
        _(
            "Each sector against the same sector in the reference during the shock: red "
            "bars are the sectors that lost relatively more here."
        ),
    )


@dataclass
class _Context:
    """What every chart of a diagnosis is drawn from."""

    t: dict[str, pd.DataFrame]
    p: DiagnosisParams
    unit: str
    csv_url: Callable[[str], str]
    labels: dict[str, str] = field(default_factory=_component_labels)
    area_local: str = field(default_factory=lambda: _("Municipality"))
    area_ref: str = field(default_factory=lambda: _("Reference"))

    @property
    def areas(self) -> list[Series]:
        return [Series(self.area_local, "blue"), Series(self.area_ref, "yellow")]

    @property
    def colour(self) -> dict[str, str]:
        """The colour names of the two areas, for captions."""
        areas = self.areas
        return {"local": areas[0].colour_name, "reference": areas[1].colour_name}

    def chart(
        self,
        c: Any,
        cid: str,
        title: str,
        explanation: str,
        legend: list[Series] | None = None,
    ) -> Chart:
        return make_chart(
            c,
            id=cid,
            title=title,
            explanation=explanation,
            csv_url=self.csv_url(cid),
            legend=legend,
        )

    def series(self, *keys: str) -> list[Series]:
        return [Series(self.labels[k], COMPONENT_COLOURS[k]) for k in keys]


#: The page's sections, and the charts of each: (the table it needs, the chart).
_SECTIONS: dict[str, list[tuple[str, Callable[[_Context], Chart]]]] = {
    "structure": [("structure", _structure_chart), ("structure", _structure_time_chart)],
    "specialisation": [("specialisation", _specialisation_chart)],
    "shiftshare": [
        ("shiftshare", _shiftshare_chart),
        ("shiftshare", _shiftshare_em_chart),
        ("shiftshare_dynamic", _shiftshare_dynamic_chart),
    ],
    "concentration": [
        ("concentration", _concentration_chart),
        ("concentration", _diversity_chart),
        ("concentration", _specialisation_index_chart),
    ],
    "resilience": [
        ("resilience", _resilience_chart),
        ("resilience_sectors", _resilience_sectors_chart),
    ],
}


def diagnosis_charts(diag: Diagnosis, csv_url: Callable[[str], str]) -> dict[str, list[Chart]]:
    """Charts by section of the page: structure, specialisation, shiftshare,
    concentration, resilience (a chart whose table the diagnosis lacks is left out)."""
    if diag.params is None:  # no data, no tables
        return {section: [] for section in _SECTIONS}
    ctx = _Context(
        t=diag.tables, p=diag.params, unit=unit_label(diag.dataset.unit), csv_url=csv_url
    )
    return {
        section: [draw(ctx) for table, draw in charts if table in diag.tables]
        for section, charts in _SECTIONS.items()
    }
