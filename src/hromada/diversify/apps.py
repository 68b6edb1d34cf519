from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiversifyConfig(AppConfig):
    name = "hromada.diversify"
    label = "diversify"
    verbose_name = _("Diversify")

    def ready(self):
        from hromada.core.navigation import register_step

        register_step("diversify", "diversify:index")
