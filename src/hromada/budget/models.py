"""A hromada's monthly budget execution (imported from OpenBudget or BOOST, or fetched)
and the assumptions of its forecast and fiscal space.

One ``MonthlyBudget`` record per municipality and budget item (incomes, expenses): a
re-import replaces its months and the version history keeps what it held before. The
months are stored compactly as columns in one JSON document (a few thousand rows).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.core.models import MunicipalityRecord


class BudgetItem(models.TextChoices):
    INCOMES = "incomes", _("incomes")
    EXPENSES = "expenses", _("expenses by economic classification")


class Layout(models.TextChoices):
    OPENBUDGET = "openbudget", _("OpenBudget localBudgetData answer")
    BOOST = "boost", _("BOOST export")
    FETCHED = "fetched", _("fetched from the OpenBudget API")


class MonthlyBudget(MunicipalityRecord):
    item = models.CharField(
        _("budget item"), max_length=10, choices=BudgetItem.choices, default=BudgetItem.INCOMES
    )
    layout = models.CharField(_("layout"), max_length=12, choices=Layout.choices)
    budget_codes = models.CharField(_("budget codes"), max_length=200)
    first_month = models.DateField(_("first month"))
    last_month = models.DateField(_("last month"))
    rows = models.PositiveIntegerField(_("rows"))
    # {"fund": [...], "code": [...], "month": ["2024-01", ...], "amount": [...]} in UAH
    data = models.JSONField(_("monthly amounts"), default=dict)
    filename = models.CharField(_("file"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("monthly budget execution")
        verbose_name_plural = _("monthly budget execution")
        ordering = ["item"]

    def __str__(self) -> str:
        return f"{self.get_item_display()} {self.first_month:%Y-%m}–{self.last_month:%Y-%m}"


class PulseAssumptions(MunicipalityRecord):
    """The user's assumptions on the forecast and the money already committed."""

    base_lost = models.FloatField(
        _("share of the wage tax base lost (e.g. to mobilisation), %"), default=0.0
    )
    pit_share_ratio = models.FloatField(
        _("new / current local share of the personal income tax"), default=1.0
    )
    single_tax_ratio = models.FloatField(_("new / current single-tax rate"), default=1.0)
    property_ratio = models.FloatField(_("new / current property and land rates"), default=1.0)
    committed = models.FloatField(
        _("spending already committed from own revenue in the next 12 months, UAH"), default=0.0
    )
    reserve = models.FloatField(_("reserve kept back, UAH"), default=0.0)

    class Meta:
        verbose_name = _("forecast assumptions")
        verbose_name_plural = _("forecast assumptions")
