"""Charts of the peer exchange (Vega-Lite through altair and hromada.core.charts)."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
from django.urls import reverse
from django.utils.translation import gettext as _

from hromada.core.charts import Chart, make_chart
from hromada.exchange.models import PeerGroup
from hromada.exchange.presentation import kpi_history_frame
from hromada.exchange.selectors import FISCAL_COLUMNS


def fiscal_labels() -> dict[str, str]:
    return {
        "population": _("Population (1 January 2022)"),
        "urban_share": _("Urban share"),
        "war_status": _("War status"),
        "total_per_capita": _("Total revenue per inhabitant, UAH"),
        "own_per_capita": _("Own revenue per inhabitant, UAH"),
        "own_excl_military_per_capita": _("Own revenue without military PIT per inhabitant, UAH"),
        "transfer_share": _("Transfers from the state, share of revenue"),
        "military_share_own": _("Military PIT, share of own revenue"),
        "own_excl_military_change": _("Change of own revenue without military PIT"),
    }


def public_frame(data: dict) -> pd.DataFrame:
    """The public indicators of the group's municipalities as a table (for CSV)."""
    cols = (
        ["population", "urban_share", "war_status"]
        + [c for c, _s in FISCAL_COLUMNS]
        + ["own_excl_military_change"]
    )
    rows = [
        {
            "code": r["municipality"].code,
            "municipality": r["municipality"].name,
            **{c: r.get(c) for c in cols},
        }
        for r in data["members"]
    ]
    return pd.DataFrame(rows, columns=["code", "municipality", *cols])


def comparison_charts(group: PeerGroup, data: dict[str, Any]) -> list[Chart]:
    """The comparison page's charts (each only when it has something to show)."""
    charts = (
        _revenue_per_capita_chart(group, data),
        _kpi_progress_chart(group, data),
        _kpi_history_chart(group, data),
    )
    return [c for c in charts if c is not None]


def _revenue_per_capita_chart(group: PeerGroup, data: dict[str, Any]) -> Chart | None:
    """The members' budget revenue per inhabitant."""
    frame = public_frame(data)
    per_capita = frame.melt(
        id_vars=["municipality"],
        value_vars=["total_per_capita", "own_per_capita", "own_excl_military_per_capita"],
        var_name="indicator",
        value_name="uah",
    ).dropna()
    if len(per_capita):
        labels = fiscal_labels()
        per_capita["indicator"] = per_capita["indicator"].map(labels)
        chart = (
            alt.Chart(per_capita)
            .mark_bar()
            .encode(
                y=alt.Y("municipality:N", title=None),
                x=alt.X("uah:Q", title=_("UAH per inhabitant")),
                color=alt.Color("indicator:N", title=None, legend=alt.Legend(orient="bottom")),
                yOffset="indicator:N",
                tooltip=[
                    alt.Tooltip("municipality:N", title=_("Municipality")),
                    alt.Tooltip("indicator:N", title=_("Indicator")),
                    alt.Tooltip("uah:Q", title=_("UAH per inhabitant"), format=",.0f"),
                ],
            )
        )
        return make_chart(
            chart,
            id="revenue-per-capita",
            title=_("Budget revenue per inhabitant, %(year)s") % {"year": data["year"]},
            explanation=_(
                "Each bar is one municipality's revenue divided by its population; "
                "compare the own revenue without the military tax, which the war "
                "inflated in some places and not in others."
            ),
            csv_url=reverse("exchange:compare_csv", args=[group.pk, "public"]),
        )
    return None


def _kpi_progress_chart(group: PeerGroup, data: dict[str, Any]) -> Chart | None:
    """How far each shared KPI has moved toward its target."""
    kpis = [k for k in data["kpis"] if k["progress"] is not None]
    if kpis:
        kf = pd.DataFrame(
            [
                {
                    "kpi": f"{k['indicator']} ({k['municipality'].name})",
                    "municipality": k["municipality"].name,
                    "progress": 100 * k["progress"],
                }
                for k in kpis
            ]
        )
        chart = (
            alt.Chart(kf)
            .mark_bar()
            .encode(
                y=alt.Y("kpi:N", title=None, sort="-x"),
                x=alt.X("progress:Q", title=_("Way from baseline to target, %")),
                color=alt.Color("municipality:N", title=_("Municipality")),
                tooltip=[
                    alt.Tooltip("kpi:N", title=_("KPI")),
                    alt.Tooltip("progress:Q", title="%", format=".0f"),
                ],
            )
        )
        rule = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(strokeDash=[4, 4]).encode(x="x:Q")
        return make_chart(
            chart + rule,
            id="kpi-progress",
            title=_("Shared KPIs: progress toward target"),
            explanation=_(
                "How far each shared KPI has moved from its baseline toward its "
                "target (100% = target reached, below 0 = moved away); KPIs differ "
                "in units, so compare progress, not values."
            ),
            csv_url=reverse("exchange:compare_csv", args=[group.pk, "kpis"]),
        )
    return None


def _kpi_history_chart(group: PeerGroup, data: dict[str, Any]) -> Chart | None:
    """Each shared KPI's recorded values as progress toward target."""
    history = kpi_history_frame(data["kpis"]).dropna(subset=["progress"])
    if len(history):
        history["progress"] = 100 * history["progress"]
        history["kpi"] = history["indicator"] + " (" + history["municipality"] + ")"
        chart = (
            alt.Chart(history)
            .mark_line(point=True)
            .encode(
                x=alt.X("date:T", title=_("Date")),
                y=alt.Y("progress:Q", title=_("Way from baseline to target, %")),
                color=alt.Color("kpi:N", title=_("KPI"), legend=alt.Legend(orient="bottom")),
                tooltip=[
                    alt.Tooltip("kpi:N", title=_("KPI")),
                    alt.Tooltip("date:T", title=_("Date")),
                    alt.Tooltip("value:Q", title=_("Value")),
                ],
            )
        )
        return make_chart(
            chart,
            id="kpi-history",
            title=_("Shared KPIs over time"),
            explanation=_(
                "Each line is one shared KPI's recorded values, as progress toward "
                "its target; a steeper line moves faster."
            ),
            csv_url=reverse("exchange:compare_csv", args=[group.pk, "kpis"]),
        )
    return None


def kpi_history_chart(share):
    """The history of one shared KPI, with the trajectory expected toward its target."""
    rows = []
    for h in share.data.get("history") or []:
        rows.append({"date": h.get("date"), "series": _("Actual"), "value": h.get("value")})
        if h.get("expected") is not None:
            rows.append(
                {"date": h.get("date"), "series": _("Expected"), "value": h.get("expected")}
            )
    if not rows:
        return None
    frame = pd.DataFrame(rows)
    chart = (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("date:T", title=_("Date")),
            y=alt.Y("value:Q", title=share.data.get("unit") or _("Value")),
            color=alt.Color("series:N", title=None),
            tooltip=["date:T", "series:N", "value:Q"],
        )
    )
    return make_chart(
        chart,
        id=f"kpi-{share.pk}",
        title=share.title,
        explanation=_(
            "The recorded values of this KPI against the straight path "
            "from its baseline to its target; a gap below the expected "
            "line means it is behind."
        ),
    )
