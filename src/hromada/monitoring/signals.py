"""Bound KPIs follow the data: when a new version of a dataset is imported, the KPIs bound
to an analysis output get their new values (after the import's transaction commits, when
the version's observations are stored)."""

from __future__ import annotations

import logging

from django.db import DatabaseError, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from hromada.econ.errors import HromadaError
from hromada.economy.models import DatasetVersion
from hromada.monitoring import services
from hromada.workspaces.models import Municipality

log = logging.getLogger(__name__)


def _refresh(municipality_id: int) -> None:
    municipality = Municipality.objects.filter(pk=municipality_id).first()
    if municipality is None:
        return
    try:
        services.kpis_refresh_bound(municipality=municipality)
    except (HromadaError, OSError, LookupError, ValueError, ArithmeticError, DatabaseError):
        # never break an import because of a KPI (data the binding cannot read)
        log.exception("bound KPIs of %s not refreshed", municipality.code)


@receiver(post_save, sender=DatasetVersion, dispatch_uid="monitoring_kpi_refresh")
def dataset_version_saved(sender, instance, created, **kwargs):
    # Not for rows loaded as they are (a restore, a workspace transfer): their dataset
    # may not be loaded yet, and their KPIs travel with them.
    if created and not kwargs.get("raw"):
        municipality_id = instance.dataset.municipality_id
        transaction.on_commit(lambda: _refresh(municipality_id))
