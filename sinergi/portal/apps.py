from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "sinergi.portal"
    verbose_name = "Portal publik"
