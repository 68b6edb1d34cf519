from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResilienceConfig(AppConfig):
    name = "hromada.resilience"
    label = "resilience"
    verbose_name = _("Resilience")

    def ready(self):
        from hromada.core.navigation import register_step

        register_step("resilience", "resilience:index")
