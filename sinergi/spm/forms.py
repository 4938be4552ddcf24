from django import forms
from django.utils import timezone


def _this_year() -> int:
    return timezone.localdate().year


class PeriodForm(forms.Form):
    """Year and quarter of the template to download."""

    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100, initial=_this_year)
    triwulan = forms.TypedChoiceField(
        label="Triwulan", choices=[(q, f"Triwulan {q}") for q in range(1, 5)], coerce=int
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Berkas capaian SPM (XLSX atau CSV)",
        help_text="Gunakan templat: satu baris per wilayah, triwulan dan indikator.",
    )
