from django.urls import path

from sinergi.evaluations import views

app_name = "evaluations"
urlpatterns = [
    path("kerja-sama/<int:pk>/", views.agreement_evaluations, name="agreement"),
    path("kerja-sama/<int:pk>/mulai/", views.evaluation_start_view, name="start"),
    path(
        "kerja-sama/<int:pk>/<int:evaluation_pk>/nilai/<int:criterion_pk>/",
        views.evaluation_score_view,
        name="score",
    ),
    path(
        "kerja-sama/<int:pk>/<int:evaluation_pk>/hitung-ulang/",
        views.evaluation_recompute_view,
        name="recompute",
    ),
    path(
        "kerja-sama/<int:pk>/<int:evaluation_pk>/final/",
        views.evaluation_finalise_view,
        name="finalise",
    ),
]
urlpatterns += [
    path("tahunan/", views.annual_reports, name="annual"),
    path("tahunan/<int:pk>/kemajuan/", views.annual_progress, name="annual_progress"),
    path("tahunan/<int:pk>/unduh.<str:fmt>", views.annual_download, name="annual_download"),
]
urlpatterns += [
    path("perangkat-daerah/", views.agency_ranking_view, name="agencies"),
    path("perangkat-daerah/ekspor.<str:fmt>", views.agency_ranking_export, name="agencies_export"),
    path("perangkat-daerah/<int:pk>/", views.agency_view, name="agency"),
]
