"""Tables, charts and downloads of the Resilience step, from the outcomes of
:mod:`hromada.resilience.analysis`. Every chart says in one sentence what it shows."""

from __future__ import annotations

import altair as alt
import pandas as pd
from django.utils.translation import gettext as _

from hromada.core.charts import Chart, make_chart
from hromada.core.disclosure import INTERNAL_MARK
from hromada.resilience.analysis import (
    ProjectImpact,
    RegionModel,
    ScenarioOutcome,
    fmt3,
    sig3,  # noqa: F401 - re-exported (tests, callers)
)
from hromada.resilience.forms import shock_labels
from hromada.resilience.sectors import section_label

TOP_LINES = 8


def thousand_uah(million_uah: float) -> str:
    """Money of the model (million UAH) in thousands of UAH, three significant digits."""
    return fmt3(float(million_uah) * 1000.0)


def ranged(central: float, low: float, high: float, fmt=fmt3) -> dict:
    """A number and its low-high range over the delta interval, formatted."""
    return {
        "central": fmt(central),
        "low": fmt(low),
        "high": fmt(high),
        "has_range": fmt(low) != fmt(high),
    }


def total_rows(result: ProjectImpact) -> dict:
    """Totals of a project (central, low, high): money in thousand UAH, jobs in jobs."""
    out = {}
    for k, v in result.totals.items():
        lo, hi = result.totals_low.get(k, v), result.totals_high.get(k, v)
        fmt = fmt3 if k.startswith("jobs") else thousand_uah
        out[k] = ranged(v, lo, hi, fmt)
    return out


def model_facts(model: RegionModel, dataset_name: str = "") -> dict:
    """What the page says about the regional table it used."""
    if model.size_source == "local":
        size = _(
            "Regional size: the municipality's own employment by KVED section in "
            "%(year)s (dataset “%(name)s”)."
        ) % {"year": model.year, "name": dataset_name}
        if model.national_size_source == "reference":
            size += " " + _("National size: the same dataset's Ukraine reference rows.")
        else:
            size += " " + _("National size: the employment of the national table.")
    else:
        size = _(
            "No employment by KVED section has been imported for this municipality, "
            "so the regional size is the national structure scaled by the "
            "municipality's population: every sector has the national share, and "
            "only the municipality's small size shrinks the coefficients."
        )
    if model.size_source != "local" and model.population:
        size += " " + _("Population used: %(population)s.") % {
            "population": f"{model.population:,}"
        }
    return {
        "size": size,
        "size_source": model.size_source,
        "method": model.method.upper(),
        "delta": model.delta,
        "delta_low": model.delta_low,
        "delta_high": model.delta_high,
        "delta_source": model.delta_source,
        "kind": model.kind,
        "table": model.table_source,
        "table_kind": table_kind(model),
        "units": model.units,
        "sectors": len(model.sectors),
        "dropped": ", ".join(model.dropped),
    }


def model_used(outcome: ScenarioOutcome) -> str:
    """One sentence: which model the scenario ran (outage as an input constraint, or the
    demand-side cascade)."""
    if outcome.kind_of_model == "input constraint":
        text = _(
            "Model: lifeline outage as an input constraint. Each sector loses "
            "directly its dependence on the lost lifeline times the share lost, less "
            "its backup; then the losses cascade through the input-output links "
            "(demand side) and recover."
        )
        if outcome.total_loss_dependence_range is not None:
            low, high = outcome.total_loss_dependence_range
            text = "{} {}".format(
                text,
                _(
                    "The default dependence table is the project's own estimate (informed "
                    "by ATC-25, Chang et al. 1996 and Rose et al. 2007, not published "
                    "figures): over its low-high estimates the total loss is "
                    "%(low)s–%(high)s thousand UAH."
                )
                % {"low": thousand_uah(low), "high": thousand_uah(high)},
            )
        return text
    return _(
        "Model: demand-side cascade (inoperability input-output model): a sector's "
        "loss reduces what it buys from its suppliers."
    )


