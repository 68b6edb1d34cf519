"""The follow-up report: one click, Ukrainian or English, as PDF (WeasyPrint) or XLSX.

Sections: diagnosis summary, SWOT, goals and KPI progress, projects and funding, risks.
Charts are rendered offline to SVG by vl-convert (hromada.core.charts.chart_svg).
"""

from __future__ import annotations

import datetime as dt
import logging

import pandas as pd
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from hromada.core.charts import chart_svg
from hromada.core.disclosure import INTERNAL_MARK, is_outward
from hromada.econ.errors import HromadaError
from hromada.economy.models import DamageSector, PopulationIndicator
from hromada.economy.selectors import damage_totals, dataset_coverage, population_frame
from hromada.monitoring import charts, rules, selectors
from hromada.monitoring.illustrative import mark
from hromada.monitoring.models import ProjectStatus
from hromada.planning import evidence
from hromada.planning import selectors as plan_selectors
from hromada.planning.presentation import risk_matrix
from hromada.resilience.selectors import scenario_list, scenario_outcome

log = logging.getLogger(__name__)

#: What reading a section's data can raise (missing reference files, malformed or
#: partial data, a database error): the report goes on without that section, and the
#: log says why. Anything else is a bug and is not hidden.
DATA_ERRORS: tuple[type[BaseException], ...] = (
    HromadaError,
    OSError,  # ReferenceDataMissingError too
    LookupError,
    ValueError,
    ArithmeticError,
    DatabaseError,
)


def _svg(chart) -> str:
    from django.utils.safestring import mark_safe

    try:
        return mark_safe(chart_svg(chart, width=560))
    except (ValueError, OSError, RuntimeError) as exc:  # vl-convert's errors: no chart
        log.warning("chart not rendered: %s", exc)
        return ""


def _diagnosis(municipality, *, include_restricted: bool = False) -> dict:
    try:
        dataset = evidence._dataset(municipality, "employment")
        if dataset is not None and not include_restricted and not is_outward(dataset):
            return {}  # computed from a restricted dataset: it stays in the municipality
        a = evidence.gather_analysis(municipality)
    except DATA_ERRORS as exc:  # data missing or malformed: the report goes on without
        log.warning("no diagnosis for %s: %s", municipality.code, exc)
        return {}
    out: dict = {}
    if "concentration" in a:
        out["herfindahl"] = a["concentration"]["herfindahl"]
        out["year"] = a["concentration"].get("year")
    if "lq" in a:
        names = a.get("sector_names", {})
        top = a["lq"].sort_values("lq", ascending=False).head(5)
        out["top_lq"] = [
            {"sector": f"{s} {_sentence(names.get(str(s), ''))}".strip(), "lq": lq}
            for s, lq in zip(top["sector"], top["lq"], strict=True)
        ]
    if "fiscal" in a:
        out["transfer_share"] = a["fiscal"]["transfer_share"]
    if out and a.get("illustrative"):
        out["illustrative"] = True  # computed from the demo's made-up numbers
    if out and dataset is not None:
        coverage = dataset_coverage(dataset)
        if coverage["low"]:  # concentration and ranks of a partial dataset are partial
            out["coverage"] = coverage
    return out


def _population(municipality, *, include_restricted: bool) -> list[dict]:
    """The latest figure of each population indicator, with its label."""
    try:
        frame = population_frame(municipality=municipality, include_restricted=include_restricted)
    except DATA_ERRORS as exc:  # never stop the report
        log.warning("no population figures for %s: %s", municipality.code, exc)
        return []
    labels = dict(PopulationIndicator.choices)
    latest = frame.sort_values("year").groupby("indicator").tail(1)
    return [
        {
            "label": str(labels.get(r["indicator"], r["indicator"])),
            "year": int(r["year"]),
            "value": r["value"],
        }
        for r in latest.to_dict("records")
    ]


def _damage(municipality, *, include_restricted: bool) -> list[dict]:
    """War damage, losses and needs by RDNA sector (UAH thousand), with sector names."""
    try:
        totals = damage_totals(municipality=municipality, include_restricted=include_restricted)
    except DATA_ERRORS as exc:
        log.warning("no damage totals for %s: %s", municipality.code, exc)
        return []
    labels = dict(DamageSector.choices)
    return [
        {
            "sector": str(labels.get(r["sector"], r["sector"])),
            "damage": r["damage"],
            "loss": r["loss"],
            "need": r["need"],
            "total": r["total"],
        }
        for r in totals.to_dict("records")
    ]


def _sentence(name: str) -> str:
    """A classifier name as a sentence ("MANUFACTURING" -> "Manufacturing")."""
    return name.capitalize() if name.isupper() else name


def _scenarios(municipality, *, include_restricted: bool) -> list[dict]:
    """The saved shock scenarios of the Resilience step, re-run on today's data."""
    rows = []
    for scenario in scenario_list(municipality=municipality)[:4]:
        if scenario.restricted and not include_restricted:
            continue
        try:
            outcome = scenario_outcome(municipality=municipality, scenario=scenario)
        except (*DATA_ERRORS, TypeError) as exc:  # a scenario that no longer fits the data
            log.warning("scenario %s not run: %s", scenario.pk, exc)
            continue
        rows.append(
            {
                "name": scenario.name,
                "total_loss": outcome.total_loss,
                "indirect_share": 100 * outcome.indirect_share,
                "top": ", ".join(outcome.ranking[:3]),
            }
        )
    return rows


