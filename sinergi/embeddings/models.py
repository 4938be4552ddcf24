"""One vector per agreement: its meaning as multilingual-e5-small reads it."""

from django.db import models


class AgreementVector(models.Model):
    agreement = models.OneToOneField(
        "agreements.Agreement", on_delete=models.CASCADE, primary_key=True, related_name="vector"
    )
    model = models.CharField("model", max_length=40)
    # 384 float16 values, normalised (768 bytes): pgvector is not packaged on these servers,
    # and comparing in numpy keeps SQLite and PostgreSQL alike.
    vector = models.BinaryField()
    updated_at = models.DateTimeField("diperbarui")

    class Meta:
        verbose_name = "vektor kerja sama"
        verbose_name_plural = "vektor kerja sama"

    def __str__(self) -> str:
        return f"Vektor kerja sama {self.agreement_id}"
