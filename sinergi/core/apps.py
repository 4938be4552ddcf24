from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sinergi.core"
    verbose_name = "Inti"

    def ready(self) -> None:
        from django.db.models import fields

        # Django 6.1's new blank-choice label has no Indonesian translation yet.
        fields.BLANK_CHOICE_LABEL = "— pilih —"
