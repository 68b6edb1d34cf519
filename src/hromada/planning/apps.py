from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hromada.core.navigation import register_step


class PlanningConfig(AppConfig):
    name = "hromada.planning"
    label = "planning"
    verbose_name = _("Plan")

    def ready(self) -> None:
        register_step("plan", "planning:index")
