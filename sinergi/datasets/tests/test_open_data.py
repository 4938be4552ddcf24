"""Open data files read back: only published agreements, codes, and the data dictionary."""

import csv
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from sinergi.agreements.models import Agreement
from sinergi.regions.models import Region
from sinergi.spm.models import Field, FieldValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(
    make_active_agreement: Any,
    make_agreement: Any,
    tkksd_samarinda: Any,
    samarinda: Any,
    kukar: Any,
    university: Any,
) -> Agreement:
    import datetime

    shown = make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar, university],
        title="Rujukan pasien terbuka",
        start_date=datetime.date(2025, 1, 1),
        duration_months=24,
    )
    Agreement.objects.filter(pk=shown.pk).update(is_public=True)
    make_agreement(tkksd_samarinda, samarinda, [kukar], title="Usulan rahasia", is_public=True)
    make_active_agreement(
        tkksd_samarinda,
        samarinda,
        [kukar],
        title="Tidak dipublikasikan",
        start_date=datetime.date(2025, 1, 1),
        duration_months=24,
    )
    return shown


def test_published_agreements_in_three_formats(published: Agreement) -> None:
    client = Client()
    text = client.get("/data-terbuka/kerja-sama.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["judul"] for r in rows] == ["Rujukan pasien terbuka"]
    row = rows[0]
    assert row["kode_wilayah_pencatat"] == "64.72"
    assert row["kode_urusan"] == "1.02"
    assert row["kode_wilayah_pihak"] == "64.72;64.02"
    assert row["pihak_ketiga"] == "Universitas Mulawarman"
    assert row["status"] == "berlaku"

    sheet = load_workbook(io.BytesIO(client.get("/data-terbuka/kerja-sama.xlsx").content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("id", "judul", "jenis_dokumen")
    assert values[1][1] == "Rujukan pasien terbuka"

    body = client.get("/data-terbuka/kerja-sama.json").json()
    assert [d["judul"] for d in body["data"]] == ["Rujukan pasien terbuka"]
    columns = [c["kolom"] for c in body["metadata"]["kamus_data"]]
    assert columns == list(body["data"][0])  # the dictionary describes exactly the columns


def test_spm_indices_and_code_lists(reference_data: Any) -> None:
    samarinda = Region.objects.get(code="64.72")
    for spm_field in Field.objects.all():
        FieldValue.objects.create(
            region=samarinda, year=2025, field=spm_field, value=Decimal(90), source="uji"
        )
    body = Client().get("/data-terbuka/indeks-spm.json").json()
    [row] = body["data"]
    assert (row["kode_wilayah"], row["tahun"], float(row["indeks_spm"])) == ("64.72", 2025, 90.0)
    assert float(row["indeks_kesehatan"]) == 90.0

    regions = list(
        csv.DictReader(io.StringIO(Client().get("/data-terbuka/wilayah.csv").content.decode()))
    )
    assert len(regions) == Region.objects.count()
    kukar = next(r for r in regions if r["kode_wilayah"] == "64.02")
    assert kukar["kode_provinsi"] == "64"
    affairs = Client().get("/data-terbuka/urusan.json").json()["data"]
    assert affairs[0]["kode_urusan"] == "1.01"


def test_the_index_and_dictionary_list_every_data_set(reference_data: Any) -> None:
    client = Client()
    page = client.get("/data-terbuka/").content.decode()
    for slug in ("kerja-sama", "indeks-spm", "wilayah", "urusan"):
        assert f"/data-terbuka/{slug}.csv" in page
    dictionary = list(
        csv.DictReader(io.StringIO(client.get("/data-terbuka/kamus.csv").content.decode()))
    )
    assert {"data_set": "kerja-sama", "kolom": "kode_urusan", "tipe": "kode"}.items() <= dictionary[
        6
    ].items()
    assert (
        json.loads(client.get("/data-terbuka/kamus.json").content)["wilayah"]["judul"]
        == "Kode wilayah"
    )
    assert client.get("/data-terbuka/rahasia.csv").status_code == 404
