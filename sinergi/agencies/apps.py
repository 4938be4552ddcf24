from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "sinergi.agencies"
    verbose_name = "Perangkat daerah"

    def ready(self) -> None:
        from sinergi.agencies.models import Agency
        from sinergi.audit.tracking import track

        track(Agency)
