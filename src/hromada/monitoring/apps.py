from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hromada.core.navigation import register_step


class MonitoringConfig(AppConfig):
    name = "hromada.monitoring"
    label = "monitoring"
    verbose_name = _("Follow-up")

    def ready(self) -> None:
        # imported in ready(): these modules load models, which the app registry must hold first
        from hromada.monitoring import signals  # noqa: F401
        from hromada.monitoring.selectors import goal_tree
        from hromada.planning.selectors import register_goal_tree

        register_step("followup", "monitoring:index")
        # planning's pages show the goal tree with its follow-up (planning is below us)
        register_goal_tree(goal_tree)
