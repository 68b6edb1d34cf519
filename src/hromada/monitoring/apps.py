from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "hromada.monitoring"
    label = "monitoring"
