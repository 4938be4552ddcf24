from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "sinergi.recommendations"
    verbose_name = "Rekomendasi mitra dan tanya register"
