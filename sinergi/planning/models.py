"""Planning and budget: the ministry's nomenclature, the authority map, and each agreement's
links to RPJMD/RKPD, sub-kegiatan and budget per party and fiscal year, with the flags that
follow from them."""

from django.conf import settings
from django.db import models

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Agreement, Party
from sinergi.regions.models import Region


class NomenclatureVersion(models.Model):
    """One import of the program/kegiatan/sub-kegiatan nomenclature for a fiscal year.

    Imports never overwrite: each is a new version, the newest of a year is the one used."""

    year = models.PositiveSmallIntegerField("tahun anggaran")
    label = models.CharField("keterangan", max_length=200, blank=True)
    source_name = models.CharField("nama berkas", max_length=255)
    sha256 = models.CharField("SHA-256 berkas", max_length=64)
    rows = models.PositiveIntegerField("jumlah kode", default=0)
    duplicates = models.PositiveIntegerField("baris ganda", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("diimpor pada", auto_now_add=True)

    class Meta:
        verbose_name = "versi nomenklatur"
        verbose_name_plural = "versi nomenklatur"
        ordering = ["-year", "-created_at"]

    def __str__(self) -> str:
        return f"Nomenklatur {self.year} ({self.created_at:%d-%m-%Y %H:%M})"


class NomenclatureImport(models.Model):
    """An uploaded nomenclature file between its dry run and its confirmation.

    The parsed rows wait here (not in the session: a ministry file has tens of thousands of
    codes), so confirming writes exactly what the preview showed."""

    class Status(models.TextChoices):
        PREVIEW = "pratinjau", "Menunggu konfirmasi"
        APPLIED = "diterapkan", "Diterapkan"
        CANCELLED = "dibatalkan", "Dibatalkan"

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("tahun anggaran")
    label = models.CharField("keterangan", max_length=200, blank=True)
    file_name = models.CharField("nama berkas", max_length=255)
    sha256 = models.CharField("SHA-256 berkas", max_length=64)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PREVIEW)
    # {"items": [...], "errors": [...], "duplicates": [...], "skipped": [...], "counts": {...}}
    # as built by planning/imports.py.
    preview = models.JSONField(default=dict)
    version = models.ForeignKey(
        NomenclatureVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "impor nomenklatur"
        verbose_name_plural = "impor nomenklatur"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Impor {self.file_name} ({self.get_status_display()})"


class NomenclatureItem(models.Model):
    """A code of the nomenclature in its canonical 6-segment form (`1.02.02.2.02.0014`)."""

    class Level(models.TextChoices):
        AFFAIR = "bidang", "Bidang urusan"
        PROGRAM = "program", "Program"
        ACTIVITY = "kegiatan", "Kegiatan"
        SUB_ACTIVITY = "sub_kegiatan", "Sub-kegiatan"

    version = models.ForeignKey(NomenclatureVersion, on_delete=models.CASCADE, related_name="items")
    code = models.CharField("kode", max_length=32)
    level = models.CharField("tingkat", max_length=16, choices=Level.choices)
    name = models.CharField("nomenklatur", max_length=500)
    affair = models.ForeignKey(Affair, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        verbose_name = "kode nomenklatur"
        verbose_name_plural = "kode nomenklatur"
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="nomenclature_code_once")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class AuthorityRule(models.Model):
    """Whether a level of government holds an urusan (UU 23/2014 lampiran), with its source.

    Kept as data (planning/data/authority.csv) so the TKKSD can read why a flag was raised."""

    class Authority(models.TextChoices):
        FULL = "penuh", "Berwenang"
        PARTIAL = "sebagian", "Sebagian sub-urusan"
        NONE = "tidak", "Tidak berwenang"

    affair = models.ForeignKey(Affair, on_delete=models.CASCADE, related_name="authority_rules")
    level = models.CharField("tingkat pemerintahan", max_length=16, choices=Region.Level.choices)
    authority = models.CharField("kewenangan", max_length=10, choices=Authority.choices)
    note = models.TextField("keterangan", blank=True)
    source = models.CharField("dasar hukum", max_length=255)

    class Meta:
        verbose_name = "peta kewenangan"
        verbose_name_plural = "peta kewenangan"
        ordering = ["affair__code", "level"]
        constraints = [
            models.UniqueConstraint(fields=["affair", "level"], name="authority_rule_once")
        ]

    def __str__(self) -> str:
        return f"{self.affair.code} {self.get_level_display()}: {self.get_authority_display()}"


class AgreementPlan(models.Model):
    """Where an agreement sits in the planning documents of its owner region."""

    agreement = models.OneToOneField(Agreement, on_delete=models.CASCADE, related_name="plan")
    rpjmd_period = models.CharField("periode RPJMD", max_length=20, blank=True)
    rpjmd_priority = models.CharField("prioritas/sasaran RPJMD", max_length=500, blank=True)
    rkpd_year = models.PositiveSmallIntegerField("tahun RKPD", null=True, blank=True)
    needs_budget = models.BooleanField(
        "memerlukan anggaran daerah",
        default=True,
        help_text="Kosongkan bila kerja sama tidak dibiayai APBD (mis. pertukaran data).",
    )
    note = models.TextField("catatan", blank=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "perencanaan kerja sama"
        verbose_name_plural = "perencanaan kerja sama"

    def __str__(self) -> str:
        return f"Perencanaan: {self.agreement}"


class BudgetLine(models.Model):
    """A party's budget for an agreement in one fiscal year, on one sub-kegiatan."""

    class Source(models.TextChoices):
        APBD = "apbd", "APBD"
        APBN = "apbn", "APBN"
        OTHER = "lainnya", "Sumber lain yang sah"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="budget_lines")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="budget_lines")
    fiscal_year = models.PositiveSmallIntegerField("tahun anggaran")
    sub_activity_code = models.CharField("kode sub-kegiatan", max_length=32, blank=True)
    sub_activity_name = models.CharField("nama sub-kegiatan", max_length=500, blank=True)
    source = models.CharField("sumber dana", max_length=10, choices=Source.choices, default="apbd")
    allocated = models.DecimalField("pagu (Rp)", max_digits=18, decimal_places=2, default=0)
    realised = models.DecimalField("realisasi (Rp)", max_digits=18, decimal_places=2, default=0)
    note = models.TextField("catatan", blank=True)
    updated_at = models.DateTimeField("diubah", auto_now=True)

    class Meta:
        verbose_name = "anggaran kerja sama"
        verbose_name_plural = "anggaran kerja sama"
        ordering = ["fiscal_year", "party__position", "sub_activity_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["party", "fiscal_year", "sub_activity_code"], name="budget_line_once"
            ),
            models.CheckConstraint(
                condition=models.Q(allocated__gte=0) & models.Q(realised__gte=0),
                name="budget_line_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.sub_activity_code}: {self.allocated}"


class AgreementFlag(models.Model):
    """A planning/budget problem of an agreement, recomputed on change and daily.

    Stored so lists and dashboards can filter and count them over 100,000 agreements."""

    class Code(models.TextChoices):
        NOT_PLANNED = "belum_direncanakan", "Belum masuk dokumen perencanaan"
        NOT_BUDGETED = "belum_dianggarkan", "Belum dianggarkan tahun berjalan"
        NO_AUTHORITY = "kewenangan_tidak_sesuai", "Kewenangan tidak sesuai"
        LOW_REALISATION = "realisasi_rendah", "Realisasi anggaran rendah"

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="flags")
    code = models.CharField("tanda", max_length=32, choices=Code.choices)
    explanation = models.TextField("penjelasan")
    computed_at = models.DateTimeField("dihitung pada", auto_now=True)

    class Meta:
        verbose_name = "tanda peringatan perencanaan"
        verbose_name_plural = "tanda peringatan perencanaan"
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "code"], name="agreement_flag_once")
        ]
        indexes = [models.Index(fields=["code", "agreement"], name="flag_code_agreement_idx")]

    def __str__(self) -> str:
        return self.get_code_display()
