from django.urls import path

from sinergi.alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("unduh/<str:fmt>/", views.export, name="export"),
]
