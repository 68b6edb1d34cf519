"""Tables and charts of the Diversify step (opportunity map, industry space)."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

from hromada.core.charts import Chart, make_chart, sector_axis_label
from hromada.diversify import kved
from hromada.diversify.analysis import Analysis, quadrant


def quadrant_labels() -> dict[str, str]:
    return {
        "possible_entrants": _("Possible entrants: within reach and attractive"),
        "strategic_bets": _("Strategic bets: attractive, further away"),
        "within_reach": _("Within reach, less attractive"),
        "long_shots": _("Long shots"),
    }


def _related(analysis: Analysis, k: int = 3) -> dict[str, list[tuple[str, float]]]:
    """Candidate -> the region's present sectors closest to it (the library's reasons)."""
    nodes = analysis.nodes.set_index("sector")
    held = [s for s in nodes.index if nodes.loc[s, "present"]]
    phi = analysis.phi
    out = {}
    for s in analysis.opportunities["sector"]:
        row = phi.loc[s, held] if held else pd.Series(dtype=float)
        row = row.sort_values(ascending=False, kind="stable").head(k)
        out[s] = [(h, float(v)) for h, v in row.items() if v > 0]
    return out


def opportunity_rows(
    analysis: Analysis,
    *,
    resources: dict,
    family: str = "",
    horizon: str = "",
    min_size: float = 0.0,
) -> list[dict]:
    """The ranked opportunities after the page's filters, with reasons and local assets."""
    panel = analysis.panel
    nodes = analysis.nodes.set_index("sector")
    total = float(nodes["employment"].sum()) or 1.0
    related = _related(analysis)
    labels = quadrant_labels()
    rows = []
    for r in analysis.opportunities.itertuples(index=False):
        sections = panel.sections.get(r.sector, [])
        if family and family not in sections:
            continue
        near = r.feasibility >= 0.5
        if (horizon == "near" and not near) or (horizon == "strategic" and near):
            continue
        employment = float(nodes.loc[r.sector, "employment"])
        share = 100.0 * employment / total
        if share < (min_size or 0.0):
            continue
        q = quadrant(r.feasibility, r.attractiveness)
        assets = []
        for sec in sections:
            for res in resources.get(sec, []):
                if res not in assets:
                    assets.append(res)
        rows.append(
            {
                "rank": r.rank,
                "sector": r.sector,
                "name": panel.name(r.sector),
                "sections": ", ".join(sections),
                "score": r.score,
                "feasibility": r.feasibility,
                "attractiveness": r.attractiveness,
                "density": r.density,
                "pci": r.pci,
                "cog": r.cog,
                "growth": None if r.growth != r.growth else 100.0 * r.growth,
                "rca": r.rca,
                "employment": employment,
                "share": share,
                "quadrant": q,
                "quadrant_label": labels[q],
                "near": near,
                "related": [(panel.name(h), 100.0 * v) for h, v in related.get(r.sector, [])],
                "library_reasons": r.reasons,
                "assets": assets,
            }
        )
    return rows


def is_exploratory(analysis: Analysis) -> bool:
    """Too few sectors to rank (issue 20): the page is an exploratory view, without ranks."""
    return len(analysis.nodes) < kved.MIN_INDUSTRIES


def exploratory_order(rows: list[dict], analysis: Analysis) -> list[dict]:
    """The rows as the page lists them: ranked, or in code order when exploratory."""
    if is_exploratory(analysis):
        return sorted(rows, key=lambda r: str(r["sector"]))
    return rows


def present_names(analysis: Analysis) -> list[str]:
    """The names of the sectors the region holds (RCA >= 1)."""
    return analysis.nodes[analysis.nodes["present"]]["name"].tolist()


def space_frame(analysis: Analysis) -> pd.DataFrame:
    """The industry space's sectors as exported (without the layout's coordinates)."""
    return analysis.nodes.drop(columns=["x", "y"])


