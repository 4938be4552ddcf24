"""The dashboards' filter form: checks the shape of the query string only."""

from typing import Any

from django import forms

from sinergi.affairs.models import Affair
from sinergi.agreements.models import Agreement
from sinergi.dashboards.selectors import STATUS_ROWS, DashboardFilters


def _year(label: str) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=1900, max_value=2200, required=False)


class DashboardFilterForm(forms.Form):
    year_from = _year("Tahun tanda tangan dari")
    year_to = _year("Tahun tanda tangan sampai")
    affair = forms.ChoiceField(label="Urusan", required=False)
    kind = forms.ChoiceField(
        label="Jenis kerja sama",
        required=False,
        choices=[("", "Semua"), *Agreement.Kind.choices],
    )
    status = forms.ChoiceField(
        label="Status per hari ini",
        required=False,
        choices=[("", "Semua"), *STATUS_ROWS.items()],
    )
    province = forms.ChoiceField(label="Provinsi", required=False)

    def __init__(self, data: Any, *, provinces: list[tuple[str, str]]) -> None:
        super().__init__(data)
        affairs = Affair.objects.sectors().values_list("code", "name")
        self._choices("affair", [("", "Semua"), *((c, f"{c} {n}") for c, n in affairs)])
        self._choices("province", [("", "Seluruh cakupan"), *provinces])
        if len(provinces) < 2:
            del self.fields["province"]  # a province's own users have nothing to pick

    def _choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        if isinstance(field, forms.ChoiceField):
            field.choices = choices

    def filters(self) -> DashboardFilters:
        """The valid fields' values; an invalid one is left out (and shown as an error)."""
        self.is_valid()
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        return DashboardFilters(
            year_from=data.get("year_from"),
            year_to=data.get("year_to"),
            affair=data.get("affair") or "",
            kind=data.get("kind") or "",
            status=data.get("status") or "",
            province=data.get("province") or "",
        )
