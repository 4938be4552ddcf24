from django import forms

from sinergi.tokens.models import ApiToken
from sinergi.tokens.services import MAX_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(label="Nama", max_length=100, help_text="Sistem yang memakainya.")
    scope = forms.ChoiceField(
        label="Cakupan",
        choices=ApiToken.Scope.choices,
        help_text="Pilih 'Hanya baca' bila sistem itu tidak perlu mengubah data.",
    )
    days = forms.IntegerField(label="Berlaku (hari)", min_value=1, max_value=MAX_DAYS, initial=90)
