from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sinergi.audit"
    verbose_name = "Jejak audit"
