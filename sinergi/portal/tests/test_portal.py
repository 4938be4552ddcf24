"""The public portal shows public agreements to anyone, and nothing else."""

import csv
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from sinergi.agreements.models import Agreement, Milestone
from sinergi.conftest import client_for
from sinergi.portal import views
from sinergi.portal.selectors import portal_statistics, public_agreements
from sinergi.portal.tests.conftest import (
    DPRD_NUMBER,
    FILE_NAME,
    FILE_TITLE,
    FINANCING,
    HIDDEN_TITLES,
    OWN_NUMBER,
    PARTY_NUMBER,
    POWER_OF_ATTORNEY,
    SIGNATORY,
    SIGNATORY_POSITION,
    STATUS_NOTE,
    PortalData,
    publish,
)

PRIVATE = (
    SIGNATORY,
    SIGNATORY_POSITION,
    PARTY_NUMBER,
    OWN_NUMBER,
    POWER_OF_ATTORNEY,
    STATUS_NOTE,
    FILE_TITLE,
    FILE_NAME,
    FINANCING,
    DPRD_NUMBER,
    "Tidak memenuhi syarat",  # the rejection note
    "surat kuasa",
    "SHA-256",
    "Riwayat perubahan",
    "Linimasa",
)


def get(url: str, client: Client | None = None, **params: Any) -> Any:
    return (client or Client()).get(url, params)


def text(url: str, client: Client | None = None, **params: Any) -> str:
    response = get(url, client, **params)
    assert response.status_code == 200, url
    return str(response.content.decode())


def titles_in_list(**params: Any) -> set[str]:
    html = text(reverse("portal:list"), **params)
    return {t for t in ALL_TITLES if t in html}


ALL_TITLES = (
    "Penyediaan air minum lintas batas",
    "Pengelolaan sampah regional yang telah selesai",
    "Transportasi sungai antardaerah",
    "Beasiswa mahasiswa daerah",
    *HIDDEN_TITLES,
)
WATER, ENDED, TERMINATED, CAMPUS = ALL_TITLES[:4]


def every_public_url(data: PortalData) -> list[str]:
    return [
        reverse("portal:index"),
        reverse("portal:list"),
        reverse("portal:list") + "?q=kerja+sama",
        *(reverse("portal:detail", args=[a.pk]) for a in data.public),
        reverse("portal:region", args=["64.72"]),
        reverse("portal:region", args=["64.02"]),
        reverse("portal:region", args=["64"]),
        reverse("portal:region", args=["61.71"]),
        reverse("portal:export", args=["csv"]),
        reverse("portal:map"),
        reverse("portal:map_data"),
    ]


def test_anonymous_visitors_open_every_portal_page(portal_data: PortalData) -> None:
    for url in every_public_url(portal_data):
        assert get(url).status_code == 200, url


def test_no_page_search_or_export_shows_an_agreement_that_is_not_public(
    portal_data: PortalData,
) -> None:
    for url in every_public_url(portal_data):
        html = text(url)
        for title in HIDDEN_TITLES:
            assert title not in html, (url, title)
    for words in ("tertutup", "usulan bertanda publik", "dihapus", "kerja sama"):
        assert titles_in_list(q=words).isdisjoint(HIDDEN_TITLES), words


def test_the_list_shows_every_public_agreement(portal_data: PortalData) -> None:
    assert titles_in_list() == {WATER, ENDED, TERMINATED, CAMPUS}


@pytest.mark.parametrize("which", ["closed", "pipeline", "rejected", "deleted"])
def test_an_agreement_that_is_not_public_has_no_public_page(
    portal_data: PortalData, which: str
) -> None:
    agreement = getattr(portal_data, which)
    assert get(reverse("portal:detail", args=[agreement.pk])).status_code == 404


def test_no_page_or_export_shows_signatories_numbers_notes_files_or_budgets(
    portal_data: PortalData,
) -> None:
    milestones = list(Milestone.objects.filter(agreement=portal_data.water).values_list("name"))
    assert milestones  # the lifecycle opened SOP milestones: they must stay internal
    urls = [*every_public_url(portal_data), reverse("portal:export", args=["xlsx"])]
    for url in urls:
        response = get(url)
        xlsx = url.endswith("xlsx")
        body = _xlsx_text(response.content) if xlsx else response.content.decode()
        for secret in PRIVATE:
            assert secret not in body, (url, secret)
        for (name,) in milestones:
            assert name not in body, (url, name)


