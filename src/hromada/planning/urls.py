from django.urls import path

from hromada.planning import views

app_name = "planning"


def _crud(prefix: str, edit, delete, name: str) -> list:
    return [
        path(f"{prefix}/new/", edit, name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", edit, name=f"{name}_edit"),
        path(f"{prefix}/<int:pk>/delete/", delete, name=f"{name}_delete"),
    ]


urlpatterns = [
    path("", views.index, name="index"),
    path("vision/", views.vision, name="vision"),
    path("swot/", views.swot, name="swot"),
    path("swot/refresh/", views.swot_refresh, name="swot_refresh"),
    path("swot/add/", views.swot_add, name="swot_add"),
    path("swot/<int:pk>/decide/", views.swot_decide, name="swot_decide"),
    path("swot/<int:pk>/to-risk/", views.swot_to_risk, name="swot_to_risk"),
    path("goals/", views.goals, name="goals"),
    path("risks/", views.risks, name="risks"),
    path("history/<str:model>/<int:pk>/", views.history, name="history"),
    path(
        "history/<str:model>/<int:pk>/restore/<int:history_id>/",
        views.history_restore,
        name="history_restore",
    ),
    *_crud("swot", views.swot_item_edit, views.swot_item_delete, "swot_item"),
    *_crud("goals/strategic", views.sgoal_edit, views.sgoal_delete, "sgoal"),
    *_crud("goals/operational", views.ogoal_edit, views.ogoal_delete, "ogoal"),
    *_crud("goals/tasks", views.task_edit, views.task_delete, "task"),
    *_crud("goals/kpis", views.kpi_edit, views.kpi_delete, "kpi"),
    *_crud("risks", views.risk_edit, views.risk_delete, "risk"),
]
