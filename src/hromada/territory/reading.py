"""Plain-language reading of the fiscal page, in the active language.

Every number in these sentences is taken from the :class:`FiscalOverview` (that is, from
hromada.econ.fiscal); the wording only chooses the direction ("fell"/"rose") and which
side of the comparison group to name (the larger share).
"""

from __future__ import annotations

import math

from django.utils.translation import gettext as _

from hromada.territory import labels
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
    own, own_x = _("Own revenue"), _("Own revenue without the military income tax")
    out = [
        change_sentence(by["own_change_2021_2022"], group="neighbours", y0=2021, y1=2022, what=own),
        change_sentence(
            by["own_excl_military_change_2021_2022"],
            group="neighbours",
            y0=2021,
            y1=2022,
            what=own_x,
        ),
    ]
    if real and real.get("change") is not None and real.get("inflation") is not None:
        out.append(
            _(
                "In real terms (consumer prices rose by %(inflation)s on average in "
                "2022: consumer price index of the State Statistics Service of Ukraine), "
                "own revenue changed by %(change)s from 2021 to 2022."
            )
            % {
                "inflation": format_pct(real["inflation"], decimals=1),
                "change": format_pct(real["change"], decimals=0, signed=True),
            }
        )
    info = (coverage or {}).get(2023)
    if info and info.get("part"):
        out.append(part_year_caveat(2023, info, 2022))
    else:
        out += [
            change_sentence(
                by["own_change_2022_2023"], group="neighbours", y0=2022, y1=2023, what=own
            ),
            change_sentence(
                by["own_excl_military_change_2022_2023"],
                group="neighbours",
                y0=2022,
                y1=2023,
                what=own_x,
            ),
        ]
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
