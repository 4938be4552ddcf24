import datetime
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sinergi.conftest import client_for
from sinergi.planning.models import (
    AgreementFlag,
    AgreementPlan,
    BudgetLine,
    NomenclatureItem,
    NomenclatureVersion,
)
from sinergi.planning.services import flags_refresh

pytestmark = pytest.mark.django_db
THIS_YEAR = datetime.date.today().year
API = "/api/v1/perencanaan"


@pytest.fixture
def agreement(
    make_active_agreement: Any,
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
    dinkes_samarinda: Any,
) -> Any:
    agreement = make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        start_date=datetime.date(THIS_YEAR - 1, 1, 1),
        end_date=datetime.date(THIS_YEAR + 2, 1, 1),
    )
    agreement.parties.get(region=samarinda).agencies.add(dinkes_samarinda)
    return agreement


def party(agreement: Any, code: str) -> Any:
    return agreement.parties.get(region__code=code)


def page_url(agreement: Any) -> str:
    return reverse("planning:agreement", args=[agreement.pk])


def line_data(agreement: Any, code: str, **values: Any) -> dict[str, Any]:
    return {
        "party": party(agreement, code).pk,
        "fiscal_year": THIS_YEAR,
        "sub_activity_code": "",
        "sub_activity_name": "",
        "source": "apbd",
        "allocated": "1000000",
        "realised": "0",
        "note": "",
        **values,
    }


def test_everyone_who_sees_the_agreement_sees_its_planning(
    agreement: Any, tkksd_kukar: Any, executive: Any, officer: Any, tkksd_pontianak: Any
) -> None:
    flags_refresh(agreement=agreement)
    for user in (tkksd_kukar, executive, officer):
        response = client_for(user).get(page_url(agreement))
        assert response.status_code == 200
        assert "Belum masuk dokumen perencanaan" in response.content.decode()
        assert "Simpan perencanaan" not in response.content.decode()
    assert client_for(tkksd_pontianak).get(page_url(agreement)).status_code == 404


def test_the_owner_regions_managers_edit_the_plan(
    agreement: Any, tkksd_samarinda: Any, province_admin: Any
) -> None:
    data = {
        "simpan_rencana": "1",
        "rencana-rpjmd_period": "2025-2029",
        "rencana-rpjmd_priority": "Misi 2: layanan kesehatan rujukan",
        "rencana-rkpd_year": str(THIS_YEAR),
        "rencana-needs_budget": "on",
    }
    for user in (tkksd_samarinda, province_admin):
        response = client_for(user).post(page_url(agreement), data)
        assert response.status_code == 302
    plan = AgreementPlan.objects.get(agreement=agreement)
    assert plan.rkpd_year == THIS_YEAR
    assert plan.needs_budget
    assert not AgreementFlag.objects.filter(agreement=agreement, code="belum_direncanakan").exists()


def test_party_users_and_executives_may_not_edit_the_plan(
    agreement: Any, tkksd_kukar: Any, executive: Any, officer: Any
) -> None:
    for user in (tkksd_kukar, executive, officer):
        response = client_for(user).post(page_url(agreement), {"simpan_rencana": "1"})
        assert response.status_code == 403
    assert not AgreementPlan.objects.exists()


def test_a_partys_tkksd_records_its_own_budget_only(agreement: Any, tkksd_kukar: Any) -> None:
    client = client_for(tkksd_kukar)
    assert client.post(page_url(agreement), line_data(agreement, "64.02")).status_code == 302
    line = BudgetLine.objects.get()
    assert line.party.region.code == "64.02"
    assert line.allocated == Decimal(1_000_000)
    refused = client.post(page_url(agreement), line_data(agreement, "64.72"))
    assert refused.status_code == 200  # the owner's party is not among the choices
    assert BudgetLine.objects.count() == 1
    owner_line = BudgetLine.objects.create(
        agreement=agreement, party=party(agreement, "64.72"), fiscal_year=THIS_YEAR
    )
    edit = reverse("planning:budget_line_edit", args=[owner_line.pk])
    assert client.get(edit).status_code == 403
    delete = reverse("planning:budget_line_delete", args=[owner_line.pk])
    assert client.post(delete).status_code == 403


def test_executives_record_no_budget(agreement: Any, executive: Any) -> None:
    response = client_for(executive).post(page_url(agreement), line_data(agreement, "64.72"))
    assert response.status_code == 403


