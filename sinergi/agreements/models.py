"""Cooperation agreements (PP 28/2018, Permendagri 22/2020): documents, parties, lifecycle."""

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from sinergi.core.models import AliveManager, SoftDeleteModel, SoftDeleteQuerySet, TimeStampedModel

ENDING_SOON_DAYS = 90


class Organization(TimeStampedModel):
    """A party that is not an Indonesian region: firm, university, ministry, foreign body."""

    class Kind(models.TextChoices):
        PRIVATE = "swasta", "Badan usaha swasta"
        SOE = "bumn", "BUMN"
        REGIONAL_SOE = "bumd", "BUMD"
        UNIVERSITY = "perguruan_tinggi", "Perguruan tinggi"
        NGO = "lsm", "Organisasi kemasyarakatan / LSM"
        CENTRAL = "kementerian_lembaga", "Kementerian / lembaga pemerintah pusat"
        FOREIGN_GOVERNMENT = "pemda_luar_negeri", "Pemerintah daerah luar negeri"
        FOREIGN_BODY = "lembaga_luar_negeri", "Lembaga luar negeri"
        OTHER = "lainnya", "Lainnya"

    name = models.CharField("nama", max_length=200)
    kind = models.CharField("jenis", max_length=24, choices=Kind.choices)
    country = models.CharField("negara", max_length=80, default="Indonesia")
    name_key = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        verbose_name = "organisasi mitra"
        verbose_name_plural = "organisasi mitra"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        from sinergi.agencies.names import compact

        self.name_key = compact(self.name)
        super().save(*args, **kwargs)


class Status(models.TextChoices):
    PROPOSED = "usulan", "Usulan"
    TKKSD_REVIEW = "pembahasan_tkksd", "Pembahasan TKKSD"
    DRAFTING = "penyusunan", "Penyusunan naskah"
    DPRD_APPROVAL = "persetujuan_dprd", "Persetujuan DPRD"
    SIGNING = "penandatanganan", "Penandatanganan"
    ACTIVE = "berlaku", "Berlaku"
    ENDED = "berakhir", "Berakhir"
    REJECTED = "ditolak", "Ditolak"
    TERMINATED = "diakhiri", "Dibatalkan/Diakhiri"


FINAL_STATUSES = {Status.ENDED, Status.REJECTED, Status.TERMINATED}
PIPELINE_STATUSES = [
    Status.PROPOSED,
    Status.TKKSD_REVIEW,
    Status.DRAFTING,
    Status.DPRD_APPROVAL,
    Status.SIGNING,
]


class AgreementQuerySet(SoftDeleteQuerySet):
    def visible_to_regions(self, regions: Any) -> "AgreementQuerySet":
        """Agreements a region owns or is a party to."""
        return self.filter(
            Q(owner_region__in=regions)
            | Q(pk__in=Party.objects.filter(region__in=regions).values("agreement_id"))
        )

    def active(self, today: datetime.date | None = None) -> "AgreementQuerySet":
        today = today or timezone.localdate()
        return self.filter(status=Status.ACTIVE).exclude(end_date__lte=today)

    def ending_within(self, days: int, today: datetime.date | None = None) -> "AgreementQuerySet":
        today = today or timezone.localdate()
        return self.active(today).filter(end_date__lte=today + datetime.timedelta(days=days))

    def due_to_expire(self, today: datetime.date) -> "AgreementQuerySet":
        return self.filter(status=Status.ACTIVE, end_date__lte=today)

    def with_owner(self) -> "AgreementQuerySet":
        """Joined with the owner region and primary affair, without the region's GeoJSON
        boundary (up to megabytes a row) that a join would otherwise read and decode."""
        return self.select_related("owner_region", "primary_affair").defer(
            "owner_region__boundary", "owner_region__attribute_sources"
        )

    def public(self) -> "AgreementQuerySet":
        """Marked public by their region and past the internal stages: what the public
        portal may show (never documents or personal data, see the portal's views)."""
        return self.filter(is_public=True).exclude(status__in=(*PIPELINE_STATUSES, Status.REJECTED))

    def framework(self) -> "AgreementQuerySet":
        """KB, Nota Kesepakatan and MoU: the umbrella documents, counted apart from PKS."""
        return self.filter(doc_type__in=Agreement.FRAMEWORK_TYPES)


