from typing import Any

from django import forms

from sinergi.regions.models import Region


class WebhookForm(forms.Form):
    region = forms.ModelChoiceField(
        label="Wilayah", queryset=Region.objects.none(), empty_label=None
    )
    name = forms.CharField(label="Nama sistem penerima", max_length=100)
    url = forms.URLField(
        label="Alamat penerima (URL)",
        max_length=500,
        assume_scheme="https",
        help_text="Menerima POST JSON bertanda tangan HMAC-SHA256 (lihat docs/api.md).",
    )

    def __init__(self, *args: Any, regions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["region"].queryset = regions.defer("boundary")
