"""Requests refused before any view: NUL characters (PostgreSQL text cannot hold them)."""

from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def test_a_nul_character_is_refused_before_it_reaches_the_database(tkksd_kukar: Any) -> None:
    from sinergi.conftest import client_for

    client = client_for(tkksd_kukar)
    api = client.get("/api/v1/spm/indeks", {"region": "\x00a}", "year": 2047})
    assert api.status_code == 400
    assert api.json()["code"] == "invalid_input"
    body = client.post("/api/v1/inovasi", '{"name": "a\\u0000"}', content_type="application/json")
    assert body.status_code == 400
    page = client.get("/kerja-sama/", {"q": "x\x00"})
    assert page.status_code == 400
    assert client.get("/kerja-sama/", {"q": "x"}).status_code == 200
