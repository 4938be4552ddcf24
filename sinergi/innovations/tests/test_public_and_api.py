"""The public portal and the API show published innovations only; files go through checks."""

import datetime
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sinergi.conftest import client_for
from sinergi.innovations.models import Innovation, InnovationFile, ReplicationInterest
from sinergi.innovations.tests.factories import draft_payload
from sinergi.tests.files import pdf

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def shelf(make_innovation: Any, samarinda: Any) -> dict[str, Innovation]:
    return {
        "published": make_innovation(samarinda, name="Antrean Daring", contact_unit="Seksi Yankes"),
        "draft": make_innovation(samarinda, name="Rahasia Draf", status=Innovation.Status.DRAFT),
        "withdrawn": make_innovation(
            samarinda, name="Sudah Ditarik", status=Innovation.Status.WITHDRAWN
        ),
    }


def test_the_portal_lists_and_opens_only_published_innovations(
    shelf: dict[str, Innovation],
) -> None:
    visitor = Client()
    listing = visitor.get(reverse("portal:innovations")).content.decode()
    assert "Antrean Daring" in listing
    assert "Rahasia Draf" not in listing
    assert "Sudah Ditarik" not in listing
    page = visitor.get(reverse("portal:innovation", args=[shelf["published"].pk]))
    assert page.status_code == 200
    assert "Seksi Yankes" not in page.content.decode()
    for hidden in ("draft", "withdrawn"):
        assert visitor.get(reverse("portal:innovation", args=[shelf[hidden].pk])).status_code == 404
    searched = visitor.get(reverse("portal:innovations"), {"q": "rahasia"}).content.decode()
    assert "Rahasia Draf" not in searched


def test_the_public_api_answers_without_login_with_published_ones(
    shelf: dict[str, Innovation],
) -> None:
    visitor = Client()
    body = visitor.get("/api/v1/inovasi/publik").json()
    assert [item["name"] for item in body["items"]] == ["Antrean Daring"]
    assert body["items"][0]["region"] == {"code": "64.72", "name": "Kota Samarinda"}
    detail = visitor.get(f"/api/v1/inovasi/publik/{shelf['published'].pk}").json()
    assert detail["contact_unit"] == ""
    assert detail["replicated_in"] == []
    assert visitor.get(f"/api/v1/inovasi/publik/{shelf['draft'].pk}").status_code == 404
    assert visitor.get("/api/v1/inovasi").status_code == 401  # the rest needs a login


def test_the_api_keeps_drafts_in_their_region(
    shelf: dict[str, Innovation], tkksd_samarinda: Any, tkksd_kukar: Any
) -> None:
    own = client_for(tkksd_samarinda).get("/api/v1/inovasi").json()
    assert {i["name"] for i in own["items"]} == {"Antrean Daring", "Rahasia Draf", "Sudah Ditarik"}
    other = client_for(tkksd_kukar)
    assert {i["name"] for i in other.get("/api/v1/inovasi").json()["items"]} == {"Antrean Daring"}
    assert other.get(f"/api/v1/inovasi/{shelf['draft'].pk}").status_code == 404


def test_the_api_runs_the_replication_flow(
    shelf: dict[str, Innovation], tkksd_samarinda: Any, tkksd_kukar: Any, health: Any
) -> None:
    kukar = client_for(tkksd_kukar)
    letter = {
        "region": "64.02",
        "letter_number": "000.7/5",
        "letter_date": datetime.date.today().isoformat(),
        "reason": "Antrean puskesmas.",
    }
    url = f"/api/v1/inovasi/{shelf['published'].pk}/minat"
    created = kukar.post(url, json.dumps(letter), content_type="application/json")
    assert created.status_code == 201, created.content
    interest_id = created.json()["id"]
    assert kukar.post(url, json.dumps(letter), content_type="application/json").status_code == 400

    answer = client_for(tkksd_samarinda).post(
        f"/api/v1/inovasi/minat/{interest_id}/terima", "{}", content_type="application/json"
    )
    assert answer.status_code == 200
    assert answer.json()["status"] == "diterima"
    assert answer.json()["agreement_id"] == ReplicationInterest.objects.get().agreement_id

    draft = draft_payload("64.02", health.code)
    made = kukar.post("/api/v1/inovasi", json.dumps(draft), content_type="application/json")
    assert made.status_code == 201
    assert made.json()["status"] == "draf"
    assert (
        kukar.post(
            "/api/v1/inovasi",
            json.dumps({**draft, "region": "64.72"}),
            content_type="application/json",
        ).status_code
        == 403
    )


def test_files_are_checked_by_content_and_served_after_the_access_check(
    shelf: dict[str, Innovation], tkksd_samarinda: Any, tkksd_kukar: Any
) -> None:
    owner = client_for(tkksd_samarinda)
    published, draft = shelf["published"], shelf["draft"]
    fake = SimpleUploadedFile("layar.png", b"<script>alert(1)</script>", content_type="image/png")
    response = owner.post(
        reverse("innovations:file_upload", args=[published.pk]),
        {"kind": "tangkapan_layar", "file": fake},
        follow=True,
    )
    assert "Jenis berkas tidak didukung" in response.content.decode()
    disguised = SimpleUploadedFile("layar.png", pdf(), content_type="image/png")
    response = owner.post(
        reverse("innovations:file_upload", args=[published.pk]),
        {"kind": "tangkapan_layar", "file": disguised},
        follow=True,
    )
    assert "harus berupa gambar" in response.content.decode()
    assert not InnovationFile.objects.exists()

    for target in (published, draft):
        owner.post(
            reverse("innovations:file_upload", args=[target.pk]),
            {
                "kind": "tangkapan_layar",
                "caption": "Layar",
                "file": SimpleUploadedFile("a.png", PNG),
            },
        )
    shown, hidden = (InnovationFile.objects.get(innovation=i) for i in (published, draft))
    visitor = Client()
    public = visitor.get(reverse("portal:innovation_file", args=[published.pk, shown.pk]))
    assert public.status_code == 200
    assert public["Content-Type"] == "image/png"
    assert (
        visitor.get(reverse("portal:innovation_file", args=[draft.pk, hidden.pk])).status_code
        == 404
    )
    other = client_for(tkksd_kukar)
    assert (
        other.get(reverse("innovations:file_download", args=[draft.pk, hidden.pk])).status_code
        == 404
    )
    assert (
        other.post(reverse("innovations:file_delete", args=[published.pk, shown.pk])).status_code
        == 403
    )
    assert InnovationFile.objects.filter(pk=shown.pk).exists()
