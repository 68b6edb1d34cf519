"""Between the territory's computed tables and its templates: the plain-language reading
of the fiscal page, in the active language, and the rows, names and charts of the fiscal,
profile and budget pages.

Every number in these sentences is taken from the :class:`FiscalOverview` (that is, from
hromada.econ.fiscal); the wording only chooses the direction ("fell"/"rose") and which
side of the comparison group to name (the larger share).
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hromada.core.charts import Chart
from hromada.territory import charts, labels
from hromada.territory.selectors import Comparison, FiscalOverview
from hromada.territory.templatetags.territory import format_number, format_pct


def _share(x: float) -> str:
    return format_pct(x / 100, decimals=0)


def change_sentence(c: Comparison, *, group: str, y0: int, y1: int, what: str) -> str:
    """'Own revenue fell by 48 % from 2021 to 2022, more than in 73 % of similar hromadas.'"""
    if math.isnan(c.value):
        return _("%(what)s: no comparable figure for %(y0)s-%(y1)s.") % {
            "what": what,
            "y0": y0,
            "y1": y1,
        }
    s = c.groups[group]
    params = {
        "what": what,
        "y0": y0,
        "y1": y1,
        "change": format_pct(abs(c.value), decimals=0),
        "group": labels.GROUP_IN_SENTENCE[group],
    }
    if c.value < 0:
        # A fall: the larger side is those that fell more (lower values) or less (higher).
        if s.lower >= s.higher:
            params["share"] = _share(s.lower)
            return (
                _(
                    "%(what)s fell by %(change)s from %(y0)s to %(y1)s, less than in "
                    "%(share)s of %(group)s."
                )
                % params
            )
        params["share"] = _share(s.higher)
        return (
            _(
                "%(what)s fell by %(change)s from %(y0)s to %(y1)s, more than in "
                "%(share)s of %(group)s."
            )
            % params
        )
    if s.lower >= s.higher:
        params["share"] = _share(s.lower)
        return (
            _(
                "%(what)s rose by %(change)s from %(y0)s to %(y1)s, more than in "
                "%(share)s of %(group)s."
            )
            % params
        )
    params["share"] = _share(s.higher)
    return (
        _("%(what)s rose by %(change)s from %(y0)s to %(y1)s, less than in %(share)s of %(group)s.")
        % params
    )


def part_year_caveat(year: int, info: dict, previous: int) -> str:
    """Said next to any change into a part year (issue 19: never compare a part year with
    a full year without saying so)."""
    bn = {
        "total": format_number(info["total"] / 1e9, decimals=1),
        "prev": format_number((info.get("previous_total") or float("nan")) / 1e9, decimals=1),
        "year": year,
        "previous": previous,
    }
    if info.get("months"):
        bn.update({"months": info["months"], "matched": info["matched"]})
        return (
            _(
                "Careful: the %(year)s figures cover only January to month %(months)s "
                "(checked against OpenBudget's monthly data of %(matched)s cities; national "
                "own revenue %(total)s bn UAH against %(prev)s bn in %(previous)s). A change "
                "%(previous)s-%(year)s compares part of a year with a whole year: it is not "
                "a fall. Only the ranking among hromadas, which all have the same months, "
                "means something."
            )
            % bn
        )
    return (
        _(
            "Careful: the %(year)s figures cover only part of the year (national own "
            "revenue %(total)s bn UAH against %(prev)s bn in %(previous)s). A change "
            "%(previous)s-%(year)s compares part of a year with a whole year: it is not a "
            "fall. Only the ranking among hromadas means something."
        )
        % bn
    )


def fiscal_reading(
    ov: FiscalOverview, *, coverage: dict | None = None, real: dict | None = None
) -> list[str]:
    """The sentences at the top of the fiscal page. ``coverage``: the selectors'
    ``year_coverage()``; a change into a part year is replaced by the caveat.
    ``real``: {"change": real change 2021-2022, "inflation": price rise} for a sentence in
    real terms."""
    by = {c.indicator: c for c in ov.comparisons}
    out = _change_sentences(by, 2021, 2022)
    if real and real.get("change") is not None and real.get("inflation") is not None:
        out.append(_real_sentence(real))
    info = (coverage or {}).get(2023)
    if info and info.get("part"):
        out.append(part_year_caveat(2023, info, 2022))
    else:
        out += _change_sentences(by, 2022, 2023)
    return out + _share_sentences(ov, by)


def _change_sentences(by: dict[str, Comparison], y0: int, y1: int) -> list[str]:
    """Own revenue's change from ``y0`` to ``y1``, with and without the military tax."""
    own, own_x = _("Own revenue"), _("Own revenue without the military income tax")
    return [
        change_sentence(by[f"own_change_{y0}_{y1}"], group="neighbours", y0=y0, y1=y1, what=own),
        change_sentence(
            by[f"own_excl_military_change_{y0}_{y1}"],
            group="neighbours",
            y0=y0,
            y1=y1,
            what=own_x,
        ),
    ]


def _real_sentence(real: dict[str, Any]) -> str:
    return _(
        "In real terms (consumer prices rose by %(inflation)s on average in "
        "2022: consumer price index of the State Statistics Service of Ukraine), "
        "own revenue changed by %(change)s from 2021 to 2022."
    ) % {
        "inflation": format_pct(real["inflation"], decimals=1),
        "change": format_pct(real["change"], decimals=0, signed=True),
    }


