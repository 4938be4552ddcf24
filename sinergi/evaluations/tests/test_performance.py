import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from sinergi.conftest import client_for
from sinergi.evaluations.performance import agency_ranking
from sinergi.evaluations.tests.conftest import (
    D,
    add_budget,
    add_indicator,
    add_report,
    at,
    realise,
)
from sinergi.monitoring.models import Obligation
from sinergi.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db
TODAY = D(2026, 11, 23)


@pytest.fixture
def opds(rujukan, dinkes_samarinda, kukar):
    """Dinkes Samarinda and Dinkes Kukar implement the two sides of `rujukan`."""
    dinkes_kukar = AgencyFactory(region=kukar, name="Dinas Kesehatan Kukar")
    AgencyFactory(region=kukar, name="Dinas Tanpa Kerja Sama")
    samarinda_side, kukar_side = rujukan.parties.order_by("position")
    samarinda_side.agencies.add(dinkes_samarinda)
    kukar_side.agencies.add(dinkes_kukar)
    first = add_report(rujukan, D(2025, 1, 1), D(2025, 6, 30), sent=D(2025, 7, 20))
    # Due 30 Jan 2026, sent late, after 2025: not part of 2025.
    add_report(rujukan, D(2025, 7, 1), D(2025, 12, 31), sent=D(2026, 2, 10))
    realise(first, add_indicator(rujukan, "100"), "80")
    add_budget(rujukan, 2025, "1000", "600", position=1)
    add_budget(rujukan, 2025, "1000", "1000", position=2)
    for due, done in [(D(2025, 3, 1), D(2025, 3, 1)), (D(2025, 9, 1), None), (D(2026, 3, 1), None)]:
        Obligation.objects.create(
            agreement=rujukan,
            party=samarinda_side,
            description="Menyediakan ruang rawat",
            due_date=due,
            done_at=at(done) if done else None,
        )
    return {"samarinda": dinkes_samarinda, "kukar": dinkes_kukar}


def test_it_ranks_the_implementing_opds_by_their_composite(opds, province_admin) -> None:
    ranking = agency_ranking(user=province_admin, year=2025, today=TODAY)
    assert [p.agency.name for p in ranking] == [
        "Dinas Kesehatan Kukar",
        "Dinas Kesehatan Kota Samarinda",
    ]
    kukar, samarinda = ranking
    assert samarinda.parts["reports"].value == Decimal(100)
    assert samarinda.parts["obligations"].value == Decimal(50)
    assert "1 dari 2 kewajiban" in samarinda.parts["obligations"].basis
    assert samarinda.parts["indicators"].value == Decimal(80)
    assert samarinda.parts["budget"].value == Decimal(60)
    # (25*100 + 25*50 + 30*80 + 20*60) / 100
    assert samarinda.composite == Decimal("73.50")
    # No obligations for Kukar's side: (25*100 + 30*80 + 20*100) / 75
    assert kukar.parts["obligations"].value is None
    assert kukar.composite == Decimal("92.00")
    assert (kukar.rank, samarinda.rank) == (1, 2)


def test_a_later_year_counts_the_late_and_missing_reports(opds, province_admin) -> None:
    samarinda = agency_ranking(user=province_admin, year=2026, today=TODAY)[1]
    # Periods due by 23 Nov 2026: Jan–Jun 2025 on time, Jul–Dec 2025 late, Jan–Jun 2026 none.
    assert samarinda.reports_on_time == 1
    assert samarinda.reports_due == 3
    assert samarinda.parts["reports"].value == Decimal("33.33")


def test_each_region_sees_its_own_opds_only(opds, tkksd_samarinda, tkksd_pontianak) -> None:
    names = [p.agency.name for p in agency_ranking(user=tkksd_samarinda, year=2025, today=TODAY)]
    assert names == ["Dinas Kesehatan Kota Samarinda"]
    assert agency_ranking(user=tkksd_pontianak, year=2025, today=TODAY) == []


def test_the_executive_reads_the_ranking_and_the_figures_behind_a_score(opds, executive) -> None:
    client = client_for(executive)
    page = client.get("/evaluasi/perangkat-daerah/?tahun=2025").content.decode()
    assert "Dinas Kesehatan Kukar" in page
    assert "Laporan tepat waktu 25" in page  # the weights are stated
    detail = client.get(f"/evaluasi/perangkat-daerah/{opds['samarinda'].pk}/?tahun=2025")
    text = detail.content.decode()
    assert "73.50" in text or "73,50" in text
    assert "1 dari 2 kewajiban yang jatuh tempo sudah dipenuhi" in text
    assert "Realisasi Rp 600 dari pagu Rp 1.000" in text
    assert "Rujukan pasien Samarinda–Kukar" in text


def test_the_ranking_exports_to_xlsx_and_csv(opds, executive) -> None:
    client = client_for(executive)
    response = client.get("/evaluasi/perangkat-daerah/ekspor.xlsx?tahun=2025")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][1] == "perangkat_daerah"
    assert rows[1][:2] == (1, "Dinas Kesehatan Kukar")
    assert rows[1][-1] == 92
    csv = client.get("/evaluasi/perangkat-daerah/ekspor.csv?tahun=2025").content.decode()
    assert "Dinas Kesehatan Kota Samarinda" in csv


def test_an_opd_of_another_province_is_not_found(opds, tkksd_pontianak) -> None:
    url = f"/evaluasi/perangkat-daerah/{opds['kukar'].pk}/"
    assert client_for(tkksd_pontianak).get(url).status_code == 404
