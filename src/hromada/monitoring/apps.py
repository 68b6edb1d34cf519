from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "hromada.monitoring"
    label = "monitoring"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        from hromada.core.navigation import register_step
        from hromada.monitoring import signals  # noqa: F401

        register_step("followup", "monitoring:index")
