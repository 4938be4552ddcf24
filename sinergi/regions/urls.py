from django.urls import path

from sinergi.regions import views

app_name = "regions"
urlpatterns = [
    path("", views.region_list_view, name="list"),
    path("ekspor.<str:fmt>", views.region_export, name="export"),
    path("<str:code>/", views.region_detail, name="detail"),
]
