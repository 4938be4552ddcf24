from django.urls import path

from sinergi.extractions import views

app_name = "extractions"
urlpatterns = [
    path("", views.extraction_list_view, name="list"),
    path("<int:pk>/", views.extraction_detail_view, name="detail"),
    path("<int:pk>/kemajuan/", views.extraction_progress, name="progress"),
    path("<int:pk>/buang/", views.extraction_discard_view, name="discard"),
    path("<int:pk>/berkas/", views.extraction_file, name="file"),
]
