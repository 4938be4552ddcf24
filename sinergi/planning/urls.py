from django.urls import path

from sinergi.planning import views

app_name = "planning"
urlpatterns = [
    path("nomenklatur/", views.nomenclature_version_list, name="nomenclature_versions"),
    path("nomenklatur/impor/", views.nomenclature_import_upload, name="nomenclature_import"),
    path(
        "nomenklatur/impor/<int:pk>/",
        views.nomenclature_import_preview,
        name="nomenclature_preview",
    ),
    path("nomenklatur/<int:pk>/", views.nomenclature_item_list, name="nomenclature_items"),
    path(
        "nomenklatur/<int:pk>/ekspor.<str:fmt>",
        views.nomenclature_item_export,
        name="nomenclature_export",
    ),
    path("kewenangan/", views.authority_list, name="authority"),
    path("kewenangan/ekspor.<str:fmt>", views.authority_export, name="authority_export"),
    path("kerja-sama/<int:pk>/", views.agreement_planning, name="agreement"),
    path("kerja-sama/<int:pk>/anggaran.<str:fmt>", views.budget_export, name="budget_export"),
    path("anggaran/<int:pk>/ubah/", views.budget_line_edit, name="budget_line_edit"),
    path("anggaran/<int:pk>/hapus/", views.budget_line_delete, name="budget_line_delete"),
]
