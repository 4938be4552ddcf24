from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    name = "sinergi.datasets"
    verbose_name = "Data terbuka"
