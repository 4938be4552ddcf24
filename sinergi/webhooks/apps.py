from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "sinergi.webhooks"
    verbose_name = "Webhook"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from sinergi.agreements.models import StatusChange
        from sinergi.audit.tracking import track
        from sinergi.webhooks.models import Webhook
        from sinergi.webhooks.services import status_changed

        track(Webhook, hide=("secret",))
        post_save.connect(status_changed, sender=StatusChange, dispatch_uid="webhooks-status")
