import datetime
import json
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sinergi.agreements.models import Agreement, Organization, Status
from sinergi.agreements.schemas import Sort
from sinergi.agreements.selectors import SORTS
from sinergi.agreements.services import CONFLICT_MESSAGE
from sinergi.regions.models import Region

URL = "/api/v1/kerja-sama"
D = datetime.date


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def put(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.put(url, json.dumps(body), content_type="application/json")


def payload(**fields: Any) -> dict[str, Any]:
    body = {
        "owner_region": "64.72",
        "doc_type": "kb",
        "title": "Kerja sama pengelolaan sampah lintas batas",
        "primary_affair": "1.02",
        "parties": [{"region": "64.72"}, {"region": "64.02"}],
    }
    return body | fields


@pytest.fixture
def samarinda_kukar(
    make_agreement: Callable[..., Agreement], tkksd_samarinda: Any, samarinda: Region, kukar: Region
) -> Agreement:
    return make_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        title="Layanan akta kelahiran terpadu",
        start_date=D(2026, 1, 1),
        duration_months=24,
    )


# --- authentication and CSRF ------------------------------------------------------------------


def test_it_answers_401_to_anonymous_visitors(samarinda_kukar: Agreement) -> None:
    response = Client().get(URL)
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert Client().get(f"{URL}/{samarinda_kukar.pk}").status_code == 401


def test_it_refuses_a_session_post_without_the_csrf_token(tkksd_samarinda: Any) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(tkksd_samarinda)
    response = post(browser, URL, payload())
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    assert not Agreement.objects.exists()


