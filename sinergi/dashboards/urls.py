from django.urls import path

from sinergi.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.dashboard, name="index"),
    path("ekspor/<slug:slug>.<str:fmt>", views.export, name="export"),
    path("jejaring/", views.network, name="network"),
    path("jejaring/data.json", views.network_data, name="network_data"),
]