def test_the_implementing_opd_records_realisation_only(
    agreement: Any, officer: Any, tkksd_samarinda: Any
) -> None:
    line = BudgetLine.objects.create(
        agreement=agreement,
        party=party(agreement, "64.72"),
        fiscal_year=THIS_YEAR,
        allocated=Decimal(1000),
    )
    client = client_for(officer)
    assert client.post(page_url(agreement), line_data(agreement, "64.72")).status_code == 403
    edit = reverse("planning:budget_line_edit", args=[line.pk])
    assert "Realisasi" in client.get(edit).content.decode()
    assert client.post(edit, {"realised": "600", "allocated": "99999"}).status_code == 302
    line.refresh_from_db()
    assert (line.realised, line.allocated) == (Decimal(600), Decimal(1000))
    too_much = client.post(edit, {"realised": "1001"})
    assert "melebihi pagu" in too_much.content.decode()
    other = BudgetLine.objects.create(
        agreement=agreement, party=party(agreement, "64.02"), fiscal_year=THIS_YEAR
    )
    other_edit = reverse("planning:budget_line_edit", args=[other.pk])
    assert client.get(other_edit).status_code == 403


def test_a_sub_activity_code_is_checked_against_the_years_nomenclature(
    agreement: Any, tkksd_samarinda: Any, province_admin: Any
) -> None:
    version = NomenclatureVersion.objects.create(year=THIS_YEAR, source_name="n.xlsx", sha256="a")
    NomenclatureItem.objects.create(
        version=version,
        code="1.02.02.2.02.0014",
        level="sub_kegiatan",
        name="Pengelolaan Pelayanan Kesehatan Jiwa",
    )
    client = client_for(tkksd_samarinda)
    unknown = line_data(agreement, "64.72", sub_activity_code="1.02.02.2.02.0099")
    response = client.post(page_url(agreement), unknown)
    assert (
        "Kode sub-kegiatan 1.02.02.2.02.0099 tidak terdapat dalam nomenklatur tahun "
        f"{THIS_YEAR}" in response.content.decode()
    )
    known = line_data(agreement, "64.72", sub_activity_code="1.02.02.202.14")
    assert client.post(page_url(agreement), known).status_code == 302
    line = BudgetLine.objects.get()
    assert line.sub_activity_code == "1.02.02.2.02.0014"
    assert line.sub_activity_name == "Pengelolaan Pelayanan Kesehatan Jiwa"
    program = line_data(agreement, "64.02", sub_activity_code="1.02.02")
    assert "bukan kode sub-kegiatan" in client.post(page_url(agreement), program).content.decode()
    # A year without nomenclature: only the form of the code is checked.
    later = line_data(
        agreement, "64.72", fiscal_year=THIS_YEAR + 1, sub_activity_code="1.2.2.2.2.99"
    )
    assert client.post(page_url(agreement), later).status_code == 302


def test_the_page_totals_each_party_and_year_and_exports_the_lines(
    agreement: Any, tkksd_kukar: Any
) -> None:
    for code, allocated, realised in (("64.72", 1000, 250), ("64.02", 400, 400)):
        BudgetLine.objects.create(
            agreement=agreement,
            party=party(agreement, code),
            fiscal_year=THIS_YEAR - 1,
            allocated=Decimal(allocated),
            realised=Decimal(realised),
        )
    client = client_for(tkksd_kukar)
    page = client.get(page_url(agreement)).content.decode()
    assert "25,0%" in page
    assert "100,0%" in page
    export = client.get(reverse("planning:budget_export", args=[agreement.pk, "xlsx"]))
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert rows[0][:3] == ("tahun", "pihak", "kode_sub_kegiatan")
    assert {(r[1], r[5], r[6]) for r in rows[1:]} == {
        ("Kota Samarinda", 1000, 250),
        ("Kabupaten Kutai Kartanegara", 400, 400),
    }


def test_the_authority_map_is_readable_by_every_signed_in_user(
    tkksd_pontianak: Any, client: Any
) -> None:
    page = client_for(tkksd_pontianak).get(reverse("planning:authority")).content.decode()
    assert "Kehutanan" in page
    assert "Lampiran huruf BB" in page
    assert client.get(reverse("planning:authority")).status_code == 302  # anonymous: login
    export = client_for(tkksd_pontianak).get(reverse("planning:authority_export", args=["csv"]))
    assert export.content.decode().count("\n") == 65  # header + 32 bidang x 2 levels


def test_the_agreement_list_shows_flags_and_filters_by_them(
    agreement: Any, make_active_agreement: Any, tkksd_samarinda: Any, samarinda: Any, kukar: Any
) -> None:
    planned = make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        title="Kerja sama pengelolaan sampah regional",
        start_date=datetime.date(THIS_YEAR - 1, 1, 1),
        end_date=datetime.date(THIS_YEAR + 2, 1, 1),
    )
    AgreementPlan.objects.create(agreement=planned, rkpd_year=THIS_YEAR, needs_budget=False)
    for a in (agreement, planned):
        flags_refresh(agreement=a)
    client = client_for(tkksd_samarinda)
    listing = client.get(reverse("agreements:list")).content.decode()
    assert "Belum masuk dokumen perencanaan" in listing
    filtered = client.get(reverse("agreements:list"), {"flag": "belum_direncanakan"})
    body = filtered.content.decode()
    assert "pelayanan kesehatan rujukan" in body
    assert "pengelolaan sampah" not in body
    api = client.get("/api/v1/kerja-sama", {"flag": "belum_direncanakan"})
    assert [item["id"] for item in api.json()["items"]] == [agreement.pk]


