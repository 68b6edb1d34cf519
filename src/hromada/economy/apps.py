from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "hromada.economy"
    label = "economy"

    def ready(self) -> None:
        from hromada.core.navigation import register_step

        register_step("assess", "economy:overview")
        from hromada.economy import tasks  # noqa: F401 - registers the tasks with services
