"""Forms check shape only; the services check the rules (range, basis, rights)."""

from django import forms


class StartForm(forms.Form):
    year = forms.IntegerField(label="Tahun evaluasi", min_value=2000, max_value=2100)


class ScoreForm(forms.Form):
    value = forms.DecimalField(label="Nilai (0–100)", max_digits=5, decimal_places=2)
    basis = forms.CharField(label="Dasar penilaian", widget=forms.Textarea(attrs={"rows": 2}))


class AnnualRequestForm(forms.Form):
    year = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100)
    region = forms.CharField(label="Wilayah", max_length=8)
