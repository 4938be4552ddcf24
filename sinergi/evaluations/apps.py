from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "sinergi.evaluations"
    verbose_name = "Evaluasi"

    def ready(self) -> None:
        from sinergi.audit.tracking import track
        from sinergi.evaluations.models import AnnualReport, Criterion, Evaluation, Score

        track(Criterion)
        track(Evaluation)
        track(Score)
        track(AnnualReport)
