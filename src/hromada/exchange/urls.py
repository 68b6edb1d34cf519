from django.urls import path

from hromada.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.index, name="index"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<int:group>/", views.group_detail, name="group"),
    path("groups/<int:group>/edit/", views.group_edit, name="group_edit"),
    path("groups/<int:group>/invite/", views.group_invite, name="group_invite"),
    path(
        "groups/<int:group>/members/<int:member>/remove/",
        views.group_remove_member,
        name="group_remove_member",
    ),
    path("groups/<int:group>/sessions/new/", views.session_create, name="session_create"),
    path("groups/<int:group>/sessions/<int:session>/", views.session_detail, name="session"),
    path(
        "groups/<int:group>/sessions/<int:session>/edit/", views.session_edit, name="session_edit"
    ),
    path(
        "groups/<int:group>/sessions/<int:session>/comment/",
        views.session_comment,
        name="session_comment",
    ),
    path(
        "groups/<int:group>/sessions/<int:session>/summary.pdf",
        views.session_pdf,
        name="session_pdf",
    ),
    path("groups/<int:group>/shared/<int:share>/", views.share_detail, name="share"),
    path(
        "groups/<int:group>/shared/<int:share>/comment/", views.share_comment, name="share_comment"
    ),
    path("groups/<int:group>/compare/", views.compare, name="compare"),
    path("groups/<int:group>/compare/<str:table>.csv", views.compare_csv, name="compare_csv"),
    path("library/", views.library, name="library"),
    path("library/<int:pk>/", views.practice_detail, name="practice"),
    path("guide/", views.guide_index, name="guide"),
    path("guide/<str:step>/", views.guide_step, name="guide_step"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
    # Acting for one municipality: gated by municipality_view.
    path("m/<str:code>/", views.municipality, name="municipality"),
    path("m/<str:code>/groups/<int:group>/respond/", views.respond, name="respond"),
    path("m/<str:code>/groups/<int:group>/leave/", views.leave, name="leave"),
    path("m/<str:code>/share/", views.share, name="share_create"),
    path("m/<str:code>/shared/<int:pk>/revoke/", views.share_revoke, name="share_revoke"),
    path("m/<str:code>/shared/<int:pk>/refresh/", views.share_refresh, name="share_refresh"),
    path("m/<str:code>/sessions/<int:session>/snapshot/", views.snapshot, name="snapshot"),
    path("m/<str:code>/practices/new/", views.practice_create, name="practice_create"),
    path("m/<str:code>/practices/<int:pk>/edit/", views.practice_edit, name="practice_edit"),
]
