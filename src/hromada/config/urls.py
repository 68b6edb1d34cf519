"""URL configuration: one include per domain app."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("hromada.core.urls")),
    path("accounts/", include("hromada.accounts.urls")),
    path("m/", include("hromada.workspaces.urls")),
    path("admin/", admin.site.urls),
]