def opportunity_frame(rows: list[dict]) -> pd.DataFrame:
    cols = [
        "rank",
        "sector",
        "name",
        "sections",
        "score",
        "feasibility",
        "attractiveness",
        "density",
        "pci",
        "cog",
        "growth",
        "rca",
        "employment",
        "quadrant",
        "library_reasons",
    ]
    frame = pd.DataFrame([{k: r[k] for k in cols} for r in rows], columns=cols)
    frame["assets"] = ["; ".join(a.name for a in r["assets"] if not a.restricted) for r in rows]
    return frame.rename(columns={"library_reasons": "reasons", "growth": "growth_pct"})


#: How many of the best-ranked opportunities the map labels, and how far apart (in the
#: map's 0-1 units, in both directions) two labels must be: closer ones stay unlabelled,
#: so labels never pile up (issue 21). Every point keeps its name in the tooltip.
MAP_LABELS = 8
MAP_LABEL_GAP = 0.06


def map_labels(rows: list[dict], n: int = MAP_LABELS, gap: float = MAP_LABEL_GAP) -> list[str]:
    """The label of each row on the opportunity map: its rank (as in the table) for the
    ``n`` best-ranked rows not within ``gap`` of a better-ranked labelled one, else ""."""
    placed: list[tuple[float, float]] = []
    out = [""] * len(rows)
    for i in sorted(range(len(rows)), key=lambda i: rows[i]["rank"]):
        if len(placed) >= n:
            break
        x = rows[i]["feasibility"]
        y = (
            rows[i]["attractiveness"]
            if rows[i]["attractiveness"] == rows[i]["attractiveness"]
            else 0.0
        )
        if all(abs(x - px) >= gap or abs(y - py) >= gap for px, py in placed):
            placed.append((x, y))
            out[i] = str(rows[i]["rank"])
    return out


def opportunity_chart(rows: list[dict], csv_url: str) -> Chart:
    labels = quadrant_labels()
    marks = map_labels(rows)
    frame = pd.DataFrame(
        [
            {
                "mark": mark,
                "rank": r["rank"],
                "name": r["name"],
                "feasibility": r["feasibility"],
                "attractiveness": r["attractiveness"]
                if r["attractiveness"] == r["attractiveness"]
                else 0.0,
                "employment": r["employment"],
                "score": r["score"],
                "quadrant": r["quadrant_label"],
                "density": r["density"],
                "pci": r["pci"],
            }
            for r, mark in zip(rows, marks, strict=True)
        ],
        columns=[
            "mark",
            "rank",
            "name",
            "feasibility",
            "attractiveness",
            "employment",
            "score",
            "quadrant",
            "density",
            "pci",
        ],
    )
    f_t, a_t = _("Feasibility (relatedness density, rank)"), _("Attractiveness (rank)")
    emp_t = _("Employment in the panel, persons")
    domain = [
        labels[k] for k in ("possible_entrants", "strategic_bets", "within_reach", "long_shots")
    ]
    base = alt.Chart(frame)
    points = base.mark_circle(opacity=0.8, stroke="#333", strokeWidth=0.5).encode(
        x=alt.X("feasibility:Q", title=f_t, scale=alt.Scale(domain=[0, 1.05])),
        y=alt.Y("attractiveness:Q", title=a_t, scale=alt.Scale(domain=[0, 1.05])),
        size=alt.Size("employment:Q", title=emp_t, scale=alt.Scale(range=[60, 1600]), legend=None),
        color=alt.Color(
            "quadrant:N",
            title=None,
            scale=alt.Scale(domain=domain, range=["#0057b7", "#e0a800", "#5a9bd5", "#8a8f98"]),
            legend=alt.Legend(orient="bottom", columns=2, labelLimit=340),
        ),
        tooltip=[
            alt.Tooltip("rank:Q", title=_("Rank")),
            alt.Tooltip("name:N", title=_("Sector")),
            alt.Tooltip("score:Q", title=_("Score"), format=".2f"),
            alt.Tooltip("feasibility:Q", title=f_t, format=".2f"),
            alt.Tooltip("attractiveness:Q", title=a_t, format=".2f"),
            alt.Tooltip("density:Q", title=_("Relatedness density"), format=".3f"),
            alt.Tooltip("pci:Q", title=_("Complexity (PCI)"), format=".2f"),
            alt.Tooltip("employment:Q", title=emp_t, format=",.0f"),
        ],
    )
    text = (
        alt.Chart(frame[frame["mark"] != ""])
        .mark_text(dy=-12, fontSize=11, fontWeight="bold", limit=40)
        .encode(x="feasibility:Q", y="attractiveness:Q", text="mark:N")
    )
    rules = alt.Chart(pd.DataFrame({"v": [0.5]}))
    vline = rules.mark_rule(strokeDash=[4, 4], color="#999").encode(x="v:Q")
    hline = rules.mark_rule(strokeDash=[4, 4], color="#999").encode(y="v:Q")
    corners = pd.DataFrame(
        [
            {
                "x": 1.04,
                "y": 1.04,
                "label": labels["possible_entrants"].split(":")[0],
                "align": "right",
            },
            {
                "x": 0.01,
                "y": 1.04,
                "label": labels["strategic_bets"].split(":")[0],
                "align": "left",
            },
            {"x": 1.04, "y": 0.01, "label": labels["within_reach"].split(":")[0], "align": "right"},
            {"x": 0.01, "y": 0.01, "label": labels["long_shots"].split(":")[0], "align": "left"},
        ]
    )
    corner_right = (
        alt.Chart(corners[corners["align"] == "right"])
        .mark_text(
            align="right", baseline="middle", fontSize=12, fontWeight="bold", color="#6b7785"
        )
        .encode(x="x:Q", y="y:Q", text="label:N")
    )
    corner_left = (
        alt.Chart(corners[corners["align"] == "left"])
        .mark_text(align="left", baseline="middle", fontSize=12, fontWeight="bold", color="#6b7785")
        .encode(x="x:Q", y="y:Q", text="label:N")
    )
    chart = alt.layer(vline, hline, corner_left, corner_right, points, text).properties(height=420)
    return make_chart(
        chart,
        id="opportunity-map",
        title=_("Opportunity map"),
        explanation=_(
            "Each circle is a sector the municipality lacks or holds "
            "weakly: further right is closer to what it already does, "
            "higher is more complex or faster growing; the top right "
            "holds the possible entrants. The numbers are the best-ranked "
            "sectors' places in the table; point at a circle for its name."
        ),
        csv_url=csv_url,
    )


