"""Forms check the shape of input; planning/services.py checks the rules and rights."""

from decimal import Decimal
from typing import Any

from django import forms

from sinergi.agreements.models import Party
from sinergi.planning.models import BudgetLine
from sinergi.planning.services import FIRST_YEAR, LAST_YEAR, BudgetLineInput, PlanInput


class MoneyField(forms.DecimalField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_digits=18, decimal_places=2, min_value=Decimal(0), **kwargs)


class YearField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)


class NomenclatureUploadForm(forms.Form):
    year = YearField(label="Tahun anggaran")
    label = forms.CharField(
        label="Keterangan",
        max_length=200,
        required=False,
        help_text="Mis. nomor Kepmendagri yang menetapkan nomenklatur ini.",
    )
    file = forms.FileField(
        label="Berkas nomenklatur (XLSX atau CSV)",
        help_text="Kolom: kode (atau kode_sub_kegiatan) dan nomenklatur (atau nama/uraian). "
        "Kode 5 atau 6 segmen, dengan atau tanpa nol di depan, diterima.",
    )


class PlanForm(forms.Form):
    rpjmd_period = forms.CharField(
        label="Periode RPJMD", max_length=20, required=False, help_text="Mis. 2025–2029."
    )
    rpjmd_priority = forms.CharField(
        label="Prioritas/sasaran RPJMD",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    rkpd_year = YearField(label="Tahun RKPD", required=False)
    needs_budget = forms.BooleanField(
        label="Memerlukan anggaran daerah",
        required=False,
        help_text="Kosongkan bila kerja sama tidak dibiayai APBD (mis. pertukaran data).",
    )
    note = forms.CharField(
        label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def to_input(self) -> PlanInput:
        return PlanInput(**self.cleaned_data)


class PartyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class BudgetLineForm(forms.Form):
    party = PartyChoiceField(label="Pihak", queryset=Party.objects.none())
    fiscal_year = YearField(label="Tahun anggaran")
    sub_activity_code = forms.CharField(
        label="Kode sub-kegiatan",
        max_length=32,
        required=False,
        help_text="Mis. 1.02.02.2.02.0014; nama diisi dari nomenklatur tahun itu bila ada.",
    )
    sub_activity_name = forms.CharField(label="Nama sub-kegiatan", max_length=500, required=False)
    source = forms.ChoiceField(label="Sumber dana", choices=BudgetLine.Source.choices)
    allocated = MoneyField(label="Pagu (Rp)", initial=0)
    realised = MoneyField(label="Realisasi (Rp)", initial=0)
    note = forms.CharField(
        label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, parties: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = parties  # type: ignore[attr-defined]

    def to_input(self) -> BudgetLineInput:
        return BudgetLineInput(**self.cleaned_data)


class RealisationForm(forms.Form):
    realised = MoneyField(label="Realisasi (Rp)")


def line_initial(line: BudgetLine) -> dict[str, Any]:
    fields = ("party", "fiscal_year", "sub_activity_code", "sub_activity_name", "source")
    values = {name: getattr(line, name) for name in fields}
    return {**values, "allocated": line.allocated, "realised": line.realised, "note": line.note}
