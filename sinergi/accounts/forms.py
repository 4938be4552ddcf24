from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm

from sinergi.accounts.services import login_is_locked, login_record
from sinergi.audit.middleware import client_ip

LOCKED_MESSAGE = (
    "Akun ini dikunci sementara karena terlalu banyak percobaan masuk yang gagal. "
    "Coba lagi dalam {minutes} menit atau hubungi admin."
)


class LoginForm(AuthenticationForm):
    """Django's login form plus lockout: checked before the password, so a locked account
    gives nothing away even when the right password is tried."""

    error_messages = {
        "invalid_login": "Nama pengguna atau kata sandi salah.",
        "inactive": "Akun ini tidak aktif.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Nama pengguna"
        self.fields["password"].label = "Kata sandi"

    def clean(self) -> dict[str, Any]:

        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request) if self.request else None
        if username and login_is_locked(username=username):
            login_record(username=username, ip=ip, succeeded=False)
            raise forms.ValidationError(
                LOCKED_MESSAGE.format(minutes=settings.LOGIN_LOCKOUT_MINUTES), code="locked"
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                login_record(username=username, ip=ip, succeeded=False)
            raise
        login_record(username=username, ip=ip, succeeded=True)
        return cleaned


class ProfileForm(forms.Form):
    first_name = forms.CharField(label="Nama depan", max_length=150, required=False)
    last_name = forms.CharField(label="Nama belakang", max_length=150, required=False)
    email = forms.EmailField(label="Surel", required=False)
    position = forms.CharField(label="Jabatan", max_length=150, required=False)
    phone = forms.RegexField(
        label="Nomor telepon",
        regex=r"^[0-9+\- ]{6,20}$",
        required=False,
        error_messages={"invalid": "Nomor telepon hanya boleh berisi angka, spasi, + dan -."},
    )
