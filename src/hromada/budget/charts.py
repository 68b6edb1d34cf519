"""Vega-Lite charts of the fiscal pulse (altair, wrapped by hromada.core.charts.make_chart)."""

from __future__ import annotations

import altair as alt
import pandas as pd
from django.utils.translation import gettext as _

from hromada.core.charts import make_chart


def pulse_chart(
    real: pd.Series, adjusted: pd.Series | None, pre_level: float | None, base_month: pd.Timestamp
):
    """Real own revenue per month, its seasonally adjusted level and the pre-war level."""
    month_t, value_t, series_t = _("Month"), _("UAH million"), _("Series")
    rows = [
        pd.DataFrame(
            {"month": real.index, "value": real.to_numpy() / 1e6, "series": _("own revenue, real")}
        )
    ]
    if adjusted is not None:
        rows.append(
            pd.DataFrame(
                {
                    "month": adjusted.index,
                    "value": adjusted.to_numpy() / 1e6,
                    "series": _("seasonally adjusted (STL)"),
                }
            )
        )
    frame = pd.concat(rows, ignore_index=True)
    frame["month"] = frame["month"].dt.strftime("%Y-%m-01")
    lines = (
        alt.Chart(frame)
        .mark_line(point=False)
        .encode(
            x=alt.X("month:T", title=month_t),
            y=alt.Y("value:Q", title=value_t),
            color=alt.Color("series:N", title=series_t, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("month:T", title=month_t, format="%Y-%m"),
                alt.Tooltip("series:N", title=series_t),
                alt.Tooltip("value:Q", title=value_t, format=",.1f"),
            ],
        )
    )
    layers = [lines]
    if pre_level is not None:
        layers.append(
            alt.Chart(pd.DataFrame({"y": [pre_level / 1e6]}))
            .mark_rule(color="#888", strokeDash=[4, 4])
            .encode(y="y:Q")
        )
    return make_chart(
        alt.layer(*layers).properties(height=260),
        id="pulse-real",
        title=_("Own revenue per month in prices of %(month)s")
        % {"month": base_month.strftime("%m.%Y")},
        explanation=_(
            "General fund, without the personal income tax on military pay. The "
            "dashed line is the pre-war level (February 2021 to January 2022 "
            "average, seasonally adjusted)."
        ),
    )


def forecast_chart(actual: pd.Series, fc: pd.DataFrame, adjusted: pd.DataFrame | None):
    """The last 36 months and the 12-month forecast with 80 % and 95 % intervals."""
    month_t, value_t = _("Month"), _("UAH million")
    hist = actual.iloc[-36:]
    h = pd.DataFrame(
        {
            "month": hist.index.strftime("%Y-%m-01"),
            "value": hist.to_numpy() / 1e6,
            "series": _("actual"),
        }
    )
    f = fc.reset_index()
    f["month"] = f["month"].dt.strftime("%Y-%m-01")
    for c in fc.columns:
        f[c] = f[c] / 1e6
    band95 = (
        alt.Chart(f)
        .mark_area(opacity=0.15)
        .encode(
            x=alt.X("month:T", title=month_t), y=alt.Y("lower_95:Q", title=value_t), y2="upper_95:Q"
        )
    )
    band80 = (
        alt.Chart(f).mark_area(opacity=0.3).encode(x="month:T", y="lower_80:Q", y2="upper_80:Q")
    )
    fl = pd.DataFrame({"month": f["month"], "value": f["forecast"], "series": _("forecast")})
    parts = [h, fl]
    if adjusted is not None:
        parts.append(
            pd.DataFrame(
                {
                    "month": f["month"],
                    "value": adjusted["forecast"].to_numpy() / 1e6,
                    "series": _("forecast with your assumptions"),
                }
            )
        )
    lines = (
        alt.Chart(pd.concat(parts, ignore_index=True))
        .mark_line()
        .encode(
            x="month:T",
            y="value:Q",
            color=alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("month:T", title=month_t, format="%Y-%m"),
                alt.Tooltip("series:N"),
                alt.Tooltip("value:Q", title=value_t, format=",.1f"),
            ],
        )
    )
    return make_chart(
        alt.layer(band95, band80, lines).properties(height=260),
        id="pulse-forecast",
        title=_("Own revenue: the next 12 months"),
        explanation=_(
            "Nominal UAH, general fund, without the military income tax. Shaded: "
            "80 % and 95 % prediction intervals of the model."
        ),
    )
