from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "sinergi.monitoring"
    verbose_name = "Pemantauan dan laporan"

    def ready(self) -> None:
        from sinergi.audit.tracking import track
        from sinergi.monitoring.models import (
            Indicator,
            IndicatorRealisation,
            MonitoringReport,
            Obligation,
            ReportComment,
            ReportEvidence,
        )

        track(Obligation)
        track(Indicator)
        track(MonitoringReport)
        track(IndicatorRealisation)
        track(ReportEvidence)
        track(ReportComment)
        from sinergi.core.versions import MONITORING, raise_on_change

        # The report list keeps its counts under this version (core.kept).
        raise_on_change(MONITORING, MonitoringReport)
