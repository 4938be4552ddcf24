"""Boundaries for the map's tests: tiny squares (fast), or the real files of ../shared."""

import datetime
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from sinergi.agreements.models import Agreement
from sinergi.alerts.models import Warning
from sinergi.core.models import ReferenceDataLoad
from sinergi.regions.models import Region, RegionBorder
from sinergi.regions.services import BOUNDARIES_DATASET, boundaries_load

SHARED_REGIONS = Path(settings.BASE_DIR).parent / "shared" / "data" / "regions"
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
REAL_FILES = [SHARED_REGIONS / "provinces.geojson", SHARED_REGIONS / "regencies.geojson"]


def square(lng: float, lat: float, size: float = 0.2) -> dict[str, Any]:
    ring = [[lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


# Samarinda and Kukar side by side, Kaltim around them, Pontianak far west. Kota Balikpapan
# (64.71) has no boundary: it must be listed apart.
SQUARES = {
    "64": square(115.0, -2.0, 4.0),
    "64.72": square(117.1, -0.6),
    "64.02": square(116.9, -0.6),
    "61": square(108.0, -2.0, 4.0),
    "61.71": square(109.3, -0.1),
}


@pytest.fixture
def tiny_boundaries(reference_data: None, tmp_path: Path) -> None:
    features = [
        {"type": "Feature", "properties": {"code": code}, "geometry": geometry}
        for code, geometry in SQUARES.items()
    ]
    path = tmp_path / "kecil.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    assert boundaries_load(path=path).ok


def _clear_boundaries() -> None:
    Region.objects.filter(boundary__isnull=False).update(
        boundary=None, boundary_source="", lat=None, lng=None
    )
    RegionBorder.objects.all().delete()
    ReferenceDataLoad.objects.filter(dataset=BOUNDARIES_DATASET).delete()


@pytest.fixture(scope="module")
def real_boundaries(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """The real boundary files, loaded once for the module (outside the tests' rollback, so
    removed again afterwards: other modules expect regions without boundaries)."""
    if not all(path.exists() for path in REAL_FILES):
        pytest.skip("../shared/data/regions boundary files are absent")
    with django_db_blocker.unblock():
        call_command("load_boundaries", *map(str, REAL_FILES), stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        _clear_boundaries()


def idle(agreement: Agreement, *, resolved: bool = False) -> None:
    Warning.objects.create(
        agreement=agreement,
        kind=Warning.Kind.IDLE,
        key="simbolis",
        message="Tidak ada kegiatan",
        next_step="Periksa",
        first_seen=TODAY,
        last_seen=TODAY,
        resolved_at=timezone.now() if resolved else None,
    )


@pytest.fixture
def data_set(
    province_admin: Any,
    kaltim: Any,
    samarinda: Any,
    kukar: Any,
    pontianak: Any,
    university: Any,
    make_agreement: Callable[..., Agreement],
    make_active_agreement: Callable[..., Agreement],
) -> dict[str, Agreement]:
    """A known set. Samarinda: a1 (with Kukar, active, idle), a2 (with Pontianak, ends
    today: ended), a3 (with a university, proposed), a4 (recorded by Kaltim, which is not a
    party, between Samarinda and Kukar; ends tomorrow: still active). Kukar: a1, a4, a5 (with
    Kaltim, active, idle warning resolved)."""
    a1 = make_active_agreement(
        province_admin,
        samarinda,
        [kukar],
        start_date=TODAY - 30 * DAY,
        end_date=TODAY + 400 * DAY,
        signed_on=datetime.date(2024, 3, 1),
    )
    a2 = make_active_agreement(
        province_admin,
        samarinda,
        [pontianak],
        start_date=TODAY - 700 * DAY,
        end_date=TODAY,
        signed_on=datetime.date(2023, 5, 1),
        title="Kerja sama perdagangan",
    )
    a3 = make_agreement(province_admin, samarinda, [university], title="Riset kesehatan")
    a4 = make_active_agreement(
        province_admin,
        kaltim,
        [samarinda, kukar],
        start_date=TODAY - 10 * DAY,
        end_date=TODAY + DAY,
        signed_on=datetime.date(2025, 1, 2),
        title="Jalan penghubung",
    )
    a4.parties.filter(region=kaltim).delete()  # the province records it, not a party
    a5 = make_active_agreement(
        province_admin,
        kukar,
        [kaltim],
        start_date=TODAY - 10 * DAY,
        end_date=TODAY + 300 * DAY,
        signed_on=datetime.date(2025, 6, 1),
        title="Irigasi",
    )
    idle(a1)
    idle(a5, resolved=True)
    return {"a1": a1, "a2": a2, "a3": a3, "a4": a4, "a5": a5}