def _dependence_cell(outcome: ScenarioOutcome, life: str, user: str) -> str:
    """A dependence in %, with its low-high range when it is the default estimate."""
    central = fmt3(100.0 * float(outcome.dependence.loc[life, user]))
    low_t, high_t = outcome.dependence_low, outcome.dependence_high
    if low_t is None or high_t is None:
        return central
    low = fmt3(100.0 * float(low_t.loc[life, user]))
    high = fmt3(100.0 * float(high_t.loc[life, user]))
    return central if low == high else f"{central} ({low}–{high})"


def dependence_rows(outcome: ScenarioOutcome) -> list[dict]:
    """The dependence table used (lifelines x users) and the backup, for the page."""
    dep = outcome.dependence
    if dep is None:
        return []
    rows = []
    for user in dep.columns:
        rows.append(
            {
                "sector": user,
                "label": section_label(user),
                "values": [_dependence_cell(outcome, life, user) for life in dep.index],
                "backup": fmt3(100.0 * float(outcome.backup.get(user, 0.0))),
            }
        )
    return rows


def shock_rows(shocks: list[dict]) -> list[dict]:
    labels = shock_labels()
    return [
        {
            "kind": labels.get(s["kind"], s["kind"]),
            "section": section_label(s["section"]),
            "share": 100.0 * float(s["share"]),
            "days": s["days"],
            "recovery_days": s["recovery_days"],
        }
        for s in shocks
    ]


def ranking_rows(outcome: ScenarioOutcome, top: int = 10) -> list[dict]:
    total = outcome.total_loss or 1.0
    rows = []
    for i, sec in enumerate(outcome.ranking[:top], start=1):
        loss = float(outcome.loss[sec])
        rows.append(
            {
                "rank": i,
                "sector": sec,
                "label": section_label(sec),
                "loss": loss,
                "loss_k": thousand_uah(loss),
                "share": 100.0 * loss / total,
                "peak": 100.0 * float(outcome.peak[sec]),
                "shocked": sec in outcome.shocks,
            }
        )
    return rows


def daily_frame(outcome: ScenarioOutcome) -> pd.DataFrame:
    d = outcome.daily.copy()
    d.index.name = "day"
    long = d.reset_index().melt(id_vars="day", var_name="sector", value_name="inoperability")
    names = {s: section_label(s) for s in long["sector"].unique()}
    long["sector_name"] = long["sector"].map(names)
    return long[["day", "sector", "sector_name", "inoperability"]]


def loss_frame(outcome: ScenarioOutcome) -> pd.DataFrame:
    rank = {s: i for i, s in enumerate(outcome.ranking, start=1)}
    out = pd.DataFrame({"sector": outcome.loss.index, "loss": outcome.loss.to_numpy()})
    out.insert(0, "rank", out["sector"].map(rank))
    out["sector_name"] = out["sector"].map(section_label)
    out["peak_inoperability"] = out["sector"].map(outcome.peak)
    out["share_of_total"] = out["loss"] / outcome.total_loss if outcome.total_loss else 0.0
    return out.sort_values("rank").reset_index(drop=True)


def illustrative_mark() -> str:
    """The words an export from illustrative data carries (the XLSX mark)."""
    return _("Illustrative data: made-up numbers, not facts about your municipality.")


def export_mark(*, internal: bool, illustrative: bool) -> str:
    """The mark of a workbook: an owner's internal copy, illustrative data, both or none."""
    return " · ".join(
        str(m) for m, on in ((INTERNAL_MARK, internal), (illustrative_mark(), illustrative)) if on
    )


def data_rows(model: RegionModel, used: dict | None) -> list[tuple[str, object]]:
    """(item, value) rows naming the data a result used: the municipality's employment
    dataset (name, year, kind) and the national input-output table (and its kind)."""
    rows: list[tuple[str, object]] = []
    if used is not None:
        rows += [
            (_("Employment data"), used["name"]),
            (_("Employment data, year used"), used["vintage"]),
            (_("Employment data, kind"), used["kind"]),
        ]
    else:
        rows.append((_("Employment data"), _("none: the national structure scaled by population")))
    rows += [
        (_("National table"), model.table_source),
        (_("National table, kind"), table_kind(model)),
    ]
    return rows


