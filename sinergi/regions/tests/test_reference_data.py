from typing import Any

import pytest
from django.core.management import call_command

from sinergi.core.models import ReferenceDataLoad
from sinergi.regions.models import Region
from sinergi.regions.services import regions_load_reference

pytestmark = pytest.mark.usefixtures("reference_data")


def test_it_has_all_38_provinces_and_514_regencies_and_cities() -> None:
    assert Region.objects.provinces().count() == 38
    assert Region.objects.regencies().count() == 514


def test_it_has_56_regencies_and_cities_in_kalimantan() -> None:
    assert Region.objects.kalimantan().regencies().count() == 56
    per_province = {
        code: Region.objects.filter(parent__code=code).count()
        for code in Region.KALIMANTAN_PROVINCE_CODES
    }
    assert per_province == {"61": 14, "62": 14, "63": 13, "64": 10, "65": 5}


def test_it_keys_regions_by_kemendagri_code() -> None:
    samarinda = Region.objects.get(code="64.72")
    assert samarinda.name == "Kota Samarinda"
    assert samarinda.kind == Region.Kind.CITY
    assert samarinda.parent.code == "64"
    assert samarinda.parent.name == "Kalimantan Timur"
    assert Region.objects.get(code="64.02").kind == Region.Kind.REGENCY


def test_kaltim_codes_skip_numbers_as_in_the_regulation() -> None:
    codes = list(Region.objects.filter(parent__code="64").values_list("code", flat=True))
    assert codes == [
        "64.01",
        "64.02",
        "64.03",
        "64.07",
        "64.08",
        "64.09",
        "64.11",
        "64.71",
        "64.72",
        "64.74",
    ]


def test_border_and_underdeveloped_regions_record_their_source() -> None:
    nunukan = Region.objects.get(code="65.03")
    assert nunukan.is_border
    assert "BNPP" in nunukan.attribute_sources["is_border"]
    assert Region.objects.filter(is_underdeveloped=True).count() == 62
    for region in Region.objects.filter(is_underdeveloped=True):
        assert "Perpres 63/2020" in region.attribute_sources["is_underdeveloped"]
    assert not Region.objects.get(code="64.72").is_border


def test_population_and_area_come_with_a_source() -> None:
    tarakan = Region.objects.get(code="65.71")
    assert tarakan.population == 255310
    assert set(tarakan.attribute_sources) == {"population", "area_km2"}


def test_reloading_the_same_version_changes_nothing() -> None:
    loads = ReferenceDataLoad.objects.count()
    result = regions_load_reference()
    assert result.skipped
    assert ReferenceDataLoad.objects.count() == loads


def test_a_forced_reload_updates_a_renamed_region_back_and_records_the_version() -> None:
    Region.objects.filter(code="64.72").update(name="Kota Samarinda (salah ketik)")
    result = regions_load_reference(force=True)
    assert (result.created, result.updated) == (0, 1)
    assert Region.objects.get(code="64.72").name == "Kota Samarinda"
    latest = ReferenceDataLoad.latest("wilayah")
    assert latest is not None
    assert latest.version.startswith("idn-area-data@")


def test_the_command_reports_what_it_did(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_reference_data")
    assert "sudah termuat" in capsys.readouterr().out


def test_an_attribute_dropped_from_the_list_is_cleared_with_its_source(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sinergi.regions import services

    source = services.ATTRIBUTES_CSV.read_text().splitlines()
    kept = [line for line in source if not line.startswith("65.03,")]
    trimmed = tmp_path / "region_attributes.csv"
    trimmed.write_text("\n".join(kept) + "\n")
    monkeypatch.setattr(services, "ATTRIBUTES_CSV", trimmed)
    regions_load_reference(force=True)
    nunukan = Region.objects.get(code="65.03")
    assert not nunukan.is_border
    assert nunukan.attribute_sources == {}
    assert Region.objects.get(code="65.02").is_border
