from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


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
        uid = "monitoring-version-report"
        post_save.connect(_reports_changed, sender=MonitoringReport, dispatch_uid=f"{uid}-save")
        post_delete.connect(_reports_changed, sender=MonitoringReport, dispatch_uid=f"{uid}-del")


def _reports_changed(sender: Any, **kwargs: Any) -> None:
    """The report list keeps its counts under this version (core.kept)."""
    from sinergi.core.versions import MONITORING, bump_data_version

    if not kwargs.get("raw"):
        bump_data_version(MONITORING)
