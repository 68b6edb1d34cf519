"""Units of measure as the reader's language writes them.

A dataset's unit is text its user typed (the import form suggests "persons" in English
and "осіб" in Ukrainian), so the same unit is stored in either language. The common units
typed in English are shown translated; any other unit is shown as typed.

>>> from django.utils import translation
>>> with translation.override("uk"):
...     unit_label("persons"), unit_label("UAH thousand"), unit_label("tonnes of grain")
('осіб', 'тис. грн', 'tonnes of grain')
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

#: English unit as typed (lower case) -> its label.
UNITS = {
    "persons": _("persons"),
    "people": _("persons"),
    "employees": _("employees"),
    "jobs": _("jobs"),
    "enterprises": _("enterprises"),
    "firms": _("enterprises"),
    "uah": _("UAH"),
    "uah thousand": _("UAH thousand"),
    "thousand uah": _("UAH thousand"),
    "uah million": _("UAH million"),
    "million uah": _("UAH million"),
}


def unit_label(unit) -> str:
    """``unit`` in the reader's language when it is a common unit typed in English."""
    text = "" if unit is None else str(unit)
    label = UNITS.get(text.strip().lower())
    return str(label) if label is not None else text
