from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "sinergi.regions"
    verbose_name = "Wilayah"

    def ready(self) -> None:
        from sinergi.audit.tracking import track
        from sinergi.regions.models import Region

        track(Region, summarise=("boundary",))
