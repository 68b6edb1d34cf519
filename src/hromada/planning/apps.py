from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "hromada.planning"
    label = "planning"
    verbose_name = _("Plan")

    def ready(self) -> None:
        from hromada.core.navigation import register_step

        register_step("plan", "planning:index")