def test_the_detail_page_shows_the_public_facts(portal_data: PortalData) -> None:
    html = text(reverse("portal:detail", args=[portal_data.water.pk]))
    for fact in (
        WATER,
        "Kesepakatan Bersama (KB)",
        "KSDD — dengan daerah lain",
        "Kota Samarinda",
        "Kabupaten Kutai Kartanegara",
        "Kesehatan",
        "01 Maret 2025",
        "Menjamin pelayanan air minum warga perbatasan.",
        "Jaringan pipa dan instalasi pengolahan.",
        "Berlaku",
    ):
        assert fact in html, fact
    campus = text(reverse("portal:detail", args=[portal_data.campus.pk]))
    assert "Universitas Mulawarman" in campus
    assert "Perguruan tinggi" in campus


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("pelayanan air minum", {WATER}),  # stemmed: the purpose says "pelayanan air minum"
        ("layanan air", {WATER}),
        ("Kutai Kartanegara", {WATER, ENDED, TERMINATED}),  # a party's name
        ("mulawarman", {CAMPUS}),
        ("sampah beasiswa", set()),  # every word must match
    ],
)
def test_search_understands_indonesian_word_forms(
    portal_data: PortalData, query: str, found: set[str]
) -> None:
    assert titles_in_list(q=query) == found


@pytest.mark.parametrize("number", [PARTY_NUMBER, OWN_NUMBER])
def test_the_search_does_not_look_up_document_numbers(portal_data: PortalData, number: str) -> None:
    # Inside Sinergi a number finds its agreement; publicly the numbers are not revealed.
    html = text(reverse("portal:list"), q=number)
    assert WATER not in html
    assert "nomor dokumen tidak dicari" in html


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"region": "64.02"}, {WATER, ENDED, TERMINATED}),  # Kukar is a party
        ({"region": "61.71"}, {CAMPUS}),
        ({"region": "64"}, set()),  # the province itself is no party
        ({"kind": "ksdpk"}, {CAMPUS}),
        ({"doc_type": "pks"}, {TERMINATED}),
        ({"status": "berlaku"}, {WATER, CAMPUS}),
        ({"status": "berakhir"}, {ENDED}),  # past its end date, before the daily job
        ({"status": "diakhiri"}, {TERMINATED}),
        ({"year": "2022"}, {ENDED}),
        ({"year": "2025", "region": "64.72"}, {WATER}),
        ({"affair": "1.02"}, {WATER, ENDED, TERMINATED, CAMPUS}),
        ({"affair": "1.01"}, set()),
        ({"year": "abc", "status": "usulan"}, {WATER, ENDED, TERMINATED, CAMPUS}),  # ignored
    ],
)
def test_the_list_filters(portal_data: PortalData, params: dict[str, str], found: set[str]) -> None:
    assert titles_in_list(**params) == found


def test_the_list_is_paginated_and_pages_keep_the_filters(
    portal_data: PortalData, monkeypatch: Any
) -> None:
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    first = text(reverse("portal:list"), region="64.02")
    assert "Halaman 1 dari 2 (3 kerja sama)" in first
    assert "?region=64.02&amp;halaman=2" in first
    second = text(reverse("portal:list"), region="64.02", halaman="2")
    assert "Halaman 2 dari 2" in second
    assert len({t for t in ALL_TITLES if t in first} | {t for t in ALL_TITLES if t in second}) == 3


def test_the_csv_export_has_the_filtered_public_agreements(portal_data: PortalData) -> None:
    response = get(reverse("portal:export", args=["csv"]))
    assert response["Content-Disposition"] == 'attachment; filename="kerja-sama-publik.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Judul", "Jenis dokumen", "Jenis kerja sama"]
    assert {row[0] for row in rows[1:]} == {WATER, ENDED, TERMINATED, CAMPUS}
    water = next(row for row in rows if row[0] == WATER)
    assert water[3] == "Kota Samarinda; Kabupaten Kutai Kartanegara"
    assert water[6] == "Berlaku"
    filtered = get(reverse("portal:export", args=["csv"]), region="61.71").content.decode()
    assert [row[0] for row in csv.reader(io.StringIO(filtered))][1:] == [CAMPUS]


