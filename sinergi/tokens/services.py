"""Creating, checking and revoking personal API tokens.

A token carries 256 random bits, so a plain SHA-256 of it is as safe to store as a slow
password hash and costs nothing per request; only the hash is kept, the token is shown once.
"""

import datetime
import hashlib
import hmac
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from sinergi.core.errors import DomainError
from sinergi.tokens.models import ApiToken

PREFIX = "snrg"
MAX_DAYS = 365
MAX_ACTIVE = 10  # per user: a forgotten token is a risk, so a list stays short
LAST_USED_STEP = datetime.timedelta(minutes=5)  # last use is written at most this often


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: Any, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the token text (never stored)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise PermissionDenied("Masuk terlebih dahulu untuk membuat token.")
    name = name.strip()
    if not name:
        raise DomainError("Beri nama token, mis. sistem yang memakainya.")
    if scope not in ApiToken.Scope.values:
        raise DomainError("Cakupan token harus 'baca' atau 'baca_tulis'.")
    if not 1 <= days <= MAX_DAYS:
        raise DomainError(f"Masa berlaku token 1 sampai {MAX_DAYS} hari.")
    if ApiToken.objects.filter(user=user).usable().count() >= MAX_ACTIVE:
        raise DomainError(f"Paling banyak {MAX_ACTIVE} token aktif; cabut yang tidak dipakai.")
    prefix = secrets.token_hex(6)
    text = f"{PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=prefix,
        secret_hash=_digest(text),
        scope=scope,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    return token, text


def token_for(text: str) -> ApiToken | None:
    """The usable token `text` names, or None (unknown, wrong secret, expired, revoked, or its
    user deactivated). Compared in constant time."""
    parts = text.strip().split("_")
    if len(parts) < 3 or parts[0] != PREFIX:
        return None
    token = ApiToken.objects.select_related("user__region").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _digest(text.strip())):
        return None
    if not token.is_usable or not token.user.is_active:
        return None
    _mark_used(token)
    return token


def _mark_used(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_STEP:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


@transaction.atomic
def token_revoke(*, user: Any, token: ApiToken) -> ApiToken:
    if token.user_id != user.pk and not user.is_superuser:
        raise PermissionDenied("Token ini milik pengguna lain.")
    if token.revoked_at is not None:
        raise DomainError("Token ini sudah dicabut.")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token
