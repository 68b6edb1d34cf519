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

#: The bundled OpenBudget cities by the name the data gives them (English, as the
#: OpenBudget mirror spells them), shown in the user's language.
CITY = {
    "Cherkasy": _("Cherkasy"),
    "Chernihiv": _("Chernihiv"),
    "Chernivtsi": _("Chernivtsi"),
    "Dnipro": _("Dnipro"),
    "Ivano-Frankivsk": _("Ivano-Frankivsk"),
    "Kharkiv": _("Kharkiv"),
    "Khmelnytskyi": _("Khmelnytskyi"),
    "Kremenchuk": _("Kremenchuk"),
    "Kryvyi Rih": _("Kryvyi Rih"),
    "Kyiv": _("Kyiv"),
    "Lutsk": _("Lutsk"),
    "Lviv": _("Lviv"),
    "Mukachevo": _("Mukachevo"),
    "Mykolaiv": _("Mykolaiv"),
    "Odesa": _("Odesa"),
    "Poltava": _("Poltava"),
    "Rivne": _("Rivne"),
    "Sumy": _("Sumy"),
    "Ternopil": _("Ternopil"),
    "Uzhhorod": _("Uzhhorod"),
    "Vinnytsia": _("Vinnytsia"),
    "Zaporizhzhia": _("Zaporizhzhia"),
    "Zhytomyr": _("Zhytomyr"),
    "R_Rivne": _("Rivne oblast"),
    "R_Vinnytsia": _("Vinnytsia oblast"),
}
