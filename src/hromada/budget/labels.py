from django.utils.translation import gettext_lazy as _

SOURCE = {
    "pit_wages": _("personal income tax on wages"),
    "pit_military": _("personal income tax on military pay"),
    "pit_other": _("other personal income tax"),
    "single_tax_individuals": _("single tax of individual entrepreneurs"),
    "single_tax_firms": _("single tax of firms"),
    "single_tax_agri": _("single tax of farm producers"),
    "property": _("property tax (real estate, transport)"),
    "land": _("land tax and land rent"),
    "excise": _("excise"),
    "other_tax": _("other taxes"),
    "non_tax": _("non-tax revenue"),
    "transfers": _("transfers"),
    "own": _("own revenue"),
    "own_excl_military": _("own revenue without the military income tax"),
}

KIND = {
    "imported": _("imported by your team"),
    "fetched": _("fetched from OpenBudget by your team"),
    "reference": _("OpenBudget, Ministry of Finance of Ukraine (bundled with Hromada)"),
    "example": _("an example: another hromada's real data"),
}
