from django.urls import path

from hromada.collaboration import views

app_name = "collaboration"


def _crud(prefix: str, edit, delete, name: str) -> list:
    return [
        path(f"{prefix}/new/", edit, name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", edit, name=f"{name}_edit"),
        path(f"{prefix}/<int:pk>/delete/", delete, name=f"{name}_delete"),
    ]


urlpatterns = [
    path("", views.index, name="index"),
    *_crud("stakeholders", views.stakeholder_edit, views.stakeholder_delete, "stakeholder"),
    *_crud("partnerships", views.partnership_edit, views.partnership_delete, "partnership"),
    *_crud("engagement", views.engagement_edit, views.engagement_delete, "engagement"),
    *_crud("communication", views.communication_edit, views.communication_delete, "communication"),
]
