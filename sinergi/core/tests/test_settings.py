import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from sinergi.config.settings import env_bool, env_int

# A server's environment: nothing from the test run that changes Django's behaviour.
SERVER_ENV = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}


def settings_in_subprocess(
    code: str = "print('ok')", **env: str
) -> subprocess.CompletedProcess[str]:
    """Import the settings in a fresh interpreter, as a server start would."""
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**SERVER_ENV, "DJANGO_SETTINGS_MODULE": "sinergi.config.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_bad_boolean_and_integer_values_fail_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "mungkin")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG must be true or false"):
        env_bool("X_FLAG", False)
    monkeypatch.setenv("X_NUMBER", "sepuluh")
    with pytest.raises(ImproperlyConfigured, match="X_NUMBER must be a whole number"):
        env_int("X_NUMBER", 1)


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = settings_in_subprocess(DEBUG="false", SECRET_KEY="", ALLOWED_HOSTS="sinergi.go.id")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_starts_with_the_required_variables() -> None:
    result = settings_in_subprocess(
        DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="sinergi.go.id"
    )
    assert result.stdout.strip() == "ok", result.stderr


def test_a_secret_can_come_from_a_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("from-a-file-" + "y" * 40 + "\n")
    result = settings_in_subprocess(
        "from django.conf import settings; print(settings.SECRET_KEY)",
        SECRET_KEY_FILE=str(secret),
    )
    assert result.stdout.strip() == "from-a-file-" + "y" * 40


def test_production_settings_pass_the_deployment_checklist() -> None:
    result = settings_in_subprocess(
        "from django.core.management import call_command; call_command('check', deploy=True)",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="sinergi.go.id",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_pages_carry_a_strict_content_security_policy(client: Any) -> None:
    policy = client.get("/akun/masuk/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
