from django.apps import AppConfig


class WorkspacesConfig(AppConfig):
    name = "hromada.workspaces"
    label = "workspaces"
