"""SWOT suggestions from the results of the analysis: a pure function, no database.

``swot_suggestions(analysis)`` takes plain results (DataFrames and numbers) and returns
suggested SWOT items, each with the evidence that triggered it. The rules:

- strengths: sectors both specialised (location quotient above ``lq_threshold``, 1.25) and
  growing faster than the reference would explain (positive regional share of the
  shift-share); without a shift-share, specialisation alone;
- weaknesses: an economy more concentrated than its reference (Ukraine as a whole, or the
  oblast) over the same sectors: Herfindahl index above the reference's by more than
  ``concentration_margin`` (10 %); less concentrated by as much is a strength. (Not the
  0.15 of antitrust practice: Ukraine's own HHI over its 19 sections is about 0.12, and a
  hromada is judged against the economy it belongs to.) Declining sectors (absolute fall
  with a negative local competitiveness, the regional share of shift-share), dependence on
  transfers from the state budget (at least ``transfer_threshold``, 50 % of revenue);
- opportunities: the top diversification options (as ranked by the Diversify step);
- threats: the sectors most exposed in the shock scenarios, and recorded war damage.

Suggestions computed from illustrative sector data (the demo's made-up numbers) carry
``illustrative=True``; the SWOT item made from one keeps the flag. Texts are worded in
the active language with its number format.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

__all__ = ["Suggestion", "swot_suggestions"]


@dataclass(frozen=True)
class Suggestion:
    category: str  # strength | weakness | opportunity | threat
    key: str  # stable: the same finding has the same key in every run
    text: str
    evidence: dict[str, Any] = field(default_factory=dict)
    illustrative: bool = False  # computed from illustrative (made-up) data


def _frame(analysis: Mapping, name: str) -> pd.DataFrame | None:
    value = analysis.get(name)
    if value is None:
        return None
    if not isinstance(value, pd.DataFrame):
        value = pd.DataFrame(value)
    return value if len(value) else None


def _num(value) -> float | None:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def _name(names: Mapping, sector) -> str:
    """ "Name (code)" in sentence case (KVED's Ukrainian section names are in capitals)."""
    sector = str(sector)
    label = names.get(sector)
    if not label:
        return sector
    label = str(label)
    if label.isupper():
        label = label.capitalize()
    return f"{label} ({sector})"


def _fmt(value: float, digits: int = 2) -> str:
    """A number as the active language writes it (a decimal comma in Ukrainian)."""
    return number_format(value, digits, use_l10n=True)


CURRENCIES = {"UAH thousand": gettext_lazy("UAH thousand"), "UAH": gettext_lazy("UAH")}


@dataclass(frozen=True)
class _Context:
    """What every check needs: sector names, the flag for made-up data, the years, the
    thresholds."""

    names: dict
    made_up: bool
    year: Any
    start: Any
    end: Any
    lq_threshold: float
    concentration_margin: float
    transfer_threshold: float
    top: int


def _specialised(analysis: Mapping, c: _Context) -> list[Suggestion]:
    """Strengths: sectors specialised and (with a shift-share) growing."""
    out: list[Suggestion] = []
    lq = _frame(analysis, "lq")
    ss = _frame(analysis, "shift_share")
    ss_by = {str(r["sector"]): r for r in ss.to_dict("records")} if ss is not None else {}
    if lq is not None:
        rows = lq.assign(sector=lq["sector"].astype(str)).sort_values("lq", ascending=False)
        for r in rows.to_dict("records"):
            value = _num(r["lq"])
            if value is None or value <= c.lq_threshold:
                continue
            evidence = {
                "source": "location_quotient",
                "sector": r["sector"],
                "lq": round(value, 3),
                "threshold": c.lq_threshold,
                "year": c.year,
            }
            if ss is not None:
                s = ss_by.get(r["sector"])
                regional = _num(s.get("regional_share")) if s is not None else None
                if regional is None or regional <= 0:
                    continue
                evidence.update(
                    {
                        "source": "location_quotient+shift_share",
                        "regional_share": round(regional, 3),
                        "start": c.start,
                        "end": c.end,
                    }
                )
                text = _(
                    "%(sector)s: specialised (location quotient %(lq)s) and growing "
                    "faster than the reference explains (local competitiveness "
                    "%(rs)s)"
                ) % {
                    "sector": _name(c.names, r["sector"]),
                    "lq": _fmt(value),
                    "rs": _fmt(regional, 1),
                }
            else:
                text = _("%(sector)s: specialised sector (location quotient %(lq)s)") % {
                    "sector": _name(c.names, r["sector"]),
                    "lq": _fmt(value),
                }
            out.append(
                Suggestion("strength", f"strength:lq:{r['sector']}", text, evidence, c.made_up)
            )
    return out


def _concentration(analysis: Mapping, c: _Context) -> list[Suggestion]:
    """A weakness (more concentrated than the reference) or a strength (less)."""
    out: list[Suggestion] = []
    conc = analysis.get("concentration") or {}
    hhi = _num(conc.get("herfindahl"))
    ref_hhi = _num(conc.get("reference_herfindahl"))
    if hhi is not None and ref_hhi is not None and ref_hhi > 0:
        oblast = conc.get("reference") == "oblast"
        values = {"hhi": _fmt(hhi, 3), "ref": _fmt(ref_hhi, 3)}
        # Rounded as the text shows them, so the evidence line and the text agree.
        hhi, ref_hhi = round(hhi, 3), round(ref_hhi, 3)
        evidence = {
            "source": "herfindahl",
            "herfindahl": hhi,
            "reference_herfindahl": ref_hhi,
            "reference": conc.get("reference") or "ukraine",
            "year": conc.get("year", c.year),
        }
        if hhi > ref_hhi * (1 + c.concentration_margin):
            text = (
                _(
                    "More concentrated than the oblast as a whole (Herfindahl index "
                    "%(hhi)s against %(ref)s over the same sectors): a shock to one of "
                    "its main sectors hits the whole hromada"
                )
                if oblast
                else _(
                    "More concentrated than Ukraine as a whole (Herfindahl index %(hhi)s "
                    "against %(ref)s over the same sectors): a shock to one of its main "
                    "sectors hits the whole hromada"
                )
            ) % values
            out.append(Suggestion("weakness", "weakness:concentration", text, evidence, c.made_up))
        elif hhi < ref_hhi * (1 - c.concentration_margin):
            text = (
                _(
                    "Less concentrated than the oblast as a whole (Herfindahl index "
                    "%(hhi)s against %(ref)s over the same sectors): the economy rests on "
                    "many sectors"
                )
                if oblast
                else _(
                    "Less concentrated than Ukraine as a whole (Herfindahl index %(hhi)s "
                    "against %(ref)s over the same sectors): the economy rests on many "
                    "sectors"
                )
            ) % values
            out.append(Suggestion("strength", "strength:diversified", text, evidence, c.made_up))
    return out


def _declining(analysis: Mapping, c: _Context) -> list[Suggestion]:
    """Weaknesses: the sectors that fell and lost ground locally, worst first."""
    out: list[Suggestion] = []
    ss = _frame(analysis, "shift_share")
    if ss is not None:
        declining = []
        for s in ss.to_dict("records"):
            growth, regional = _num(s.get("growth")), _num(s.get("regional_share"))
            if growth is not None and regional is not None and growth < 0 and regional < 0:
                declining.append((growth, str(s["sector"]), regional))
        for growth, sector, regional in sorted(declining)[: c.top]:
            out.append(
                Suggestion(
                    "weakness",
                    f"weakness:declining:{sector}",
                    _("%(sector)s: declining (change %(growth)s, local competitiveness %(rs)s)")
                    % {
                        "sector": _name(c.names, sector),
                        "growth": _fmt(growth, 1),
                        "rs": _fmt(regional, 1),
                    },
                    {
                        "source": "shift_share",
                        "sector": sector,
                        "growth": round(growth, 3),
                        "regional_share": round(regional, 3),
                        "start": c.start,
                        "end": c.end,
                    },
                    c.made_up,
                )
            )
    return out


def _transfers(analysis: Mapping, c: _Context) -> list[Suggestion]:
    """A weakness: a budget that depends on transfers from the state."""
    out: list[Suggestion] = []
    fiscal = analysis.get("fiscal") or {}
    transfer = _num(fiscal.get("transfer_share"))
    if transfer is not None and transfer >= c.transfer_threshold:
        out.append(
            Suggestion(
                "weakness",
                "weakness:transfers",
                _("The budget depends on transfers from the state: %(share)s %% of revenue")
                % {"share": _fmt(100 * transfer, 0)},
                {
                    "source": "fiscal.transfer_dependence",
                    "transfer_share": round(transfer, 4),
                    "threshold": c.transfer_threshold,
                    "year": fiscal.get("year"),
                },
            )
        )
    return out


def _opportunities(analysis: Mapping, c: _Context) -> list[Suggestion]:
    """Opportunities: the top diversification options."""
    out: list[Suggestion] = []
    opp = _frame(analysis, "opportunities")
    if opp is not None:
        for r in opp.head(c.top).to_dict("records"):
            score = _num(r.get("score"))
            out.append(
                Suggestion(
                    "opportunity",
                    f"opportunity:diversify:{r['sector']}",
                    _(
                        "%(sector)s: a promising sector to grow next, close to the capabilities "
                        "already here"
                    )
                    % {"sector": _name(c.names, r["sector"])},
                    {
                        "source": "complexity.opportunities",
                        "sector": str(r["sector"]),
                        "score": None if score is None else round(score, 4),
                    },
                    c.made_up,
                )
            )
    return out


def _shock_threats(analysis: Mapping, c: _Context) -> list[Suggestion]:
    """Threats: the sectors most exposed in the shock scenarios."""
    out: list[Suggestion] = []
    shocks = _frame(analysis, "shocks")
    if shocks is not None:
        col = "loss" if "loss" in shocks.columns else "score"
        ranked = shocks.assign(_v=pd.to_numeric(shocks[col], errors="coerce"))
        ranked = ranked[ranked["_v"] > 0].sort_values("_v", ascending=False).head(c.top)
        for r in ranked.to_dict("records"):
            out.append(
                Suggestion(
                    "threat",
                    f"threat:shock:{r['sector']}",
                    _("%(sector)s: among the sectors hit hardest in the shock scenarios")
                    % {"sector": _name(c.names, r["sector"])},
                    {
                        "source": "shock_scenario",
                        "sector": str(r["sector"]),
                        col: round(float(r["_v"]), 4),
                        "scenario": r.get("scenario"),
                    },
                    c.made_up,
                )
            )
    return out


def _war_damage(analysis: Mapping, c: _Context) -> list[Suggestion]:
    """A threat: recorded war damage."""
    out: list[Suggestion] = []
    damage = analysis.get("damage") or {}
    total = _num(damage.get("total"))
    if total is not None and total > 0:
        currency = damage.get("currency", "UAH")
        out.append(
            Suggestion(
                "threat",
                "threat:war_damage",
                _("Recorded war damage of %(total)s %(currency)s")
                % {
                    "total": number_format(total, 0, use_l10n=True, force_grouping=True),
                    "currency": CURRENCIES.get(currency, currency),
                },
                {
                    "source": "war_damage",
                    "total": total,
                    "currency": currency,
                    "damage_source": damage.get("source"),
                },
            )
        )
    return out


def swot_suggestions(
    analysis: Mapping[str, Any],
    *,
    lq_threshold: float = 1.25,
    concentration_margin: float = 0.1,
    transfer_threshold: float = 0.5,
    top: int = 3,
) -> list[Suggestion]:
    """Suggested SWOT items from plain analysis results.

    Parameters
    ----------
    analysis : mapping
        Any of these keys (missing ones simply give no suggestions):

        ``lq``: DataFrame with columns ``sector``, ``lq`` (one year).
        ``shift_share``: DataFrame with ``sector``, ``growth``, ``regional_share``.
        ``concentration``: mapping with ``herfindahl`` (0-1), ``reference_herfindahl``
        (the reference's over the same sectors; without it, no concentration finding),
        optionally ``reference`` ("ukraine" or "oblast") and ``year``.
        ``fiscal``: mapping with ``transfer_share`` (0-1) and optionally ``year``.
        ``opportunities``: DataFrame with ``sector`` and ``score``, best first.
        ``shocks``: DataFrame with ``sector`` and ``loss`` (any unit), or ``score``.
        ``damage``: mapping with ``total`` and optionally ``currency``, ``source``.
        ``sector_names``: mapping from sector code to its name.
        ``year``, ``start``, ``end``: the years the LQ and shift-share refer to.
        ``illustrative``: True when the sector data are illustrative (made up): the
        suggestions computed from them say so.

    Returns
    -------
    list of Suggestion
        In the order strengths, weaknesses, opportunities, threats.

    Examples
    --------
    >>> import pandas as pd
    >>> lq = pd.DataFrame({"sector": ["A", "C"], "lq": [2.0, 0.5]})
    >>> [s.key for s in swot_suggestions({"lq": lq})]
    ['strength:lq:A']
    """
    c = _Context(
        names=dict(analysis.get("sector_names") or {}),
        made_up=bool(analysis.get("illustrative")),
        year=analysis.get("year"),
        start=analysis.get("start"),
        end=analysis.get("end"),
        lq_threshold=lq_threshold,
        concentration_margin=concentration_margin,
        transfer_threshold=transfer_threshold,
        top=top,
    )
    checks = (
        _specialised,
        _concentration,
        _declining,
        _transfers,
        _opportunities,
        _shock_threats,
        _war_damage,
    )
    return [suggestion for check in checks for suggestion in check(analysis, c)]
