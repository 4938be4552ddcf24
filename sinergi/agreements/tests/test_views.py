import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from sinergi.agreements.models import Agreement, Organization, Status
from sinergi.agreements.services import agreement_submit
from sinergi.regions.models import Region
from sinergi.tests.factories import PASSWORD
from sinergi.tests.files import pdf

D = datetime.date


def client_for(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def birth_records(
    make_agreement: Callable[..., Agreement], tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> Agreement:
    return make_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        number="180/01/KS/2025",
        title="Layanan akta kelahiran bagi warga perbatasan kota",
        start_date=D(2025, 1, 1),
        duration_months=36,
    )


@pytest.fixture
def pontianak_waste(
    make_agreement: Callable[..., Agreement], tkksd_pontianak: Any, pontianak: Any, region: Any
) -> Agreement:
    return make_agreement(
        tkksd_pontianak, pontianak, [region("61.12")], title="Pengelolaan sampah regional"
    )


def list_page(client: Client, **params: Any) -> str:
    return client.get(reverse("agreements:list"), params).content.decode()


def test_the_list_shows_only_agreements_of_the_users_regions(
    tkksd_samarinda: Any,
    tkksd_kukar: Any,
    tkksd_pontianak: Any,
    birth_records: Agreement,
    pontianak_waste: Agreement,
) -> None:
    assert birth_records.title in list_page(client_for(tkksd_samarinda))
    assert pontianak_waste.title not in list_page(client_for(tkksd_samarinda))
    assert birth_records.title in list_page(client_for(tkksd_kukar))  # Kukar is a party
    assert birth_records.title not in list_page(client_for(tkksd_pontianak))
    url = reverse("agreements:detail", args=[birth_records.pk])
    assert client_for(tkksd_pontianak).get(url).status_code == 404


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("pelayanan kelahiran", True),  # stemming: pelayanan ~ layanan, kelahiran ~ lahir
        ("melahirkan", True),
        ("Kutai Kartanegara", True),  # a party's name
        ("180/01/KS/2025", True),  # the document number
        ("pelayanan sampah", False),  # every word must match
    ],
)
def test_search_understands_indonesian_word_forms(
    tkksd_samarinda: Any, birth_records: Agreement, query: str, found: bool
) -> None:
    assert (birth_records.title in list_page(client_for(tkksd_samarinda), q=query)) == found


def test_filters_narrow_the_list(
    tkksd_samarinda: Any,
    birth_records: Agreement,
    make_agreement: Callable[..., Agreement],
    samarinda: Any,
    university: Any,
) -> None:
    campus = make_agreement(
        tkksd_samarinda,
        samarinda,
        [university],
        title="Beasiswa mahasiswa kedokteran",
        doc_type="mou",
    )
    client = client_for(tkksd_samarinda)
    ksdpk = list_page(client, kind="ksdpk")
    assert campus.title in ksdpk
    assert birth_records.title not in ksdpk
    assert birth_records.title in list_page(client, doc_type="kb")
    assert campus.title not in list_page(client, doc_type="kb")
    assert campus.title in list_page(client, party="mulawarman")
    assert birth_records.title in list_page(client, region="64.02")
    agreement_submit(user=tkksd_samarinda, agreement=campus)
    reviewing = list_page(client, status="pembahasan_tkksd")
    assert campus.title in reviewing
    assert birth_records.title not in reviewing


def test_an_organisation_link_finds_that_organisation_only(
    tkksd_samarinda: Any,
    make_agreement: Callable[..., Agreement],
    samarinda: Any,
    university: Any,
) -> None:
    """Dashboards and the map link a third party by id: a name would also match longer ones."""
    namesake = Organization.objects.create(
        name=f"{university.name} Fakultas Teknik", kind=university.kind
    )
    ours = make_agreement(tkksd_samarinda, samarinda, [university], title="Beasiswa kedokteran")
    theirs = make_agreement(tkksd_samarinda, samarinda, [namesake], title="Laboratorium teknik")
    client = client_for(tkksd_samarinda)
    page = list_page(client, organization=str(university.pk))
    assert ours.title in page
    assert theirs.title not in page
    assert f'<input type="hidden" name="organization" value="{university.pk}">' in page
    by_name = list_page(client, party=university.name)
    assert ours.title in by_name
    assert theirs.title in by_name
    api = client.get("/api/v1/kerja-sama", {"organization": university.pk}).json()
    assert [item["id"] for item in api["items"]] == [ours.pk]


