"""Restricting a record revokes its shares: when a record of a municipality is saved
restricted (or under a restricted parent), every active share of that municipality is read
again through ``core.disclosure`` (``services.shares_recheck``), whatever path saved it
(a form, the admin, an import)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from hromada.core.disclosure import _is_record, is_outward
from hromada.exchange.models import Share
from hromada.exchange.services import shares_recheck


@receiver(post_save, dispatch_uid="exchange_restriction_revokes_shares")
def record_saved(sender, instance, raw=False, **kwargs):
    if raw or not _is_record(sender) or sender.__name__.startswith("Historical"):
        return

    if not Share.objects.active().filter(municipality_id=instance.municipality_id).exists():
        return
    if getattr(instance, "deleted_at", None) is None and is_outward(instance):
        return

    shares_recheck(municipality=instance.municipality, by=getattr(instance, "_history_user", None))
