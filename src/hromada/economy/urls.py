from django.urls import path

from hromada.economy import views

app_name = "economy"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("import/", views.import_upload, name="import"),
    path("import/template/<str:lang>/<str:fmt>/", views.import_template, name="import_template"),
    path("import/<int:pk>/", views.import_preview, name="import_preview"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/cancel/", views.import_cancel, name="import_cancel"),
    path("import/<int:pk>/progress/", views.import_progress, name="import_progress"),
    path("import/<int:pk>/retry/", views.import_retry, name="import_retry"),
    path("datasets/<int:pk>/", views.diagnosis, name="diagnosis"),
    path(
        "datasets/<int:pk>/progress/<int:run>/", views.diagnosis_progress, name="diagnosis_progress"
    ),
    path("datasets/<int:pk>/retry/<int:run>/", views.diagnosis_retry, name="diagnosis_retry"),
    path("datasets/<int:pk>/csv/<str:chart>/", views.diagnosis_csv, name="diagnosis_csv"),
    path("datasets/<int:pk>/xlsx/", views.diagnosis_xlsx, name="diagnosis_xlsx"),
    path("datasets/<int:pk>/data/", views.dataset_data, name="dataset_data"),
    path("datasets/<int:pk>/use/", views.dataset_choose, name="dataset_choose"),
    path("population/", views.population, name="population"),
    path("population/csv/", views.population_csv, name="population_csv"),
    path("population/<int:pk>/delete/", views.population_delete, name="population_delete"),
    path(
        "population/enterprises/<int:pk>/delete/", views.enterprise_delete, name="enterprise_delete"
    ),
    path("damage/", views.damage, name="damage"),
    path("damage/csv/", views.damage_csv, name="damage_csv"),
    path("damage/<int:pk>/", views.damage_entry, name="damage_entry"),
    path("damage/<int:pk>/status/", views.damage_status, name="damage_status"),
    path("damage/<int:pk>/edit/", views.damage_edit, name="damage_edit"),
    path(
        "damage/<int:pk>/impacts/<int:impact>/remove/",
        views.damage_impact_remove,
        name="damage_impact_remove",
    ),
    path("damage/<int:pk>/delete/", views.damage_delete, name="damage_delete"),
]
