"""Charts of the Collaborate step (altair specs; drawn by hromada.core.charts)."""

from __future__ import annotations

import altair as alt
import pandas as pd
from django.utils.translation import gettext as _

from hromada.core.charts import Series, colour_scale

#: Stance colours: support green, opposition red (never a warning colour for support).
STANCE_COLOURS = {
    "supportive": "green",
    "neutral": "grey",
    "opposed": "red",
    "unknown": "light grey",
}


def stakeholder_grid(stakeholders) -> alt.Chart:
    from hromada.collaboration.models import Stance

    """Interest x influence: who to manage closely (upper right), keep satisfied, keep
    informed, or monitor."""
    df = pd.DataFrame(
        [
            {
                "name": s.name,
                "interest": s.interest,
                "influence": s.influence,
                "stance": s.get_stance_display(),
                "type": s.get_stakeholder_type_display(),
            }
            for s in stakeholders
        ],
        columns=["name", "interest", "influence", "stance", "type"],
    )
    scale = alt.Scale(domain=[0.5, 5.5])
    axis = alt.Axis(values=[1, 2, 3, 4, 5])
    quadrants = pd.DataFrame(
        [
            {"x": 0.5, "x2": 2.5, "y": 2.5, "y2": 5.5, "label": _("Keep satisfied")},
            {"x": 2.5, "x2": 5.5, "y": 2.5, "y2": 5.5, "label": _("Manage closely")},
            {"x": 0.5, "x2": 2.5, "y": 0.5, "y2": 2.5, "label": _("Monitor")},
            {"x": 2.5, "x2": 5.5, "y": 0.5, "y2": 2.5, "label": _("Keep informed")},
        ]
    )
    back = (
        alt.Chart(quadrants)
        .mark_rect(opacity=0.08, stroke="#888")
        .encode(
            x=alt.X("x:Q", scale=scale, axis=axis, title=_("Interest")),
            x2="x2:Q",
            y=alt.Y("y:Q", scale=scale, axis=axis, title=_("Influence")),
            y2="y2:Q",
        )
    )
    names = (
        alt.Chart(quadrants)
        .mark_text(color="#888", fontSize=11, dy=10, align="left", dx=4)
        .encode(x="x:Q", y="y2:Q", text="label:N")
    )
    points = (
        alt.Chart(df)
        .mark_circle(size=150)
        .encode(
            x=alt.X("interest:Q", scale=scale),
            y=alt.Y("influence:Q", scale=scale),
            color=alt.Color(
                "stance:N",
                title=_("Stance"),
                scale=alt.Scale(
                    **colour_scale(
                        Series(label, STANCE_COLOURS[value]) for value, label in Stance.choices
                    )
                ),
            ),
            tooltip=[
                alt.Tooltip("name:N", title=_("Stakeholder")),
                alt.Tooltip("type:N", title=_("Type")),
                alt.Tooltip("stance:N", title=_("Stance")),
            ],
        )
    )
    labels = points.mark_text(align="left", dx=9, fontSize=11, color="#333").encode(text="name:N")
    return (back + names + points + labels).properties(height=380)
