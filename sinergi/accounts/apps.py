from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sinergi.accounts"
    verbose_name = "Akun dan peran"

    def ready(self) -> None:
        from sinergi.accounts.models import User
        from sinergi.audit.tracking import track

        track(User, hide=("password",), ignore=("last_login",))
