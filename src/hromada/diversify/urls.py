from django.urls import path

from hromada.diversify import views

app_name = "diversify"
urlpatterns = [
    path("", views.index, name="index"),
    path("space/", views.space, name="space"),
    path("industries/", views.industries, name="industries"),
    path("industries/export/", views.industries_export, name="industries_export"),
    path("export/<str:table>/", views.export, name="export"),
    path("shortlist/", views.shortlist, name="shortlist"),
    path("shortlist/add/", views.shortlist_add, name="shortlist_add"),
    path("shortlist/<int:pk>/remove/", views.shortlist_remove, name="shortlist_remove"),
    path("shortlist/<int:pk>/to-plan/", views.shortlist_to_plan, name="shortlist_to_plan"),
    path("panels/", views.panels, name="panels"),
    path("panels/upload/", views.panel_upload, name="panel_upload"),
    path("panels/<int:pk>/delete/", views.panel_delete, name="panel_delete"),
    path("resources/", views.resources, name="resources"),
    path("resources/new/", views.resource_edit, name="resource_new"),
    path("resources/<int:pk>/", views.resource_edit, name="resource_edit"),
    path("resources/<int:pk>/delete/", views.resource_delete, name="resource_delete"),
]
