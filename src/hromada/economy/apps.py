from django.apps import AppConfig


class EconomyConfig(AppConfig):
    name = "hromada.economy"
    label = "economy"
