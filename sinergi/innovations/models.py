"""Regional innovations (inovasi daerah) and the replication of one region's innovation by
another through a cooperation agreement.

Vocabulary of PP 38/2017 on Inovasi Daerah, as the Indeks Inovasi Daerah (BSKDN Kemendagri)
uses it: the kind (tata kelola pemerintahan, pelayanan publik, lainnya), the form (digital or
not) and the stage reached (inisiatif, uji coba, penerapan). A region states its interest with a
surat minat replikasi; the originating region accepts it by opening a draft KSDD sukarela.
"""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from sinergi.core.models import TimeStampedModel

FIRST_YEAR = 1990


def _year_not_in_future(value: int) -> None:
    if value > datetime.date.today().year:
        raise ValidationError("Tahun mulai tidak boleh setelah tahun ini.")


class InnovationQuerySet(models.QuerySet["Innovation"]):
    def published(self) -> "InnovationQuerySet":
        return self.filter(status=Innovation.Status.PUBLISHED)

    def of_regions(self, regions: Any) -> "InnovationQuerySet":
        return self.filter(region__in=regions)

    def visible_to(self, regions: Any) -> "InnovationQuerySet":
        """Published ones, plus every innovation of the given regions (drafts included)."""
        return self.filter(Q(status=Innovation.Status.PUBLISHED) | Q(region__in=regions))


class Innovation(TimeStampedModel):
    class Kind(models.TextChoices):
        GOVERNANCE = "tata_kelola", "Tata kelola pemerintahan daerah"
        PUBLIC_SERVICE = "pelayanan_publik", "Pelayanan publik"
        OTHER = "lainnya", "Inovasi daerah lainnya"

    class Form(models.TextChoices):
        DIGITAL = "digital", "Digital"
        NON_DIGITAL = "non_digital", "Non-digital"

    class Maturity(models.TextChoices):
        INITIATIVE = "inisiatif", "Inisiatif"
        TRIAL = "uji_coba", "Uji coba"
        APPLIED = "penerapan", "Penerapan"

    class Status(models.TextChoices):
        DRAFT = "draf", "Draf"
        PUBLISHED = "terbit", "Diterbitkan"
        WITHDRAWN = "ditarik", "Ditarik"

    region = models.ForeignKey(
        "regions.Region",
        verbose_name="wilayah asal",
        on_delete=models.PROTECT,
        related_name="innovations",
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name="perangkat daerah penghubung",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="innovations",
    )
    name = models.CharField("nama inovasi", max_length=200)
    affair = models.ForeignKey(
        "affairs.Affair",
        verbose_name="urusan pemerintahan",
        on_delete=models.PROTECT,
        related_name="innovations",
    )
    kind = models.CharField("jenis", max_length=20, choices=Kind.choices)
    form = models.CharField("bentuk", max_length=12, choices=Form.choices)
    maturity = models.CharField("tahapan", max_length=12, choices=Maturity.choices)
    started_year = models.PositiveSmallIntegerField(
        "tahun mulai",
        validators=[MinValueValidator(FIRST_YEAR), _year_not_in_future],
    )
    problem = models.TextField("masalah yang diatasi")
    description = models.TextField("cara kerja")
    results = models.TextField("hasil dan manfaat", blank=True)
    replicable = models.BooleanField("dapat direplikasi", default=True)
    replication_terms = models.TextField("syarat replikasi", blank=True)
    contact_unit = models.CharField(
        "unit/jabatan penghubung",
        max_length=150,
        blank=True,
        help_text="Jabatan atau unit, bukan nama dan nomor pribadi.",
    )
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("diterbitkan pada", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicatat oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField("data demo", default=False)
    version = models.PositiveIntegerField(default=1)  # optimistic lock for edits
    # Stemmed words of the name, problem, description and results (keyword search).
    search_stems = models.TextField(blank=True, editable=False)
    # 384 float16 values (multilingual-e5-small), written by the worker after a change.
    vector = models.BinaryField(null=True, blank=True, editable=False)
    vector_updated_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = InnovationQuerySet.as_manager()

    class Meta:
        verbose_name = "inovasi daerah"
        verbose_name_plural = "inovasi daerah"
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["status", "region"], name="innovation_status_region")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="terbit") | Q(published_at__isnull=False),
                name="innovation_published_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_region_id(self) -> Any:
        return self.region_id

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def clean(self) -> None:
        super().clean()
        if self.agency_id and self.agency.region_id != self.region_id:  # type: ignore[union-attr]
            raise ValidationError(
                {"agency": "Perangkat daerah penghubung harus berada di wilayah asal inovasi."}
            )


