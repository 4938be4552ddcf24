from django.apps import AppConfig


class InnovationsConfig(AppConfig):
    name = "sinergi.innovations"
    verbose_name = "Inovasi daerah dan replikasi"

    def ready(self) -> None:
        from sinergi.audit.tracking import track
        from sinergi.innovations.models import (
            Innovation,
            InnovationFile,
            InnovationResult,
            ReplicationInterest,
        )

        track(Innovation, ignore=("search_stems", "vector", "vector_updated_at", "version"))
        track(InnovationResult)
        track(InnovationFile)
        track(ReplicationInterest)
