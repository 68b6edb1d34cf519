from django.templatetags.static import static
from django.urls import path
from django.views.generic.base import RedirectView

from hromada.core import views

app_name = "core"
urlpatterns = [
    path("health/", views.health, name="health"),
    path("language/", views.language_switch, name="language"),
    path("about/", views.about, name="about"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", RedirectView.as_view(url=static("hromada/favicon.svg"), permanent=True)),
]
