from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sinergi.core.selectors import home_summary


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/landing.html")
    return render(request, "core/home.html", home_summary(user=request.user))
