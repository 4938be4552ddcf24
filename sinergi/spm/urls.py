from django.urls import path

from sinergi.spm import views

app_name = "spm"
urlpatterns = [
    path("", views.index, name="index"),
    path("perbandingan/", views.comparison_view, name="comparison"),
    path("perbandingan.<str:fmt>", views.comparison_export, name="comparison_export"),
    path(
        "isian/<str:code>/<int:year>/<int:quarter>/<str:indicator>/",
        views.entry_edit,
        name="entry",
    ),
    path("bukti/<int:pk>/", views.entry_evidence, name="evidence"),
    path("impor/", views.import_upload, name="import"),
    path("impor/templat.xlsx", views.import_template, name="import_template"),
]