def test_framework_documents_and_pks_are_counted_apart(
    tkksd_samarinda: Any,
    birth_records: Agreement,
    make_agreement: Callable[..., Agreement],
    samarinda: Any,
    kukar: Any,
) -> None:
    for unit in ("Dinas Kesehatan", "Disdukcapil"):
        make_agreement(
            tkksd_samarinda,
            samarinda,
            [kukar],
            doc_type="pks",
            parent=birth_records,
            title=f"PKS {unit}",
        )
    page = list_page(client_for(tkksd_samarinda))
    assert "Dokumen kerangka (KB/Nota Kesepakatan/MoU): <strong>1</strong>" in page
    assert "PKS: <strong>2</strong>" in page
    assert birth_records.children.count() == 2


def test_the_export_contains_the_filtered_rows(
    tkksd_samarinda: Any,
    birth_records: Agreement,
    make_agreement: Callable[..., Agreement],
    samarinda: Any,
    university: Any,
) -> None:
    make_agreement(tkksd_samarinda, samarinda, [university], title="Beasiswa", doc_type="mou")
    response = client_for(tkksd_samarinda).get(
        reverse("agreements:export", args=["xlsx"]), {"doc_type": "kb"}
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("nomor", "jenis_dokumen", "jenis_kerja_sama", "judul")
    assert len(rows) == 2
    number, doc_type, _kind, title, _, owner, parties, affair, status = rows[1][:9]
    assert (number, title, owner, affair) == (
        "180/01/KS/2025",
        birth_records.title,
        "64.72",
        "1.02",
    )
    assert doc_type == "Kesepakatan Bersama (KB)"
    assert parties == "Kota Samarinda; Kabupaten Kutai Kartanegara"
    assert status == "Usulan"
    csv_text = (
        client_for(tkksd_samarinda).get(reverse("agreements:export", args=["csv"])).content.decode()
    )
    assert "Beasiswa" in csv_text
    assert birth_records.title in csv_text


def form_data(samarinda: Any, kukar: Any, health: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "owner_region": samarinda.pk,
        "doc_type": "kb",
        "title": "Kerja sama air minum",
        "primary_affair": health.pk,
        "start_date": "2026-01-01",
        "duration_months": "24",
        "budgeted": "on",
        "pihak-TOTAL_FORMS": "4",
        "pihak-INITIAL_FORMS": "0",
        "pihak-MIN_NUM_FORMS": "4",
        "pihak-MAX_NUM_FORMS": "12",
        "pihak-0-region": samarinda.pk,
        "pihak-1-region": kukar.pk,
    }
    data.update(overrides)
    return data


def test_creating_through_the_form_derives_kind_and_dates(
    tkksd_samarinda: Any, samarinda: Any, kukar: Any, health: Any
) -> None:
    response = client_for(tkksd_samarinda).post(
        reverse("agreements:create"), form_data(samarinda, kukar, health)
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get(title="Kerja sama air minum")
    assert (agreement.kind, agreement.ksdd_category) == ("ksdd", "sukarela")
    assert agreement.end_date == D(2027, 12, 31)
    assert agreement.status == Status.PROPOSED
    assert [str(p) for p in agreement.parties.all()] == [
        "Kota Samarinda",
        "Kabupaten Kutai Kartanegara",
    ]


def test_form_errors_are_explained_and_nothing_is_saved(
    tkksd_samarinda: Any, samarinda: Any, kukar: Any, health: Any
) -> None:
    client = client_for(tkksd_samarinda)
    response = client.post(
        reverse("agreements:create"),
        form_data(samarinda, kukar, health, end_date="2025-12-31", duration_months=""),
    )
    assert "Tanggal berakhir tidak boleh sebelum tanggal mulai." in response.content.decode()
    response = client.post(
        reverse("agreements:create"), form_data(samarinda, kukar, health, **{"pihak-1-region": ""})
    )
    assert "sedikitnya dua pihak" in response.content.decode()
    assert not Agreement.objects.exists()


def test_a_new_partner_organisation_can_be_typed_in(
    tkksd_samarinda: Any, samarinda: Any, kukar: Any, health: Any
) -> None:
    data = form_data(
        samarinda,
        kukar,
        health,
        **{
            "pihak-1-region": "",
            "pihak-1-new_organization": "PT Air Mahakam",
            "pihak-1-new_organization_kind": "bumd",
        },
    )
    client_for(tkksd_samarinda).post(reverse("agreements:create"), data)
    agreement = Agreement.objects.get()
    assert agreement.kind == "ksdpk"
    assert agreement.parties.last().organization.name == "PT Air Mahakam"


def test_a_second_save_from_a_stale_page_is_refused(
    tkksd_samarinda: Any,
    province_admin: Any,
    birth_records: Agreement,
    samarinda: Any,
    kukar: Any,
    health: Any,
) -> None:
    url = reverse("agreements:edit", args=[birth_records.pk])
    opened = birth_records.version
    first = form_data(samarinda, kukar, health, title="Judul dari TKKSD", version=opened)
    second = form_data(samarinda, kukar, health, title="Judul dari admin", version=opened)
    assert client_for(tkksd_samarinda).post(url, first).status_code == 302
    response = client_for(province_admin).post(url, second)
    assert "telah diubah oleh pengguna lain" in response.content.decode()
    assert Agreement.objects.get(pk=birth_records.pk).title == "Judul dari TKKSD"


def test_transitions_through_the_page(
    tkksd_samarinda: Any, executive: Any, birth_records: Agreement
) -> None:
    url = reverse("agreements:transition", args=[birth_records.pk, "ajukan"])
    client = client_for(tkksd_samarinda)
    detail = client.get(reverse("agreements:detail", args=[birth_records.pk])).content.decode()
    assert "Ajukan ke TKKSD" in detail
    client.post(url, {"note": "Siap dibahas"})
    birth_records.refresh_from_db()
    assert birth_records.status == Status.TKKSD_REVIEW
    accept = reverse("agreements:transition", args=[birth_records.pk, "setujui"])
    assert client_for(executive).post(accept).status_code == 403
    response = client.post(
        reverse("agreements:transition", args=[birth_records.pk, "tolak"]),
        {"note": ""},
        follow=True,
    )
    assert "Alasan penolakan wajib diisi." in response.content.decode()


def test_documents_are_checked_by_content_and_served_only_in_scope(
    tkksd_samarinda: Any, tkksd_pontianak: Any, birth_records: Agreement
) -> None:
    client = client_for(tkksd_samarinda)
    upload = reverse("agreements:document_upload", args=[birth_records.pk])
    fake = SimpleUploadedFile("naskah.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post(upload, {"kind": "naskah", "title": "Naskah", "file": fake}, follow=True)
    assert "Jenis berkas tidak didukung" in response.content.decode()
    real = SimpleUploadedFile("naskah.pdf", pdf("naskah"))
    client.post(upload, {"kind": "naskah", "title": "Naskah", "file": real})
    document = birth_records.documents.get()
    assert (document.version, document.content_type, len(document.sha256)) == (
        1,
        "application/pdf",
        64,
    )
    download = reverse("agreements:document_download", args=[birth_records.pk, document.pk])
    assert client.get(download).status_code == 200
    assert client_for(tkksd_pontianak).get(download).status_code == 404


def test_a_partys_own_document_number_finds_the_agreement(
    make_agreement: Callable[..., Agreement], tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> None:
    from sinergi.agreements.services import AgreementInput, PartyInput, agreement_update

    agreement = make_agreement(tkksd_samarinda, samarinda, [kukar], title="Air bersih")
    parties = [PartyInput(region=samarinda), PartyInput(region=kukar, document_number="119/2025")]
    inputs = AgreementInput(
        owner_region=samarinda,
        doc_type="kb",
        title="Air bersih",
        primary_affair=agreement.primary_affair,
    )
    agreement_update(
        user=tkksd_samarinda, agreement=agreement, expected_version=1, data=inputs, parties=parties
    )
    assert "Air bersih" in list_page(client_for(tkksd_samarinda), q="119/2025")
    assert "Air bersih" not in list_page(client_for(tkksd_samarinda), q="120/2025")


def test_the_list_filters_by_implementing_opd(
    tkksd_samarinda: Any,
    make_agreement: Callable[..., Agreement],
    samarinda: Any,
    kukar: Any,
    dinkes_samarinda: Any,
) -> None:
    from sinergi.agreements.services import AgreementInput, PartyInput, agreement_update

    with_opd = make_agreement(tkksd_samarinda, samarinda, [kukar], title="Rujukan pasien")
    make_agreement(tkksd_samarinda, samarinda, [kukar], title="Sampah regional")
    data = AgreementInput(
        owner_region=samarinda,
        doc_type="kb",
        title="Rujukan pasien",
        primary_affair=with_opd.primary_affair,
    )
    parties = [PartyInput(region=samarinda, agencies=[dinkes_samarinda]), PartyInput(region=kukar)]
    agreement_update(
        user=tkksd_samarinda, agreement=with_opd, expected_version=1, data=data, parties=parties
    )
    page = list_page(client_for(tkksd_samarinda), agency=dinkes_samarinda.pk)
    assert "Rujukan pasien" in page
    assert "Sampah regional" not in page
    assert f'<option value="{dinkes_samarinda.pk}" selected>' in page


def test_the_opd_filter_offers_the_chosen_regions_opds_within_scope(
    province_admin: Any,
    tkksd_pontianak: Any,
    superuser: Any,
    dinkes_samarinda: Any,
    kukar: Any,
    pontianak: Any,
) -> None:
    from sinergi.tests.factories import AgencyFactory

    dinkes_kukar = AgencyFactory(region=kukar, name="Dinas Kesehatan Kutai Kartanegara")
    AgencyFactory(region=pontianak, name="Dinas Kesehatan Kota Pontianak")
    url = reverse("agreements:agency_options")

    options = client_for(province_admin).get(url, {"region": kukar.code}).content.decode()
    assert (
        f'<option value="{dinkes_kukar.pk}">Dinas Kesehatan Kutai Kartanegara</option>' in options
    )
    assert "Samarinda" not in options
    # Outside the user's provinces nothing is offered, not even the names.
    options = client_for(province_admin).get(url, {"region": pontianak.code}).content.decode()
    assert "Pontianak" not in options
    assert "Belum ada OPD" in options
    # Without a region: the user's own region's OPDs; a superuser is asked to pick one.
    own = client_for(tkksd_pontianak).get(url).content.decode()
    assert "Dinas Kesehatan Kota Pontianak" in own
    assert "Pilih wilayah dahulu" in client_for(superuser).get(url).content.decode()
    assert (
        client_for(superuser).get(url, {"region": kukar.code}).content.decode().count("<option")
        == 2
    )


def test_an_opd_of_another_region_is_dropped_when_the_region_changes(
    tkksd_samarinda: Any,
    province_admin: Any,
    make_agreement: Callable[..., Agreement],
    samarinda: Any,
    kukar: Any,
    dinkes_samarinda: Any,
) -> None:
    make_agreement(tkksd_samarinda, samarinda, [kukar], title="Rujukan pasien")
    page = list_page(client_for(province_admin), region=kukar.code, agency=dinkes_samarinda.pk)
    assert "Rujukan pasien" in page
    assert f'<option value="{kukar.code}" selected>' in page
    assert "Dinas Kesehatan Kota Samarinda" not in page


def test_list_pages_keep_the_chosen_order_and_count(
    tkksd_samarinda: Any, make_agreement: Callable[..., Agreement], samarinda: Any, kukar: Any
) -> None:
    from sinergi.agreements import views

    titles = [f"Kerja sama {chr(ord('A') + i)}" for i in range(views.PAGE_SIZE + 2)]
    for title in reversed(titles):
        make_agreement(tkksd_samarinda, samarinda, [kukar], title=title)
    client = client_for(tkksd_samarinda)
    first = client.get(reverse("agreements:list"), {"sort": "judul"}).context["page"]
    second = client.get(reverse("agreements:list"), {"sort": "judul", "halaman": 2}).context["page"]
    shown = [a.title for a in [*first.object_list, *second.object_list]]
    assert shown == titles
    assert first.paginator.count == len(titles)
    assert second.object_list[0].parties == [samarinda.name, kukar.name]


def test_in_process_gathers_every_stage_before_signing(
    tkksd_samarinda: Any,
    birth_records: Agreement,
    make_agreement: Callable[..., Agreement],
    samarinda: Any,
    kukar: Any,
) -> None:
    from sinergi.agreements.services import agreement_terminate

    stopped = make_agreement(tkksd_samarinda, samarinda, [kukar], title="Dihentikan")
    agreement_terminate(user=tkksd_samarinda, agreement=stopped, reason="keadaan_kahar")
    agreement_submit(user=tkksd_samarinda, agreement=birth_records)
    page = list_page(client_for(tkksd_samarinda), status="dalam_proses")
    assert birth_records.title in page
    assert "Dihentikan" not in page


def test_the_list_narrows_to_a_province_and_a_range_of_signing_years(
    superuser: Any,
    tkksd_samarinda: Any,
    tkksd_pontianak: Any,
    make_active_agreement: Callable[..., Agreement],
    samarinda: Any,
    kukar: Any,
    pontianak: Any,
    region: Any,
) -> None:
    make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        title="Kaltim 2024",
        start_date=D(2024, 3, 1),
        duration_months=60,
    )
    make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        title="Kaltim 2021",
        start_date=D(2021, 3, 1),
        duration_months=120,
    )
    make_active_agreement(
        tkksd_pontianak,
        pontianak,
        [region("61.12")],
        title="Kalbar 2024",
        start_date=D(2024, 3, 1),
        duration_months=60,
    )
    page = list_page(client_for(superuser), province="64", year_from=2023, year_to=2025)
    assert "Kaltim 2024" in page
    assert "Kaltim 2021" not in page  # signed before the range
    assert "Kalbar 2024" not in page  # another province
    assert 'name="province" value="64"' in page  # kept when another filter changes


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["", "air"])
def test_a_scoped_listing_counts_and_pages_as_the_grouped_one(
    q: str,
    province_admin: Any,
    samarinda: Any,
    kukar: Any,
    university: Any,
    make_agreement: Callable[..., Agreement],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The one-query listing of a province (ids and types read once, counted in Python)
    and the country's GROUP BY + page query agree, searches included."""
    from sinergi.agreements import selectors
    from sinergi.agreements.selectors import (
        AgreementFilters,
        agreement_ids,
        agreement_list,
        agreement_listing,
    )

    for n in range(7):
        doc_type = "pks" if n % 3 else "kb"
        title = f"Air bersih {n}" if n % 2 else f"Jalan {n}"
        partners = [kukar, university] if n % 2 else [kukar]
        make_agreement(province_admin, samarinda, partners, title=title, doc_type=doc_type)
    agreements = agreement_list(user=province_admin, filters=AgreementFilters(q=q))
    pages = []
    for whole_country, in_memory_rows in ((True, 5000), (False, 5000), (False, 2)):
        monkeypatch.setattr(selectors, "IN_MEMORY_ROWS", in_memory_rows)  # 2: too many, grouped
        counts, page = agreement_listing(
            agreements, number=2, per_page=3, whole_country=whole_country
        )
        pages.append((counts, [a.pk for a in page.object_list], page.paginator.count))
        # The API's page (the same slice of the matches) takes the same two ways.
        start = (page.number - 1) * 3
        count, ids = agreement_ids(agreements, start=start, size=3, whole_country=whole_country)
        assert (count, ids) == (pages[-1][2], pages[-1][1])
    assert pages[0] == pages[1] == pages[2]
    assert pages[0][0]["semua"] == (7 if not q else 3)


def test_the_countrys_counts_are_kept_until_an_agreement_changes(
    superuser: Any,
    province_admin: Any,
    samarinda: Region,
    kukar: Region,
    make_agreement: Callable[..., Agreement],
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The whole country's counts are kept between page turns, never past a change."""
    from sinergi.agreements.selectors import AgreementFilters, agreement_list, agreement_listing

    def counts() -> tuple[dict[str, int], int]:
        agreements = agreement_list(user=superuser, filters=AgreementFilters())
        with CaptureQueriesContext(connection) as captured:
            found, _page = agreement_listing(agreements, number=1, per_page=3, whole_country=True)
        grouped = [q for q in captured.captured_queries if "GROUP BY" in q["sql"]]
        return found, len(grouped)

    def created(doc_type: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):  # the version rises on commit
            make_agreement(province_admin, samarinda, [kukar], doc_type=doc_type)

    created("kb")
    assert counts() == ({"semua": 1, "kerangka": 1, "pks": 0, "adendum": 0}, 1)
    assert counts()[1] == 0  # kept: no count on the next page turn
    created("pks")
    assert counts() == ({"semua": 2, "kerangka": 1, "pks": 1, "adendum": 0}, 1)
