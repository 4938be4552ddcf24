"""URLs of the register import (mounted under /kerja-sama/impor/, namespace `agreements`)."""

from django.urls import path

from sinergi.agreements import import_views as views

urlpatterns = [
    path("", views.import_upload, name="import_upload"),
    path("templat.xlsx", views.import_template, name="import_template"),
    path("<int:pk>/", views.import_review, name="import_review"),
    path("<int:pk>/mulai/", views.import_confirm, name="import_confirm"),
    path("<int:pk>/kemajuan/", views.import_progress, name="import_progress"),
    path("<int:pk>/batal/", views.import_cancel, name="import_cancel"),
    path("<int:pk>/galat.xlsx", views.import_errors, name="import_errors"),
]