def _links(edges: pd.DataFrame, *, pad: float, widest: float, opacity: float, tooltip):
    """The links of an industry space (x, y to x2, y2 in [0, 1]; thicker = closer)."""
    return (
        alt.Chart(edges)
        .mark_rule(color="#9aa5b1")
        .encode(
            x=alt.X("x:Q", axis=None, scale=alt.Scale(domain=[-pad, 1 + pad])),
            y=alt.Y("y:Q", axis=None, scale=alt.Scale(domain=[-pad, 1 + pad])),
            x2="x2:Q",
            y2="y2:Q",
            strokeWidth=alt.StrokeWidth(
                "proximity:Q", scale=alt.Scale(range=[0.5, widest]), legend=None
            ),
            opacity=alt.value(opacity),
            tooltip=tooltip,
        )
    )


def space_chart(analysis: Analysis, csv_url: str) -> Chart:
    nodes = analysis.nodes.copy()
    present_t, absent_t = _("Present (RCA ≥ 1)"), _("Not yet")
    nodes["status"] = np.where(nodes["present"], present_t, absent_t)
    nodes["rca"] = nodes["rca"].round(2)
    nodes["pci"] = nodes["pci"].round(2)
    nodes["density"] = nodes["density"].round(3)
    edges = analysis.edges.copy()
    name = dict(zip(analysis.nodes["sector"], analysis.nodes["name"], strict=True))
    if not edges.empty:
        edges["link"] = [
            f"{name[s]} — {name[t]}" for s, t in zip(edges["source"], edges["target"], strict=True)
        ]
    emp_t = _("Employment in the panel, persons")
    prox_t = _("Proximity")
    lines = _links(
        edges,
        pad=0.08,
        widest=6,
        opacity=0.7,
        tooltip=[
            alt.Tooltip("link:N", title=_("Link")),
            alt.Tooltip("proximity:Q", title=prox_t, format=".2f"),
        ],
    )
    points = (
        alt.Chart(nodes)
        .mark_circle(stroke="#222", strokeWidth=0.8, opacity=1)
        .encode(
            x="x:Q",
            y="y:Q",
            size=alt.Size(
                "employment:Q", title=emp_t, scale=alt.Scale(range=[120, 1400]), legend=None
            ),
            color=alt.Color(
                "status:N",
                title=None,
                scale=alt.Scale(domain=[present_t, absent_t], range=["#e0a800", "#d9e2ec"]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("name:N", title=_("Sector")),
                alt.Tooltip("status:N", title=" "),
                alt.Tooltip("rca:Q", title=_("Revealed comparative advantage (RCA)")),
                alt.Tooltip("pci:Q", title=_("Complexity (PCI)")),
                alt.Tooltip("density:Q", title=_("Relatedness density")),
                alt.Tooltip("employment:Q", title=emp_t, format=",.0f"),
            ],
        )
    )
    labels = (
        alt.Chart(nodes)
        .mark_text(dy=-16, fontSize=11, limit=180)
        .encode(x="x:Q", y="y:Q", text="name:N")
    )
    chart = alt.layer(lines, points, labels).properties(height=520)
    return make_chart(
        chart,
        id="industry-space",
        title=_("Industry space"),
        explanation=_(
            "Sectors linked by how often the same regions specialise "
            "in both (thicker = closer); yellow sectors are the "
            "municipality's present strengths, and grey sectors "
            "linked to many yellow ones are the easiest next steps."
        ),
        csv_url=csv_url,
    )


# --- the ranking on the industry space in KVED codes ------------------------------------


def related_names(ranking, *, lang: str = "en") -> dict[str, str]:
    """KVED code -> name of every industry a candidate of the ranking is related to."""
    return kved.names(sorted({c for r in ranking.table["related"] for c, _v in r}), lang)


def unranked_text(ranking) -> str:
    """The industries a ranking leaves out for want of complexity, as the page lists them
    ("03 Fishing and aquaculture, 12 Manufacture of tobacco products"); empty when
    none."""
    return ", ".join(
        f"{c} {n}" for c, n in zip(ranking.unranked["code"], ranking.unranked["name"], strict=True)
    )


def kved_rows(ranking, *, resources: dict, names: dict, region: str) -> list[dict]:
    """Rows of the KVED ranking table: numbers, the rank band, reasons in words, assets."""
    rows = []
    for r in ranking.table.itertuples(index=False):
        related = [(c, names.get(c, c), v) for c, v in r.related]
        if related:
            listed = ", ".join(f"{c} {n} ({v:.0%})" for c, n, v in related)
            reason = _(
                "Close to what %(region)s already does: %(list)s. Places specialised "
                "in these are often specialised in this one too (the %% is the "
                "proximity)."
            ) % {"region": region, "list": listed}
        else:
            reason = _("None of the present industries is related to it: a long jump.")
        assets = []
        for res in resources.get(r.section, []):
            if res not in assets:
                assets.append(res)
        other = getattr(r, "rank_other", np.nan)
        band = None
        if r.rank_low == r.rank_low:  # not NaN
            band = (int(round(r.rank_low)), int(round(r.rank_high)))
        rows.append(
            {
                "code": r.code,
                "name": r.name,
                "section": r.section,
                "rank": int(r.rank),
                "score": float(r.score),
                "density": float(r.density),
                "pci": float(r.pci),
                "cog": float(r.cog),
                "band": band,
                "in_top": None if r.in_top != r.in_top else float(r.in_top) * 100,
                "robust": bool(r.robust),
                "reason": reason,
                "related": related,
                "rank_other": None if pd.isna(other) else int(other),
                "assets": assets,
            }
        )
    return rows


def kved_frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "rank": r["rank"],
                "kved": r["code"],
                "name": r["name"],
                "score": round(r["score"], 4),
                "density": round(r["density"], 4),
                "pci": round(r["pci"], 4),
                "cog": round(r["cog"], 4),
                "rank_low": r["band"][0] if r["band"] else None,
                "rank_high": r["band"][1] if r["band"] else None,
                "share_of_draws_in_top_10": r["in_top"],
                "robust": r["robust"],
                "rank_other_source": r["rank_other"],
                "reasons": r["reason"],
            }
            for r in rows
        ]
    )


