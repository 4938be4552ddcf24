import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from sinergi.accounts.models import LoginAttempt
from sinergi.tests.factories import PASSWORD


def login(client: Client, username: str, password: str) -> Any:
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_a_user_logs_in_and_lands_on_the_home_page(tkksd_samarinda: Any) -> None:
    client = Client()
    response = login(client, "tkksd.samarinda", PASSWORD)
    assert response.status_code == 302
    home = client.get(response["Location"]).content.decode()
    assert "Beranda" in home
    assert "Kota Samarinda (64.72)" in home


def test_a_wrong_password_gets_an_indonesian_message(tkksd_samarinda: Any) -> None:
    response = login(Client(), "tkksd.samarinda", "salah")
    assert "Nama pengguna atau kata sandi salah." in response.content.decode()


def test_the_account_locks_after_five_failures_even_for_the_right_password(
    tkksd_samarinda: Any,
) -> None:
    client = Client()
    for _ in range(5):
        login(client, "tkksd.samarinda", "salah")
    response = login(client, "tkksd.samarinda", PASSWORD)
    assert response.status_code == 200
    assert "dikunci sementara" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_ends_after_the_lockout_window(tkksd_samarinda: Any) -> None:
    for _ in range(5):
        login(Client(), "tkksd.samarinda", "salah")
    LoginAttempt.objects.update(at=LoginAttempt.objects.first().at - timedelta(minutes=16))
    assert login(Client(), "tkksd.samarinda", PASSWORD).status_code == 302


def test_a_success_resets_the_failure_count(tkksd_samarinda: Any) -> None:
    for _ in range(4):
        login(Client(), "tkksd.samarinda", "salah")
    assert login(Client(), "tkksd.samarinda", PASSWORD).status_code == 302
    for _ in range(4):
        login(Client(), "tkksd.samarinda", "salah")
    assert login(Client(), "tkksd.samarinda", PASSWORD).status_code == 302


def test_password_reset_by_email_sets_a_new_password(tkksd_samarinda: Any) -> None:
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": tkksd_samarinda.email})
    assert len(mail.outbox) == 1
    assert "Atur ulang kata sandi" in mail.outbox[0].subject
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body)
    assert link is not None
    form_url = client.get(link.group(1)).url  # Django swaps the token for a session marker
    new_password = "Pesut-Mahakam-2026"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    assert login(Client(), "tkksd.samarinda", new_password).status_code == 302


def test_a_reset_for_an_unknown_email_reveals_nothing(reference_data: None) -> None:
    response = Client().post(reverse("accounts:password_reset"), {"email": "tidak@ada.go.id"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0


def test_sessions_expire_after_idle_time(settings: Any) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


@pytest.mark.parametrize("method", ["get", "post"])
def test_logout_only_by_post(tkksd_samarinda: Any, method: str) -> None:
    client = Client()
    client.login(username="tkksd.samarinda", password=PASSWORD)
    response = getattr(client, method)(reverse("accounts:logout"))
    assert response.status_code == (405 if method == "get" else 302)
