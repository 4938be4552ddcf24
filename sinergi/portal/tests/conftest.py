"""A known data set for the portal: what must show and what must never show."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergi.agreements import search
from sinergi.agreements.models import Agreement, Party
from sinergi.agreements.services import (
    agreement_reject,
    agreement_submit,
    agreement_terminate,
    document_upload,
)
from sinergi.tests.files import pdf

D = datetime.date
TODAY = datetime.date.today()

# Strings that exist in the data set but must never appear on a public page or export.
SIGNATORY = "Andi Harun Rahasia"
SIGNATORY_POSITION = "Wali Kota Samarinda Rahasia"
PARTY_NUMBER = "180/777/KSD-RAHASIA/2025"
OWN_NUMBER = "119/888/NOMOR-INDUK/2025"
POWER_OF_ATTORNEY = "SK-KUASA-4242"
STATUS_NOTE = "Catatan internal jangan dipublikasikan"
FILE_TITLE = "Naskah bertanda tangan rahasia"
FILE_NAME = "naskah-rahasia-asli.pdf"
FINANCING = "Dibiayai APBD sebesar Rp 987.654.321"
DPRD_NUMBER = "DPRD-555/2025"
PDF = pdf("naskah")

HIDDEN_TITLES = (
    "Kerja sama tertutup tidak dipublikasikan",
    "Usulan bertanda publik masih dalam proses",
    "Usulan bertanda publik yang ditolak",
    "Kerja sama publik yang sudah dihapus",
)


@dataclass
class PortalData:
    water: Agreement  # public, berlaku, Samarinda–Kukar, with private details filled in
    ended: Agreement  # public, past its end date (still "berlaku" in the table)
    terminated: Agreement  # public, diakhiri with an internal note
    campus: Agreement  # public, Pontianak with a university (another province, KSDPK)
    closed: Agreement  # not public, berlaku
    pipeline: Agreement  # marked public, still usulan
    rejected: Agreement  # marked public, ditolak
    deleted: Agreement  # public, then deleted

    @property
    def public(self) -> list[Agreement]:
        return [self.water, self.ended, self.terminated, self.campus]

    @property
    def hidden(self) -> list[Agreement]:
        return [self.closed, self.pipeline, self.rejected, self.deleted]


@pytest.fixture
def portal_data(
    settings: Any,
    tmp_path: Any,
    make_agreement: Callable[..., Agreement],
    make_active_agreement: Callable[..., Agreement],
    tkksd_samarinda: Any,
    tkksd_pontianak: Any,
    samarinda: Any,
    kukar: Any,
    pontianak: Any,
    university: Any,
) -> PortalData:
    settings.MEDIA_ROOT = tmp_path
    user = tkksd_samarinda
    water = make_active_agreement(
        user,
        samarinda,
        [kukar],
        title="Penyediaan air minum lintas batas",
        number=OWN_NUMBER,
        purpose="Menjamin pelayanan air minum warga perbatasan.",
        scope="Jaringan pipa dan instalasi pengolahan.",
        financing=FINANCING,
        start_date=D(2025, 3, 1),
        duration_months=60,
        is_public=True,
    )
    Party.objects.filter(agreement=water, region=samarinda).update(
        signatory_name=SIGNATORY,
        signatory_position=SIGNATORY_POSITION,
        document_number=PARTY_NUMBER,
        under_power_of_attorney=True,
        power_of_attorney_number=POWER_OF_ATTORNEY,
    )
    Agreement.objects.filter(pk=water.pk).update(
        status_note=STATUS_NOTE, dprd_approval_number=DPRD_NUMBER
    )
    search.index(water)  # the party's document number is now in the search text
    upload = SimpleUploadedFile(FILE_NAME, PDF, content_type="application/pdf")
    document_upload(user=user, agreement=water, kind="naskah", title=FILE_TITLE, upload=upload)

    ended = make_active_agreement(
        user,
        samarinda,
        [kukar],
        title="Pengelolaan sampah regional yang telah selesai",
        start_date=D(2022, 1, 1),
        end_date=TODAY - datetime.timedelta(days=1),
        signed_on=D(2022, 1, 1),
        is_public=True,
    )
    terminated = make_active_agreement(
        user,
        samarinda,
        [kukar],
        doc_type="pks",
        title="Transportasi sungai antardaerah",
        start_date=D(2024, 6, 1),
        duration_months=48,
        is_public=True,
    )
    terminated = agreement_terminate(
        user=user, agreement=terminated, reason="keadaan_kahar", note=STATUS_NOTE
    )
    campus = make_active_agreement(
        tkksd_pontianak,
        pontianak,
        [university],
        title="Beasiswa mahasiswa daerah",
        start_date=D(2025, 8, 1),
        duration_months=36,
        is_public=True,
    )
    closed = make_active_agreement(
        user,
        samarinda,
        [kukar],
        title=HIDDEN_TITLES[0],
        start_date=D(2025, 1, 1),
        duration_months=24,
    )
    pipeline = make_agreement(user, samarinda, [kukar], title=HIDDEN_TITLES[1], is_public=True)
    rejected = make_agreement(user, samarinda, [kukar], title=HIDDEN_TITLES[2], is_public=True)
    rejected = agreement_submit(user=user, agreement=rejected)
    rejected = agreement_reject(user=user, agreement=rejected, note="Tidak memenuhi syarat")
    deleted = make_active_agreement(
        user,
        samarinda,
        [kukar],
        title=HIDDEN_TITLES[3],
        start_date=D(2025, 1, 1),
        duration_months=24,
        is_public=True,
    )
    deleted.mark_deleted(by=user)
    deleted.save()
    return PortalData(water, ended, terminated, campus, closed, pipeline, rejected, deleted)


def edit_form_data(agreement: Agreement, **changes: Any) -> dict[str, Any]:
    """The edit form of `agreement` as the browser would post it unchanged, plus `changes`."""
    from sinergi.agreements.forms import agreement_initial, party_initial

    data: dict[str, Any] = {
        "pihak-TOTAL_FORMS": "4",
        "pihak-INITIAL_FORMS": "0",
        "pihak-MIN_NUM_FORMS": "4",
        "pihak-MAX_NUM_FORMS": "12",
    }
    for name, value in agreement_initial(agreement).items():
        if value not in (None, False, "", []):
            data[name] = _posted(value)
    for i, party in enumerate(party_initial(agreement, None)):
        for name, value in party.items():
            if value not in (None, False, "", []):
                data[f"pihak-{i}-{name}"] = _posted(value)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _posted(value: Any) -> Any:
    if isinstance(value, list):
        return [v.pk for v in value]
    if value is True:
        return "on"
    return value.pk if hasattr(value, "pk") else value


def publish(user: Any, agreement: Agreement) -> None:
    """Mark `agreement` public through the edit page, as its region's TKKSD does."""
    from django.urls import reverse

    from sinergi.conftest import client_for

    url = reverse("agreements:edit", args=[agreement.pk])
    response = client_for(user).post(url, edit_form_data(agreement, is_public="on"))
    assert response.status_code == 302, response.content.decode()[:2000]
