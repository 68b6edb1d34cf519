from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "hromada.collaboration"
    label = "collaboration"
    verbose_name = _("Collaborate")

    def ready(self) -> None:
        from hromada.core.navigation import register_step

        register_step("collaborate", "collaboration:index")
