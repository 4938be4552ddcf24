"""Answers and recommendations for a known registry contain the expected items."""

import datetime
from typing import Any

import pytest
from django.urls import reverse

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Agreement
from sinergi.conftest import client_for
from sinergi.evaluations.models import Evaluation
from sinergi.recommendations.partners import recommendation
from sinergi.recommendations.questions import answer_question, read_question
from sinergi.recommendations.tests.conftest import TODAY

pytestmark = pytest.mark.django_db

D = datetime.date


def test_a_question_is_read_into_filters() -> None:
    reading = read_question("PKS dengan pihak ketiga yang masih berlaku di Kukar", today=TODAY)
    assert (reading.doc_type, reading.kind, reading.status) == ("pks", "ksdpk", "active")
    assert [r.code for r in reading.regions] == ["64.02"]
    reading = read_question("kerja sama kesehatan Kalimantan Barat tahun depan", today=TODAY)
    assert (reading.affair.code, reading.year) == ("1.02", 2027)  # type: ignore[union-attr]
    assert [r.code for r in reading.regions] == ["61"]


def test_the_issues_question_is_answered_with_its_evidence(
    registry: dict[str, Agreement], province_admin: Any
) -> None:
    answer = answer_question(
        user=province_admin,
        question="kerja sama bidang kesehatan Kaltim yang berakhir tahun ini?",
        today=TODAY,
    )
    assert answer.evidence == [registry["rujukan"]]  # not Pontianak's, not one ending later
    assert answer.total == 1
    assert answer.sentence == (
        "1 kerja sama bidang Kesehatan yang melibatkan Kalimantan Timur dan berakhir pada "
        "2026 dalam kewenangan Anda."
    )
    assert ("Status", "berakhir") in answer.reading.labels


def test_words_left_over_must_appear_in_the_evidence(
    registry: dict[str, Agreement], tkksd_samarinda: Any
) -> None:
    answer = answer_question(
        user=tkksd_samarinda, question="pengelolaan sampah Samarinda", today=TODAY
    )
    assert answer.evidence == [registry["sampah"]]
    assert "memuat “pengelolaan sampah”" in answer.sentence
    nothing = answer_question(user=tkksd_samarinda, question="irigasi sawah", today=TODAY)
    assert nothing.total == 0
    assert nothing.sentence.startswith("Tidak ada kerja sama")


def test_partners_for_a_sector_come_with_reasons(
    registry: dict[str, Agreement],
    province_admin: Any,
    tkksd_samarinda: Any,
    samarinda: Any,
    health: Any,
) -> None:
    Evaluation.objects.create(
        agreement=registry["kampus"],
        year=2025,
        state=Evaluation.State.FINAL,
        category=Evaluation.Category.GOOD,
        total=85,
    )
    result = recommendation(user=province_admin, region=samarinda, affair=health)
    best = result.regions[0]
    assert best.region is not None
    assert best.region.code == "64.02"  # Kutai Kartanegara: two health agreements, one rated
    assert "2 kerja sama berlaku bidang Kesehatan" in best.reasons
    assert "1 kerja sama bidang ini dinilai baik/sangat baik" in best.reasons
    assert "satu provinsi" in best.reasons
    assert "61.71" not in [c.region.code for c in result.regions if c.region]  # not public
    assert [o.name for o in result.organizations] == [
        registry["kampus"].parties.last().organization.name
    ]  # type: ignore[union-attr]


def test_a_free_text_need_is_mapped_to_a_sector(
    registry: dict[str, Agreement], tkksd_samarinda: Any, samarinda: Any
) -> None:
    result = recommendation(
        user=tkksd_samarinda, region=samarinda, need="menurunkan stunting dan gizi buruk balita"
    )
    assert result.affair is not None
    assert result.affair.code == "1.02"
    assert "stunting" in result.affair_reason


def test_pages_and_api(registry: dict[str, Agreement], tkksd_samarinda: Any) -> None:
    client = client_for(tkksd_samarinda)
    page = client.get(reverse("recommendations:ask"), {"q": "pengelolaan sampah"})
    assert registry["sampah"].title in page.content.decode()
    partners = client.get(
        reverse("recommendations:partners"),
        {"region": tkksd_samarinda.region.pk, "affair": Affair.objects.get(code="1.02").pk},
    )
    assert "Kabupaten Kutai Kartanegara" in partners.content.decode()
    empty = client.get(reverse("recommendations:partners"), {"region": tkksd_samarinda.region.pk})
    assert "Pilih urusan atau tuliskan kebutuhannya." in empty.content.decode()
    api = client.get("/api/v1/asisten/tanya", {"q": "pengelolaan sampah"}).json()
    assert [item["id"] for item in api["evidence"]] == [registry["sampah"].pk]
    hits = client.get("/api/v1/asisten/cari", {"q": "sampah"}).json()
    assert hits[0]["id"] == registry["sampah"].pk
    assert hits[0]["reasons"]
    mitra = client.get("/api/v1/asisten/mitra", {"region": "64.72", "affair": "1.02"}).json()
    assert mitra["regions"][0]["region"] == "64.02"
    # Another province's region is out of reach, and so is its agreement.
    assert (
        client.get("/api/v1/asisten/mitra", {"region": "61.71", "affair": "1.02"}).status_code
        == 404
    )
    assert (
        client.get(f"/api/v1/asisten/kerja-sama/{registry['pontianak'].pk}/mirip").status_code
        == 404
    )
    assert (
        client.get(f"/api/v1/asisten/kerja-sama/{registry['rujukan'].pk}/mirip").status_code == 200
    )
