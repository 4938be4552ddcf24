from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sinergi.core"
    verbose_name = "Inti"
