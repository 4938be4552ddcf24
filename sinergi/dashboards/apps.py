from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "sinergi.dashboards"
    verbose_name = "Dasbor dan jejaring"

    def ready(self) -> None:
        from sinergi.dashboards.receivers import connect

        connect()
