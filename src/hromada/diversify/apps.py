from django.apps import AppConfig


class DiversifyConfig(AppConfig):
    name = "hromada.diversify"
    label = "diversify"
