"""The Python example of docs/api.md works against a real server."""

import datetime
import hashlib
import hmac
import importlib.util
import time
from pathlib import Path
from typing import Any

import pytest

from sinergi.tokens.services import token_create

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "sinergi_api.py"


def _example() -> Any:
    spec = importlib.util.spec_from_file_location("sinergi_api_example", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.django_db(transaction=True)
def test_the_documented_client_lists_agreements_page_by_page(
    live_server: Any, make_active_agreement: Any, tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> None:
    for number in range(3):
        make_active_agreement(
            tkksd_samarinda,
            samarinda,
            [kukar],
            title=f"Contoh {number}",
            start_date=datetime.date.today(),
            duration_months=12,
        )
    _token, text = token_create(user=tkksd_samarinda, name="contoh", scope="baca", days=1)
    example = _example()
    found = example.main(live_server.url, text)
    assert sorted(a["title"] for a in found) == ["Contoh 0", "Contoh 1", "Contoh 2"]

    client = example.SinergiClient(live_server.url, text)
    first = client.get("/kerja-sama", page_size=1)
    assert client.get("/kerja-sama", page_size=1) == first  # answered from the 304
    assert first["pages"] == 3


def test_the_documented_signature_check_accepts_ours_and_refuses_a_forgery() -> None:
    example = _example()
    secret, body, stamp = "a" * 64, b'{"event":"kerja_sama.status"}', str(int(time.time()))
    good = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    headers = {"X-Sinergi-Timestamp": stamp, "X-Sinergi-Signature": f"sha256={good}"}
    assert example.webhook_is_genuine(secret, headers, body)
    assert not example.webhook_is_genuine(secret, headers, body + b" ")
    old = {**headers, "X-Sinergi-Timestamp": str(int(time.time()) - 3600)}
    assert not example.webhook_is_genuine(secret, old, body)
