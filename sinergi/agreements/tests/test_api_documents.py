"""An agreement's files through the API: listed with their digest, downloaded after the check."""

import hashlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.agreements.services import document_upload
from sinergi.conftest import client_for
from sinergi.tests.files import pdf

pytestmark = pytest.mark.django_db
PDF = pdf("naskah kerja sama")


def test_documents_are_listed_and_downloaded_within_the_region(
    make_agreement: Any, tkksd_samarinda: Any, tkksd_kukar: Any, samarinda: Any, pontianak: Any
) -> None:
    agreement = make_agreement(tkksd_samarinda, samarinda, [pontianak])
    document_upload(
        user=tkksd_samarinda,
        agreement=agreement,
        kind="naskah",
        title="Naskah KB",
        upload=SimpleUploadedFile("kb.pdf", PDF),
    )
    client = client_for(tkksd_samarinda)
    listed = client.get(f"/api/v1/kerja-sama/{agreement.pk}/dokumen").json()
    [item] = listed["items"]
    assert item["sha256"] == hashlib.sha256(PDF).hexdigest()
    url = f"/api/v1/kerja-sama/{agreement.pk}/dokumen/{item['id']}/unduh"
    downloaded = client.get(url)
    assert downloaded.status_code == 200
    assert b"".join(downloaded.streaming_content) == PDF
    assert client_for(tkksd_kukar).get(url).status_code == 404
