"""Charts of the follow-up (altair specs)."""

from __future__ import annotations

import altair as alt
import pandas as pd
from django.utils.translation import gettext as _

from hromada.monitoring import rules


def funding_mix(mix: list[dict]) -> alt.Chart:
    """Stacked bars: by funding type, how much is secured, pledged and sought."""
    labels = {"secured": _("Secured"), "pledged": _("Pledged"), "sought": _("Sought")}
    rows = [
        {"type": m["label"], "state": labels[k], "order": i, "amount": m[k]}
        for m in mix
        for i, k in enumerate(labels)
        if m[k]
    ]
    df = pd.DataFrame(rows, columns=["type", "state", "order", "amount"])
    return (
        alt.Chart(df)
        .mark_bar()
        .encode(
            y=alt.Y("type:N", title=None, sort="-x", axis=alt.Axis(labelLimit=0)),  # never clip
            x=alt.X("sum(amount):Q", title=_("UAH")),
            color=alt.Color(
                "state:N",
                title=None,
                scale=alt.Scale(
                    domain=list(labels.values()), range=["#1a9850", "#91bfdb", "#fee090"]
                ),
            ),
            order="order:Q",
            tooltip=[
                alt.Tooltip("type:N", title=_("Funding type")),
                alt.Tooltip("state:N", title=_("State")),
                alt.Tooltip("amount:Q", title=_("UAH"), format=",.0f"),
            ],
        )
        .properties(height=max(80, 36 * max(len(mix), 1)))
    )


def kpi_trajectory(kpi, history: list[dict]) -> alt.Chart:
    """The planned straight line from baseline to target and the recorded values."""
    start = rules.baseline_date(kpi.baseline_year)
    line = pd.DataFrame(
        {
            "date": [start.isoformat(), kpi.target_date.isoformat()],
            "value": [kpi.baseline_value, kpi.target_value],
            "series": [_("Planned trajectory")] * 2,
        }
    )
    actual = pd.DataFrame(
        {
            "date": [h["date"].isoformat() for h in history],
            "value": [h["value"] for h in history],
            "series": [_("Recorded values")] * len(history),
        }
    )
    base = alt.Chart(pd.concat([line, actual], ignore_index=True)).encode(
        x=alt.X("date:T", title=_("Date")),
        y=alt.Y("value:Q", title=kpi.unit or _("Value"), scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", title=None, scale=alt.Scale(range=["#999999", "#0057b7"])),
        tooltip=["date:T", "value:Q"],
    )
    return (
        base.transform_filter(alt.datum.series == str(_("Planned trajectory"))).mark_line(
            strokeDash=[6, 4]
        )
        + base.transform_filter(alt.datum.series == str(_("Recorded values"))).mark_line(point=True)
    ).properties(height=260)


def goal_progress(summary_goals: list[dict]) -> alt.Chart:
    """Progress of each strategic goal, %."""
    df = pd.DataFrame(
        [{"goal": g["title"], "progress": g["progress"] or 0} for g in summary_goals],
        columns=["goal", "progress"],
    )
    return (
        alt.Chart(df)
        .mark_bar(color="#0057b7")
        .encode(
            y=alt.Y("goal:N", title=None, axis=alt.Axis(labelLimit=0)),  # full titles, never "…"
            x=alt.X("progress:Q", title=_("Progress, %"), scale=alt.Scale(domain=[0, 100])),
            tooltip=["goal:N", alt.Tooltip("progress:Q", format=".0f")],
        )
        .properties(height=max(60, 32 * max(len(df), 1)))
    )