def test_the_agreement_list_loads_flags_without_a_query_per_row(
    agreement: Any,
    make_active_agreement: Any,
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
    django_assert_max_num_queries: Any,
) -> None:
    client = client_for(tkksd_samarinda)
    client.get(reverse("agreements:list"))
    for _ in range(4):
        other = make_active_agreement(
            tkksd_samarinda, samarinda, [kukar], start_date=agreement.start_date, duration_months=24
        )
        flags_refresh(agreement=other)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("agreements:list"))
    flag_queries = [q for q in queries.captured_queries if "planning_agreementflag" in q["sql"]]
    assert len(flag_queries) == 1


# --- API ------------------------------------------------------------------------------------


def test_the_api_reads_plan_budget_and_flags_in_scope(
    agreement: Any, tkksd_kukar: Any, tkksd_pontianak: Any
) -> None:
    flags_refresh(agreement=agreement)
    response = client_for(tkksd_kukar).get(f"{API}/kerja-sama/{agreement.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["plan"] is None
    assert body["budget_lines"] == []
    assert {f["code"] for f in body["flags"]} >= {"belum_direncanakan"}
    assert client_for(tkksd_pontianak).get(f"{API}/kerja-sama/{agreement.pk}").status_code == 404


def put(client: Any, agreement: Any, payload: dict[str, Any]) -> Any:
    return client.put(
        f"{API}/kerja-sama/{agreement.pk}", json.dumps(payload), content_type="application/json"
    )


def test_the_api_writes_with_the_page_permissions(
    agreement: Any, tkksd_samarinda: Any, tkksd_kukar: Any, executive: Any, officer: Any
) -> None:
    owner = client_for(tkksd_samarinda)
    response = put(
        owner,
        agreement,
        {
            "plan": {"rpjmd_priority": "Misi 2", "rkpd_year": THIS_YEAR},
            "budget_lines": [{"party": 1, "fiscal_year": THIS_YEAR, "allocated": "5000"}],
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["plan"]["rkpd_year"] == THIS_YEAR
    line_id = body["budget_lines"][0]["id"]
    assert "belum_direncanakan" not in {f["code"] for f in body["flags"]}

    assert put(client_for(executive), agreement, {"plan": {}}).status_code == 403
    kukar_plan = put(client_for(tkksd_kukar), agreement, {"plan": {"rkpd_year": 2030}})
    assert kukar_plan.status_code == 403
    kukar_line = {"party": 1, "fiscal_year": THIS_YEAR + 1, "allocated": "1"}
    assert (
        put(client_for(tkksd_kukar), agreement, {"budget_lines": [kukar_line]}).status_code == 403
    )

    realisation = {"id": line_id, "party": 1, "fiscal_year": THIS_YEAR, "allocated": "5000"}
    ok = put(client_for(officer), agreement, {"budget_lines": [{**realisation, "realised": "100"}]})
    assert ok.status_code == 200
    assert BudgetLine.objects.get(pk=line_id).realised == Decimal(100)
    more = {**realisation, "allocated": "9000"}
    assert put(client_for(officer), agreement, {"budget_lines": [more]}).status_code == 403


def test_an_api_write_is_all_or_nothing(agreement: Any, tkksd_samarinda: Any) -> None:
    response = put(
        client_for(tkksd_samarinda),
        agreement,
        {
            "plan": {"rkpd_year": THIS_YEAR},
            "budget_lines": [
                {"party": 1, "fiscal_year": THIS_YEAR, "allocated": "10", "realised": "20"}
            ],
        },
    )
    assert response.status_code == 400
    assert "melebihi pagu" in response.json()["message"]
    assert not AgreementPlan.objects.exists()


def test_the_api_lists_nomenclature_and_authority(tkksd_pontianak: Any) -> None:
    client = client_for(tkksd_pontianak)
    assert client.get(f"{API}/nomenklatur").status_code == 404
    version = NomenclatureVersion.objects.create(year=2026, source_name="n.xlsx", sha256="a")
    for code, name in (("1.02.02", "Program Kesehatan"), ("1.02.02.2.02.0014", "Layanan Jiwa")):
        level = "program" if len(code) == 7 else "sub_kegiatan"
        NomenclatureItem.objects.create(version=version, code=code, level=level, name=name)
    body = client.get(f"{API}/nomenklatur", {"tahun": 2026, "q": "jiwa"}).json()
    assert body["count"] == 1
    assert body["items"][0]["code"] == "1.02.02.2.02.0014"
    assert client.get(f"{API}/nomenklatur", {"tahun": 2020}).status_code == 404
    rules = client.get(f"{API}/kewenangan").json()
    assert len(rules) == 64
    forestry = next(r for r in rules if r["affair"] == "3.28" and r["level"] == "kabupaten_kota")
    assert forestry["authority"] == "tidak"
