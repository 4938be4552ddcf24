from typing import Any

from django.apps import AppConfig


class EmbeddingsConfig(AppConfig):
    name = "sinergi.embeddings"
    verbose_name = "Pencarian makna"

    def ready(self) -> None:
        from sinergi.core.versions import version_raised

        version_raised.connect(_agreements_changed, dispatch_uid="embeddings-refresh")


def _agreements_changed(sender: Any, name: str, **kwargs: Any) -> None:
    from sinergi.core.versions import AGREEMENTS

    if name == AGREEMENTS:
        from sinergi.embeddings.services import schedule_embedding

        schedule_embedding()
