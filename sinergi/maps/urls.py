from django.urls import path

from sinergi.maps import views

app_name = "maps"
urlpatterns = [
    path("", views.map_index, name="index"),
    path("batas.geojson", views.boundaries_view, name="boundaries"),
    path("nilai.json", views.values_view, name="values"),
    path("garis.json", views.lines_view, name="lines"),
    path("tabel/", views.values_table, name="values_table"),
    path("nilai.<str:fmt>", views.values_export, name="values_export"),
]
