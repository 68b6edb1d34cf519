"""Charts as Vega-Lite specs: drawn in the browser by the vendored vega-embed (offline), and
rendered to SVG or PNG on the server by vl-convert for PDF reports.

Every chart carries a one-sentence explanation of what it shows and what to look at:
decision-makers, not analysts, read these pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.utils.translation import gettext_lazy as _

VEGA_LITE_VERSION = "6.4"

#: The chart colours by name: the hex drawn and the word a caption uses for it. Captions
#: name colours only through these (``Series.colour_name``), so text and legend agree.
PALETTE = {
    "blue": ("#0057b7", _("blue")),
    "yellow": ("#e0a800", _("yellow")),
    "grey": ("#8a8f98", _("grey")),
    "red": ("#c0392b", _("red")),
    "green": ("#2e7d32", _("green")),
    "light grey": ("#c8ccd2", _("light grey")),
}


@dataclass(frozen=True)
class Series:
    """One coloured series of a chart: its legend label and its colour's name."""

    label: str
    colour: str  # a key of PALETTE

    @property
    def hex(self) -> str:
        return PALETTE[self.colour][0]

    @property
    def colour_name(self) -> str:
        return str(PALETTE[self.colour][1])


def colour_scale(series) -> dict[str, list[str]]:
    """The colour scale of a legend: an explicit domain in the given order (without one,
    Vega-Lite sorts the labels alphabetically, in each language differently, and the
    colours land on the wrong series) and the matching colours."""
    series = list(series)
    return {"domain": [str(s.label) for s in series], "range": [s.hex for s in series]}


#: What a tooltip calls a data field when the chart gives no title of its own (without
#: one, Vega shows the field's name: "sector", "relative_growth_pp"). Filled in by
#: :func:`make_chart`.
FIELD_TITLES = {
    "sector": _("KVED"),
    "name": _("Sector"),
    "area": _("Area"),
    "amount": _("Value"),
    "value": _("Value"),
    "year": _("Year"),
    "share": _("Share"),
    "component": _("Component"),
    "period": _("Period"),
    "phase": _("Phase"),
    "index": _("Index"),
    "series": _("Series"),
    "date": _("Date"),
    "month": _("Month"),
    "lq": _("Location quotient"),
    "relative_growth_pp": _("Growth minus the reference's, percentage points"),
    "resistance": _("Resistance index"),
    "quadrant_label": _("Group"),
    "label": _("Sector"),
    "sector_label": _("Sector"),
    "sector_name": _("Sector"),
    "kind_label": _("Kind"),
    "firms": _("Enterprises"),
    "jobs": _("Jobs"),
}

#: Longest sector name on a chart axis: about 150 px at the axis' font, so a phone keeps
#: room for the bars.
AXIS_NAME_LIMIT = 24


def spaced_labels(x, y, priority, *, gap: float = 0.08, most: int = 10) -> list[bool]:
    """Which points of a scatter get a text label: the ``most`` points of highest
    ``priority`` whose position, scaled to the unit square of the data's ranges, is not
    within ``gap`` (both ways) of a point already labelled; the rest keep their tooltip.
    Labels of nearby bubbles would print over each other (worst on a phone).

    >>> spaced_labels([0, 0.01, 1], [0, 0, 1], [3, 2, 1])
    [True, False, True]
    """
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)

    def scaled(v):
        v = np.nan_to_num(v)
        span = float(v.max() - v.min()) if len(v) else 0.0
        return (v - v.min()) / span if span > 0 else np.zeros_like(v)

    sx, sy = scaled(xs), scaled(ys)
    keep = [False] * len(xs)
    placed: list[int] = []
    for i in np.argsort(-np.asarray(priority, dtype=float), kind="stable"):
        if len(placed) >= most:
            break
        if all(abs(sx[i] - sx[j]) >= gap or abs(sy[i] - sy[j]) >= gap for j in placed):
            placed.append(int(i))
            keep[int(i)] = True
    return keep


