from django import forms
from django.utils import timezone

from sinergi.spm.services import EntryInput


def _this_year() -> int:
    return timezone.localdate().year


class PeriodForm(forms.Form):
    """Year and quarter of the template to download."""

    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100, initial=_this_year)
    triwulan = forms.TypedChoiceField(
        label="Triwulan", choices=[(q, f"Triwulan {q}") for q in range(1, 5)], coerce=int
    )


FIGURES, FIELD_INDICES = "capaian", "indeks_bidang"
KINDS = [
    (FIGURES, "Capaian indikator (jumlah sasaran dan terlayani)"),
    (FIELD_INDICES, "Indeks bidang yang diterbitkan (mis. hasil evaluasi Kemendagri)"),
]


class UploadForm(forms.Form):
    jenis = forms.ChoiceField(
        label="Isi berkas",
        choices=KINDS,
        initial=FIGURES,
        widget=forms.RadioSelect,
        required=False,  # an upload without it is indicator figures (the first template)
    )
    file = forms.FileField(
        label="Berkas capaian SPM (XLSX atau CSV)",
        help_text="Gunakan templat: satu baris per wilayah, triwulan dan indikator.",
    )


class EntryForm(forms.Form):
    target_population = forms.IntegerField(label="Jumlah sasaran", min_value=0, required=False)
    served = forms.IntegerField(label="Jumlah terlayani", min_value=0, required=False)
    score = forms.DecimalField(
        label="Nilai hasil (indikator tren)",
        min_value=0,
        max_value=99999,
        max_digits=7,
        decimal_places=2,
        required=False,
    )
    notes = forms.CharField(
        label="Catatan", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    evidence = forms.FileField(label="Bukti (PDF, DOCX, JPG atau PNG)", required=False)

    def to_input(self) -> EntryInput:
        data = self.cleaned_data
        return EntryInput(data["target_population"], data["served"], data["score"], data["notes"])
