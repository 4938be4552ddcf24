from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from sinergi.conftest import client_for
from sinergi.core.errors import DomainError
from sinergi.evaluations.models import Criterion, Evaluation
from sinergi.evaluations.services import (
    evaluation_finalise,
    evaluation_recompute,
    evaluation_score,
    evaluation_start,
)
from sinergi.evaluations.tests.conftest import D, add_budget, add_report

pytestmark = pytest.mark.django_db


def manual(code: str) -> Criterion:
    return Criterion.objects.get(code=code)


def score_all_manual(user, evaluation: Evaluation, value: str = "80") -> None:
    for criterion in Criterion.objects.filter(source="penilai"):
        evaluation_score(
            user=user, evaluation=evaluation, criterion=criterion, value=value, basis="Data rapat"
        )


def test_the_default_rubric_has_six_weighted_criteria(db) -> None:
    rubric = {c.code: (c.weight, c.source) for c in Criterion.objects.all()}
    assert rubric == {
        "kesesuaian_tujuan": (15, "penilai"),
        "ketepatan_waktu": (15, "ketepatan_waktu"),
        "capaian_indikator": (25, "capaian_indikator"),
        "realisasi_anggaran": (15, "realisasi_anggaran"),
        "koordinasi": (10, "penilai"),
        "dampak_layanan_publik": (20, "penilai"),
    }


def test_it_starts_a_draft_with_the_computed_scores_filled(rujukan, tkksd_samarinda) -> None:
    add_budget(rujukan, 2025, "1000", "900")
    evaluation = evaluation_start(user=tkksd_samarinda, agreement=rujukan, year=2025)
    scores = {s.criterion.code: s for s in evaluation.scores.select_related("criterion")}
    assert len(scores) == 6
    assert scores["realisasi_anggaran"].value == Decimal("90.00")
    assert scores["realisasi_anggaran"].computed
    assert scores["capaian_indikator"].value is None
    assert scores["koordinasi"].value is None
    # No report for the period due 30 Jul 2025: timeliness 0. (15*0 + 15*90) / 30 = 45.
    assert scores["ketepatan_waktu"].value == Decimal(0)
    assert evaluation.total == Decimal("45.00")
    assert "2 dari 6 kriteria (bobot 30 dari 100)" in evaluation.summary


def test_it_finalises_with_a_category_once_every_manual_criterion_is_scored(
    rujukan, province_admin
) -> None:
    add_budget(rujukan, 2025, "1000", "500")
    add_report(rujukan, D(2025, 1, 1), D(2025, 6, 30), sent=D(2025, 7, 30))
    evaluation = evaluation_start(user=province_admin, agreement=rujukan, year=2025)
    with pytest.raises(DomainError, match="Isi dulu nilai kriteria"):
        evaluation_finalise(user=province_admin, evaluation=evaluation)
    score_all_manual(province_admin, evaluation, "80")
    evaluation = evaluation_finalise(user=province_admin, evaluation=evaluation)
    # Indicators have no data: (15*80 + 15*100 + 15*50 + 10*80 + 20*80) / 75 = 5850 / 75 = 78
    assert evaluation.state == "final"
    assert evaluation.total == Decimal("78.00")
    assert evaluation.category == "baik"
    assert "Kriteria terlemah: Realisasi anggaran (50)" in evaluation.summary


def test_a_final_evaluation_is_read_only(rujukan, tkksd_samarinda) -> None:
    evaluation = evaluation_start(user=tkksd_samarinda, agreement=rujukan, year=2025)
    score_all_manual(tkksd_samarinda, evaluation)
    evaluation_finalise(user=tkksd_samarinda, evaluation=evaluation)
    with pytest.raises(DomainError, match="sudah final"):
        evaluation_score(
            user=tkksd_samarinda,
            evaluation=evaluation,
            criterion=manual("koordinasi"),
            value="10",
            basis="ubah",
        )
    with pytest.raises(DomainError, match="sudah final"):
        evaluation_recompute(user=tkksd_samarinda, evaluation=evaluation)


