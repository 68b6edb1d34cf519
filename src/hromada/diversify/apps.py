from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiversifyConfig(AppConfig):
    name = "hromada.diversify"
    label = "diversify"
    verbose_name = _("Diversify")

    def ready(self):
        from hromada.core.navigation import register_step

        register_step("diversify", "diversify:index")

        # The plan's SWOT suggests the shortlist as opportunities (planning is below us).
        from hromada.diversify.selectors import shortlist
        from hromada.planning.evidence import register_opportunity_source

        register_opportunity_source(shortlist)