def _share_sentences(ov: FiscalOverview, by: dict[str, Comparison]) -> list[str]:
    """The military tax's share of own revenue and the transfers' share of revenue."""
    out = []
    mil = by["military_share_own"]
    if not math.isnan(mil.value):
        out.append(
            _(
                "In %(year)s the income tax on military pay made up %(share)s of own "
                "revenue (median of similar hromadas: %(median)s). This tax now goes to "
                "the state budget, so this part of the revenue is at risk."
            )
            % {
                "year": ov.level_year,
                "share": format_pct(mil.value),
                "median": format_pct(mil.groups["neighbours"].median),
            }
        )
    tr = by["transfer_share"]
    if not math.isnan(tr.value):
        out.append(
            _(
                "Transfers from the state budget were %(share)s of total revenue in "
                "%(year)s (median of the hromadas of the oblast: %(median)s)."
            )
            % {
                "year": ov.level_year,
                "share": format_pct(tr.value),
                "median": format_pct(tr.groups["oblast"].median),
            }
        )
    return out


# --- Names in the active language -------------------------------------------------------------


def _en() -> bool:
    return (get_language() or "uk").startswith("en")


def name_col() -> str:
    """The registry's column of hromada names in the active language."""
    return "name_en" if _en() else "name_uk"


def _named(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with ``name`` and ``oblast`` in the active language."""
    frame = frame.copy()
    frame["name"] = frame[name_col()]
    frame["oblast"] = frame["oblast_en" if _en() else "oblast_uk"]
    return frame


def group_names(ov: FiscalOverview) -> dict[str, str]:
    """The hromada's name and the comparison groups' names, by group key."""
    h = ov.hromada
    return {
        "self": h["name_en"] if _en() else h["name_uk"],
        **{g: str(labels.GROUP[g]) for g in labels.GROUP},
    }


def part_year_note(coverage: dict[int, Any]) -> str:
    """The caveat shown next to every change into a part year (empty if none)."""
    info = coverage.get(2023) or {}
    if not info.get("part"):
        return ""
    if info.get("months"):
        return _(
            "2023: January to month %(months)s only, not comparable with the whole of 2022"
        ) % {"months": info["months"]}
    return _("2023: part of the year only, not comparable with the whole of 2022")


# --- The fiscal page ---------------------------------------------------------------------------


def _shock_frame(ov: FiscalOverview, note: str) -> pd.DataFrame:
    names = group_names(ov)
    rows = []
    for c in ov.comparisons[:4]:
        measure = str(labels.INDICATOR[c.indicator])
        if note and c.indicator.endswith("_2022_2023"):
            measure = f"{measure} ({note})"
        rows.append({"measure": measure, "who": names["self"], "value": c.value, "is_self": True})
        for g in ("oblast", "size_class", "war_status", "neighbours"):
            rows.append(
                {"measure": measure, "who": names[g], "value": c.groups[g].median, "is_self": False}
            )
    return pd.DataFrame(rows)


def fiscal_page(
    ov: FiscalOverview, *, coverage: dict[int, Any], real: dict[str, Any]
) -> dict[str, Any]:
    """The fiscal page's reading, names, neighbour rows and charts."""
    note = part_year_note(coverage)
    names = group_names(ov)
    near = _named(ov.neighbours)
    page_charts: list[Chart] = [
        charts.structure_chart(ov.structure),
        charts.own_structure_chart(ov.own_structure, names),
        charts.shock_chart(_shock_frame(ov, note)),
    ]
    return {
        "reading": fiscal_reading(ov, coverage=coverage, real=real),
        "part_year_note": note,
        "group_names": names,
        "size_class": labels.size_class_label(ov.group_keys["size_class"]),
        "oblast_name": labels.oblast_in_sentence(
            ov.hromada.get("oblast_uk") or "", ov.hromada.get("oblast_en") or ""
        ),
        "neighbours": near.reset_index().to_dict("records"),
        "weights": [(f, ov.weights[f]) for f in ov.weights],
        "charts": page_charts,
        "neighbours_chart": charts.neighbours_chart(near, "name"),
    }


def neighbour_codes(ov: FiscalOverview) -> list[str]:
    """The codes of the similar hromadas (outlined on the map)."""
    return [str(c) for c in ov.neighbours.index]


def fiscal_table_noted(table: pd.DataFrame, coverage: dict[int, Any]) -> pd.DataFrame:
    """The fiscal comparison table for its CSV, with the part-year caveat on each change
    into a part year (column ``note``)."""
    note = part_year_note(coverage)
    table = table.copy()
    table["note"] = [note if note and i.endswith("_2022_2023") else "" for i in table["indicator"]]
    return table


def oblast_map(
    frame: pd.DataFrame, *, indicator: str, highlight: list[str] | None = None
) -> dict[str, Any]:
    """The oblast map of ``indicator`` (hromadas in ``highlight`` outlined)."""
    return {
        "map_chart": charts.oblast_map(
            frame, indicator=indicator, name_col=name_col(), highlight=highlight
        ),
        "map_indicator": indicator,
        "map_count": len(frame),
    }


# --- The profile and budget pages --------------------------------------------------------------


def profile_page(row: dict[str, Any], nearby: pd.DataFrame) -> dict[str, Any]:
    """The profile's war-zone dates and the nearby hromadas (rows and war-status counts)."""
    nearby = _named(nearby.reset_index())
    status_counts = nearby["war_status"].map(labels.war_status_label).value_counts()
    return {
        "war_zone": [(date, bool(row.get(col))) for col, date in labels.WAR_ZONE_DATES],
        "nearby": nearby.to_dict("records"),
        "nearby_status": list(status_counts.items()),
    }


def budget_rows(series: pd.DataFrame) -> list[dict[str, Any]]:
    """The hromada's revenues by year as rows for the budget page."""
    return series.to_dict("records")
