from django.urls import path, re_path

from sinergi.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.index, name="index"),
    path("kerja-sama/", views.agreement_list, name="list"),
    re_path(r"^kerja-sama/ekspor\.(?P<fmt>csv|xlsx)$", views.agreement_export, name="export"),
    path("kerja-sama/<int:pk>/", views.agreement_detail, name="detail"),
    path("inovasi/", views.innovation_list, name="innovations"),
    path("inovasi/<int:pk>/", views.innovation_detail, name="innovation"),
    path("inovasi/<int:pk>/berkas/<int:file_pk>/", views.innovation_file, name="innovation_file"),
    path("peta/", views.map_page, name="map"),
    path("peta/data.geojson", views.map_data, name="map_data"),
    re_path(r"^wilayah/(?P<code>[0-9]{2}(?:\.[0-9]{2})?)/$", views.region_page, name="region"),
]
