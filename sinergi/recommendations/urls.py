from django.urls import path

from sinergi.recommendations import views

app_name = "recommendations"
urlpatterns = [
    path("tanya/", views.ask_view, name="ask"),
    path("mitra/", views.partners_view, name="partners"),
]
