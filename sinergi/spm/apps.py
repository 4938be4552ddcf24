from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


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
        from sinergi.core.versions import version_raised

        for model in (Scheme, Band, Entry, FieldValue):
            uid = f"spm-version-{model._meta.label_lower}"
            post_save.connect(_spm_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(_spm_changed, sender=model, dispatch_uid=f"{uid}-delete")
        version_raised.connect(_version_raised, dispatch_uid="spm-rankings")


def _spm_changed(sender: Any, **kwargs: Any) -> None:
    """Cached SPM figures (the map's SPM colours) hold the SPM data version."""
    from sinergi.core.versions import SPM, bump_data_version

    if not kwargs.get("raw"):
        bump_data_version(SPM)


def _version_raised(sender: Any, name: str, **kwargs: Any) -> None:
    """New SPM figures: the rankings are computed again in the background (spm.answers)."""
    from sinergi.core.versions import SPM

    if name == SPM:
        from sinergi.spm.answers import schedule_store

        schedule_store()