class InnovationResult(models.Model):
    """One result with figures: what was measured before and after, in what unit, when."""

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="figures")
    label = models.CharField("ukuran", max_length=200)
    before = models.DecimalField("sebelum", max_digits=14, decimal_places=2, null=True, blank=True)
    after = models.DecimalField("sesudah", max_digits=14, decimal_places=2)
    unit = models.CharField("satuan", max_length=40, blank=True)
    year = models.PositiveSmallIntegerField("tahun", validators=[MinValueValidator(FIRST_YEAR)])

    class Meta:
        verbose_name = "hasil terukur"
        verbose_name_plural = "hasil terukur"
        ordering = ["year", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def audit_region_id(self) -> Any:
        return self.innovation.region_id


class InnovationFile(models.Model):
    """A document or a screenshot. Files live outside the web root; pages serve them only
    after checking that the reader may see the innovation."""

    class Kind(models.TextChoices):
        DOCUMENT = "dokumen", "Dokumen"
        SCREENSHOT = "tangkapan_layar", "Tangkapan layar/foto"

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField("jenis", max_length=16, choices=Kind.choices)
    caption = models.CharField("keterangan", max_length=200, blank=True)
    file = models.FileField("berkas", upload_to="inovasi/%Y/")
    original_name = models.CharField("nama berkas asli", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField("ukuran (bita)")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField("diunggah pada", auto_now_add=True)

    class Meta:
        verbose_name = "berkas inovasi"
        verbose_name_plural = "berkas inovasi"
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def audit_region_id(self) -> Any:
        return self.innovation.region_id

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class ReplicationInterestQuerySet(models.QuerySet["ReplicationInterest"]):
    def pending(self) -> "ReplicationInterestQuerySet":
        return self.filter(status=ReplicationInterest.Status.SUBMITTED)

    def accepted(self) -> "ReplicationInterestQuerySet":
        return self.filter(status=ReplicationInterest.Status.ACCEPTED)


class ReplicationInterest(TimeStampedModel):
    """A surat minat replikasi: region `region` wants to apply `innovation`. Accepting it
    opens a draft agreement (KSDD sukarela) between the two regions, kept in `agreement`."""

    class Status(models.TextChoices):
        SUBMITTED = "diajukan", "Diajukan"
        ACCEPTED = "diterima", "Diterima"
        DECLINED = "ditolak", "Ditolak"
        WITHDRAWN = "dibatalkan", "Dibatalkan"

    innovation = models.ForeignKey(
        Innovation, on_delete=models.PROTECT, related_name="interests", verbose_name="inovasi"
    )
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="wilayah peminat",
        on_delete=models.PROTECT,
        related_name="replication_interests",
    )
    letter_number = models.CharField("nomor surat minat", max_length=100)
    letter_date = models.DateField("tanggal surat")
    reason = models.TextField("kebutuhan dan alasan")
    letter = models.FileField("berkas surat", upload_to="minat-replikasi/%Y/", blank=True)
    letter_content_type = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        "status", max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    decision_note = models.TextField("catatan keputusan", blank=True)
    decided_at = models.DateTimeField("diputuskan pada", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    agreement = models.OneToOneField(
        "agreements.Agreement",
        verbose_name="kerja sama replikasi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replication",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ReplicationInterestQuerySet.as_manager()

    class Meta:
        verbose_name = "minat replikasi"
        verbose_name_plural = "minat replikasi"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One open or accepted interest per region and innovation; a declined or
            # withdrawn one may be followed by a new letter.
            models.UniqueConstraint(
                fields=["innovation", "region"],
                condition=Q(status__in=["diajukan", "diterima"]),
                name="replication_interest_once",
            ),
            models.CheckConstraint(
                condition=~Q(status="diterima") | Q(decided_at__isnull=False),
                name="replication_accepted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} → {self.innovation}"

    @property
    def audit_region_id(self) -> Any:
        return self.innovation.region_id
