from django.urls import path

from hromada.territory import views

app_name = "territory"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("fiscal/", views.fiscal, name="fiscal"),
    path("fiscal/comparison.csv", views.fiscal_csv, name="fiscal_csv"),
    path("data/", views.data, name="data"),
    path("budget/", views.budget, name="budget"),
]