def test_the_xlsx_export_reads_back(portal_data: PortalData) -> None:
    content = get(reverse("portal:export", args=["xlsx"]), status="berakhir").content
    sheet = load_workbook(io.BytesIO(content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [ENDED]


def _xlsx_text(content: bytes) -> str:
    sheet = load_workbook(io.BytesIO(content)).active
    return "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row)


def test_the_statistics_count_public_agreements_only(portal_data: PortalData) -> None:
    stats = portal_statistics(public_agreements())
    as_dict = {name: {t.key: t.count for t in stats[name]} for name in stats if name != "total"}
    assert stats["total"] == 4
    assert as_dict["kinds"] == {"ksdd": 3, "ksdpk": 1}
    assert as_dict["doc_types"] == {"kb": 3, "pks": 1}  # KB and PKS apart
    assert as_dict["statuses"] == {"berlaku": 2, "berakhir": 1, "diakhiri": 1}
    assert as_dict["years"] == {"2025": 2, "2024": 1, "2022": 1}
    assert as_dict["affairs"] == {"1.02": 4}


def test_the_home_page_numbers_link_to_their_lists(portal_data: PortalData) -> None:
    html = text(reverse("portal:index"))
    list_url = reverse("portal:list")
    assert '<span class="stat">4</span>' in html
    assert f'href="{list_url}?status=berakhir">1</a>' in html
    assert f'href="{list_url}?doc_type=kb">3</a>' in html
    assert f'href="{list_url}?year=2025">2</a>' in html
    assert f'href="{list_url}?region=64.02">3</a>' in html


def test_the_region_page_counts_its_public_agreements(portal_data: PortalData) -> None:
    kukar = text(reverse("portal:region", args=["64.02"]))
    assert '<span class="stat">3</span>' in kukar
    assert {t for t in ALL_TITLES if t in kukar} == {WATER, ENDED, TERMINATED}
    province = text(reverse("portal:region", args=["64"]))
    assert "Kabupaten/kota di Kalimantan Timur" in province
    assert reverse("portal:region", args=["64.72"]) in province
    assert get(reverse("portal:region", args=["99"])).status_code == 404
    empty = text(reverse("portal:region", args=["61.12"]))
    assert '<span class="stat">0</span>' in empty


def test_posting_to_the_portal_is_refused(portal_data: PortalData) -> None:
    for url in every_public_url(portal_data):
        assert Client().post(url).status_code == 405, url


def test_anonymous_responses_are_publicly_cacheable_and_vary_on_the_cookie(
    portal_data: PortalData,
) -> None:
    response = get(reverse("portal:list"))
    assert response["Cache-Control"] == "public, max-age=300"
    assert "Cookie" in response["Vary"]
    assert not response.cookies  # no session, no CSRF cookie


def test_signed_in_users_get_the_same_page_but_never_a_shared_cacheable_one(
    portal_data: PortalData, tkksd_samarinda: Any
) -> None:
    client = client_for(tkksd_samarinda)
    response = get(reverse("portal:index"), client)
    assert response.status_code == 200
    assert "public" not in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    html = response.content.decode()
    assert tkksd_samarinda.username not in html  # no per-user content on a portal page
    assert "Keluar" not in html
    assert 'href="/akun/masuk/"' in html


def test_a_cached_page_is_served_without_rendering_again(
    portal_data: PortalData, django_assert_max_num_queries: Any
) -> None:
    url = reverse("portal:list") + "?q=air"
    first = get(url).content
    with django_assert_max_num_queries(1):  # only the data version
        assert get(url).content == first


def test_a_newly_published_or_edited_agreement_appears_at_once(
    portal_data: PortalData, tkksd_samarinda: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assert titles_in_list() == {WATER, ENDED, TERMINATED, CAMPUS}  # now cached
    home = text(reverse("portal:index"))
    assert '<span class="stat">4</span>' in home

    with django_capture_on_commit_callbacks(execute=True):  # the version rises on commit
        publish(tkksd_samarinda, portal_data.closed)
    assert HIDDEN_TITLES[0] in titles_in_list()
    assert '<span class="stat">5</span>' in text(reverse("portal:index"))

    Agreement.objects.filter(pk=portal_data.water.pk).update(title="Air minum berganti judul")
    with django_capture_on_commit_callbacks(execute=True):  # the save raises the version
        Agreement.objects.get(pk=portal_data.water.pk).save()
    assert "Air minum berganti judul" in text(reverse("portal:list"))


def test_the_landing_page_links_to_the_portal(db: Any) -> None:
    html = text("/")
    assert f'href="{reverse("portal:index")}"' in html
    assert "Lihat kerja sama yang dipublikasikan" in html


def test_publishing_through_the_form_keeps_the_signing_date(
    portal_data: PortalData, tkksd_samarinda: Any
) -> None:
    before = Agreement.objects.get(pk=portal_data.closed.pk)
    publish(tkksd_samarinda, portal_data.closed)
    after = Agreement.objects.get(pk=portal_data.closed.pk)
    assert after.is_public
    assert (after.signed_on, after.signed_place) == (before.signed_on, before.signed_place)
