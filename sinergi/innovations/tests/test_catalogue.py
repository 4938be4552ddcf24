"""The catalogue: search by words and by meaning, filters, pages and the export."""

import io
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sinergi.affairs.models import Affair
from sinergi.conftest import client_for
from sinergi.innovations import search, selectors
from sinergi.innovations.models import Innovation
from sinergi.innovations.services import innovation_embed

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(make_innovation: Any, samarinda: Any, kukar: Any, pontianak: Any) -> dict[str, Any]:
    education = Affair.objects.get(code="1.01")
    return {
        "queue": make_innovation(
            samarinda,
            name="Antrean Puskesmas Daring",
            problem="Pasien menunggu berjam-jam untuk berobat di puskesmas.",
            description="Nomor antrean diambil lewat aplikasi ponsel.",
        ),
        "school": make_innovation(
            kukar,
            name="Sekolah Terbuka Pesisir",
            affair=education,
            maturity=Innovation.Maturity.TRIAL,
            problem="Anak nelayan putus sekolah karena ikut melaut.",
            description="Guru kunjung dan modul belajar mandiri di kampung nelayan.",
        ),
        "permits": make_innovation(
            pontianak,
            name="Izin Usaha Sehari Jadi",
            form=Innovation.Form.NON_DIGITAL,
            replicable=False,
            problem="Perizinan usaha kecil memakan waktu berminggu-minggu.",
            description="Loket terpadu memproses izin dalam satu hari kerja.",
        ),
    }


def _names(ids: list[int]) -> list[str]:
    return list(Innovation.objects.filter(pk__in=ids).values_list("name", flat=True))


def test_words_are_found_in_their_stemmed_forms(catalogue: dict[str, Any]) -> None:
    # "pelayanan perizinan" finds "Perizinan usaha"; "antre" finds "Antrean"
    found = search.search(Innovation.objects.all(), "perizinan")
    assert [m.innovation_id for m in found][:1] == [catalogue["permits"].pk]
    assert "perizinan" in found[0].words
    found = search.search(Innovation.objects.all(), "antre berobat")
    assert found[0].innovation_id == catalogue["queue"].pk


def test_a_need_in_other_words_finds_the_innovation_by_meaning(catalogue: dict[str, Any]) -> None:
    for innovation in catalogue.values():
        assert innovation_embed(innovation_id=innovation.pk)
    # Not one word (or stem) in common with the school innovation: only the meaning leads.
    found = search.search(Innovation.objects.all(), "kesulitan pendidikan keluarga penangkap ikan")
    assert found
    assert found[0].innovation_id == catalogue["school"].pk
    assert found[0].meaning_rank == 1
    assert found[0].words == []


def test_without_the_model_word_statistics_rank_the_catalogue(
    catalogue: dict[str, Any], settings: Any
) -> None:
    settings.SINERGI_EMBEDDINGS = "tfidf"
    assert not innovation_embed(innovation_id=catalogue["school"].pk)
    found = search.search(Innovation.objects.all(), "anak-anak nelayan tidak bersekolah")
    assert found[0].innovation_id == catalogue["school"].pk
    assert found[0].meaning_rank == 1


def test_filters_narrow_the_catalogue(catalogue: dict[str, Any], kaltim: Any) -> None:
    everything = Innovation.objects.all()

    def ids(**query: str) -> list[str]:
        return _names(
            selectors.catalogue(everything, selectors.CatalogueFilters.from_query(query))[0]
        )

    assert ids(affair="1.01") == ["Sekolah Terbuka Pesisir"]
    assert sorted(ids(region=kaltim.code)) == [
        "Antrean Puskesmas Daring",
        "Sekolah Terbuka Pesisir",
    ]
    assert ids(maturity="uji_coba") == ["Sekolah Terbuka Pesisir"]
    assert "Izin Usaha Sehari Jadi" not in ids(replicable="1")
    assert ids(form="non_digital") == ["Izin Usaha Sehari Jadi"]


def test_the_page_searches_pages_and_exports(
    catalogue: dict[str, Any], make_innovation: Any, samarinda: Any, tkksd_kukar: Any
) -> None:
    for number in range(25):
        make_innovation(samarinda, name=f"Inovasi Tambahan {number:02d}")
    client = client_for(tkksd_kukar)
    first = client.get(reverse("innovations:list")).content.decode()
    assert "Halaman 1 dari 2" in first
    found = client.get(reverse("innovations:list"), {"q": "perizinan usaha"}).content.decode()
    assert "Izin Usaha Sehari Jadi" in found
    assert "memuat kata" in found
    assert "Inovasi Tambahan" not in found

    response = client.get(reverse("innovations:export", args=["xlsx"]), {"affair": "1.01"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nama inovasi"
    assert [r[0] for r in rows[1:]] == ["Sekolah Terbuka Pesisir"]
    assert rows[1][2] == "64.02"


def test_an_htmx_request_gets_only_the_table(catalogue: dict[str, Any], tkksd_kukar: Any) -> None:
    response = client_for(tkksd_kukar).get(
        reverse("innovations:list"), {"q": "sekolah"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert "Sekolah Terbuka Pesisir" in page
    assert "<form" not in page
