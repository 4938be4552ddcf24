"""Forms of innovations: they check shape; the services check the rules."""

import datetime
from typing import Any

from django import forms

from sinergi.affairs.models import Affair
from sinergi.agencies.models import Agency
from sinergi.innovations.models import FIRST_YEAR, Innovation, InnovationFile
from sinergi.innovations.services import FigureInput, InnovationInput, InterestInput
from sinergi.regions.models import Region


class InnovationForm(forms.Form):
    region = forms.ModelChoiceField(
        label="Wilayah asal", queryset=Region.objects.none(), empty_label=None
    )
    name = forms.CharField(label="Nama inovasi", max_length=200)
    affair = forms.ModelChoiceField(
        label="Urusan pemerintahan", queryset=Affair.objects.all(), empty_label="— pilih —"
    )
    kind = forms.ChoiceField(label="Jenis inovasi", choices=Innovation.Kind.choices)
    form = forms.ChoiceField(label="Bentuk", choices=Innovation.Form.choices)
    maturity = forms.ChoiceField(
        label="Tahapan",
        choices=Innovation.Maturity.choices,
        help_text="Inisiatif (gagasan), uji coba (dijalankan terbatas), penerapan (berjalan).",
    )
    started_year = forms.IntegerField(label="Tahun mulai", min_value=FIRST_YEAR)
    problem = forms.CharField(
        label="Masalah yang diatasi", widget=forms.Textarea(attrs={"rows": 3})
    )
    description = forms.CharField(label="Cara kerja", widget=forms.Textarea(attrs={"rows": 4}))
    results = forms.CharField(
        label="Hasil dan manfaat",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Angka hasil (sebelum/sesudah) dicatat pada halaman inovasi setelah disimpan.",
    )
    agency = forms.ModelChoiceField(
        label="Perangkat daerah penghubung",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="— tidak ada —",
    )
    contact_unit = forms.CharField(
        label="Unit/jabatan penghubung",
        max_length=150,
        required=False,
        help_text="Jabatan atau unit (mis. Bidang Layanan Kesehatan), bukan nama/nomor pribadi.",
    )
    replicable = forms.BooleanField(label="Dapat direplikasi daerah lain", required=False)
    replication_terms = forms.CharField(
        label="Syarat replikasi",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mis. cukup Kesepakatan Bersama; kode sumber diserahkan; pelatihan operator.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, regions: Any, officer: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["region"].queryset = regions.defer("boundary")
        agencies = Agency.objects.filter(region__in=regions).select_related("region")
        fields["agency"].queryset = agencies.order_by("region__name", "name")
        if officer:  # an officer records for their own OPD; the service sets it
            del self.fields["agency"]

    def clean_started_year(self) -> int:
        year = int(self.cleaned_data["started_year"])
        if year > datetime.date.today().year:
            raise forms.ValidationError("Tahun mulai tidak boleh setelah tahun ini.")
        return year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agency, region = data.get("agency"), data.get("region")
        if agency is not None and region is not None and agency.region_id != region.pk:
            self.add_error("agency", "Perangkat daerah penghubung harus berada di wilayah asal.")
        return data

    def to_input(self) -> InnovationInput:
        data = self.cleaned_data
        return InnovationInput(
            region=data["region"],
            name=data["name"],
            affair=data["affair"],
            kind=data["kind"],
            form=data["form"],
            maturity=data["maturity"],
            started_year=data["started_year"],
            problem=data["problem"],
            description=data["description"],
            results=data["results"],
            replicable=data["replicable"],
            replication_terms=data["replication_terms"],
            agency=data.get("agency"),
            contact_unit=data["contact_unit"],
        )


def innovation_initial(innovation: Innovation) -> dict[str, Any]:
    names = [n for n in InnovationForm.base_fields if n not in {"region", "affair", "agency"}]
    initial = {name: getattr(innovation, name) for name in names}
    initial.update(region=innovation.region_id, affair=innovation.affair_id)
    initial["agency"] = innovation.agency_id
    return initial


class FigureForm(forms.Form):
    label = forms.CharField(label="Ukuran", max_length=200, help_text="Mis. waktu layanan KTP")
    before = forms.DecimalField(label="Sebelum", required=False, max_digits=14, decimal_places=2)
    after = forms.DecimalField(label="Sesudah", max_digits=14, decimal_places=2)
    unit = forms.CharField(label="Satuan", max_length=40, required=False)
    year = forms.IntegerField(label="Tahun", min_value=FIRST_YEAR)

    def to_input(self) -> FigureInput:
        return FigureInput(**self.cleaned_data)


class FileForm(forms.Form):
    kind = forms.ChoiceField(label="Jenis", choices=InnovationFile.Kind.choices)
    caption = forms.CharField(label="Keterangan", max_length=200, required=False)
    file = forms.FileField(
        label="Berkas", help_text="PDF atau DOCX untuk dokumen; PNG atau JPG untuk gambar."
    )


class InterestForm(forms.Form):
    region = forms.ModelChoiceField(
        label="Wilayah peminat", queryset=Region.objects.none(), empty_label=None
    )
    letter_number = forms.CharField(label="Nomor surat minat", max_length=100)
    letter_date = forms.DateField(
        label="Tanggal surat", widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label="Kebutuhan dan alasan",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Masalah apa di wilayah Anda yang ingin diatasi dengan inovasi ini.",
    )
    letter = forms.FileField(
        label="Berkas surat (PDF)",
        required=False,
        help_text="Surat kepala daerah kepada kepala daerah asal; tembusan kepada BSKDN "
        "Kemendagri dikirim seperti biasa (bukti indikator replikasi Indeks Inovasi Daerah).",
    )

    def __init__(self, *args: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["region"].queryset = regions.defer("boundary")

    def to_input(self) -> InterestInput:
        data = self.cleaned_data
        return InterestInput(
            region=data["region"],
            letter_number=data["letter_number"],
            letter_date=data["letter_date"],
            reason=data["reason"],
        )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label="Catatan", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
