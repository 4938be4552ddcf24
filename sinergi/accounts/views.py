from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from sinergi.accounts.forms import LoginForm, ProfileForm
from sinergi.accounts.scope import visible_regions
from sinergi.core.http import AuthedRequest


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, "Kata sandi berhasil diganti.")
        return super().form_valid(form)


@login_required
def profile(request: AuthedRequest) -> HttpResponse:
    user = request.user
    fields = ["first_name", "last_name", "email", "position", "phone"]
    form = ProfileForm(request.POST or None, initial={f: getattr(user, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        for field in fields:
            setattr(user, field, form.cleaned_data[field])
        user.save(update_fields=fields)
        messages.success(request, "Profil tersimpan.")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@require_POST
@login_required
def switch_region(request: AuthedRequest) -> HttpResponse:
    """Region switcher: a province admin picks which of its regions the pages focus on."""
    if request.user.role != "admin_provinsi":
        raise PermissionDenied("Pemilih wilayah kerja hanya untuk Admin Provinsi.")
    region = visible_regions(request.user).filter(code=request.POST.get("region", "")).first()
    if region is None:
        messages.error(request, "Wilayah tersebut di luar kewenangan Anda.")
    else:
        request.session["active_region_code"] = region.code
        messages.info(request, f"Wilayah kerja: {region.name}.")
    back = request.META.get("HTTP_REFERER", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        back = "core:home"
    return redirect(back or "core:home")
