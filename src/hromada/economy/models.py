"""A municipality's economic data: datasets of values by sector and year, in versions.

A ``Dataset`` is one measure (employment, enterprises, output, ...) for the municipality
and its reference (oblast or Ukraine). Every upload makes a new immutable
``DatasetVersion`` holding ``Observation`` rows; old versions are kept, the newest is used.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.core.models import MunicipalityRecord


class Measure(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment")
    ENTERPRISES = "enterprises", _("Number of enterprises")
    OUTPUT = "output", _("Sales or output")
    WAGES = "wages", _("Wages")
    TAX_REVENUE = "tax_revenue", _("Local tax revenue")
    OTHER = "other", _("Other")


class ReferenceLevel(models.TextChoices):
    UKRAINE = "ukraine", _("Ukraine")
    OBLAST = "oblast", _("Oblast")
    OTHER = "other", _("Other reference")


class Dataset(MunicipalityRecord):
    name = models.CharField(_("name"), max_length=200)
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    unit = models.CharField(_("unit"), max_length=50, help_text=_("e.g. persons, UAH thousand"))
    reference_level = models.CharField(_("reference"), max_length=10,
                                       choices=ReferenceLevel.choices,
                                       default=ReferenceLevel.UKRAINE)
    source = models.CharField(_("source"), max_length=300, blank=True)
    # Illustrative data (the demo's generated sector data) is labelled wherever it appears.
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def latest_version(self) -> DatasetVersion | None:
        return self.versions.order_by("-number").first()


class DatasetVersion(models.Model):
    """One upload of a dataset; immutable once stored."""

    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    source_filename = models.CharField(max_length=255, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dataset", "number"],
                                               name="unique_dataset_version")]
        ordering = ["dataset", "-number"]

    def __str__(self) -> str:
        return f"{self.dataset} v{self.number}"


class Area(models.TextChoices):
    LOCAL = "local", _("Municipality")
    REFERENCE = "reference", _("Reference")


class Observation(models.Model):
    """One value: a sector (KVED 2010 code) in a year, for the municipality or its reference."""

    version = models.ForeignKey(DatasetVersion, on_delete=models.CASCADE,
                                related_name="observations")
    area = models.CharField(max_length=10, choices=Area.choices)
    sector = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    value = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "area", "sector", "year"],
                                               name="one_value_per_cell")]
        indexes = [models.Index(fields=["version", "area"])]
