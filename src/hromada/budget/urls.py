from django.urls import path

from hromada.budget import views

app_name = "budget"
urlpatterns = [
    path("", views.pulse, name="pulse"),
    path("backtest.csv", views.backtest_csv, name="backtest_csv"),
    path("import/", views.import_, name="import"),
    path("fetch/", views.fetch, name="fetch"),
    path("assumptions/", views.assumptions, name="assumptions"),
]
