"""Webhook registrations of the regions a user manages, and their delivery log."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sinergi.accounts.scope import manageable_regions
from sinergi.core.errors import DomainError
from sinergi.core.http import AuthedRequest
from sinergi.webhooks import services
from sinergi.webhooks.forms import WebhookForm
from sinergi.webhooks.models import Webhook


def _managed(request: AuthedRequest) -> Any:
    regions = manageable_regions(request.user)
    if not regions.exists():
        raise PermissionDenied("Webhook dikelola oleh TKKSD atau Admin Provinsi.")
    return regions


@login_required
def webhook_list(request: AuthedRequest) -> HttpResponse:
    regions = _managed(request)
    form = WebhookForm(request.POST or None, regions=regions)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            _hook, secret = services.webhook_create(user=request.user, **form.cleaned_data)
            form = WebhookForm(regions=regions)
        except DomainError as error:
            form.add_error(None, error.message)
    hooks = Webhook.objects.filter(region__in=regions).select_related("region")
    response = render(
        request, "webhooks/list.html", {"form": form, "secret": secret, "webhooks": hooks}
    )
    response["Cache-Control"] = "no-store"  # may hold a secret shown once
    return response


def _webhook(request: AuthedRequest, pk: int) -> Webhook:
    return get_object_or_404(Webhook.objects.filter(region__in=_managed(request)), pk=pk)


@login_required
def delivery_log(request: AuthedRequest, pk: int) -> HttpResponse:
    webhook = _webhook(request, pk)
    page = Paginator(webhook.deliveries.all(), 50).get_page(request.GET.get("halaman"))
    return render(request, "webhooks/deliveries.html", {"webhook": webhook, "page": page})


@login_required
@require_POST
def deactivate(request: AuthedRequest, pk: int) -> HttpResponse:
    webhook = _webhook(request, pk)
    services.webhook_deactivate(user=request.user, webhook=webhook)
    messages.success(request, f"Webhook “{webhook.name}” dinonaktifkan.")
    return redirect("webhooks:list")
