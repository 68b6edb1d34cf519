from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "hromada.planning"
    label = "planning"
