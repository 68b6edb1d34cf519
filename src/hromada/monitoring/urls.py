from django.urls import path

from hromada.monitoring import views
from hromada.workspaces.crud import crud_urls

app_name = "monitoring"

#: The follow-up's records are edited at ``<pk>/edit/`` (``<pk>/`` is a project's page).
EDIT = "<int:pk>/edit/"


urlpatterns = [
    path("", views.index, name="index"),
    path("projects/<int:pk>/", views.project, name="project"),
    path("projects/<int:pk>/dream.json", views.project_dream, name="project_dream"),
    path("kpis/<int:pk>/", views.kpi, name="kpi"),
    path("kpis/<int:pk>/update/", views.kpi_update, name="kpi_update"),
    path("kpis/refresh/", views.kpis_refresh, name="kpis_refresh"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("report.xlsx", views.report_xlsx, name="report_xlsx"),
    *crud_urls("projects", views.project_edit, views.project_delete, "project", edit_path=EDIT),
    *crud_urls("funding", views.funding_edit, views.funding_delete, "funding", edit_path=EDIT),
    *crud_urls(
        "milestones", views.milestone_edit, views.milestone_delete, "milestone", edit_path=EDIT
    ),
    *crud_urls(
        "indicators", views.indicator_edit, views.indicator_delete, "indicator", edit_path=EDIT
    ),
]
