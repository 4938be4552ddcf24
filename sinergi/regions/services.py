"""Loading region reference data and boundaries. Both are idempotent: a rerun changes nothing."""

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from sinergi.core.errors import DomainError
from sinergi.core.models import ReferenceDataLoad
from sinergi.core.reference import read_csv, sha256_of
from sinergi.core.versions import bump_data_version
from sinergi.regions.borders import bordering_pairs_per_layer
from sinergi.regions.geometry import GeometryError, representative_point, validate_geometry
from sinergi.regions.models import Region, RegionBorder

REGIONS_DATASET = "wilayah"
BOUNDARIES_DATASET = "batas_wilayah"
REGION_SOURCE = (
    "idn-area-data (npm, data di bawah lisensi ODbL; kode Kemendagri), "
    "dengan atribut dari sinergi/regions/data/region_attributes.csv"
)
ATTRIBUTES_CSV = Path(__file__).resolve().parent / "data" / "region_attributes.csv"
_ATTRIBUTE_PARSERS: dict[str, Any] = {
    "is_border": lambda v: v.lower() == "true",
    "is_underdeveloped": lambda v: v.lower() == "true",
    "population": int,
    "area_km2": Decimal,
}


_DEFAULTS: dict[str, Any] = {
    "is_border": False,
    "is_underdeveloped": False,
    "population": None,
    "area_km2": None,
}


@dataclass
class LoadResult:
    version: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: bool = False


def idn_area_dir() -> Path:
    return Path(settings.NODE_MODULES_DIR) / "idn-area-data"


def idn_area_version(package_dir: Path) -> str:
    package = json.loads((package_dir / "package.json").read_text())
    return f"idn-area-data@{package['version']}"


def kind_from_name(name: str) -> str:
    return Region.Kind.CITY if name.startswith("Kota ") else Region.Kind.REGENCY


