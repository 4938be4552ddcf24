"""Semantic search, similar agreements and the vectors behind them, on a known registry."""

from typing import Any

import pytest
from django.urls import reverse

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Agreement
from sinergi.conftest import client_for
from sinergi.embeddings.models import AgreementVector
from sinergi.embeddings.search import hybrid_search, similar_agreements
from sinergi.embeddings.services import embed_pending, pending

pytestmark = pytest.mark.django_db

TITLES = {
    "rujukan": ("Pelayanan rujukan pasien antar rumah sakit daerah", "1.02"),
    "sampah": ("Pengelolaan sampah regional di tempat pemrosesan akhir bersama", "2.11"),
    "air": ("Penyediaan air minum curah bagi kawasan permukiman", "1.03"),
    "beasiswa": ("Beasiswa pendidikan tinggi bagi putra daerah", "1.01"),
    "wisata": ("Promosi destinasi wisata sungai Mahakam", "3.26"),
}


@pytest.fixture
def registry(
    make_agreement: Any, tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> dict[str, Agreement]:
    made = {}
    for key, (title, code) in TITLES.items():
        made[key] = make_agreement(
            tkksd_samarinda,
            samarinda,
            [kukar],
            title=title,
            primary_affair=Affair.objects.get(code=code),
        )
    return made


@pytest.fixture
def pontianak_agreement(
    make_agreement: Any, tkksd_pontianak: Any, pontianak: Any, region: Any
) -> Agreement:
    return make_agreement(
        tkksd_pontianak,
        pontianak,
        [region("61.12")],
        title="Pelayanan rujukan pasien rumah sakit Pontianak dan Kubu Raya",
    )


@pytest.mark.parametrize("engine", ["e5", "tfidf"])
def test_search_by_meaning_finds_the_agreement_and_says_why(
    settings: Any, registry: dict[str, Agreement], tkksd_samarinda: Any, engine: str
) -> None:
    settings.SINERGI_EMBEDDINGS = engine
    embed_pending()
    # No agreement contains "berobat" or "puskesmas": the meaning has to carry the query.
    hits = hybrid_search(user=tkksd_samarinda, text="warga berobat dirujuk ke rumah sakit")
    assert hits[0].agreement == registry["rujukan"]
    assert any(reason.startswith("makna mirip") for reason in hits[0].reasons)
    assert "memuat kata: dirujuk, rumah, sakit" in hits[0].reasons  # dirujuk → rujuk(an)
    words = hybrid_search(user=tkksd_samarinda, text="sampah")
    assert words[0].agreement == registry["sampah"]


def test_e5_understands_what_words_do_not_share(
    registry: dict[str, Agreement], tkksd_samarinda: Any
) -> None:
    embed_pending()
    hits = hybrid_search(user=tkksd_samarinda, text="kuliah gratis untuk anak muda")
    assert hits[0].agreement == registry["beasiswa"]
    assert hits[0].words == []  # found by meaning alone


def test_search_stays_within_the_users_regions(
    registry: dict[str, Agreement],
    pontianak_agreement: Agreement,
    tkksd_samarinda: Any,
    tkksd_pontianak: Any,
) -> None:
    embed_pending()
    samarinda_hits = hybrid_search(user=tkksd_samarinda, text="rujukan pasien rumah sakit")
    assert pontianak_agreement not in [hit.agreement for hit in samarinda_hits]
    pontianak_hits = hybrid_search(user=tkksd_pontianak, text="rujukan pasien rumah sakit")
    assert [hit.agreement for hit in pontianak_hits] == [pontianak_agreement]


def test_similar_agreements_with_reasons(
    registry: dict[str, Agreement],
    pontianak_agreement: Agreement,
    tkksd_samarinda: Any,
    superuser: Any,
) -> None:
    embed_pending()
    similar = similar_agreements(user=superuser, agreement=pontianak_agreement)
    assert similar[0].agreement == registry["rujukan"]
    assert "urusan sama: Kesehatan" in similar[0].reasons
    # A Samarinda officer sees nothing of Pontianak's, and finds it similar to nothing.
    own = similar_agreements(user=tkksd_samarinda, agreement=registry["rujukan"])
    assert pontianak_agreement not in [item.agreement for item in own]


def test_changed_agreements_are_embedded_again(registry: dict[str, Agreement]) -> None:
    assert pending().count() == len(TITLES)
    assert embed_pending() == len(TITLES)
    assert pending().count() == 0
    vector = AgreementVector.objects.get(agreement=registry["air"])
    assert len(bytes(vector.vector)) == 384 * 2  # float16
    Agreement.objects.filter(pk=registry["air"].pk).update(title="Penyediaan air baku")
    from django.utils import timezone

    Agreement.objects.filter(pk=registry["air"].pk).update(updated_at=timezone.now())
    assert list(pending()) == [registry["air"]]


def test_the_search_page_and_the_similar_block(
    registry: dict[str, Agreement], tkksd_samarinda: Any, tkksd_pontianak: Any
) -> None:
    embed_pending()
    client = client_for(tkksd_samarinda)
    page = client.get(reverse("embeddings:search"), {"q": "pengelolaan sampah bersama"})
    assert registry["sampah"].title in page.content.decode()
    assert "Alasan: makna mirip" in page.content.decode()
    partial = client.get(
        reverse("embeddings:search"), {"q": "sampah"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in partial.content.decode()
    similar = client.get(reverse("embeddings:similar", args=[registry["rujukan"].pk]))
    assert similar.status_code == 200
    other = client_for(tkksd_pontianak)
    assert (
        other.get(reverse("embeddings:similar", args=[registry["rujukan"].pk])).status_code == 404
    )
    assert (
        registry["sampah"].title
        not in other.get(reverse("embeddings:search"), {"q": "sampah"}).content.decode()
    )
