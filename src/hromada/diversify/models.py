"""Records of the Diversify step: imported reference panels, the local resources
register, and the shortlist of opportunities."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.core.models import MunicipalityRecord


class ReferencePanel(MunicipalityRecord):
    """A panel of many regions by sector the user imported (CSV region, sector, year,
    value), to compare the municipality within."""

    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=300, blank=True)
    unit = models.CharField(_("unit"), max_length=50, default="persons")
    scale = models.FloatField(
        _("persons per unit"),
        default=1.0,
        help_text=_("1 if the values are persons, 1000 if thousands."),
    )
    # [[region, sector, year, value], ...]
    rows = models.JSONField(default=list)

    class Meta:
        verbose_name = _("reference panel")
        verbose_name_plural = _("reference panels")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ResourceKind(models.TextChoices):
    SITE = "site", _("Industrial site or building")
    LAND = "land", _("Land")
    NATURAL = "natural", _("Natural resource")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")
    SKILLS = "skills", _("Skills and institutions")
    RELOCATED = "relocated", _("Relocated business")


class LocalResource(MunicipalityRecord):
    """Something the municipality can build on, tagged with the KVED sections it serves."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    description = models.CharField(_("description"), max_length=500, blank=True)
    sectors = models.JSONField(
        _("sectors it serves"), default=list, help_text=_("KVED sections, e.g. C, H")
    )
    location = models.CharField(
        _("location"),
        max_length=300,
        blank=True,
        help_text=_("Optional. Mark the entry restricted if the location is sensitive."),
    )

    class Meta:
        verbose_name = _("local resource")
        verbose_name_plural = _("local resources")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name


class ShortlistItem(MunicipalityRecord):
    """An opportunity kept for the plan (until the Plan step takes candidate objectives)."""

    panel = models.CharField(_("reference panel"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20)
    sector_name = models.CharField(_("sector name"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year"))
    score = models.FloatField(_("score"))
    feasibility = models.FloatField(_("feasibility"))
    attractiveness = models.FloatField(_("attractiveness"), null=True, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("shortlisted opportunity")
        verbose_name_plural = _("shortlisted opportunities")
        ordering = ["-score", "pk"]

    def __str__(self) -> str:
        return self.sector_name
