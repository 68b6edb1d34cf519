from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "hromada.budget"
    label = "budget"
