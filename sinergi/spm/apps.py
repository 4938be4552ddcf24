from typing import Any

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
        from sinergi.core.versions import SPM, raise_on_change, version_raised

        # Cached SPM figures (indices, the map's SPM colours) hold the SPM data version.
        raise_on_change(SPM, Scheme, Band, Entry, FieldValue)
        version_raised.connect(_version_raised, dispatch_uid="spm-rankings")


def _version_raised(sender: Any, name: str, **kwargs: Any) -> None:
    """New SPM figures: the rankings are computed again in the background (spm.answers)."""
    from sinergi.core.versions import SPM

    if name == SPM:
        from sinergi.spm.answers import schedule_store

        schedule_store()
