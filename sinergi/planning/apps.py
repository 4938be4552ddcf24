from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "sinergi.planning"
    verbose_name = "Perencanaan dan anggaran"

    def ready(self) -> None:
        from sinergi.audit.tracking import track
        from sinergi.planning.models import (
            AgreementPlan,
            AuthorityRule,
            BudgetLine,
            NomenclatureVersion,
        )

        track(NomenclatureVersion)
        track(AuthorityRule)
        track(AgreementPlan)
        track(BudgetLine)
