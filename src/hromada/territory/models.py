"""A hromada's own budget-execution figures, imported to add years the reference data
folder lacks (or newer figures). One record per year; a re-import updates it, and the
version history keeps what it held before."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.core.models import MunicipalityRecord


class OwnBudgetYear(MunicipalityRecord):
    year = models.PositiveSmallIntegerField(_("year"))
    # KSE column name -> UAH, e.g. {"income_total": 1.2e8, "income_own": 4.1e7, ...}
    values = models.JSONField(_("revenues, UAH"), default=dict)
    source = models.CharField(_("source"), max_length=300, blank=True)
    filename = models.CharField(_("file"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("own budget year")
        verbose_name_plural = _("own budget years")
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)
