from django.apps import AppConfig


class ExtractionsConfig(AppConfig):
    name = "sinergi.extractions"
    verbose_name = "Pembacaan dokumen kerja sama"

    def ready(self) -> None:
        from sinergi.audit.tracking import track
        from sinergi.extractions.models import DocumentExtraction

        # The text and result are large and written by the reader, not a person.
        track(
            DocumentExtraction,
            summarise=("text", "result", "training_text"),
            ignore=("pages_done",),
        )