def report_context(municipality, *, include_restricted: bool = False) -> dict:
    """Everything the report shows, in the active language: only what may leave the
    municipality (core.disclosure) unless ``include_restricted`` (an owner's internal copy,
    marked on every page)."""
    r = include_restricted
    summary = selectors.plan_progress_summary(municipality, include_restricted=r)
    tree = selectors.goal_tree(municipality, include_restricted=r)
    funding = selectors.funding_summary(municipality, include_restricted=r)
    projects = selectors.project_list(municipality, include_restricted=r)
    risks = plan_selectors.risk_list(municipality=municipality, include_restricted=r)
    return {
        "municipality": municipality,
        "today": dt.date.today(),
        "internal_mark": INTERNAL_MARK if r else "",
        "vision": plan_selectors.vision_current(municipality=municipality, include_restricted=r),
        "diagnosis": _diagnosis(municipality, include_restricted=r),
        "swot": plan_selectors.swot_board(
            municipality=municipality, include_rejected=False, include_restricted=r
        ),
        "tree": tree,
        "summary": summary,
        "projects": projects,
        "funding": funding,
        "risks": risks,
        "kpis": selectors.kpi_list(municipality, include_restricted=r),
        "population": _population(municipality, include_restricted=r),
        "damage": _damage(municipality, include_restricted=r),
        "scenarios": _scenarios(municipality, include_restricted=include_restricted),
        "charts": {
            "goals": _svg(charts.goal_progress(summary["goals"])) if summary["goals"] else "",
            "funding": _svg(charts.funding_mix(funding["mix"])) if funding["mix"] else "",
            "risks": _svg(risk_matrix(risks)) if risks else "",
        },
    }


def report_pdf(municipality, *, language: str = "uk", include_restricted: bool = False) -> bytes:
    """The follow-up report as PDF. Restricted items (martial-law sensitive) are left out
    unless an owner explicitly includes them."""
    from weasyprint import HTML

    with translation.override(language):
        html = render_to_string(
            "monitoring/report.html",
            report_context(municipality, include_restricted=include_restricted),
        )
    return HTML(string=html).write_pdf()


def report_sheets(
    municipality, *, language: str = "uk", include_restricted: bool = False
) -> dict[str, pd.DataFrame]:
    with translation.override(language):
        ctx = report_context(municipality, include_restricted=include_restricted)
        goals = [
            {
                _("Strategic goal"): str(g["goal"]),
                _("Operational goal"): str(o["goal"]),
                _("Progress, %"): o["progress"],
            }
            for g in ctx["tree"]
            for o in g["operational"]
        ]
        kpis = [
            {
                _("Indicator"): mark(k["indicator"], k["illustrative"]),
                _("Unit"): k["unit"],
                _("Data"): _("illustrative") if k["illustrative"] else "",
                _("Operational goal"): k["operational_goal"],
                _("Baseline"): k["baseline_value"],
                _("Baseline year"): k["baseline_year"],
                _("Target"): k["target_value"],
                _("Target date"): k["target_date"],
                _("Actual"): k["actual"],
                _("Date"): k["actual_date"],
                _("Expected on that date"): k["expected"],
                _("Status"): str(STATUS_LABELS()[k["status"]]),
            }
            for k in ctx["kpis"]
        ]
        status = dict(ProjectStatus.choices)
        projects = [
            {
                _("Project"): p["title"],
                _("Status"): str(status.get(p["status"], p["status"])),
                _("Progress, %"): p["progress"],
                _("Quick win"): _("yes") if p["quick_win"] else _("no"),
                _("Budget, UAH"): p["budget"],
                _("Secured, UAH"): p["secured"],
                _("Pledged, UAH"): p["pledged"],
                _("Sought, UAH"): p["sought"],
                _("Funding gap, UAH"): p["gap"],
            }
            for p in ctx["projects"]
        ]
        swot = [
            {
                _("Category"): str(col["label"]),
                _("Item"): mark(i.text, i.is_illustrative),
            }
            for col in ctx["swot"]
            for i in col["accepted"]
        ]
        risks = [
            {
                _("Risk"): mark(r.title, r.is_illustrative),
                _("Category"): r.get_category_display(),
                _("Likelihood"): r.likelihood,
                _("Impact"): r.impact,
                _("Owner"): r.owner,
                _("Mitigation"): r.mitigation,
            }
            for r in ctx["risks"]
        ]
        population = [
            {_("Indicator"): p["label"], _("Year"): p["year"], _("Value"): p["value"]}
            for p in ctx["population"]
        ]
        damage = [
            {
                _("Sector"): d["sector"],
                _("Damage, UAH thousand"): d["damage"],
                _("Loss, UAH thousand"): d["loss"],
                _("Need, UAH thousand"): d["need"],
                _("Total, UAH thousand"): d["total"],
            }
            for d in ctx["damage"]
        ]
        f = ctx["funding"]
        totals = pd.DataFrame(
            [
                {
                    _("Budget, UAH"): f["budget"],
                    _("Secured, UAH"): f["secured"],
                    _("Pledged, UAH"): f["pledged"],
                    _("Sought, UAH"): f["sought"],
                    _("Funding gap, UAH"): f["gap"],
                }
            ]
        )
        return {
            _("SWOT"): pd.DataFrame(swot),
            _("Goals"): pd.DataFrame(goals),
            _("KPIs"): pd.DataFrame(kpis),
            _("Projects"): pd.DataFrame(projects),
            _("Funding"): totals,
            _("Risks"): pd.DataFrame(risks),
            _("Population"): pd.DataFrame(population),
            _("War damage"): pd.DataFrame(damage),
        }


def STATUS_LABELS() -> dict:  # noqa: N802 - a lazy constant

    return {
        rules.ON_TRACK: _("on track"),
        rules.AT_RISK: _("at risk"),
        rules.OFF_TRACK: _("off track"),
        rules.NO_DATA: _("no data yet"),
    }