class StatusAsOf:
    """The status as of a day, from a stored status and end date: for an agreement and for
    the light rows of the list page (`selectors.ListRow`)."""

    status: str
    end_date: datetime.date | None

    def current_status(self, today: datetime.date | None = None) -> str:
        """The status as of today, even before the daily expiry job has run."""
        today = today or timezone.localdate()
        if self.status == Status.ACTIVE and self.end_date and self.end_date <= today:
            return Status.ENDED
        return self.status

    def current_status_label(self) -> str:
        return str(Status(self.current_status()).label)

    def ends_soon(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.current_status(today) == Status.ACTIVE
            and self.end_date is not None
            and self.end_date <= today + datetime.timedelta(days=ENDING_SOON_DAYS)
        )


class Agreement(StatusAsOf, SoftDeleteModel, TimeStampedModel):
    """One cooperation document: KB, Nota Kesepakatan, MoU, PKS or Adendum."""

    class DocType(models.TextChoices):
        KB = "kb", "Kesepakatan Bersama (KB)"
        NOTA = "nota", "Nota Kesepakatan"
        MOU = "mou", "Memorandum of Understanding (MoU)"
        PKS = "pks", "Perjanjian Kerja Sama (PKS)"
        ADDENDUM = "adendum", "Adendum"

    class Kind(models.TextChoices):
        KSDD = "ksdd", "KSDD — dengan daerah lain"
        KSDPK = "ksdpk", "KSDPK — dengan pihak ketiga"
        SINERGI = "sinergi", "Sinergi pusat–daerah"
        KSDPL = "ksdpl", "KSDPL — dengan pemerintah daerah luar negeri"
        KSDLL = "ksdll", "KSDLL — dengan lembaga luar negeri"

    class Category(models.TextChoices):
        MANDATORY = "wajib", "Wajib"
        VOLUNTARY = "sukarela", "Sukarela"

    class Subtype(models.TextChoices):
        A = "a", "a. kabupaten/kota dengan kabupaten/kota berbatasan dalam satu provinsi"
        B = "b", "b. kabupaten/kota dengan kabupaten/kota berbatasan dari provinsi lain"
        C = "c", "c. provinsi dengan provinsi yang berbatasan"
        D = "d", "d. kabupaten/kota dengan provinsinya"

    class TerminationReason(models.TextChoices):
        GOAL_MET = "tujuan_tercapai", "Tujuan tercapai"
        FORCE_MAJEURE = "keadaan_kahar", "Keadaan kahar"
        BREACH = "wanprestasi", "Salah satu pihak tidak melaksanakan kewajiban"
        CANCELLED = "pembatalan_pihak", "Dibatalkan oleh salah satu pihak"
        ANNULLED = "dibatalkan_pemerintah", "Dibatalkan pemerintah atau putusan pengadilan"
        OBJECT_LOST = "objek_hilang", "Objek kerja sama hilang"
        AGAINST_LAW = "bertentangan_hukum", "Bertentangan dengan peraturan perundang-undangan"
        NATIONAL_INTEREST = "kepentingan_nasional", "Merugikan kepentingan nasional"
        NEW_LAW = "dasar_hukum_berubah", "Dasar hukum baru menggantikan"

    FRAMEWORK_TYPES = (DocType.KB, DocType.NOTA, DocType.MOU)

    owner_region = models.ForeignKey(
        "regions.Region",
        verbose_name="wilayah pencatat",
        on_delete=models.PROTECT,
        related_name="owned_agreements",
        db_index=False,  # led by (owner_region, id) and (owner_region, status) below
    )
    doc_type = models.CharField("jenis dokumen", max_length=10, choices=DocType.choices)
    kind = models.CharField("jenis kerja sama", max_length=10, choices=Kind.choices)
    ksdd_category = models.CharField(
        "kategori KSDD", max_length=10, choices=Category.choices, blank=True
    )
    ksdd_subtype = models.CharField(
        "subjenis KSDD wajib", max_length=1, choices=Subtype.choices, blank=True
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="dokumen induk",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="KB yang dilaksanakan oleh PKS ini, atau perjanjian yang diubah oleh adendum.",
    )
    renews = models.ForeignKey(
        "self",
        verbose_name="memperpanjang",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewals",
    )
    number = models.CharField("nomor dokumen", max_length=120, blank=True)
    title = models.CharField("judul", max_length=500)
    subject = models.CharField("perihal", max_length=500, blank=True)
    purpose = models.TextField("maksud dan tujuan", blank=True)
    scope = models.TextField("ruang lingkup", blank=True)
    location = models.CharField("lokasi", max_length=255, blank=True)
    financing = models.TextField("pembiayaan", blank=True)
    primary_affair = models.ForeignKey(
        "affairs.Affair",
        verbose_name="urusan utama",
        on_delete=models.PROTECT,
        related_name="primary_agreements",
    )
    other_affairs = models.ManyToManyField(
        "affairs.Affair", verbose_name="urusan lain", blank=True, related_name="+"
    )
    signed_on = models.DateField("tanggal penandatanganan", null=True, blank=True)
    signed_place = models.CharField("tempat penandatanganan", max_length=120, blank=True)
    start_date = models.DateField("tanggal mulai", null=True, blank=True)
    end_date = models.DateField("tanggal berakhir", null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(
        "jangka waktu (bulan)", null=True, blank=True
    )
    burdens_public = models.BooleanField(
        "membebani masyarakat dan daerah",
        default=False,
        help_text="PP 28/2018: bila ya, diperlukan persetujuan DPRD.",
    )
    budgeted = models.BooleanField(
        "sudah dianggarkan dalam APBD tahun berjalan",
        default=True,
        help_text="PP 28/2018: bila belum, diperlukan persetujuan DPRD.",
    )
    dprd_approval_number = models.CharField("nomor persetujuan DPRD", max_length=120, blank=True)
    dprd_approval_date = models.DateField("tanggal persetujuan DPRD", null=True, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=Status.choices, default=Status.PROPOSED
    )  # indexed by (status, end_date) below: one index fewer to write on every insert
    termination_reason = models.CharField(
        "alasan pengakhiran", max_length=30, choices=TerminationReason.choices, blank=True
    )
    status_note = models.TextField("catatan status", blank=True)
    is_public = models.BooleanField(
        "tampil di portal publik",
        default=False,
        help_text="Judul, pihak, urusan, status dan tanggal tampil untuk umum; berkas tidak.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicatat oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    search_document = models.TextField(editable=False, blank=True)
    search_stems = models.TextField(editable=False, blank=True)

    objects = AliveManager.from_queryset(AgreementQuerySet)()
    all_objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = "kerja sama"
        verbose_name_plural = "kerja sama"
        ordering = ["-signed_on", "-created_at"]
        base_manager_name = "all_objects"
        indexes = [
            models.Index(fields=["owner_region", "status"]),
            models.Index(fields=["status", "end_date"]),
            models.Index(fields=["doc_type", "signed_on"]),
            # The list's default order, so a page of the whole register is an index range,
            # not a sort of every row (docs/benchmarks.md).
            models.Index(
                fields=["-signed_on", "-created_at", "-id"],
                condition=Q(deleted_at=None),
                name="agreement_list_order_idx",
            ),
            # Counts by document type (and the paginator's count) from the index alone.
            models.Index(
                fields=["doc_type"], condition=Q(deleted_at=None), name="agreement_alive_type_idx"
            ),
            # The ids a region owns, for the region scope, without reading the rows.
            models.Index(fields=["owner_region", "id"], name="agreement_owner_id_idx"),
            # Every column of the dashboard's GROUP BY (year, status as of today, kind, type,
            # sector) and the id for the idle count: the national figures from the index alone.
            models.Index(
                fields=[
                    *("primary_affair", "kind", "doc_type", "status", "signed_on", "end_date"),
                    "id",
                ],
                condition=Q(deleted_at=None),
                name="agreement_figures_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="agreement_end_not_before_start",
                violation_error_message="Tanggal berakhir tidak boleh sebelum tanggal mulai.",
            ),
            models.UniqueConstraint(
                fields=["owner_region", "number"],
                condition=~Q(number="") & Q(deleted_at=None),
                name="agreement_unique_number_per_owner",
                violation_error_message="Nomor dokumen ini sudah tercatat di wilayah pencatat.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audit_region_id(self) -> Any:
        return self.owner_region_id

    @property
    def is_framework(self) -> bool:
        return self.doc_type in self.FRAMEWORK_TYPES

    @property
    def needs_dprd_approval(self) -> bool:
        """PP 28/2018 (domain brief §1.5): DPRD approves when the agreement burdens the
        public and the region, or its funding is not yet in the current APBD."""
        return self.burdens_public or not self.budgeted

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES


class Party(models.Model):
    """A signatory side: an Indonesian region (by Kemendagri code) or an organisation."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    position = models.PositiveSmallIntegerField("urutan", default=1)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name="wilayah",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreement_parties",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="organisasi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parties",
    )
    signatory_name = models.CharField("nama penanda tangan", max_length=150, blank=True)
    signatory_position = models.CharField("jabatan penanda tangan", max_length=200, blank=True)
    document_number = models.CharField("nomor dokumen pihak", max_length=120, blank=True)
    under_power_of_attorney = models.BooleanField(
        "ditandatangani dengan surat kuasa", default=False
    )
    power_of_attorney_number = models.CharField("nomor surat kuasa", max_length=120, blank=True)
    agencies = models.ManyToManyField(
        "agencies.Agency",
        verbose_name="perangkat daerah pelaksana",
        blank=True,
        related_name="agreement_parties",
    )

    class Meta:
        verbose_name = "pihak"
        verbose_name_plural = "pihak"
        ordering = ["position", "id"]
        constraints = [
            # Also the index of the region scope (the agreements a region is a party to, from
            # the index alone); being unique lets the figures count parties, not DISTINCT
            # agreements, per region.
            models.UniqueConstraint(
                fields=["region", "agreement"],
                condition=Q(region__isnull=False),
                name="party_region_once",
                violation_error_message="Satu wilayah tercantum lebih dari sekali sebagai pihak.",
            ),
            models.UniqueConstraint(
                fields=["organization", "agreement"],
                condition=Q(organization__isnull=False),
                name="party_organization_once",
                violation_error_message=(
                    "Satu organisasi tercantum lebih dari sekali sebagai pihak."
                ),
            ),
            models.CheckConstraint(
                condition=(Q(region__isnull=False) & Q(organization__isnull=True))
                | (Q(region__isnull=True) & Q(organization__isnull=False)),
                name="party_is_region_or_organization",
                violation_error_message=(
                    "Pihak harus berupa wilayah atau organisasi, bukan keduanya."
                ),
            ),
        ]

    def __str__(self) -> str:
        return str(self.region or self.organization)

    @property
    def audit_region_id(self) -> Any:
        return self.agreement.owner_region_id


class StatusChange(models.Model):
    """One step of an agreement's lifecycle: the timeline on its page."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="timeline")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "perubahan status"
        verbose_name_plural = "perubahan status"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"


class MilestoneTemplate(models.Model):
    """An SOP control point: what must be done in a stage, by whom, within how many days.

    Configurable per kind of cooperation (blank kind = every kind).
    """

    kind = models.CharField(
        "jenis kerja sama", max_length=10, choices=Agreement.Kind.choices, blank=True
    )
    stage = models.CharField("tahap", max_length=20, choices=Status.choices)
    order = models.PositiveSmallIntegerField("urutan", default=1)
    name = models.CharField("kegiatan", max_length=255)
    responsible = models.CharField("penanggung jawab", max_length=120)
    due_days = models.PositiveSmallIntegerField("batas waktu (hari)")
    source = models.CharField("dasar", max_length=255, blank=True)

    class Meta:
        verbose_name = "tonggak SOP"
        verbose_name_plural = "tonggak SOP"
        ordering = ["stage", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "stage", "name"], name="milestone_template_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.name}"


class Milestone(models.Model):
    """A control point of one agreement, created when it enters the stage."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="milestones")
    template = models.ForeignKey(MilestoneTemplate, null=True, on_delete=models.SET_NULL)
    stage = models.CharField("tahap", max_length=20, choices=Status.choices)
    name = models.CharField("kegiatan", max_length=255)
    responsible = models.CharField("penanggung jawab", max_length=120)
    due_date = models.DateField("batas waktu")
    done_at = models.DateTimeField("selesai pada", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField("catatan", blank=True)

    class Meta:
        verbose_name = "tonggak"
        verbose_name_plural = "tonggak"
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def audit_region_id(self) -> Any:
        return self.agreement.owner_region_id

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return self.done_at is None and self.due_date < (today or timezone.localdate())


def document_path(instance: "AgreementDocument", filename: str) -> str:
    # Stored by content hash, never by the uploaded name (which the user controls).
    return f"agreements/{instance.agreement_id}/{instance.sha256}"


class AgreementDocument(TimeStampedModel):
    """A file of an agreement (signed text, power of attorney, DPRD decision, attachment)."""

    class Kind(models.TextChoices):
        TEXT = "naskah", "Naskah perjanjian"
        POWER_OF_ATTORNEY = "surat_kuasa", "Surat kuasa"
        DPRD = "persetujuan_dprd", "Persetujuan DPRD"
        ATTACHMENT = "lampiran", "Lampiran / KAK / rencana kerja"
        OTHER = "lainnya", "Lainnya"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("jenis berkas", max_length=20, choices=Kind.choices)
    title = models.CharField("judul berkas", max_length=255)
    file = models.FileField("berkas", upload_to=document_path, max_length=255)
    original_name = models.CharField("nama berkas asli", max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField("ukuran (bita)")
    sha256 = models.CharField("SHA-256", max_length=64)
    version = models.PositiveSmallIntegerField("versi", default=1)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "berkas kerja sama"
        verbose_name_plural = "berkas kerja sama"
        ordering = ["kind", "title", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind", "title", "version"], name="document_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def audit_region_id(self) -> Any:
        return self.agreement.owner_region_id


from sinergi.agreements.import_models import AgreementImport  # noqa: E402, F401
