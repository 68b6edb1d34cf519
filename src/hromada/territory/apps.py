from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    name = "hromada.territory"
    label = "territory"

    def ready(self) -> None:
        # imported in ready(): these modules load models, which the app registry must hold first
        # Workspaces are created from the registry of hromadas that territory reads.
        from hromada.territory.selectors import registry_row
        from hromada.workspaces.selectors import register_registry_reader

        register_registry_reader(registry_row)
