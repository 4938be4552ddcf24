from django.apps import AppConfig


class SpmConfig(AppConfig):
    name = "sinergi.spm"
    verbose_name = "Standar Pelayanan Minimal"

    def ready(self) -> None:
        from sinergi.audit.tracking import track
        from sinergi.spm.models import Band, Entry, FieldValue, Scheme

        track(Scheme)
        track(Band)
        track(Entry)
        track(FieldValue)
