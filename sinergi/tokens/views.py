"""The user's personal API tokens: list, create (the token is shown once), revoke."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sinergi.core.errors import DomainError
from sinergi.core.http import AuthedRequest
from sinergi.tokens import services
from sinergi.tokens.forms import TokenForm


@login_required
def token_list(request: AuthedRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, created = services.token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                days=form.cleaned_data["days"],
            )
            form = TokenForm()
        except DomainError as error:
            form.add_error(None, error.message)
    context = {"form": form, "created": created, "tokens": request.user.api_tokens.all()}
    response = render(request, "tokens/list.html", context)
    response["Cache-Control"] = "no-store"  # the page may hold a token shown once
    return response


@login_required
@require_POST
def token_revoke(request: AuthedRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    try:
        services.token_revoke(user=request.user, token=token)
        messages.success(request, f"Token “{token.name}” dicabut; sistem yang memakainya ditolak.")
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("tokens:list")
