from django.urls import path

from sinergi.core import health, views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("sehat/", health.health, name="health"),
]