def regions_load_reference(*, package_dir: Path | None = None, force: bool = False) -> LoadResult:
    """Create or update all provinces and regencies/cities, then their attributes."""
    package_dir = package_dir or idn_area_dir()
    data_dir = package_dir / "data"
    files = [data_dir / "provinces.csv", data_dir / "regencies.csv", ATTRIBUTES_CSV]
    missing = [str(p) for p in files if not p.exists()]
    if missing:
        raise DomainError(
            f"Berkas data wilayah tidak ditemukan: {', '.join(missing)}. "
            "Jalankan `npm ci` terlebih dahulu."
        )
    result = LoadResult(version=idn_area_version(package_dir))
    checksum = sha256_of(files)
    latest = ReferenceDataLoad.latest(REGIONS_DATASET)
    if latest and latest.checksum == checksum and not force:
        result.skipped = True
        return result
    with transaction.atomic():
        provinces = {}
        for row in read_csv(files[0]):
            provinces[row["code"]] = _upsert(
                result,
                row["code"],
                name=row["name"],
                level=Region.Level.PROVINCE,
                kind=Region.Kind.PROVINCE,
                parent=None,
            )
        for row in read_csv(files[1]):
            _upsert(
                result,
                row["code"],
                name=row["name"],
                level=Region.Level.REGENCY,
                kind=kind_from_name(row["name"]),
                parent=provinces[row["province_code"]],
            )
        _apply_attributes(read_csv(files[2]))
        ReferenceDataLoad.objects.create(
            dataset=REGIONS_DATASET,
            version=result.version,
            checksum=checksum,
            source=REGION_SOURCE,
            rows=result.created + result.updated + result.unchanged,
            summary={
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
    return result


def _upsert(result: LoadResult, code: str, **values: Any) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None:
        result.created += 1
        return Region.objects.create(code=code, **values)
    changed = {k: v for k, v in values.items() if getattr(region, k) != v}
    if not changed:
        result.unchanged += 1
        return region
    for key, value in changed.items():
        setattr(region, key, value)
    region.save()
    result.updated += 1
    return region


def _apply_attributes(rows: list[dict[str, str]]) -> None:
    """Make every region's attributes exactly what the file says, sources included.

    An attribute dropped from the file returns to its default, so a corrected list never
    leaves a region wrongly flagged.
    """
    by_code: dict[str, dict[str, dict[str, str]]] = {}
    for row in rows:
        by_code.setdefault(row["code"], {})[row["attribute"]] = row
    stale = Region.objects.exclude(attribute_sources={}).exclude(code__in=by_code)
    for region in [*Region.objects.filter(code__in=by_code), *stale]:
        wanted = by_code.get(region.code, {})
        values = {
            name: parse(wanted[name]["value"]) if name in wanted else _DEFAULTS[name]
            for name, parse in _ATTRIBUTE_PARSERS.items()
        }
        sources = {name: row["source"] for name, row in wanted.items()}
        current = {name: getattr(region, name) for name in values}
        if current == values and region.attribute_sources == sources:
            continue
        for name, value in values.items():
            setattr(region, name, value)
        region.attribute_sources = sources
        region.save()


@dataclass
class BoundaryReport:
    loaded: list[str] = field(default_factory=list)
    unknown_codes: list[str] = field(default_factory=list)
    invalid: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.unknown_codes and not self.invalid


def boundaries_load(*, path: Path) -> BoundaryReport:
    """Load polygons keyed by `properties.code`; report unknown codes and bad geometry."""
    features = _read_features(path)
    known = {r.code: r for r in Region.objects.all()}
    report = BoundaryReport()
    with transaction.atomic():
        for index, feature in enumerate(features, start=1):
            _load_feature(feature, index, known, report, source=path.name)
        checksum = sha256_of([path])
        ReferenceDataLoad.objects.create(
            dataset=BOUNDARIES_DATASET,
            version=checksum[:12],
            checksum=checksum,
            source=path.name,
            rows=len(report.loaded),
            summary={"unknown_codes": report.unknown_codes, "invalid": report.invalid},
        )
    return report


def _read_features(path: Path) -> list[Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DomainError(f"Berkas {path} tidak ditemukan.") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DomainError(f"Berkas {path.name} bukan GeoJSON yang sah: {exc}") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise DomainError(f"Berkas {path.name} harus berupa GeoJSON FeatureCollection.")
    features = data.get("features")
    if not isinstance(features, list):
        raise DomainError(f"Berkas {path.name} tidak memiliki daftar `features`.")
    return features


def _load_feature(
    feature: Any, index: int, known: dict[str, Region], report: BoundaryReport, *, source: str
) -> None:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    code = str((properties or {}).get("code") or "").strip()
    label = code or f"fitur ke-{index}"
    if code not in known:
        report.unknown_codes.append(label)
        return
    try:
        geometry = validate_geometry(feature.get("geometry"))
    except GeometryError as exc:
        report.invalid.append((label, str(exc)))
        return
    region = known[code]
    region.boundary = geometry
    region.boundary_source = source
    region.lat, region.lng = _point(properties or {}, geometry)
    region.save()
    report.loaded.append(code)


def _point(properties: dict[str, Any], geometry: dict[str, Any]) -> tuple[float, float]:
    try:
        return float(properties["lat"]), float(properties["lng"])
    except (KeyError, TypeError, ValueError):
        return representative_point(geometry)


def region_borders_compute(*, source: str) -> int:
    """Recompute which regions border which from the stored boundaries; return the pairs.

    Each level is its own layer (province–province, regency–regency). Every existing row is
    replaced, so a corrected boundary file also removes borders that no longer hold.
    `source` names the boundary file(s) the rows are computed from.
    """
    layers: dict[str, dict[str, Any]] = {}
    ids: dict[str, int] = {}
    stored = Region.objects.filter(boundary__isnull=False)
    for pk, code, level, boundary in stored.values_list("pk", "code", "level", "boundary"):
        layers.setdefault(level, {})[code] = boundary
        ids[code] = pk
    # Computed before the transaction: it takes seconds and needs no lock.
    pairs: set[tuple[str, str]] = set().union(*bordering_pairs_per_layer(layers).values())
    rows = [
        RegionBorder(region_id=ids[a], neighbour_id=ids[b], source=source)
        for pair in sorted(pairs)
        for a, b in (pair, pair[::-1])
    ]
    with transaction.atomic():
        RegionBorder.objects.all().delete()
        RegionBorder.objects.bulk_create(rows)
        bump_data_version()
    return len(pairs)
