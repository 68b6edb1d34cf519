from django.urls import path

from hromada.workspaces import views

app_name = "workspaces"
urlpatterns = [
    path("new/", views.create, name="create"),
    path("requests/", views.requests, name="requests"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("<str:code>/", views.dashboard, name="dashboard"),
    path("<str:code>/members/", views.members, name="members"),
    path("<str:code>/members/invite/", views.invitation_create, name="invitation_create"),
    path(
        "<str:code>/members/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<str:code>/members/<int:pk>/role/", views.member_role, name="member_role"),
    path("<str:code>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("<str:code>/settings/", views.settings_view, name="settings"),
    path("<str:code>/trash/", views.trash, name="trash"),
    path(
        "<str:code>/trash/<str:label>/<int:pk>/restore/", views.trash_restore, name="trash_restore"
    ),
    path("<str:code>/history/<str:label>/<int:pk>/", views.history, name="history"),
    path(
        "<str:code>/restricted/<str:label>/<int:pk>/",
        views.record_restricted,
        name="record_restricted",
    ),
    path(
        "<str:code>/history/<str:label>/<int:pk>/<int:history_id>/restore/",
        views.history_restore,
        name="history_restore",
    ),
]
