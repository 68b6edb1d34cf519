"""URL configuration: one include per domain app."""

from django.contrib import admin
from django.urls import include, path

from hromada.core import urls as core_urls
from hromada.territory.search import hromada_search
from hromada.workspaces import urls as workspaces_urls
from hromada.workspaces.views import home

urlpatterns = [
    # The home page picks a workspace, so the workspaces app supplies it; its name stays
    # core:home.
    path("", include(([path("", home, name="home"), *core_urls.urlpatterns], core_urls.app_name))),
    path("accounts/", include("hromada.accounts.urls")),
    # Every page of a municipality's data lives under m/<code>/ and is gated by
    # hromada.workspaces.permissions.municipality_view.
    path("m/<str:code>/assess/", include("hromada.economy.urls")),
    path("m/<str:code>/territory/", include("hromada.territory.urls")),
    path("m/<str:code>/budget/", include("hromada.budget.urls")),
    path("m/<str:code>/diversify/", include("hromada.diversify.urls")),
    path("m/<str:code>/resilience/", include("hromada.resilience.urls")),
    path("m/<str:code>/plan/", include("hromada.planning.urls")),
    path("m/<str:code>/collaborate/", include("hromada.collaboration.urls")),
    path("m/<str:code>/follow-up/", include("hromada.monitoring.urls")),
    path("exchange/", include("hromada.exchange.urls")),
    # The registry search for a new workspace is territory's view; it keeps its name
    # workspaces:hromada_search and comes before m/<code>/.
    path(
        "m/",
        include(
            (
                [
                    path("search/", hromada_search, name="hromada_search"),
                    *workspaces_urls.urlpatterns,
                ],
                workspaces_urls.app_name,
            )
        ),
    ),
    path("admin/", admin.site.urls),
]
