from typing import Any

from django.db import models
from django.db.models import F, Q


class RegionQuerySet(models.QuerySet["Region"]):
    def provinces(self) -> "RegionQuerySet":
        return self.filter(level=Region.Level.PROVINCE)

    def regencies(self) -> "RegionQuerySet":
        return self.filter(level=Region.Level.REGENCY)

    def in_province(self, province: "Region") -> "RegionQuerySet":
        """The province itself and every regency/city in it."""
        return self.filter(Q(pk=province.pk) | Q(parent=province))

    def kalimantan(self) -> "RegionQuerySet":
        codes = Region.KALIMANTAN_PROVINCE_CODES
        return self.filter(Q(code__in=codes) | Q(parent__code__in=codes))

    def neighbours_of(self, region: "Region") -> "RegionQuerySet":
        """Regions of the same level that share a boundary with `region` (see RegionBorder)."""
        # Each pair is stored in both directions, so "X borders region" is one join.
        return self.filter(borders__neighbour=region)


class RegionManager(models.Manager["Region"]):
    """Leaves out the GeoJSON boundary (up to megabytes) and the attribute sources, which
    only the map and the region page read: without this, every page that touches a user's
    region or a party decodes them (≈10 ms a page for a province). Ask for them with
    `.defer(None)` or `values_list("boundary")`; reading the attribute on a row loads it."""

    def get_queryset(self) -> RegionQuerySet:
        return RegionQuerySet(self.model, using=self._db).defer("boundary", "attribute_sources")


class Region(models.Model):
    """A province or regency/city, keyed by its Kemendagri code (`64.72` = Kota Samarinda)."""

    KALIMANTAN_PROVINCE_CODES = ("61", "62", "63", "64", "65")

    class Level(models.TextChoices):
        PROVINCE = "provinsi", "Provinsi"
        REGENCY = "kabupaten_kota", "Kabupaten/Kota"

    class Kind(models.TextChoices):
        PROVINCE = "provinsi", "Provinsi"
        REGENCY = "kabupaten", "Kabupaten"
        CITY = "kota", "Kota"

    code = models.CharField("kode Kemendagri", max_length=8, unique=True)
    name = models.CharField("nama", max_length=120)
    level = models.CharField("tingkat", max_length=16, choices=Level.choices)
    kind = models.CharField("jenis", max_length=16, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="provinsi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_border = models.BooleanField("kawasan perbatasan negara", default=False)
    is_underdeveloped = models.BooleanField("daerah tertinggal", default=False)
    population = models.PositiveIntegerField("jumlah penduduk", null=True, blank=True)
    area_km2 = models.DecimalField(
        "luas (km²)", max_digits=10, decimal_places=2, null=True, blank=True
    )
    # Where each attribute above came from: {"is_border": "BNPP ...", "population": "..."}.
    attribute_sources = models.JSONField("sumber atribut", default=dict, blank=True)
    boundary = models.JSONField("batas wilayah (GeoJSON)", null=True, blank=True)
    boundary_source = models.CharField("sumber batas wilayah", max_length=255, blank=True)
    lat = models.FloatField("lintang", null=True, blank=True)
    lng = models.FloatField("bujur", null=True, blank=True)

    objects = RegionManager.from_queryset(RegionQuerySet)()

    class Meta:
        # Also for related lookups (`user.region`, `party.region`).
        base_manager_name = "objects"
        verbose_name = "wilayah"
        verbose_name_plural = "wilayah"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(level="provinsi", parent__isnull=True, kind="provinsi"))
                | (Q(level="kabupaten_kota", parent__isnull=False) & ~Q(kind="provinsi")),
                name="region_level_matches_parent_and_kind",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_province(self) -> bool:
        return self.level == self.Level.PROVINCE

    @property
    def province(self) -> "Region":
        return self if self.parent_id is None else self.parent  # type: ignore[return-value]

    @property
    def province_code(self) -> str:
        return self.code.split(".")[0]

    @property
    def audit_region_id(self) -> Any:
        return self.pk

    @property
    def label(self) -> str:
        """Name with code, the form officers quote in letters: `Kota Samarinda (64.72)`."""
        return f"{self.name} ({self.code})"

    def borders_with(self, other: "Region") -> bool:
        """True when the two regions share a boundary (same level only; see RegionBorder)."""
        return self.borders.filter(neighbour=other).exists()


class RegionBorder(models.Model):
    """Two regions of the same level that share a boundary, computed from their polygons.

    Stored in both directions (A→B and B→A) so that "does A border B" and "A's neighbours"
    are each one indexed lookup. A regency and its own province are never stored: that is
    containment, read from `Region.parent`. Rows are rewritten wholesale by
    `region_borders_compute`, never edited by hand.
    """

    # CASCADE: the rows are derived from the regions, so they go with them.
    region = models.ForeignKey(
        Region, verbose_name="wilayah", on_delete=models.CASCADE, related_name="borders"
    )
    neighbour = models.ForeignKey(
        Region, verbose_name="wilayah tetangga", on_delete=models.CASCADE, related_name="+"
    )
    source = models.CharField("sumber batas wilayah", max_length=255)

    class Meta:
        verbose_name = "perbatasan wilayah"
        verbose_name_plural = "perbatasan wilayah"
        constraints = [
            models.UniqueConstraint(fields=["region", "neighbour"], name="region_border_once"),
            models.CheckConstraint(
                condition=~Q(region=F("neighbour")), name="region_border_not_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} – {self.neighbour}"
