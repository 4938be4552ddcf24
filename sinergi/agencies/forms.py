from typing import Any

from django import forms

from sinergi.accounts.scope import manageable_regions
from sinergi.affairs.models import Affair
from sinergi.agencies.models import Agency
from sinergi.regions.models import Region


class AgencyForm(forms.Form):
    """Shape only: uniqueness and permission are the service's business."""

    region: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Wilayah", queryset=Region.objects.none(), empty_label=None
    )
    name = forms.CharField(label="Nama perangkat daerah", max_length=200)
    short_name = forms.CharField(label="Singkatan", max_length=40, required=False)
    kind = forms.ChoiceField(label="Jenis", choices=Agency.Kind.choices)
    unit_code = forms.CharField(label="Kode unit (SIPD)", max_length=40, required=False)
    affairs = forms.ModelMultipleChoiceField(
        label="Urusan yang ditangani",
        queryset=Affair.objects.all(),
        required=False,
        help_text="Tahan Ctrl (atau Cmd) untuk memilih lebih dari satu.",
    )

    def __init__(self, *args: Any, user: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = manageable_regions(user).defer("boundary")  # type: ignore[attr-defined]
        if editing:
            del self.fields["region"]  # an OPD does not move between regions


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label="Berkas daftar perangkat daerah (XLSX atau CSV)",
        help_text="Kolom: kode_wilayah, nama, singkatan, jenis, kode_unit, urusan. "
        "Gunakan templat agar urutan dan nama kolom benar.",
    )
