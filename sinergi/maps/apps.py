from django.apps import AppConfig


class MapsConfig(AppConfig):
    name = "sinergi.maps"
    verbose_name = "Peta"
