from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "hromada.exchange"
    label = "exchange"
