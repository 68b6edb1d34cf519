from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "hromada.collaboration"
    label = "collaboration"
