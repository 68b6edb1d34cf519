from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    name = "hromada.territory"
    label = "territory"
