"""SPM reference data: the six fields, service types per level, their indicators, and the
default index scheme (configuration with its source)."""

from decimal import Decimal
from typing import Any

import pytest

from sinergi.spm.models import Band, Field, Indicator, Scheme, ServiceType
from sinergi.spm.services import spm_load_reference

pytestmark = pytest.mark.django_db


def test_the_six_fields_and_their_services_are_loaded(reference_data: Any) -> None:
    assert list(Field.objects.values_list("code", flat=True)) == [
        "pendidikan",
        "kesehatan",
        "pekerjaan_umum",
        "perumahan",
        "trantibumlinmas",
        "sosial",
    ]
    health = ServiceType.objects.filter(field__code="kesehatan")
    assert health.filter(level="kabupaten_kota").count() == 12
    assert health.filter(level="provinsi").count() == 2
    assert Field.objects.get(code="kesehatan").affair.code == "1.02"


def test_every_service_has_recipient_and_quality_indicators(reference_data: Any) -> None:
    for service in ServiceType.objects.all():
        kinds = set(service.indicators.values_list("kind", flat=True))
        assert {Indicator.Kind.RECIPIENTS, Indicator.Kind.QUALITY} <= kinds, service.code
    trend = Indicator.objects.filter(kind=Indicator.Kind.TREND)
    assert set(trend.values_list("service__code", flat=True)) == {"P-PDK-01", "K-PDK-02"}


def test_the_default_scheme_has_its_bands_and_source(reference_data: Any) -> None:
    scheme = Scheme.objects.get(is_default=True)
    assert (scheme.recipients_weight, scheme.quality_weight) == (Decimal(80), Decimal(20))
    assert "BELUM diverifikasi" in scheme.source
    assert list(scheme.bands.values_list("code", flat=True)) == [
        "paripurna",
        "utama",
        "madya",
        "muda",
        "pratama",
        "belum",
    ]


def test_an_edited_scheme_is_not_overwritten_by_a_reload(reference_data: Any) -> None:
    scheme = Scheme.objects.get(is_default=True)
    Band.objects.filter(scheme=scheme, code="utama").update(min_score=Decimal(90))
    spm_load_reference(force=True)
    assert Band.objects.get(scheme=scheme, code="utama").min_score == Decimal(90)
    assert Scheme.objects.count() == 1
