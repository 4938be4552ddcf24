from typing import Any

from django.db import models
from django.db.models import Q


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

    objects = RegionQuerySet.as_manager()

    class Meta:
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