def test_it_accepts_a_session_post_with_the_csrf_token_from_the_docs_page(
    tkksd_samarinda: Any,
) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(tkksd_samarinda)
    browser.get("/api/v1/docs")  # the page puts the token in the cookie, as Swagger UI reads it
    token = browser.cookies["csrftoken"].value
    response = browser.post(
        URL, json.dumps(payload()), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 201, response.json()


def test_reads_need_no_csrf_token(tkksd_samarinda: Any) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(tkksd_samarinda)
    assert browser.get(URL).status_code == 200


# --- list -------------------------------------------------------------------------------------


def test_the_list_shows_only_agreements_of_the_users_regions(
    samarinda_kukar: Agreement, tkksd_kukar: Any, tkksd_pontianak: Any
) -> None:
    assert [a["id"] for a in client_for(tkksd_kukar).get(URL).json()["items"]] == [
        samarinda_kukar.pk
    ]
    assert client_for(tkksd_pontianak).get(URL).json()["items"] == []


def test_it_lists_an_agreement_with_its_parties_labels_and_status(
    samarinda_kukar: Agreement, tkksd_samarinda: Any
) -> None:
    item = client_for(tkksd_samarinda).get(URL).json()["items"][0]
    assert item["kind"] == "ksdd"
    assert item["status"] == "usulan"
    assert item["status_label"] == "Usulan"
    assert item["doc_type_label"] == "Kesepakatan Bersama (KB)"
    assert item["owner_region"] == {"code": "64.72", "name": "Kota Samarinda"}
    assert item["primary_affair"]["code"] == "1.02"
    assert [p["region"]["code"] for p in item["parties"]] == ["64.72", "64.02"]
    assert item["end_date"] == "2027-12-31"


def test_it_searches_by_word_stems(
    make_agreement: Callable[..., Agreement],
    samarinda_kukar: Agreement,
    tkksd_samarinda: Any,
    samarinda: Region,
    kukar: Region,
) -> None:
    make_agreement(tkksd_samarinda, samarinda, [kukar], title="Pengelolaan air minum")
    response = client_for(tkksd_samarinda).get(URL, {"q": "pelayanan kelahiran"})
    assert [a["title"] for a in response.json()["items"]] == ["Layanan akta kelahiran terpadu"]


def test_it_filters_by_kind_doc_type_and_region(
    make_agreement: Callable[..., Agreement],
    samarinda_kukar: Agreement,
    tkksd_samarinda: Any,
    samarinda: Region,
    university: Organization,
) -> None:
    campus = make_agreement(tkksd_samarinda, samarinda, [university], doc_type="mou")
    client = client_for(tkksd_samarinda)

    def ids(**query: Any) -> list[int]:
        return [a["id"] for a in client.get(URL, query).json()["items"]]

    assert ids(kind="ksdpk") == [campus.pk]
    assert ids(doc_type="kb") == [samarinda_kukar.pk]
    assert ids(region="64.02") == [samarinda_kukar.pk]
    assert ids(status="akan_berakhir") == []
    assert ids(status="usulan", sort="judul") == sorted(
        [campus.pk, samarinda_kukar.pk], key=lambda pk: Agreement.objects.get(pk=pk).title
    )


def test_it_answers_422_in_indonesian_to_an_unknown_filter_value(tkksd_samarinda: Any) -> None:
    response = client_for(tkksd_samarinda).get(URL, {"kind": "apa-saja"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert body["errors"][0]["field"] == "kind"
    assert body["errors"][0]["message"].startswith("harus salah satu dari 'ksdd', ")
    assert body["errors"][0]["message"].endswith(" atau 'ksdll'")


def test_it_pages_the_list_in_a_stable_order(
    make_agreement: Callable[..., Agreement],
    tkksd_samarinda: Any,
    samarinda: Region,
    kukar: Region,
) -> None:
    made = [make_agreement(tkksd_samarinda, samarinda, [kukar], title=f"KB {n}") for n in range(5)]
    client = client_for(tkksd_samarinda)
    first = client.get(URL, {"page_size": 2}).json()
    assert {k: first[k] for k in ("count", "page", "page_size", "pages")} == {
        "count": 5,
        "page": 1,
        "page_size": 2,
        "pages": 3,
    }
    pages = [client.get(URL, {"page_size": 2, "page": n}).json()["items"] for n in (1, 2, 3, 4)]
    assert [len(items) for items in pages] == [2, 2, 1, 0]
    # Same signing date and creation second: the id keeps the order (newest first).
    assert [a["id"] for items in pages for a in items] == sorted((a.pk for a in made), reverse=True)


def test_it_caps_the_page_size_at_100(tkksd_samarinda: Any) -> None:
    assert client_for(tkksd_samarinda).get(URL, {"page_size": 101}).status_code == 422


def test_the_documented_sort_keys_are_the_selector_sorts() -> None:
    assert set(Sort.__args__) == set(SORTS)


# --- detail and timeline ------------------------------------------------------------------------


def test_the_detail_is_404_outside_the_users_regions(
    samarinda_kukar: Agreement, tkksd_pontianak: Any, tkksd_kukar: Any
) -> None:
    url = f"{URL}/{samarinda_kukar.pk}"
    response = client_for(tkksd_pontianak).get(url)
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "Kerja sama tidak ditemukan.",
        "errors": [],
    }
    assert client_for(tkksd_kukar).get(url).json()["title"] == "Layanan akta kelahiran terpadu"


def test_the_timeline_lists_each_step_with_its_actor(
    samarinda_kukar: Agreement, tkksd_samarinda: Any
) -> None:
    client = client_for(tkksd_samarinda)
    post(client, f"{URL}/{samarinda_kukar.pk}/transisi", {"action": "submit"})
    entries = client.get(f"{URL}/{samarinda_kukar.pk}/riwayat").json()["entries"]
    assert [(e["from_status"], e["to_status"]) for e in entries] == [
        ("", "usulan"),
        ("usulan", "pembahasan_tkksd"),
    ]
    assert entries[1]["to_status_label"] == "Pembahasan TKKSD"
    assert entries[1]["actor"] == "tkksd.samarinda"


# --- create and update --------------------------------------------------------------------------


def test_it_creates_a_ksdd_between_two_regions(tkksd_samarinda: Any) -> None:
    response = post(client_for(tkksd_samarinda), URL, payload(other_affairs=["2.11"]))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["kind"] == "ksdd"
    assert body["ksdd_category"] == "sukarela"
    assert body["other_affairs"] == ["2.11"]
    assert body["version"] == 1
    assert Agreement.objects.get(pk=body["id"]).created_by == tkksd_samarinda


def test_it_derives_ksdpk_when_a_university_is_a_party(
    tkksd_samarinda: Any, university: Organization
) -> None:
    parties = [{"region": "64.72"}, {"organization": university.pk}]
    body = post(client_for(tkksd_samarinda), URL, payload(doc_type="mou", parties=parties)).json()
    assert body["kind"] == "ksdpk"
    assert body["parties"][1]["organization"] == {
        "id": university.pk,
        "name": "Universitas Mulawarman",
        "kind": "perguruan_tinggi",
    }


def test_it_refuses_an_end_date_before_the_start(tkksd_samarinda: Any) -> None:
    body = payload(start_date="2026-06-01", end_date="2026-01-01")
    response = post(client_for(tkksd_samarinda), URL, body)
    assert response.status_code == 400
    assert response.json()["message"] == "Tanggal berakhir tidak boleh sebelum tanggal mulai."


def test_it_refuses_an_unknown_region_code(tkksd_samarinda: Any) -> None:
    body = payload(parties=[{"region": "64.72"}, {"region": "99.99"}])
    response = post(client_for(tkksd_samarinda), URL, body)
    assert response.status_code == 400
    assert response.json()["message"] == "Wilayah dengan kode 99.99 tidak ditemukan."


def test_it_refuses_an_unknown_affair_code_and_organization_id(tkksd_samarinda: Any) -> None:
    client = client_for(tkksd_samarinda)
    response = post(client, URL, payload(primary_affair="9.99"))
    assert response.json()["message"] == "Urusan dengan kode 9.99 tidak ditemukan."
    response = post(client, URL, payload(parties=[{"region": "64.72"}, {"organization": 999}]))
    assert response.json()["message"] == "Organisasi dengan id 999 tidak ditemukan."


def test_it_answers_422_with_the_missing_fields(tkksd_samarinda: Any) -> None:
    response = post(client_for(tkksd_samarinda), URL, {"doc_type": "kb"})
    assert response.status_code == 422
    fields = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert fields["title"] == "wajib diisi"
    assert fields["owner_region"] == "wajib diisi"


def test_it_refuses_a_number_already_recorded_in_the_region(tkksd_samarinda: Any) -> None:
    client = client_for(tkksd_samarinda)
    post(client, URL, payload(number="415.4/01/2026"))
    response = post(client, URL, payload(number="415.4/01/2026"))
    assert response.status_code == 400
    assert response.json()["message"] == "Nomor dokumen ini sudah tercatat di wilayah pencatat."


def test_it_answers_400_in_indonesian_to_a_body_that_is_not_json(tkksd_samarinda: Any) -> None:
    response = client_for(tkksd_samarinda).post(URL, "{bukan json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


def test_the_executive_may_not_create(executive: Any) -> None:
    response = post(client_for(executive), URL, payload())
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_it_updates_with_the_current_version(
    samarinda_kukar: Agreement, tkksd_samarinda: Any
) -> None:
    url = f"{URL}/{samarinda_kukar.pk}"
    response = put(client_for(tkksd_samarinda), url, payload(title="Judul baru", version=1))
    assert response.status_code == 200, response.json()
    assert response.json()["title"] == "Judul baru"
    assert response.json()["version"] == 2


def test_it_answers_409_to_an_update_with_a_stale_version(
    samarinda_kukar: Agreement, tkksd_samarinda: Any
) -> None:
    client = client_for(tkksd_samarinda)
    url = f"{URL}/{samarinda_kukar.pk}"
    put(client, url, payload(title="Disimpan lebih dulu", version=1))
    response = put(client, url, payload(title="Disimpan kemudian", version=1))
    assert response.status_code == 409
    assert response.json() == {"code": "conflict", "message": CONFLICT_MESSAGE, "errors": []}
    assert Agreement.objects.get(pk=samarinda_kukar.pk).title == "Disimpan lebih dulu"


def test_another_region_cannot_update(samarinda_kukar: Agreement, tkksd_pontianak: Any) -> None:
    url = f"{URL}/{samarinda_kukar.pk}"
    assert put(client_for(tkksd_pontianak), url, payload(version=1)).status_code == 404


# --- transitions -------------------------------------------------------------------------------


def test_the_owning_tkksd_walks_an_agreement_to_active(
    samarinda_kukar: Agreement, tkksd_samarinda: Any
) -> None:
    client = client_for(tkksd_samarinda)
    url = f"{URL}/{samarinda_kukar.pk}/transisi"
    for action in ("submit", "accept", "finish_draft"):
        assert post(client, url, {"action": action}).status_code == 200
    body = {"action": "sign", "signed_on": "2025-12-20", "signed_place": "Samarinda"}
    response = post(client, url, body)
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == Status.ACTIVE
    assert response.json()["signed_place"] == "Samarinda"


def test_a_transition_needs_its_fields(samarinda_kukar: Agreement, tkksd_samarinda: Any) -> None:
    client = client_for(tkksd_samarinda)
    url = f"{URL}/{samarinda_kukar.pk}/transisi"
    response = post(client, url, {"action": "reject"})
    assert response.status_code == 400
    assert response.json()["message"] == "Alasan penolakan wajib diisi."
    response = post(client, url, {"action": "terminate", "reason": "tujuan_tercapai"})
    assert response.json()["status"] == Status.TERMINATED


def test_a_transition_from_the_wrong_status_is_400(
    samarinda_kukar: Agreement, tkksd_samarinda: Any
) -> None:
    url = f"{URL}/{samarinda_kukar.pk}/transisi"
    response = post(client_for(tkksd_samarinda), url, {"action": "accept"})
    assert response.status_code == 400
    assert "Usulan" in response.json()["message"]


def test_the_executive_may_not_move_an_agreement(
    samarinda_kukar: Agreement, executive: Any
) -> None:
    url = f"{URL}/{samarinda_kukar.pk}/transisi"
    response = post(client_for(executive), url, {"action": "submit"})
    assert response.status_code == 403
    assert response.json()["message"] == "Anda tidak berwenang melakukan langkah ini."


def test_another_region_gets_404_on_a_transition(
    samarinda_kukar: Agreement, tkksd_pontianak: Any
) -> None:
    url = f"{URL}/{samarinda_kukar.pk}/transisi"
    assert post(client_for(tkksd_pontianak), url, {"action": "submit"}).status_code == 404
    assert Agreement.objects.get(pk=samarinda_kukar.pk).status == Status.PROPOSED


def test_an_unknown_action_is_422(samarinda_kukar: Agreement, tkksd_samarinda: Any) -> None:
    url = f"{URL}/{samarinda_kukar.pk}/transisi"
    assert post(client_for(tkksd_samarinda), url, {"action": "publish"}).status_code == 422


# --- OpenAPI schema and docs ---------------------------------------------------------------------


def test_the_openapi_schema_lists_every_operation(tkksd_samarinda: Any) -> None:
    response = client_for(tkksd_samarinda).get("/api/v1/openapi.json")
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    operations = {
        op["operationId"]: (method, path)
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if path.startswith(URL)
    }
    assert operations == {
        "agreement_list": ("get", f"{URL}"),
        "agreement_create": ("post", f"{URL}"),
        "agreement_get": ("get", f"{URL}/{{agreement_id}}"),
        "agreement_update": ("put", f"{URL}/{{agreement_id}}"),
        "agreement_transition": ("post", f"{URL}/{{agreement_id}}/transisi"),
        "agreement_timeline": ("get", f"{URL}/{{agreement_id}}/riwayat"),
        "agreement_document_list": ("get", f"{URL}/{{agreement_id}}/dokumen"),
        "agreement_document_download": (
            "get",
            f"{URL}/{{agreement_id}}/dokumen/{{document_id}}/unduh",
        ),
    }
    # Every operation of every app, not only these, is documented.
    for item in schema["paths"].values():
        for op in item.values():
            assert op["summary"]
            assert op["description"]


def test_the_docs_need_a_signed_in_user(reference_data: None) -> None:
    assert Client().get("/api/v1/docs").status_code == 302


def test_the_docs_page_loads_nothing_from_other_hosts(tkksd_samarinda: Any) -> None:
    response = client_for(tkksd_samarinda).get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(s.startswith("/static/") for s in sources), sources
    assert "<script>" not in html  # no inline script: the global CSP stays strict
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_list_runs_as_many_queries_for_six_agreements_as_for_one(
    make_agreement: Callable[..., Agreement],
    tkksd_samarinda: Any,
    samarinda: Region,
    kukar: Region,
) -> None:
    client = client_for(tkksd_samarinda)

    def queries_for_the_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    make_agreement(tkksd_samarinda, samarinda, [kukar], other_affairs=[])
    one = queries_for_the_list()
    for n in range(5):
        make_agreement(tkksd_samarinda, samarinda, [kukar], title=f"KB {n}")
    assert queries_for_the_list() == one