def sector_axis_label(code: str, name: str | None, limit: int = AXIS_NAME_LIMIT) -> str:
    """A KVED sector as a chart axis shows it: its code and its name in sentence case,
    cut at a word and marked "…" when longer than ``limit`` characters (the tooltip
    keeps the full name).

    >>> sector_axis_label("C", "ПЕРЕРОБНА ПРОМИСЛОВІСТЬ")
    'C Переробна промисловість'
    >>> sector_axis_label("O", "Public administration and defence; compulsory social security")
    'O Public administration…'
    """
    code = str(code)
    name = (name or "").strip()
    if not name or name == code:
        return code
    if name.isupper():
        name = name.capitalize()
    if len(name) > limit:
        cut = name[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–")
        name = (cut or name[: limit - 1]) + "…"
    return f"{code} {name}"


def _title_tooltips(node) -> None:
    """Give every tooltip field without a title its :data:`FIELD_TITLES` title."""
    if isinstance(node, dict):
        tips = node.get("tooltip")
        for tip in tips if isinstance(tips, list) else [tips] if isinstance(tips, dict) else []:
            if isinstance(tip, dict) and "title" not in tip and tip.get("field") in FIELD_TITLES:
                tip["title"] = str(FIELD_TITLES[tip["field"]])
        for key, value in node.items():
            if key not in ("datasets", "data"):  # rows, not encodings
                _title_tooltips(value)
    elif isinstance(node, list):
        for item in node:
            _title_tooltips(item)


@dataclass
class Chart:
    """What the ``core/partials/chart.html`` template needs to draw one chart."""

    id: str
    spec: dict[str, Any]
    title: str = ""
    explanation: str = ""
    csv_url: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def spec_id(self) -> str:
        return f"spec-{self.id}"


def spec_of(chart) -> dict[str, Any]:
    """A plain Vega-Lite dict from an altair chart (all rows inlined) or a dict."""
    if isinstance(chart, dict):
        return chart
    import altair as alt

    with alt.data_transformers.disable_max_rows():
        return chart.to_dict()


def _referenced_fields(node, out: set[str]) -> bool:
    """Collect the data fields a spec refers to into ``out``; True when it has a transform
    (whose expressions may read any field)."""
    transform = False
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("datasets", "data"):
                continue
            if key == "transform":
                transform = True
            names = [value] if key == "field" else value if key == "fields" else []
            for name in names if isinstance(names, list) else []:
                if isinstance(name, str):
                    out.update({name, name.replace("\\", ""), name.split(".")[0]})
            transform = _referenced_fields(value, out) or transform
    elif isinstance(node, list):
        for item in node:
            transform = _referenced_fields(item, out) or transform
    return transform


def _round(value):
    return float(f"{value:.6g}") if isinstance(value, float) else value


def slim(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with its inlined rows cut to what it draws: columns no encoding refers to
    dropped (unless a transform may read them) and numbers to 6 significant digits, far
    below any format a chart shows. Pages with many sectors carry their charts inline, and
    a slow link pays for every byte (issue 21)."""
    datasets = spec.get("datasets")
    if not isinstance(datasets, dict):
        return spec
    used: set[str] = set()
    keep_all = _referenced_fields(spec, used)
    spec["datasets"] = {
        name: [
            {k: _round(v) for k, v in row.items() if keep_all or k in used}
            if isinstance(row, dict)
            else row
            for row in rows
        ]
        for name, rows in datasets.items()
    }
    return spec


def make_chart(
    chart,
    *,
    id: str,
    title: str = "",
    explanation: str = "",
    csv_url: str | None = None,
    legend=None,
) -> Chart:
    """``legend``: the chart's coloured series (``Series``), when its explanation names
    colours; kept in ``extra["legend"]`` for the check that text and colours agree."""
    spec = slim(spec_of(chart))
    spec.setdefault("width", "container")
    _title_tooltips(spec)
    extra = {"legend": list(legend)} if legend else {}
    return Chart(
        id=id,
        spec=spec,
        title=str(title),
        explanation=str(explanation),
        csv_url=csv_url,
        extra=extra,
    )


#: Numbers and dates in a chart as the page's language writes them (d3-format and
#: d3-time-format locales): Ukrainian "24 500 000,5" and month names, English
#: "24,500,000.5". The browser gets the same from ``hromada/charts.js`` (a test checks they
#: agree); :func:`chart_svg` and :func:`chart_png` (PDF reports) use these.
CHART_LOCALES: dict[str, dict[str, dict]] = {
    "uk": {
        "format": {
            "decimal": ",",
            "thousands": "\u00a0",
            "grouping": [3],
            "currency": ["", "\u00a0грн"],
        },
        "time": {
            "dateTime": "%A, %e %B %Y р. %X",
            "date": "%d.%m.%Y",
            "time": "%H:%M:%S",
            "periods": ["", ""],
            "days": ["неділя", "понеділок", "вівторок", "середа", "четвер", "п’ятниця", "субота"],
            "shortDays": ["нд", "пн", "вт", "ср", "чт", "пт", "сб"],
            "months": [
                "січень", "лютий", "березень", "квітень", "травень", "червень",
                "липень", "серпень", "вересень", "жовтень", "листопад", "грудень",
            ],
            "shortMonths": [
                "січ.", "лют.", "бер.", "квіт.", "трав.", "черв.",
                "лип.", "серп.", "вер.", "жовт.", "лист.", "груд.",
            ],
        },
    },
    "en": {
        "format": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]},
        "time": {
            "dateTime": "%A %e %B %Y %X",
            "date": "%d/%m/%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [
                "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
            ],
            "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
            "months": [
                "January", "February", "March", "April", "May", "June",
                "July", "August", "September", "October", "November", "December",
            ],
            "shortMonths": [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ],
        },
    },
}  # fmt: skip


def chart_locale(language: str | None = None) -> dict[str, dict]:
    """The d3 format and time-format locales of ``language`` (default: the active one;
    Ukrainian for any language without its own)."""
    from django.utils.translation import get_language

    code = (language or get_language() or "uk")[:2]
    return CHART_LOCALES.get(code, CHART_LOCALES["uk"])


def _locale_args() -> dict[str, dict]:
    locale = chart_locale()
    return {"format_locale": locale["format"], "time_format_locale": locale["time"]}


def _static_spec(spec: dict[str, Any], width: int) -> dict[str, Any]:
    spec = dict(spec)
    if spec.get("width") == "container":
        spec["width"] = width
    return spec


def chart_svg(chart, *, width: int = 640) -> str:
    """SVG text of a chart, rendered offline by vl-convert (for PDF reports)."""
    import vl_convert as vlc

    return vlc.vegalite_to_svg(
        _static_spec(spec_of(chart), width), vl_version=VEGA_LITE_VERSION, **_locale_args()
    )


def chart_png(chart, *, width: int = 640, scale: float = 2.0) -> bytes:
    """PNG bytes of a chart, rendered offline by vl-convert."""
    import vl_convert as vlc

    return vlc.vegalite_to_png(
        _static_spec(spec_of(chart), width),
        scale=scale,
        vl_version=VEGA_LITE_VERSION,
        **_locale_args(),
    )


def warm_up(*, background: bool = True):
    """Pay once per server process, not on an officer's first report, what a first PDF
    costs: starting vl-convert's JavaScript engine (about 4 s on a small server) and
    importing WeasyPrint and the seasonal-adjustment code the report's budget figures use
    (about 4 s more). Runs in a daemon thread by default, so the worker answers at once.

    Returns the thread (or None when run in the calling thread).
    """
    import threading

    def work() -> None:
        import logging

        try:
            import statsmodels.tsa.seasonal  # noqa: F401  (the budget pulse, in reports)
            import weasyprint  # noqa: F401

            chart_svg({"data": {"values": [{"a": 1}]}, "mark": "bar"}, width=10)
        except Exception as exc:  # a warm-up must never stop a server  # noqa: BLE001
            logging.getLogger(__name__).warning("warm-up skipped: %s", exc)

    if not background:
        work()
        return None
    thread = threading.Thread(target=work, name="hromada-warm-up", daemon=True)
    thread.start()
    return thread
