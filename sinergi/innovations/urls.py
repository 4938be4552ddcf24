from django.urls import path, re_path

from sinergi.innovations import views

app_name = "innovations"
P = "<int:pk>/"
M = "minat/<int:pk>/"
urlpatterns = [
    path("", views.catalogue, name="list"),
    re_path(r"^ekspor\.(?P<fmt>csv|xlsx)$", views.catalogue_export, name="export"),
    path("peringkat/", views.ranking_page, name="rankings"),
    path("baru/", views.create, name="create"),
    path(P, views.detail, name="detail"),
    path(P + "ubah/", views.edit, name="edit"),
    path(P + "terbitkan/", views.publish, name="publish"),
    path(P + "tarik/", views.withdraw, name="withdraw"),
    path(P + "hasil/", views.figure_add, name="figure_add"),
    path(P + "hasil/<int:figure_pk>/hapus/", views.figure_delete, name="figure_delete"),
    path(P + "berkas/", views.file_upload, name="file_upload"),
    path(P + "berkas/<int:file_pk>/", views.file_download, name="file_download"),
    path(P + "berkas/<int:file_pk>/hapus/", views.file_delete, name="file_delete"),
    path(P + "minat/", views.interest_create, name="interest_create"),
    path("minat/", views.interests, name="interests"),
    path(M, views.interest_detail, name="interest"),
    path(M + "surat/", views.interest_letter, name="interest_letter"),
    path(M + "terima/", views.interest_accept, name="interest_accept"),
    path(M + "tolak/", views.interest_decline, name="interest_decline"),
    path(M + "batalkan/", views.interest_withdraw, name="interest_withdraw"),
]
