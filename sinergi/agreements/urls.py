from django.urls import include, path

from sinergi.agreements import views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list_view, name="list"),
    path("opsi-perangkat-daerah/", views.agency_options, name="agency_options"),
    path("baru/", views.agreement_create_view, name="create"),
    path("ekspor.<str:fmt>", views.agreement_export, name="export"),
    path("impor/", include("sinergi.agreements.import_urls")),
    path("<int:pk>/", views.agreement_detail, name="detail"),
    path("<int:pk>/ubah/", views.agreement_edit_view, name="edit"),
    path("<int:pk>/langkah/<str:action>/", views.agreement_transition, name="transition"),
    path(
        "<int:pk>/tonggak/<int:milestone_pk>/selesai/",
        views.milestone_complete_view,
        name="milestone_complete",
    ),
    path("<int:pk>/berkas/", views.document_upload_view, name="document_upload"),
    path("<int:pk>/berkas/<int:document_pk>/", views.document_download, name="document_download"),
]
