from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "sinergi.alerts"
    verbose_name = "Peringatan dini"

    def ready(self) -> None:
        from sinergi.alerts.models import Warning
        from sinergi.audit.tracking import track

        track(Warning)
