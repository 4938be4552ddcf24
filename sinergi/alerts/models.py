"""Early warnings: computed daily per agreement, shown on each user's work queue and sent by
e-mail once per warning and recipient."""

from django.conf import settings
from django.db import models

from sinergi.agreements.models import Agreement


class WarningQuerySet(models.QuerySet):
    def open(self) -> "WarningQuerySet":
        return self.filter(resolved_at__isnull=True)


class Warning(models.Model):
    """One reason to act on an agreement. `key` makes the daily job idempotent: the same
    situation on the next day finds its row instead of creating another."""

    class Kind(models.TextChoices):
        ENDING = "akan_berakhir", "Akan berakhir"
        MILESTONE_OVERDUE = "tonggak_terlambat", "Tonggak SOP terlambat"
        REPORT_OVERDUE = "laporan_terlambat", "Laporan monev terlambat"
        OBLIGATION_OVERDUE = "kewajiban_terlambat", "Kewajiban lewat batas waktu"
        IDLE = "simbolis", "Tidak ada kegiatan (simbolis)"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="warnings")
    kind = models.CharField("jenis", max_length=24, choices=Kind.choices)
    key = models.CharField(max_length=80)  # e.g. "akan_berakhir:30", "tonggak_terlambat:17"
    message = models.CharField("peringatan", max_length=500)
    next_step = models.CharField("langkah berikutnya", max_length=500)
    due_date = models.DateField("tanggal acuan", null=True, blank=True)
    first_seen = models.DateField("muncul sejak")
    last_seen = models.DateField("terakhir dihitung")
    resolved_at = models.DateTimeField("selesai pada", null=True, blank=True)

    objects = WarningQuerySet.as_manager()

    class Meta:
        verbose_name = "peringatan dini"
        verbose_name_plural = "peringatan dini"
        ordering = ["due_date", "pk"]
        constraints = [models.UniqueConstraint(fields=["agreement", "key"], name="warning_once")]
        indexes = [models.Index(fields=["resolved_at", "kind"], name="warning_open_idx")]

    def __str__(self) -> str:
        return self.message

    @property
    def audit_region_id(self) -> int:
        # The daily job writes in bulk (no audit signals); a single save is filed here.
        return self.agreement.owner_region_id


class WarningDelivery(models.Model):
    """An e-mail sent for a warning to one user: never sent twice."""

    warning = models.ForeignKey(Warning, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField("dikirim pada", auto_now_add=True)

    class Meta:
        verbose_name = "pengiriman peringatan"
        verbose_name_plural = "pengiriman peringatan"
        constraints = [
            models.UniqueConstraint(fields=["warning", "recipient"], name="warning_delivery_once")
        ]

    def __str__(self) -> str:
        return f"{self.warning} → {self.recipient}"


class WarningRun(models.Model):
    """One run of the daily job, so operators can see that it ran and what it did."""

    run_on = models.DateField("tanggal acuan")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    opened = models.PositiveIntegerField("peringatan baru", default=0)
    resolved = models.PositiveIntegerField("peringatan selesai", default=0)
    emails = models.PositiveIntegerField("surel terkirim", default=0)

    class Meta:
        verbose_name = "jalannya pemeriksaan harian"
        verbose_name_plural = "jalannya pemeriksaan harian"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Pemeriksaan {self.run_on:%d-%m-%Y}"
