"""The work queue page, its export, the count badge and the API: each user sees the open
warnings of the agreements they handle, and nobody else's."""

import csv
import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import timezone
from openpyxl import load_workbook

from sinergi.agreements.models import Agreement, Milestone
from sinergi.alerts.models import Warning
from sinergi.alerts.selectors import open_warning_count
from sinergi.alerts.services import warnings_refresh
from sinergi.conftest import client_for
from sinergi.tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def warned(in_force: Callable[..., Agreement], today: datetime.date) -> Agreement:
    """Samarinda–Kukar, implemented by Dinkes Samarinda: ending in 30 days and a milestone
    overdue since yesterday."""
    agreement = in_force(today - DAY * 30, today + DAY * 30, title="Rujukan kesehatan")
    Milestone.objects.create(
        agreement=agreement,
        stage="berlaku",
        name="Unggah naskah yang telah ditandatangani",
        responsible="TKKSD",
        due_date=today - DAY,
    )
    warnings_refresh(today=today)
    return agreement


@pytest.fixture
def other_officer(samarinda: Any) -> Any:
    agency = AgencyFactory(region=samarinda, name="Dinas Pendidikan Kota Samarinda")
    return UserFactory(
        username="opd.disdik", role="perangkat_daerah", region=samarinda, agency=agency
    )


@pytest.mark.parametrize(
    "persona",
    ["tkksd_samarinda", "tkksd_kukar", "province_admin", "executive", "officer", "superuser"],
)
def test_users_handling_the_agreement_see_its_warnings_most_urgent_first(
    warned: Agreement, persona: str, request: Any
) -> None:
    response = client_for(request.getfixturevalue(persona)).get("/peringatan/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Rujukan kesehatan" in body
    assert body.index("Unggah naskah") < body.index("berakhir dalam 30 hari")
    assert f'href="/kerja-sama/{warned.pk}/"' in body


@pytest.mark.parametrize("persona", ["tkksd_pontianak", "other_officer"])
def test_users_outside_the_agreement_see_none_of_its_warnings(
    warned: Agreement, persona: str, request: Any
) -> None:
    user = request.getfixturevalue(persona)
    response = client_for(user).get("/peringatan/")
    assert "Rujukan kesehatan" not in response.content.decode()
    assert "Tidak ada peringatan terbuka" in response.content.decode()
    assert open_warning_count(user) == 0


def test_the_queue_filters_by_kind_and_counts_each_kind(
    warned: Agreement, tkksd_samarinda: Any
) -> None:
    response = client_for(tkksd_samarinda).get("/peringatan/", {"jenis": "tonggak_terlambat"})
    body = response.content.decode()
    assert "Unggah naskah" in body
    assert "berakhir dalam 30 hari" not in body
    assert [(k, n) for k, _, n in response.context["kinds"] if n] == [
        ("akan_berakhir", 1),
        ("tonggak_terlambat", 1),
    ]


def test_resolved_warnings_leave_the_queue(warned: Agreement, tkksd_samarinda: Any) -> None:
    Warning.objects.filter(kind="tonggak_terlambat").update(resolved_at=timezone.now())
    assert open_warning_count(tkksd_samarinda) == 1


def test_the_queue_is_paginated(
    in_force: Callable[..., Agreement], tkksd_samarinda: Any, today: datetime.date
) -> None:
    agreement = in_force(today - DAY * 30, today + DAY * 400)
    Milestone.objects.bulk_create(
        Milestone(
            agreement=agreement,
            stage="berlaku",
            name=f"T{i}",
            responsible="-",
            due_date=today - DAY,
        )
        for i in range(30)
    )
    warnings_refresh(today=today)
    client = client_for(tkksd_samarinda)
    assert len(client.get("/peringatan/").context["page"].object_list) == 25
    assert len(client.get("/peringatan/", {"halaman": 2}).context["page"].object_list) == 5


def test_the_queue_needs_a_signed_in_user(warned: Agreement) -> None:
    response = Client().get("/peringatan/")
    assert response.status_code == 302
    assert "/akun/" in response["Location"]


def test_the_queue_exports_as_xlsx_and_csv(warned: Agreement, officer: Any) -> None:
    client = client_for(officer)
    response = client.get("/peringatan/unduh/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("jenis", "kerja_sama", "nomor")
    assert [r[0] for r in rows[1:]] == ["Tonggak SOP terlambat", "Akan berakhir"]
    assert rows[1][1] == "Rujukan kesehatan"
    response = client.get("/peringatan/unduh/csv/", {"jenis": "akan_berakhir"})
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(lines) == 2
    assert "berakhir dalam 30 hari" in lines[1][4]
    assert client.get("/peringatan/unduh/pdf/").status_code == 404


def test_the_badge_shows_the_open_warning_count(
    warned: Agreement, tkksd_samarinda: Any, tkksd_pontianak: Any
) -> None:
    template = Template("{% load sinergi_alerts %}{% open_warning_badge %}")
    request = RequestFactory().get("/")
    request.user = tkksd_samarinda
    assert "2 peringatan" in template.render(Context({"request": request}))
    request.user = tkksd_pontianak
    assert template.render(Context({"request": request})).strip() == ""


# --- API ------------------------------------------------------------------------------------


def test_the_api_lists_my_open_warnings_with_their_agreement(
    warned: Agreement, tkksd_kukar: Any
) -> None:
    response = client_for(tkksd_kukar).get("/api/v1/peringatan")
    assert response.status_code == 200
    data = response.json()
    assert (data["count"], data["pages"]) == (2, 1)
    first = data["items"][0]
    assert first["kind"] == "tonggak_terlambat"
    assert first["kind_label"] == "Tonggak SOP terlambat"
    assert first["agreement"] == {
        "id": warned.pk,
        "title": "Rujukan kesehatan",
        "number": warned.number,
        "owner_region": "64.72",
    }
    assert first["next_step"]


def test_the_api_filters_by_kind_and_pages(warned: Agreement, tkksd_samarinda: Any) -> None:
    client = client_for(tkksd_samarinda)
    data = client.get("/api/v1/peringatan", {"kind": "akan_berakhir"}).json()
    assert [i["key"] for i in data["items"]] == ["akan_berakhir:30"]
    data = client.get("/api/v1/peringatan", {"page_size": 1, "page": 2}).json()
    assert (data["count"], data["pages"], len(data["items"])) == (2, 2, 1)
    assert data["items"][0]["kind"] == "akan_berakhir"
    assert client.get("/api/v1/peringatan", {"kind": "lain"}).status_code in (400, 422)


def test_the_api_shows_nothing_of_other_regions_and_needs_a_login(
    warned: Agreement, tkksd_pontianak: Any
) -> None:
    assert client_for(tkksd_pontianak).get("/api/v1/peringatan").json()["count"] == 0
    assert Client().get("/api/v1/peringatan").status_code == 401