def table_kind(model: RegionModel) -> str:
    """The kind of the national input-output table, in words."""
    if model.kind == "demonstration":
        return _("demonstration")
    return model.kind or _("kind not stated")


def summary_frame(
    outcome: ScenarioOutcome, name: str = "", used: dict | None = None
) -> pd.DataFrame:
    """The workbook's summary: the scenario's totals, the model's settings and the data
    used (``used``: :func:`hromada.resilience.selectors.employment_used`)."""
    m = outcome.model
    rows = [
        (_("Scenario"), name),
        (_("Model"), outcome.kind_of_model),
        (_("Data"), m.kind),
        *data_rows(m, used),
        (_("Total loss"), outcome.total_loss),
        (_("Total loss, low (delta interval)"), outcome.total_loss_range[0]),
        (_("Total loss, high (delta interval)"), outcome.total_loss_range[1]),
        *(
            [
                (
                    _("Total loss, low (dependence estimate)"),
                    outcome.total_loss_dependence_range[0],
                ),
                (
                    _("Total loss, high (dependence estimate)"),
                    outcome.total_loss_dependence_range[1],
                ),
            ]
            if outcome.total_loss_dependence_range is not None
            else []
        ),
        (_("Direct loss"), outcome.direct_loss),
        (_("Users' loss from the lost lifeline"), outcome.lifeline_loss),
        (_("Indirect loss (the cascade)"), outcome.indirect_loss),
        (_("Indirect share of the loss"), outcome.indirect_share),
        (_("Days simulated"), outcome.horizon),
        (_("Regionalisation method"), m.method.upper()),
        (_("FLQ delta"), m.delta),
        (_("FLQ delta interval"), f"{m.delta_low:g}-{m.delta_high:g} ({m.delta_source})"),
        (_("Regional size from"), m.size_source),
        (_("Employment year"), m.year or ""),
        (_("Units"), m.units),
    ]
    return pd.DataFrame(rows, columns=["item", "value"])


def scenario_sheets(
    outcome: ScenarioOutcome, shocks: list[dict], name: str = "", used: dict | None = None
) -> dict:
    daily = outcome.daily.copy()
    daily.index.name = "day"
    model = pd.DataFrame(
        {
            "sector": outcome.model.sectors,
            "regional_size": outcome.model.regional_size.reindex(outcome.model.sectors).to_numpy(),
            "national_size": outcome.model.national_size.reindex(outcome.model.sectors).to_numpy(),
            "output_x": outcome.model.x.to_numpy(),
        }
    )
    return {
        _("Summary"): summary_frame(outcome, name, used),
        _("Shocks"): pd.DataFrame(shocks),
        _("Loss by sector"): loss_frame(outcome),
        _("Daily inoperability"): daily.reset_index(),
        _("Regional model"): model,
    }


