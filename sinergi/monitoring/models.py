"""Follow-up after signing: each party's obligations, the agreement's indicators, and the
periodic monitoring reports (monev) with their review workflow."""

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from sinergi.agreements.models import Agreement, Party
from sinergi.core.models import TimeStampedModel


class ObligationQuerySet(models.QuerySet["Obligation"]):
    def open(self) -> "ObligationQuerySet":
        return self.filter(done_at__isnull=True)

    def overdue(self, today: datetime.date) -> "ObligationQuerySet":
        """Not met and past the due date (the due date itself is still on time)."""
        return self.open().filter(due_date__lt=today)


class Obligation(TimeStampedModel):
    """A right or duty (hak dan kewajiban) of one party, checked off with evidence."""

    class Kind(models.TextChoices):
        DUTY = "kewajiban", "Kewajiban"
        RIGHT = "hak", "Hak"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="obligations")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="obligations")
    kind = models.CharField("jenis", max_length=10, choices=Kind.choices, default=Kind.DUTY)
    description = models.TextField("uraian")
    due_date = models.DateField("batas waktu", null=True, blank=True)
    done_at = models.DateTimeField("dipenuhi pada", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evidence = models.FileField("bukti", upload_to="bukti-kewajiban/%Y/", blank=True)
    evidence_sha256 = models.CharField("SHA-256 bukti", max_length=64, blank=True)
    note = models.TextField("catatan", blank=True)

    objects = ObligationQuerySet.as_manager()

    class Meta:
        verbose_name = "hak dan kewajiban"
        verbose_name_plural = "hak dan kewajiban"
        ordering = ["party__position", "due_date", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def audit_region_id(self) -> Any:
        return self.agreement.owner_region_id

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.done_at is None and self.due_date is not None and self.due_date < today


class Indicator(TimeStampedModel):
    """A measurable result the agreement promises, with its target."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField("indikator", max_length=300)
    unit = models.CharField("satuan", max_length=50)
    baseline = models.DecimalField(
        "kondisi awal", max_digits=16, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField("target", max_digits=16, decimal_places=2)
    target_year = models.PositiveSmallIntegerField("tahun target", null=True, blank=True)
    higher_is_better = models.BooleanField("makin tinggi makin baik", default=True)

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikator"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.target} {self.unit})"

    @property
    def audit_region_id(self) -> Any:
        return self.agreement.owner_region_id

    def achievement_percent(self, value: Decimal | None) -> Decimal | None:
        """Realisation against target in percent, one decimal, uncapped.

        Higher is better: value / target. Lower is better (cases, days, costs): target /
        value, so beating the target also gives over 100 %. A zero divisor has no ratio:
        None, except a lower-is-better realisation of 0, which meets any target (100 %).
        """
        if value is None:
            return None
        numerator, divisor = (value, self.target) if self.higher_is_better else (self.target, value)
        if divisor == 0:
            return Decimal(100) if not self.higher_is_better and value == 0 else None
        percent = Decimal(numerator) / Decimal(divisor) * 100
        return percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class MonitoringReport(TimeStampedModel):
    """A monev report for one period: what was done, results, budget, obstacles, advice."""

    class State(models.TextChoices):
        DRAFT = "draf", "Draf"
        SUBMITTED = "diajukan", "Diajukan"
        RETURNED = "dikembalikan", "Dikembalikan untuk perbaikan"
        REVIEWED = "direviu", "Direviu"

    class Recommendation(models.TextChoices):
        CONTINUE = "dilanjutkan", "Dilanjutkan"
        EXPAND = "diperluas", "Diperluas"
        STOP = "dihentikan", "Dihentikan"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="reports")
    period_start = models.DateField("awal periode")
    period_end = models.DateField("akhir periode")
    activities = models.TextField("kegiatan yang dilaksanakan", blank=True)
    outputs = models.TextField("keluaran/hasil", blank=True)
    budget_realised = models.DecimalField(
        "realisasi anggaran periode ini (Rp)", max_digits=18, decimal_places=2, default=0
    )
    obstacles = models.TextField("kendala", blank=True)
    recommendation = models.CharField(
        "rekomendasi", max_length=12, choices=Recommendation.choices, blank=True
    )
    state = models.CharField("status", max_length=12, choices=State.choices, default=State.DRAFT)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField("diajukan pada", null=True, blank=True)
    reviewed_at = models.DateTimeField("direviu pada", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = "laporan monev"
        verbose_name_plural = "laporan monev"
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_period_ordered",
            )
        ]
        indexes = [
            models.Index(fields=["agreement", "state", "period_end"], name="report_state_idx"),
            # The report list's order: its first page without sorting every report in scope.
            models.Index(
                models.F("period_end").desc(), models.F("id").desc(), name="report_list_order_idx"
            ),
            # Reports awaiting review (a few percent of all): counted on every list page.
            models.Index(
                fields=["agreement"],
                condition=models.Q(state="diajukan"),
                name="report_submitted_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Laporan {self.period_start:%d-%m-%Y} s.d. {self.period_end:%d-%m-%Y}"

    @property
    def audit_region_id(self) -> Any:
        return self.agreement.owner_region_id

    @property
    def is_editable(self) -> bool:
        return self.state in (self.State.DRAFT, self.State.RETURNED)


class IndicatorRealisation(models.Model):
    report = models.ForeignKey(
        MonitoringReport, on_delete=models.CASCADE, related_name="realisations"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="realisations")
    value = models.DecimalField("realisasi", max_digits=16, decimal_places=2)
    note = models.CharField("catatan", max_length=300, blank=True)

    class Meta:
        verbose_name = "realisasi indikator"
        verbose_name_plural = "realisasi indikator"
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="realisation_once")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name}: {self.value}"

    @property
    def audit_region_id(self) -> Any:
        return self.report.agreement.owner_region_id


class ReportEvidence(models.Model):
    report = models.ForeignKey(MonitoringReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("berkas", upload_to="bukti-monev/%Y/")
    original_name = models.CharField("nama berkas asli", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField("ukuran (bita)")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("diunggah pada", auto_now_add=True)

    class Meta:
        verbose_name = "bukti laporan"
        verbose_name_plural = "bukti laporan"
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def audit_region_id(self) -> Any:
        return self.report.agreement.owner_region_id


class ReportComment(models.Model):
    """A reviewer's or author's remark on a report; a return for revision always has one."""

    report = models.ForeignKey(MonitoringReport, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField("komentar")
    created_at = models.DateTimeField("ditulis pada", auto_now_add=True)

    class Meta:
        verbose_name = "komentar laporan"
        verbose_name_plural = "komentar laporan"
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:80]

    @property
    def audit_region_id(self) -> Any:
        return self.report.agreement.owner_region_id
