from django.urls import path

from hromada.monitoring import views

app_name = "monitoring"


def _crud(prefix: str, edit, delete, name: str) -> list:
    return [
        path(f"{prefix}/new/", edit, name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/edit/", edit, name=f"{name}_edit"),
        path(f"{prefix}/<int:pk>/delete/", delete, name=f"{name}_delete"),
    ]


urlpatterns = [
    path("", views.index, name="index"),
    path("projects/<int:pk>/", views.project, name="project"),
    path("projects/<int:pk>/dream.json", views.project_dream, name="project_dream"),
    path("kpis/<int:pk>/", views.kpi, name="kpi"),
    path("kpis/<int:pk>/update/", views.kpi_update, name="kpi_update"),
    path("kpis/refresh/", views.kpis_refresh, name="kpis_refresh"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("report.xlsx", views.report_xlsx, name="report_xlsx"),
    *_crud("projects", views.project_edit, views.project_delete, "project"),
    *_crud("funding", views.funding_edit, views.funding_delete, "funding"),
    *_crud("milestones", views.milestone_edit, views.milestone_delete, "milestone"),
    *_crud("indicators", views.indicator_edit, views.indicator_delete, "indicator"),
]
