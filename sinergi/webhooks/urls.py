from django.urls import path

from sinergi.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("", views.webhook_list, name="list"),
    path("<int:pk>/", views.delivery_log, name="deliveries"),
    path("<int:pk>/nonaktifkan/", views.deactivate, name="deactivate"),
]
