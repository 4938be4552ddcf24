from django.urls import path

from sinergi.agencies import views

app_name = "agencies"
urlpatterns = [
    path("", views.agency_list_view, name="list"),
    path("baru/", views.agency_create_view, name="create"),
    path("ekspor.<str:fmt>", views.agency_export, name="export"),
    path("terhapus/", views.agency_trash_view, name="trash"),
    path("impor/", views.import_upload, name="import"),
    path("impor/templat.xlsx", views.import_template, name="import_template"),
    path("impor/<int:pk>/", views.import_review, name="import_review"),
    path("<int:pk>/", views.agency_detail, name="detail"),
    path("<int:pk>/ubah/", views.agency_edit_view, name="edit"),
    path("<int:pk>/hapus/", views.agency_delete_view, name="delete"),
    path("<int:pk>/pulihkan/", views.agency_restore_view, name="restore"),
]
