from django.urls import path

from hromada.collaboration import views
from hromada.workspaces.crud import crud_urls

app_name = "collaboration"


urlpatterns = [
    path("", views.index, name="index"),
    *crud_urls("stakeholders", views.stakeholder_edit, views.stakeholder_delete, "stakeholder"),
    *crud_urls("partnerships", views.partnership_edit, views.partnership_delete, "partnership"),
    *crud_urls("engagement", views.engagement_edit, views.engagement_delete, "engagement"),
    *crud_urls(
        "communication", views.communication_edit, views.communication_delete, "communication"
    ),
]
