"""Standar Pelayanan Minimal: reference data (fields, basic-service types, indicators), the
index scheme (weights, category bands and completeness thresholds, with their source), and
the figures a region enters per year and quarter (domain.md §2)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from sinergi.affairs.models import Affair
from sinergi.core.models import TimeStampedModel
from sinergi.regions.models import Region

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Field(models.Model):
    """One of the six SPM fields (bidang) of PP 2/2018, within its affair."""

    code = models.CharField("kode", max_length=20, unique=True)
    name = models.CharField("nama", max_length=120)
    affair = models.ForeignKey(
        Affair, verbose_name="urusan", on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "bidang SPM"
        verbose_name_plural = "bidang SPM"
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class ServiceType(models.Model):
    """A basic-service type (jenis pelayanan dasar) of one field at one level of government."""

    field = models.ForeignKey(
        Field, verbose_name="bidang", on_delete=models.PROTECT, related_name="services"
    )
    level = models.CharField("tingkat", max_length=20, choices=Region.Level.choices)
    code = models.CharField("kode", max_length=12, unique=True)
    name = models.CharField("nama", max_length=255)
    target_group = models.CharField("sasaran", max_length=255)
    verified = models.BooleanField(
        "terverifikasi", default=False, help_text="Dicocokkan dengan lampiran peraturan."
    )
    source = models.CharField("dasar hukum", max_length=255)
    order = models.PositiveSmallIntegerField("urutan", default=0)

    class Meta:
        verbose_name = "jenis pelayanan dasar"
        verbose_name_plural = "jenis pelayanan dasar"
        ordering = ["field__order", "level", "order"]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    class Kind(models.TextChoices):
        RECIPIENTS = "penerima", "Penerima layanan dasar"
        QUALITY = "mutu", "Mutu layanan dasar"
        TREND = "tren", "Hasil meningkat dari dua tahun sebelumnya"

    service = models.ForeignKey(
        ServiceType,
        verbose_name="jenis pelayanan dasar",
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    code = models.CharField("kode", max_length=16, unique=True)
    kind = models.CharField("jenis indikator", max_length=10, choices=Kind.choices)
    name = models.CharField("nama", max_length=255)
    source = models.CharField("dasar hukum", max_length=255)

    class Meta:
        verbose_name = "indikator SPM"
        verbose_name_plural = "indikator SPM"
        ordering = ["service__code", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Scheme(models.Model):
    """How the index is computed and judged, with its source: editable configuration, so a
    verified reading of the regulation changes a row, not the code."""

    code = models.CharField("kode", max_length=20, unique=True)
    name = models.CharField("nama", max_length=120)
    recipients_weight = models.DecimalField(
        "bobot penerima (%)", max_digits=5, decimal_places=2, validators=PERCENT
    )
    quality_weight = models.DecimalField(
        "bobot mutu (%)", max_digits=5, decimal_places=2, validators=PERCENT
    )
    # Completeness (keterisian) colours: hijau ≥ green, kuning ≥ yellow, merah > 0, hitam 0.
    complete_green = models.DecimalField(
        "keterisian hijau mulai (%)", max_digits=5, decimal_places=2, validators=PERCENT
    )
    complete_yellow = models.DecimalField(
        "keterisian kuning mulai (%)", max_digits=5, decimal_places=2, validators=PERCENT
    )
    source = models.TextField("sumber")
    is_default = models.BooleanField("dipakai", default=False)

    class Meta:
        verbose_name = "skema indeks SPM"
        verbose_name_plural = "skema indeks SPM"
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="spm_one_default"
            ),
            models.CheckConstraint(
                condition=models.Q(complete_yellow__lte=models.F("complete_green")),
                name="spm_yellow_below_green",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Band(models.Model):
    """A category of the index: scores from `min_score` up to the next band's."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="bands")
    code = models.CharField("kode", max_length=20)
    name = models.CharField("nama", max_length=60)
    min_score = models.DecimalField(
        "nilai terendah", max_digits=5, decimal_places=2, validators=PERCENT
    )

    class Meta:
        verbose_name = "kategori indeks SPM"
        verbose_name_plural = "kategori indeks SPM"
        ordering = ["scheme", "-min_score"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="spm_band_code_once"),
            models.UniqueConstraint(fields=["scheme", "min_score"], name="spm_band_score_once"),
        ]

    def __str__(self) -> str:
        return self.name


class Entry(TimeStampedModel):
    """One indicator's figures for a region, year and quarter (cumulative within the year)."""

    region = models.ForeignKey(
        Region, verbose_name="wilayah", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("tahun")
    quarter = models.PositiveSmallIntegerField("triwulan")
    indicator = models.ForeignKey(
        Indicator, verbose_name="indikator", on_delete=models.PROTECT, related_name="entries"
    )
    target_population = models.PositiveIntegerField("jumlah sasaran", null=True, blank=True)
    served = models.PositiveIntegerField("jumlah terlayani", null=True, blank=True)
    score = models.DecimalField(  # the trend indicator's result (e.g. literacy score)
        "nilai hasil", max_digits=7, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField("catatan", blank=True)
    evidence = models.FileField("bukti", upload_to="spm/bukti/%Y/", blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diisi oleh",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    is_demo = models.BooleanField("data demo", default=False)

    class Meta:
        verbose_name = "capaian SPM"
        verbose_name_plural = "capaian SPM"
        # The latest year with figures (every SPM page asks): the unique index starts with
        # the region, so without this MAX(year) read every row (40 ms at national size).
        indexes = [models.Index(fields=["year"], name="spm_entry_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "quarter", "indicator"], name="spm_entry_once"
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="spm_quarter_1_to_4"
            ),
        ]


class FieldValue(TimeStampedModel):
    """A field's index as published (e.g. by the ministry), entered instead of computed."""

    region = models.ForeignKey(
        Region, verbose_name="wilayah", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("tahun")
    field = models.ForeignKey(
        Field, verbose_name="bidang", on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField("indeks", max_digits=5, decimal_places=2, validators=PERCENT)
    source = models.CharField("sumber", max_length=255)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diisi oleh",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "indeks bidang SPM"
        verbose_name_plural = "indeks bidang SPM"
        indexes = [models.Index(fields=["year"], name="spm_fieldvalue_year")]
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "field"], name="spm_field_once"),
            models.CheckConstraint(
                condition=models.Q(value__gte=0, value__lte=100), name="spm_field_value_0_100"
            ),
        ]
