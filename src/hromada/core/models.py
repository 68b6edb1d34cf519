"""Base classes for every domain record of a municipality.

``MunicipalityRecord`` gives a record its owner (the municipality), who created it and when,
a version history (django-simple-history: who changed what, when; restorable), soft
deletion (deleted records are listed and restorable by owners, never lost) and a
``restricted`` flag for sensitive items under martial law (for example the location of
critical infrastructure): restricted items never leave the municipality's own members.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class LiveQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def deleted(self):
        return self.filter(deleted_at__isnull=False)

    def for_municipality(self, municipality):
        return self.filter(municipality=municipality)

    def shareable(self):
        """Records that may leave the municipality (peer sharing, exports for others)."""
        return self.alive().filter(restricted=False)


class LiveManager(models.Manager.from_queryset(LiveQuerySet)):
    """The default manager: records not deleted."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class MunicipalityRecord(models.Model):
    municipality = models.ForeignKey(
        "workspaces.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    deleted_at = models.DateTimeField(_("deleted"), null=True, blank=True, editable=False)
    restricted = models.BooleanField(
        _("restricted"),
        default=False,
        help_text=_(
            "Sensitive (e.g. location of critical infrastructure): never shared "
            "outside the municipality's own members or included in exports for others."
        ),
    )

    objects = LiveManager()
    all_objects = LiveQuerySet.as_manager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    def soft_delete(self, *, by=None) -> None:
        self.deleted_at = timezone.now()
        if by is not None:
            self._history_user = by
        self.save(update_fields=["deleted_at", "updated_at"])

    def restore(self, *, by=None) -> None:
        self.deleted_at = None
        if by is not None:
            self._history_user = by
        self.save(update_fields=["deleted_at", "updated_at"])


class WorkerProbe(models.Model):
    """Rows written by the ``core.tasks.probe`` task (worker health checks and tests)."""

    label = models.CharField(max_length=100)
    seq = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
