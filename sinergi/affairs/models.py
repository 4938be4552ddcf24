from django.db import models


class AffairQuerySet(models.QuerySet["Affair"]):
    def sectors(self) -> "AffairQuerySet":
        """The 32 bidang urusan that can be the object of cooperation (not support functions)."""
        return self.exclude(group=Affair.Group.SUPPORT)

    def basic_services(self) -> "AffairQuerySet":
        return self.filter(group=Affair.Group.BASIC)


class Affair(models.Model):
    """A bidang urusan pemerintahan or support function with its planning code (`1.02`)."""

    class Group(models.TextChoices):
        BASIC = "wajib_dasar", "Wajib, pelayanan dasar"
        NON_BASIC = "wajib_non_dasar", "Wajib, bukan pelayanan dasar"
        OPTIONAL = "pilihan", "Pilihan"
        SUPPORT = "penunjang", "Fungsi penunjang"

    code = models.CharField("kode", max_length=8, unique=True)
    name = models.CharField("nama", max_length=120)
    group = models.CharField("kelompok", max_length=20, choices=Group.choices)
    source = models.CharField("dasar hukum", max_length=255)

    objects = AffairQuerySet.as_manager()

    class Meta:
        verbose_name = "urusan pemerintahan"
        verbose_name_plural = "urusan pemerintahan"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
