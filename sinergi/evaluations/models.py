"""Evaluation: a configurable rubric scored per agreement and year, and the annual
evaluation report of a region or a province, generated in the background."""

from typing import Any

from django.conf import settings
from django.db import models

from sinergi.agreements.models import Agreement
from sinergi.regions.models import Region


class Criterion(models.Model):
    """A line of the rubric. `computed` ones are scored from the data (with the basis shown);
    the others by a reviewer. Weights are relative: they need not add up to 100."""

    class Source(models.TextChoices):
        MANUAL = "penilai", "Diisi penilai"
        TIMELINESS = "ketepatan_waktu", "Dihitung: ketepatan waktu tonggak dan laporan"
        INDICATORS = "capaian_indikator", "Dihitung: capaian indikator"
        BUDGET = "realisasi_anggaran", "Dihitung: realisasi anggaran"

    code = models.SlugField("kode", max_length=40, unique=True)
    name = models.CharField("kriteria", max_length=200)
    description = models.TextField("pedoman penilaian", blank=True)
    weight = models.PositiveSmallIntegerField("bobot", default=1)
    source = models.CharField("cara penilaian", max_length=24, choices=Source.choices)
    order = models.PositiveSmallIntegerField("urutan", default=0)
    active = models.BooleanField("dipakai", default=True)

    class Meta:
        verbose_name = "kriteria evaluasi"
        verbose_name_plural = "kriteria evaluasi"
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Evaluation(models.Model):
    """The evaluation of one agreement for one year: scores 0–100 per criterion, a weighted
    total and a category, with the reasons behind each score."""

    class Category(models.TextChoices):
        VERY_GOOD = "sangat_baik", "Sangat baik"
        GOOD = "baik", "Baik"
        FAIR = "cukup", "Cukup"
        POOR = "kurang", "Kurang (perlu ditinjau)"

    class State(models.TextChoices):
        DRAFT = "draf", "Draf"
        FINAL = "final", "Final"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="evaluations")
    year = models.PositiveSmallIntegerField("tahun evaluasi")
    state = models.CharField("status", max_length=8, choices=State.choices, default=State.DRAFT)
    total = models.DecimalField("nilai akhir", max_digits=5, decimal_places=2, null=True)
    category = models.CharField("kategori", max_length=12, choices=Category.choices, blank=True)
    summary = models.TextField("kesimpulan", blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("dibuat", auto_now_add=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "evaluasi kerja sama"
        verbose_name_plural = "evaluasi kerja sama"
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "year"], name="evaluation_once_a_year")
        ]

    def __str__(self) -> str:
        return f"Evaluasi {self.year}: {self.agreement}"

    @property
    def audit_region_id(self) -> Any:
        # Audit entries are shown to the users of the agreement's owner region.
        return self.agreement.owner_region_id


class Score(models.Model):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField("nilai (0–100)", max_digits=5, decimal_places=2, null=True)
    basis = models.TextField("dasar nilai", blank=True)
    computed = models.BooleanField("dihitung sistem", default=False)

    class Meta:
        verbose_name = "nilai kriteria"
        verbose_name_plural = "nilai kriteria"
        ordering = ["criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "criterion"], name="score_once"),
            models.CheckConstraint(
                condition=models.Q(value__gte=0) & models.Q(value__lte=100),
                name="score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"

    @property
    def audit_region_id(self) -> Any:
        return self.evaluation.agreement.owner_region_id


class AnnualReport(models.Model):
    """The annual evaluation report of a region (a province: over its regencies and cities),
    built by a background task; `progress` (0–100) is shown while it runs."""

    class State(models.TextChoices):
        QUEUED = "antre", "Dalam antrean"
        RUNNING = "berjalan", "Sedang dibuat"
        DONE = "selesai", "Selesai"
        FAILED = "gagal", "Gagal"

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("tahun")
    state = models.CharField("status", max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField("kemajuan (%)", default=0)
    step = models.CharField("tahap", max_length=200, blank=True)
    pdf = models.FileField("PDF", upload_to="laporan-evaluasi/%Y/", blank=True)
    xlsx = models.FileField("XLSX", upload_to="laporan-evaluasi/%Y/", blank=True)
    error = models.TextField("galat", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField("diminta pada", auto_now_add=True)
    finished_at = models.DateTimeField("selesai pada", null=True, blank=True)

    class Meta:
        verbose_name = "laporan evaluasi tahunan"
        verbose_name_plural = "laporan evaluasi tahunan"
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"Laporan evaluasi {self.year} {self.region}"

    @property
    def audit_region_id(self) -> Any:
        return self.region_id
