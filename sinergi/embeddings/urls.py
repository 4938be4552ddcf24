from django.urls import path

from sinergi.embeddings import views

app_name = "embeddings"
urlpatterns = [
    path("", views.search_view, name="search"),
    path("mirip/<int:pk>/", views.similar_view, name="similar"),
]
