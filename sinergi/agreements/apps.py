from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "sinergi.agreements"
    verbose_name = "Kerja sama daerah"

    def ready(self) -> None:
        from sinergi.agreements import models
        from sinergi.audit.tracking import track

        for model in (
            models.Agreement,
            models.Party,
            models.Organization,
            models.Milestone,
            models.AgreementDocument,
        ):
            track(model, ignore=("search_document", "search_stems", "version"))
