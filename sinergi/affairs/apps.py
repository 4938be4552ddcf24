from django.apps import AppConfig


class AffairsConfig(AppConfig):
    name = "sinergi.affairs"
    verbose_name = "Urusan pemerintahan"

    def ready(self) -> None:
        from sinergi.affairs.models import Affair
        from sinergi.audit.tracking import track

        track(Affair)
