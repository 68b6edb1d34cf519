"""The project's URLs plus ``workspaces:hromada_search`` as the workspaces app will wire it
(m/search/ before m/<code>/), so the search view and its templates can be tested now."""

from django.urls import URLResolver, include, path

from hromada.config.urls import urlpatterns as project_urlpatterns
from hromada.territory.search import hromada_search
from hromada.workspaces import urls as workspaces_urls

_workspaces = [path("search/", hromada_search, name="hromada_search"), *workspaces_urls.urlpatterns]
urlpatterns = [
    p
    for p in project_urlpatterns
    if not (isinstance(p, URLResolver) and p.namespace == "workspaces")
] + [path("m/", include((_workspaces, "workspaces")))]
