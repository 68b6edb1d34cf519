"""``hromada manage recheck_shares``: read every active share again through
core.disclosure (once, after upgrading from a version that shared restricted records or
totals that included them; from then on restricting a record does it by itself)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from hromada.exchange.models import Share
from hromada.exchange.services import shares_recheck
from hromada.workspaces.models import Municipality


class Command(BaseCommand):
    help = (
        "Read every active peer share again: revoke those of restricted records and "
        "recompute the others without restricted records."
    )

    def handle(self, *args, **options):
        ids = Share.objects.active().values_list("municipality_id", flat=True).distinct()
        revoked = 0
        for municipality in Municipality.objects.filter(pk__in=list(ids)):
            revoked += len(shares_recheck(municipality=municipality))
        self.stdout.write(f"{revoked} share(s) revoked; the others are up to date.")
