"""How the follow-up says that a number comes from illustrative (made-up) data.

A KPI bound to an analysis output of an illustrative dataset (the demo's employment) is an
illustration (:func:`hromada.monitoring.selectors.kpi_illustrative`); it is marked on its
page and chart, in the plan, in the PDF and XLSX reports and in the DREAM export, with the
words below (one wording everywhere)."""

from __future__ import annotations

from django.utils.translation import gettext as _


def ILLUSTRATIVE_CAPTION() -> str:  # noqa: N802 - a lazy constant
    """The sentence added to a chart's caption or an export's description."""
    return _(
        "Illustrative: computed from illustrative (made-up) data, not facts about your "
        "municipality."
    )


def mark(text: str, illustrative: bool) -> str:
    """``text`` followed by "(illustrative)" when ``illustrative``."""
    return f"{text} ({_('illustrative')})" if illustrative else text
