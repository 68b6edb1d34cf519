from django.urls import path

from hromada.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health, name="health"),
    path("language/", views.language_switch, name="language"),
    path("about/", views.about, name="about"),
]
