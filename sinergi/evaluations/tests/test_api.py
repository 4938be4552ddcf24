import pytest

from sinergi.conftest import client_for
from sinergi.evaluations.models import AnnualReport

pytestmark = pytest.mark.django_db


def test_it_lists_the_rubric(executive) -> None:
    body = client_for(executive).get("/api/v1/evaluasi/kriteria").json()
    assert [c["code"] for c in body][:2] == ["kesesuaian_tujuan", "ketepatan_waktu"]
    assert sum(c["weight"] for c in body) == 100


def test_a_reviewer_starts_scores_and_finalises_through_the_api(rujukan, tkksd_samarinda) -> None:
    client = client_for(tkksd_samarinda)
    base = f"/api/v1/evaluasi/kerja-sama/{rujukan.pk}"
    created = client.post(base, {"year": 2025}, content_type="application/json")
    assert created.status_code == 201
    evaluation = created.json()
    assert evaluation["state"] == "draf"
    assert len(evaluation["scores"]) == 6
    for code in ("kesesuaian_tujuan", "koordinasi", "dampak_layanan_publik"):
        response = client.put(
            f"{base}/{evaluation['id']}/nilai/{code}",
            {"value": "60", "basis": "Notulen rapat"},
            content_type="application/json",
        )
        assert response.status_code == 200
    final = client.post(f"{base}/{evaluation['id']}/final").json()
    assert final["state"] == "final"
    # Timeliness 0 (no report for the first period), budget/indicators without data:
    # (15*60 + 15*0 + 10*60 + 20*60) / 60 = 45
    assert final["total"] == "45.00"
    assert final["category"] == "kurang"
    listed = client.get(base).json()
    assert [e["year"] for e in listed] == [2025]


def test_the_api_refuses_a_score_out_of_range(rujukan, tkksd_samarinda) -> None:
    client = client_for(tkksd_samarinda)
    base = f"/api/v1/evaluasi/kerja-sama/{rujukan.pk}"
    evaluation = client.post(base, {"year": 2025}, content_type="application/json").json()
    response = client.put(
        f"{base}/{evaluation['id']}/nilai/koordinasi",
        {"value": "101", "basis": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "antara 0 dan 100" in response.json()["message"]


def test_the_executive_reads_but_cannot_start(rujukan, executive, tkksd_pontianak) -> None:
    base = f"/api/v1/evaluasi/kerja-sama/{rujukan.pk}"
    client = client_for(executive)
    assert client.get(base).status_code == 200
    assert client.post(base, {"year": 2025}, content_type="application/json").status_code == 403
    assert client_for(tkksd_pontianak).get(base).status_code == 404


def test_an_annual_report_is_requested_and_followed(
    province_admin, tkksd_pontianak, django_capture_on_commit_callbacks
) -> None:
    client = client_for(province_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/evaluasi/laporan-tahunan",
            {"region": "64", "year": 2025},
            content_type="application/json",
        )
    assert response.status_code == 201
    assert response.json()["state"] == "antre"
    report_id = response.json()["id"]
    status = client.get(f"/api/v1/evaluasi/laporan-tahunan/{report_id}").json()
    assert status["state"] == "selesai"
    assert status["progress"] == 100
    assert status["pdf_url"] == f"/evaluasi/tahunan/{report_id}/unduh.pdf"
    assert client.get(status["xlsx_url"]).status_code == 200
    other = client_for(tkksd_pontianak)
    assert other.get(f"/api/v1/evaluasi/laporan-tahunan/{report_id}").status_code == 404
    refused = other.post(
        "/api/v1/evaluasi/laporan-tahunan",
        {"region": "64", "year": 2025},
        content_type="application/json",
    )
    assert refused.status_code == 404
    assert AnnualReport.objects.count() == 1


def test_the_opd_performance_list(rujukan, dinkes_samarinda, executive) -> None:
    rujukan.parties.get(position=1).agencies.add(dinkes_samarinda)
    body = client_for(executive).get("/api/v1/evaluasi/perangkat-daerah?tahun=2025").json()
    assert body["weights"] == {"reports": 25, "obligations": 25, "indicators": 30, "budget": 20}
    assert body["count"] == 1
    item = body["items"][0]
    assert item["agency"] == "Dinas Kesehatan Kota Samarinda"
    assert item["agreements"] == 1
    assert item["reports_on_time"]["value"] == "0.00"
    assert item["budget_realisation"]["value"] is None
