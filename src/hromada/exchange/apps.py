from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Peer exchange between municipalities. Not one of the six steps of a municipality's
    cycle (groups span municipalities), so it registers no step; its entry page is the URL
    named ``exchange:index``."""

    name = "hromada.exchange"
    label = "exchange"
    verbose_name = _("Peer exchange")

    def ready(self) -> None:
        # imported in ready(): these modules load models, which the app registry must hold first
        from hromada.exchange import (
            signals,  # noqa: F401
            tasks,  # noqa: F401 - registers the tasks with services
        )
