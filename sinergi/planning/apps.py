from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "sinergi.planning"
    verbose_name = "Perencanaan dan anggaran"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from sinergi.agreements.models import Agreement
        from sinergi.audit.tracking import track
        from sinergi.planning.models import (
            AgreementPlan,
            AuthorityRule,
            BudgetLine,
            NomenclatureVersion,
        )
        from sinergi.planning.receivers import refresh_flags_after_commit

        track(NomenclatureVersion)
        track(AuthorityRule)
        track(AgreementPlan)
        track(BudgetLine)
        post_save.connect(
            refresh_flags_after_commit, sender=Agreement, dispatch_uid="planning-flags"
        )
