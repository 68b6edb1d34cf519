from django.apps import AppConfig


class ResilienceConfig(AppConfig):
    name = "hromada.resilience"
    label = "resilience"
