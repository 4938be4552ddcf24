from django.urls import path, re_path

from sinergi.datasets import views

app_name = "datasets"
urlpatterns = [
    path("", views.index, name="index"),
    re_path(r"^kamus\.(?P<fmt>csv|json)$", views.dictionary, name="dictionary"),
    re_path(r"^(?P<slug>[a-z-]+)\.(?P<fmt>csv|xlsx|json)$", views.download, name="download"),
]
