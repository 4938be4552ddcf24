from django.urls import include, path

app_name = "agreements"
urlpatterns = [
    path("impor/", include("sinergi.agreements.import_urls")),
]
