from django.urls import path

from hromada.planning import views
from hromada.workspaces.crud import crud_urls

app_name = "planning"


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
    *crud_urls("swot", views.swot_item_edit, views.swot_item_delete, "swot_item"),
    *crud_urls("goals/strategic", views.sgoal_edit, views.sgoal_delete, "sgoal"),
    *crud_urls("goals/operational", views.ogoal_edit, views.ogoal_delete, "ogoal"),
    *crud_urls("goals/tasks", views.task_edit, views.task_delete, "task"),
    *crud_urls("goals/kpis", views.kpi_edit, views.kpi_delete, "kpi"),
    *crud_urls("risks", views.risk_edit, views.risk_delete, "risk"),
]
