"""URLs of the register import (mounted under /kerja-sama/impor/)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
