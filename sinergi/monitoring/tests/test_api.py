"""/api/v1/monev: the same workflow and rights as the pages, as JSON."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.test import Client

from sinergi.agreements.models import Agreement
from sinergi.conftest import client_for
from sinergi.monitoring.models import Indicator, MonitoringReport, Obligation
from sinergi.monitoring.services import report_submit

API = "/api/v1/monev"
MakeReport = Callable[..., MonitoringReport]


def post(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, data, content_type="application/json")


def report_body(indicator: Indicator, **fields: Any) -> dict[str, Any]:
    return {
        "period_start": "2025-01-01",
        "period_end": "2025-06-30",
        "activities": "Rapat koordinasi",
        "recommendation": "dilanjutkan",
        "budget_realised": "1000000",
        "realisations": [{"indicator_id": indicator.pk, "value": "120", "note": "semester 1"}],
        **fields,
    }


def test_a_report_goes_through_its_workflow_over_the_api(
    agreement: Agreement, beds: Indicator, tkksd_kukar: Any, tkksd_samarinda: Any
) -> None:
    author, reviewer = client_for(tkksd_kukar), client_for(tkksd_samarinda)
    created = post(author, f"{API}/kerja-sama/{agreement.pk}/laporan", report_body(beds))
    assert created.status_code == 201, created.content
    report = created.json()
    assert report["state"] == "draf"
    assert report["realisations"] == [
        {"indicator_id": beds.pk, "value": "120.00", "note": "semester 1"}
    ]
    url = f"{API}/laporan/{report['id']}"
    submitted = post(author, f"{url}/transisi", {"action": "submit"})
    assert submitted.json()["state"] == "diajukan"
    refused = post(reviewer, f"{url}/transisi", {"action": "return"})
    assert refused.status_code == 400
    assert "catatan perbaikan" in refused.json()["message"]
    returned = post(reviewer, f"{url}/transisi", {"action": "return", "comment": "Foto?"})
    assert returned.json()["state"] == "dikembalikan"
    post(author, f"{url}/transisi", {"action": "submit"})
    reviewed = post(reviewer, f"{url}/transisi", {"action": "review", "comment": "Baik"})
    assert reviewed.json()["state"] == "direviu"
    assert [c["body"] for c in reviewed.json()["comments"]][-1] == "Baik"
    listed = author.get(f"{API}/kerja-sama/{agreement.pk}/laporan").json()
    assert [r["state"] for r in listed["items"]] == ["direviu"]


def test_the_api_refuses_outsiders_readers_and_own_reviews(
    make_report: MakeReport, tkksd_samarinda: Any, executive: Any, tkksd_pontianak: Any
) -> None:
    report = report_submit(user=tkksd_samarinda, report=make_report(tkksd_samarinda))
    url = f"{API}/laporan/{report.pk}"
    assert client_for(tkksd_pontianak).get(url).status_code == 404
    assert client_for(executive).get(url).status_code == 200
    denied = post(client_for(executive), f"{url}/transisi", {"action": "review"})
    assert denied.status_code == 403
    own = post(client_for(tkksd_samarinda), f"{url}/transisi", {"action": "review"})
    assert own.status_code == 403
    assert "susun sendiri" in own.json()["message"]


def test_submit_over_the_api_lists_what_is_missing(
    agreement: Agreement, beds: Indicator, tkksd_kukar: Any
) -> None:
    client = client_for(tkksd_kukar)
    body = report_body(beds, realisations=[], recommendation="")
    report = post(client, f"{API}/kerja-sama/{agreement.pk}/laporan", body).json()
    answer = post(client, f"{API}/laporan/{report['id']}/transisi", {"action": "submit"})
    assert answer.status_code == 400
    assert "rekomendasi" in answer.json()["message"]
    assert "Pasien rujukan dilayani" in answer.json()["message"]


def test_an_overlapping_period_and_an_unknown_indicator_are_refused(
    agreement: Agreement, beds: Indicator, make_report: MakeReport, tkksd_kukar: Any
) -> None:
    report_submit(user=tkksd_kukar, report=make_report(tkksd_kukar, [beds]))
    client = client_for(tkksd_kukar)
    url = f"{API}/kerja-sama/{agreement.pk}/laporan"
    assert "bertumpang tindih" in post(client, url, report_body(beds)).json()["message"]
    body = report_body(beds, period_start="2025-07-01", period_end="2025-12-31")
    body["realisations"][0]["indicator_id"] = 999999
    assert "tidak ditemukan" in post(client, url, body).json()["message"]


def test_a_stale_update_over_the_api_answers_409(
    make_report: MakeReport, beds: Indicator, tkksd_kukar: Any
) -> None:
    report = make_report(tkksd_kukar, [beds])
    client = client_for(tkksd_kukar)
    url = f"{API}/laporan/{report.pk}"
    body = report_body(beds, version=report.version, outputs="v2")
    first = client.put(url, body, content_type="application/json")
    assert first.json()["version"] == report.version + 1
    stale = client.put(url, {**body, "outputs": "v3"}, content_type="application/json")
    assert stale.status_code == 409
    assert "diubah oleh pengguna lain" in stale.json()["message"]


def test_obligations_are_listed_and_fulfilled_over_the_api(
    agreement: Agreement,
    samarinda_duty: Obligation,
    kukar_duty: Obligation,
    officer: Any,
    executive: Any,
) -> None:
    client = client_for(officer)
    items = client.get(f"{API}/kerja-sama/{agreement.pk}/kewajiban").json()["items"]
    assert [(i["party_position"], i["overdue"]) for i in items] == [(1, True), (2, True)]
    base = f"{API}/kerja-sama/{agreement.pk}/kewajiban"
    done = post(client, f"{base}/{samarinda_duty.pk}/penuhi", {"note": "Ruang siap"})
    assert done.status_code == 200
    assert done.json()["done"] is True
    assert done.json()["overdue"] is False
    assert post(client, f"{base}/{kukar_duty.pk}/penuhi", {}).status_code == 403
    assert post(client_for(executive), f"{base}/{kukar_duty.pk}/penuhi", {}).status_code == 403


def test_indicators_are_listed_with_their_achievement(
    agreement: Agreement,
    beds: Indicator,
    waiting_days: Indicator,
    make_report: MakeReport,
    tkksd_kukar: Any,
    tkksd_pontianak: Any,
) -> None:
    report_submit(user=tkksd_kukar, report=make_report(tkksd_kukar, [beds, waiting_days]))
    url = f"{API}/kerja-sama/{agreement.pk}/indikator"
    items = client_for(tkksd_kukar).get(url).json()["items"]
    assert [(i["name"], Decimal(i["achievement_percent"])) for i in items] == [
        ("Pasien rujukan dilayani", Decimal("50.0")),
        ("Lama tunggu rujukan", Decimal("3.0")),
    ]
    assert client_for(tkksd_pontianak).get(url).status_code == 404