def test_it_refuses_a_score_out_of_range_without_basis_or_on_a_computed_criterion(
    rujukan, tkksd_samarinda
) -> None:
    evaluation = evaluation_start(user=tkksd_samarinda, agreement=rujukan, year=2025)
    kwargs = {"user": tkksd_samarinda, "evaluation": evaluation}
    with pytest.raises(DomainError, match="antara 0 dan 100"):
        evaluation_score(**kwargs, criterion=manual("koordinasi"), value="100.01", basis="x")
    with pytest.raises(DomainError, match="antara 0 dan 100"):
        evaluation_score(**kwargs, criterion=manual("koordinasi"), value="-1", basis="x")
    with pytest.raises(DomainError, match="dasar penilaian"):
        evaluation_score(**kwargs, criterion=manual("koordinasi"), value="50", basis="  ")
    with pytest.raises(DomainError, match="dihitung sistem"):
        evaluation_score(**kwargs, criterion=manual("ketepatan_waktu"), value="50", basis="x")
    score = evaluation_score(**kwargs, criterion=manual("koordinasi"), value="100", basis="ok")
    assert score.value == Decimal(100)


def test_it_allows_one_evaluation_per_year_within_the_term(rujukan, tkksd_samarinda) -> None:
    evaluation_start(user=tkksd_samarinda, agreement=rujukan, year=2025)
    with pytest.raises(DomainError, match="sudah ada"):
        evaluation_start(user=tkksd_samarinda, agreement=rujukan, year=2025)
    with pytest.raises(DomainError, match="antara 2025 dan 2026"):
        evaluation_start(user=tkksd_samarinda, agreement=rujukan, year=2024)


def test_it_evaluates_signed_agreements_only(make_agreement, tkksd_samarinda, samarinda, kukar):
    proposal = make_agreement(tkksd_samarinda, samarinda, [kukar], start_date=D(2025, 1, 1))
    with pytest.raises(DomainError, match="sudah ditandatangani"):
        evaluation_start(user=tkksd_samarinda, agreement=proposal, year=2025)


@pytest.mark.parametrize("persona", ["executive", "tkksd_kukar", "officer"])
def test_only_the_owner_regions_deciders_score(rujukan, persona, request) -> None:
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        evaluation_start(user=user, agreement=rujukan, year=2025)


def test_the_page_lets_a_reviewer_start_score_and_finalise(rujukan, tkksd_samarinda) -> None:
    add_report(rujukan, D(2025, 1, 1), D(2025, 6, 30), sent=D(2025, 7, 1))
    client = client_for(tkksd_samarinda)
    url = f"/evaluasi/kerja-sama/{rujukan.pk}/"
    response = client.post(f"{url}mulai/", {"year": 2025}, follow=True)
    assert "Evaluasi tahun 2025 dimulai" in response.content.decode()
    evaluation = Evaluation.objects.get(agreement=rujukan)
    for criterion in Criterion.objects.filter(source="penilai"):
        client.post(
            f"{url}{evaluation.pk}/nilai/{criterion.pk}/", {"value": "90", "basis": "Notulen"}
        )
    response = client.post(f"{url}{evaluation.pk}/final/", follow=True)
    page = response.content.decode()
    assert "Evaluasi tahun 2025 final." in page
    assert "Sangat baik" in page
    assert "Belum ada data" in page  # the computed criteria without data say why
    assert "Tetapkan final" not in page


def test_the_executive_reads_but_cannot_score(rujukan, tkksd_samarinda, executive) -> None:
    evaluation = evaluation_start(user=tkksd_samarinda, agreement=rujukan, year=2025)
    client = client_for(executive)
    page = client.get(f"/evaluasi/kerja-sama/{rujukan.pk}/")
    assert page.status_code == 200
    assert "Tahun 2025" in page.content.decode()
    assert "Mulai evaluasi" not in page.content.decode()
    criterion = manual("koordinasi")
    response = client.post(
        f"/evaluasi/kerja-sama/{rujukan.pk}/{evaluation.pk}/nilai/{criterion.pk}/",
        {"value": "90", "basis": "x"},
    )
    assert response.status_code == 403


def test_another_provinces_tkksd_gets_404(rujukan, tkksd_pontianak) -> None:
    client = client_for(tkksd_pontianak)
    assert client.get(f"/evaluasi/kerja-sama/{rujukan.pk}/").status_code == 404
    assert (
        client.post(f"/evaluasi/kerja-sama/{rujukan.pk}/mulai/", {"year": 2025}).status_code == 404
    )


def test_the_demo_seeds_a_final_evaluation_once(rujukan, tkksd_samarinda, executive) -> None:
    from sinergi.evaluations.demo import seed_demo

    users = {"pimpinan": executive, "tkksd": tkksd_samarinda}
    seed_demo([rujukan], users)
    seed_demo([rujukan], users)
    evaluation = Evaluation.objects.get(agreement=rujukan)
    assert evaluation.state == "final"
    assert evaluation.reviewer == tkksd_samarinda