#: Longest division name written beside a circle of the industry-space map.
MAP_NAME_LIMIT = 14


def kved_space_chart(nodes: pd.DataFrame, *, lang: str = "en") -> Chart:
    """The division-level industry space with its bundled layout, present industries and
    candidates highlighted."""
    from hromada.refdata import industry_space, industry_space_layout

    _nodes, links = industry_space_layout()
    phi = industry_space("division")
    pos = nodes.set_index("code")[["x", "y"]]
    edges = links.copy()
    for end, (cx, cy) in (("a", ("x", "y")), ("b", ("x2", "y2"))):
        edges[cx] = pos.loc[edges[end], "x"].to_numpy()
        edges[cy] = pos.loc[edges[end], "y"].to_numpy()
    edges["proximity"] = [float(phi.loc[a, b]) for a, b in zip(edges["a"], edges["b"], strict=True)]
    present_t, cand_t, other_t = (_("Present (RCA ≥ 1)"), _("Top candidate"), _("Other industry"))
    nodes = nodes.copy()
    nodes["status_label"] = nodes["status"].map(
        {"present": present_t, "candidate": cand_t, "other": other_t}
    )
    code_names = kved.names(list(nodes["code"]), lang)
    nodes["name"] = [f"{c} {code_names.get(c, c)}" for c in nodes["code"]]
    # drawn beside the circles of present and candidate divisions only (code and a short
    # name: a phone cannot hold 88 labels); every circle's tooltip names its division
    nodes["short_label"] = [
        sector_axis_label(c, code_names.get(c, c), MAP_NAME_LIMIT) if st != "other" else ""
        for c, st in zip(nodes["code"], nodes["status"], strict=True)
    ]
    lines = _links(
        edges,
        pad=0.05,
        widest=4,
        opacity=0.6,
        tooltip=[
            alt.Tooltip("a:N", title="KVED"),
            alt.Tooltip("b:N", title="KVED"),
            alt.Tooltip("proximity:Q", title=_("Proximity"), format=".2f"),
        ],
    )
    points = (
        alt.Chart(nodes)
        .mark_circle(stroke="#222", strokeWidth=0.6, opacity=1)
        .encode(
            x="x:Q",
            y="y:Q",
            size=alt.Size(
                "employment:Q", scale=alt.Scale(type="sqrt", range=[40, 700]), legend=None
            ),
            color=alt.Color(
                "status_label:N",
                title=None,
                scale=alt.Scale(
                    domain=[present_t, cand_t, other_t], range=["#e0a800", "#1f6fb2", "#d9e2ec"]
                ),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("name:N", title=_("Industry")),
                alt.Tooltip("status_label:N", title=" "),
                alt.Tooltip("rca:Q", title=_("Revealed comparative advantage (RCA)")),
                alt.Tooltip("pci:Q", title=_("Complexity (PCI)")),
                alt.Tooltip("best_rank:Q", title=_("Best rank of its candidates")),
            ],
        )
    )
    labels = (
        alt.Chart(nodes)
        .mark_text(dy=-10, fontSize=9)
        .encode(x="x:Q", y="y:Q", text="short_label:N")
    )
    chart = alt.layer(lines, points, labels).properties(height=560)
    return make_chart(
        chart,
        id="kved-industry-space",
        title=_("Industry space of KVED divisions (US metropolitan areas, 2019)"),
        explanation=_(
            "Divisions linked by how often the same places specialise "
            "in both (thicker = closer). Yellow: the municipality's "
            "present industries; blue: divisions of the top "
            "candidates; the layout is computed once and is the same "
            "for every municipality."
        ),
    )
