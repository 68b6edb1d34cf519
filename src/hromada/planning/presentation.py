"""Charts of the plan (altair specs; drawn by hromada.core.charts): the layer between
the plan's records and its templates."""

from __future__ import annotations

import altair as alt
import pandas as pd
from django.utils.translation import gettext as _


def risk_matrix(risks) -> alt.Chart:
    """Likelihood x impact: each risk a point, the red corner is where to act first."""
    rows = [
        {
            "risk": r.title,
            "likelihood": r.likelihood,
            "impact": r.impact,
            "score": r.likelihood * r.impact,
            "category": r.get_category_display(),
        }
        for r in risks
    ]
    df = pd.DataFrame(rows, columns=["risk", "likelihood", "impact", "score", "category"])
    scale = alt.Scale(domain=[0.5, 5.5])
    axis = alt.Axis(values=[1, 2, 3, 4, 5], tickMinStep=1)
    grid = pd.DataFrame(
        [
            {"l": li - 0.5, "l2": li + 0.5, "i": im - 0.5, "i2": im + 0.5, "s": li * im}
            for li in range(1, 6)
            for im in range(1, 6)
        ]
    )
    cells = (
        alt.Chart(grid)
        .mark_rect(opacity=0.35)
        .encode(
            x=alt.X("l:Q", scale=scale, axis=axis, title=_("Likelihood")),
            x2="l2:Q",
            y=alt.Y("i:Q", scale=scale, axis=axis, title=_("Impact")),
            y2="i2:Q",
            color=alt.Color(
                "s:Q",
                scale=alt.Scale(domain=[1, 12, 25], range=["#d9f0d3", "#fdd49e", "#d7301f"]),
                legend=None,
            ),
        )
    )
    points = (
        alt.Chart(df)
        .mark_circle(size=160, color="#08306b")
        .encode(
            x=alt.X("likelihood:Q", scale=scale),
            y=alt.Y("impact:Q", scale=scale),
            tooltip=[
                alt.Tooltip("risk:N", title=_("Risk")),
                alt.Tooltip("category:N", title=_("Category")),
                alt.Tooltip("score:Q", title=_("Score")),
            ],
        )
    )
    labels = points.mark_text(align="left", dx=9, fontSize=11, color="#08306b").encode(
        text="risk:N"
    )
    return (cells + points + labels).properties(height=360)
