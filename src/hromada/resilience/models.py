"""Saved shock scenarios of the Resilience step."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.core.models import MunicipalityRecord


class RegionalisationMethod(models.TextChoices):
    SLQ = "slq", _("Simple location quotient (SLQ)")
    CILQ = "cilq", _("Cross-industry location quotient (CILQ)")
    FLQ = "flq", _("Flegg location quotient (FLQ)")
    AFLQ = "aflq", _("Augmented Flegg location quotient (AFLQ)")


class Scenario(MunicipalityRecord):
    """A shock to critical infrastructure or a main employer, with its recovery.

    ``shocks`` holds the resolved shocks, one dict per shocked item:
    ``{"kind", "section", "share" (0-1), "days", "recovery_days"}``; ``params`` the form
    values, so the builder can reopen the scenario for a variant.
    """

    name = models.CharField(_("name"), max_length=200)
    note = models.CharField(_("note"), max_length=500, blank=True)
    shocks = models.JSONField(_("shocks"), default=list)
    method = models.CharField(
        _("regionalisation method"),
        max_length=4,
        choices=RegionalisationMethod.choices,
        default=RegionalisationMethod.FLQ,
    )
    delta = models.FloatField(_("FLQ delta"), default=0.25)
    horizon = models.PositiveIntegerField(_("days simulated"), default=365)
    params = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("shock scenario")
        verbose_name_plural = _("shock scenarios")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.name
