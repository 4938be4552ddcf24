from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "sinergi.tokens"
    verbose_name = "Token API pribadi"

    def ready(self) -> None:
        from sinergi.audit.tracking import track
        from sinergi.tokens.models import ApiToken

        # The hash is never shown; last use changes on every call and is not worth an entry.
        track(ApiToken, hide=("secret_hash",), ignore=("last_used_at",))
