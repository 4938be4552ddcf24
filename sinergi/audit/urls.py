from django.urls import path

from sinergi.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("ekspor.csv", views.entry_export, name="export"),
]
