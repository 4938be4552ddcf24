"""Forms check the shape of input; the services check the rules (periods, states, rights)."""

from typing import Any

from django import forms

from sinergi.agreements.models import Agreement, Party
from sinergi.monitoring.models import Indicator, MonitoringReport, Obligation
from sinergi.monitoring.services import (
    IndicatorInput,
    ObligationInput,
    RealisationInput,
    ReportInput,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


class ObligationForm(forms.Form):
    party: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label="Pihak", queryset=Party.objects.none()
    )
    kind = forms.ChoiceField(label="Jenis", choices=Obligation.Kind.choices)
    description = forms.CharField(label="Uraian", widget=TEXT)
    due_date = forms.DateField(label="Batas waktu", widget=DATE, required=False)

    def __init__(self, *args: Any, agreement: Agreement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parties = agreement.parties.select_related("region", "organization")
        self.fields["party"].queryset = parties.defer(  # type: ignore[attr-defined]
            "region__boundary", "region__attribute_sources"
        )

    def to_input(self) -> ObligationInput:
        return ObligationInput(**self.cleaned_data)


def obligation_initial(obligation: Obligation) -> dict[str, Any]:
    return {
        "party": obligation.party_id,
        "kind": obligation.kind,
        "description": obligation.description,
        "due_date": obligation.due_date,
    }


class FulfilForm(forms.Form):
    evidence = forms.FileField(label="Bukti (PDF, DOCX, JPG, PNG)", required=False)
    note = forms.CharField(label="Catatan", max_length=1000, required=False)


class IndicatorForm(forms.Form):
    name = forms.CharField(label="Indikator", max_length=300)
    unit = forms.CharField(label="Satuan", max_length=50)
    baseline = forms.DecimalField(
        label="Kondisi awal", max_digits=16, decimal_places=2, required=False
    )
    target = forms.DecimalField(label="Target", max_digits=16, decimal_places=2)
    target_year = forms.IntegerField(
        label="Tahun target", min_value=2000, max_value=2100, required=False
    )
    higher_is_better = forms.BooleanField(
        label="Makin tinggi makin baik",
        required=False,
        initial=True,
        help_text="Kosongkan untuk indikator yang makin rendah makin baik (mis. jumlah kasus).",
    )

    def to_input(self) -> IndicatorInput:
        return IndicatorInput(**self.cleaned_data)


def indicator_initial(indicator: Indicator) -> dict[str, Any]:
    names = ("name", "unit", "baseline", "target", "target_year", "higher_is_better")
    return {name: getattr(indicator, name) for name in names}


class ReportForm(forms.Form):
    """The report with one realisation field (and note) per indicator of the agreement."""

    period_start = forms.DateField(label="Awal periode", widget=DATE)
    period_end = forms.DateField(label="Akhir periode", widget=DATE)
    activities = forms.CharField(label="Kegiatan yang dilaksanakan", widget=TEXT, required=False)
    outputs = forms.CharField(label="Keluaran/hasil", widget=TEXT, required=False)
    budget_realised = forms.DecimalField(
        label="Realisasi anggaran periode ini (Rp)",
        initial=0,
        max_digits=18,
        decimal_places=2,
        min_value=0,
    )
    obstacles = forms.CharField(label="Kendala", widget=TEXT, required=False)
    recommendation = forms.ChoiceField(
        label="Rekomendasi",
        choices=[("", "— pilih —"), *MonitoringReport.Recommendation.choices],
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, indicators: list[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for indicator in indicators:
            self.fields[f"ind_{indicator.pk}"] = forms.DecimalField(
                label=f"Realisasi: {indicator.name} ({indicator.unit}; target {indicator.target})",
                max_digits=16,
                decimal_places=2,
                required=False,
            )
            self.fields[f"ind_{indicator.pk}_note"] = forms.CharField(
                label=f"Catatan realisasi {indicator.name}", max_length=300, required=False
            )

    def indicator_fields(self) -> list[tuple[Any, Any]]:
        return [(self[f"ind_{i.pk}"], self[f"ind_{i.pk}_note"]) for i in self.indicators]

    def to_input(self) -> ReportInput:
        data = self.cleaned_data
        realisations = [
            RealisationInput(i, data[f"ind_{i.pk}"], data[f"ind_{i.pk}_note"])
            for i in self.indicators
            if data.get(f"ind_{i.pk}") is not None
        ]
        names = ("period_start", "period_end", "activities", "outputs", "obstacles")
        return ReportInput(
            **{name: data[name] for name in names},
            budget_realised=data["budget_realised"],
            recommendation=data["recommendation"],
            realisations=realisations,
        )


def report_initial(report: MonitoringReport) -> dict[str, Any]:
    names = (
        "period_start",
        "period_end",
        "activities",
        "outputs",
        "budget_realised",
        "obstacles",
        "recommendation",
        "version",
    )
    initial = {name: getattr(report, name) for name in names}
    for realisation in report.realisations.all():
        initial[f"ind_{realisation.indicator_id}"] = realisation.value
        initial[f"ind_{realisation.indicator_id}_note"] = realisation.note
    return initial


class EvidenceForm(forms.Form):
    file = forms.FileField(label="Berkas bukti (PDF, DOCX, JPG, PNG)")


class CommentForm(forms.Form):
    body = forms.CharField(label="Komentar", widget=forms.Textarea(attrs={"rows": 2}))


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label="Catatan", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
