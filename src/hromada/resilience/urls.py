from django.urls import path

from hromada.resilience import views

app_name = "resilience"
urlpatterns = [
    path("", views.index, name="index"),
    path("run/export/", views.run_export, name="run_export"),
    path("save/", views.scenario_save, name="scenario_save"),
    path("compare/", views.compare, name="compare"),
    path("compare/export/", views.compare_export, name="compare_export"),
    path("multipliers/", views.multipliers, name="multipliers"),
    path("<int:pk>/", views.scenario_detail, name="scenario"),
    path("<int:pk>/export/<str:table>/", views.scenario_export, name="scenario_export"),
    path("<int:pk>/delete/", views.scenario_delete, name="scenario_delete"),
]
