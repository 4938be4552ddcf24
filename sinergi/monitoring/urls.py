from django.urls import path

from sinergi.monitoring import views

app_name = "monitoring"
A = "kerja-sama/<int:pk>/"
R = A + "laporan/<int:report_pk>/"
urlpatterns = [
    path("", views.report_list, name="reports"),
    path("ekspor.<str:fmt>", views.report_export, name="reports_export"),
    path(A, views.agreement_monitoring, name="agreement"),
    path(A + "kewajiban/baru/", views.obligation_create, name="obligation_create"),
    path(A + "kewajiban/<int:obligation_pk>/ubah/", views.obligation_edit, name="obligation_edit"),
    path(
        A + "kewajiban/<int:obligation_pk>/hapus/",
        views.obligation_delete,
        name="obligation_delete",
    ),
    path(
        A + "kewajiban/<int:obligation_pk>/penuhi/",
        views.obligation_fulfil,
        name="obligation_fulfil",
    ),
    path(
        A + "kewajiban/<int:obligation_pk>/buka/", views.obligation_reopen, name="obligation_reopen"
    ),
    path(
        A + "kewajiban/<int:obligation_pk>/bukti/",
        views.obligation_evidence,
        name="obligation_evidence",
    ),
    path(A + "indikator/baru/", views.indicator_create, name="indicator_create"),
    path(A + "indikator/<int:indicator_pk>/ubah/", views.indicator_edit, name="indicator_edit"),
    path(
        A + "indikator/<int:indicator_pk>/hapus/", views.indicator_delete, name="indicator_delete"
    ),
    path(A + "laporan/baru/", views.report_create, name="report_create"),
    path(R, views.report_detail, name="report_detail"),
    path(R + "ubah/", views.report_edit, name="report_edit"),
    path(R + "hapus/", views.report_delete, name="report_delete"),
    path(R + "langkah/<str:action>/", views.report_transition, name="report_transition"),
    path(R + "komentar/", views.report_comment, name="report_comment"),
    path(R + "bukti/", views.evidence_upload, name="evidence_upload"),
    path(R + "bukti/<int:evidence_pk>/", views.evidence_download, name="evidence_download"),
    path(R + "bukti/<int:evidence_pk>/hapus/", views.evidence_delete, name="evidence_delete"),
]