def scenario_charts(outcome: ScenarioOutcome, csv_url) -> list[Chart]:
    top = outcome.ranking[:TOP_LINES]
    daily = daily_frame(outcome)
    daily = daily[daily["sector"].isin(top)].copy()
    daily["pct"] = daily["inoperability"] * 100.0
    sector_t = _("Sector")
    day_t, inop_t = _("Day"), _("Inoperability, %")
    line = (
        alt.Chart(daily)
        .mark_line()
        .encode(
            x=alt.X("day:Q", title=day_t),
            y=alt.Y("pct:Q", title=inop_t),
            color=alt.Color(
                "sector_name:N",
                title=sector_t,
                sort=[section_label(s) for s in top],
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=320),
            ),
            tooltip=[
                alt.Tooltip("sector_name:N", title=sector_t),
                alt.Tooltip("day:Q", title=day_t),
                alt.Tooltip("pct:Q", title=inop_t, format=".2f"),
            ],
        )
        .properties(height=320)
    )
    loss = loss_frame(outcome)
    loss = loss[loss["loss"] > 0].head(15).assign(loss_k=lambda d: d["loss"] * 1000.0)
    loss_t = _("Cumulative loss, thousand UAH")
    bars = (
        alt.Chart(loss)
        .mark_bar(color="#0057b7")
        .encode(
            x=alt.X("loss_k:Q", title=loss_t),
            y=alt.Y("sector_name:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)),
            tooltip=[
                alt.Tooltip("sector_name:N", title=sector_t),
                alt.Tooltip("loss_k:Q", title=loss_t, format=",.3r"),
                alt.Tooltip("share_of_total:Q", title=_("Share of the total"), format=".1%"),
            ],
        )
        .properties(height=max(120, 24 * len(loss)))
    )
    return [
        make_chart(
            line,
            id="daily",
            title=_("Daily inoperability by sector"),
            explanation=_(
                "The share of each sector's normal output lost on each day: "
                "look at how high the curves rise and how long they take to "
                "come back to zero (the eight most affected sectors)."
            ),
            csv_url=csv_url("daily"),
        ),
        make_chart(
            bars,
            id="loss",
            title=_("Cumulative economic loss by sector"),
            explanation=_(
                "The output each sector loses over the whole period, direct "
                "and through its suppliers and buyers: the longest bars are "
                "where support matters most."
            ),
            csv_url=csv_url("loss"),
        ),
    ]


# --- Comparison ------------------------------------------------------------------------


def compare_frame(named: list[tuple[str, ScenarioOutcome]]) -> pd.DataFrame:
    rows = []
    for name, o in named:
        top = o.ranking[0] if o.ranking else ""
        rows.append(
            {
                "scenario": name,
                "total_loss": o.total_loss,
                "total_loss_low": o.total_loss_range[0],
                "total_loss_high": o.total_loss_range[1],
                "direct_loss": o.direct_loss,
                "indirect_loss": o.indirect_loss,
                "indirect_share": o.indirect_share,
                "model": o.kind_of_model,
                "most_affected": top,
                "peak_economy_inoperability": float(o.economy_daily().max()),
                "days_to_recover": _days_to_recover(o),
            }
        )
    return pd.DataFrame(rows)


def compare_rows(named: list[tuple[str, ScenarioOutcome]]) -> list[dict]:
    """The comparison table's rows: :func:`compare_frame` with percentages and money in
    thousand UAH for the page."""
    rows = compare_frame(named).to_dict("records")
    for row in rows:
        row["indirect_pct"] = 100.0 * row["indirect_share"]
        row["peak_pct"] = 100.0 * row["peak_economy_inoperability"]
        row["total_k"] = ranged(
            row["total_loss"], row["total_loss_low"], row["total_loss_high"], fmt=thousand_uah
        )
        row["direct_k"] = thousand_uah(row["direct_loss"])
    return rows


def _days_to_recover(o: ScenarioOutcome, threshold: float = 0.01) -> int | None:
    """First day after the peak on which every sector is below ``threshold``."""
    above = (o.daily > threshold).any(axis=1).to_numpy()
    if not above.any():
        return 0
    last = int(above.nonzero()[0].max())
    return last + 1 if last + 1 <= o.horizon else None


def compare_charts(named: list[tuple[str, ScenarioOutcome]], csv_url) -> list[Chart]:
    scen_t, day_t = _("Scenario"), _("Day")
    frames = []
    for name, o in named:
        e = o.economy_daily()
        frames.append(
            pd.DataFrame({"scenario": name, "day": range(len(e)), "pct": e.to_numpy() * 100.0})
        )
    econ = pd.concat(frames, ignore_index=True)
    inop_t = _("Inoperability of the local economy, %")
    line = (
        alt.Chart(econ)
        .mark_line()
        .encode(
            x=alt.X("day:Q", title=day_t),
            y=alt.Y("pct:Q", title=inop_t),
            color=alt.Color("scenario:N", title=scen_t, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("scenario:N", title=scen_t),
                alt.Tooltip("day:Q", title=day_t),
                alt.Tooltip("pct:Q", title=inop_t, format=".2f"),
            ],
        )
        .properties(height=300)
    )
    parts = []
    direct_t, indirect_t = _("Direct loss"), _("Indirect loss (the cascade)")
    for name, o in named:
        parts.append({"scenario": name, "part": direct_t, "loss": o.direct_loss * 1000.0})
        parts.append({"scenario": name, "part": indirect_t, "loss": o.indirect_loss * 1000.0})
    loss_t = _("Cumulative loss, thousand UAH")
    bars = (
        alt.Chart(pd.DataFrame(parts))
        .mark_bar()
        .encode(
            x=alt.X("loss:Q", title=loss_t, stack="zero"),
            y=alt.Y("scenario:N", title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(
                "part:N",
                title=None,
                scale=alt.Scale(range=["#0057b7", "#e0a800"]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("scenario:N", title=scen_t),
                alt.Tooltip("part:N", title=" "),
                alt.Tooltip("loss:Q", title=loss_t, format=",.3r"),
            ],
        )
        .properties(height=max(100, 40 * len(named)))
    )
    return [
        make_chart(
            line,
            id="compare-daily",
            title=_("The local economy, day by day"),
            explanation=_(
                "The share of the whole local economy's output lost each day "
                "in each scenario: compare how deep and how long each one is."
            ),
            csv_url=csv_url,
        ),
        make_chart(
            bars,
            id="compare-loss",
            title=_("Total loss: direct and cascade"),
            explanation=_(
                "The loss of each scenario split into the direct hit and what "
                "the cascade through suppliers and buyers adds."
            ),
            csv_url=csv_url,
        ),
    ]


# --- Multipliers -----------------------------------------------------------------------


def multiplier_context(result: ProjectImpact) -> dict:
    """What the multiplier page shows of a project's impact: totals, rows, multipliers,
    chart."""
    return {
        "result": result,
        "totals": total_rows(result),
        "rows": impact_rows(result),
        "multipliers": multiplier_rows(result),
        "chart": impact_chart(result),
    }


def impact_rows(result: ProjectImpact) -> list[dict]:
    b = result.by_sector.sort_values("output", ascending=False)
    rows = []
    for sec, r in b.iterrows():
        if r["output_type2"] <= 0:
            continue
        rows.append(
            {
                "sector": sec,
                "label": section_label(sec),
                "output": thousand_uah(r["output"]),
                "income": thousand_uah(r["income"]),
                "jobs": fmt3(r["jobs"]),
                "output_type2": thousand_uah(r["output_type2"]),
                "income_type2": thousand_uah(r["income_type2"]),
                "jobs_type2": fmt3(r["jobs_type2"]),
            }
        )
    return rows


def multiplier_rows(result: ProjectImpact) -> list[dict]:
    t = result.table
    lo = result.table_low if result.table_low is not None else t
    hi = result.table_high if result.table_high is not None else t
    rows = []
    for sec, r in t.iterrows():
        rows.append(
            {
                "sector": sec,
                "label": section_label(sec),
                "selected": sec == result.sector,
                **{k: float(v) for k, v in r.items()},
                "range": {
                    k: f"{float(lo.loc[sec, k]):.3g}-{float(hi.loc[sec, k]):.3g}" for k in t.columns
                },
            }
        )
    return rows


def impact_chart(result: ProjectImpact) -> Chart:
    b = result.by_sector.copy()
    b = b[b["output_type2"] > 0]
    rows = []
    t1, t2 = _("Type I (suppliers)"), _("Type II (suppliers and household spending)")
    for sec, r in b.iterrows():
        rows.append({"sector_name": section_label(sec), "type": t1, "output": r["output"] * 1e3})
        rows.append(
            {"sector_name": section_label(sec), "type": t2, "output": r["output_type2"] * 1e3}
        )
    frame = pd.DataFrame(rows)
    out_t = _("Local output, thousand UAH")
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("output:Q", title=out_t),
            y=alt.Y("sector_name:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)),
            yOffset="type:N",
            color=alt.Color(
                "type:N",
                title=None,
                scale=alt.Scale(range=["#0057b7", "#e0a800"]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("sector_name:N", title=_("Sector")),
                alt.Tooltip("type:N", title=" "),
                alt.Tooltip("output:Q", title=out_t, format=",.3r"),
            ],
        )
        .properties(height=max(160, 36 * len(b)))
    )
    return make_chart(
        chart,
        id="impact",
        title=_("Where the project's money ends up"),
        explanation=_(
            "The local output each sector gains from the project: the "
            "project's own sector first, then its local suppliers and, "
            "in Type II, the shops and services where the new wages "
            "are spent."
        ),
    )
