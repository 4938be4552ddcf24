"""Forms check the shape of input; the services check the rules (kinds, dates, permissions)."""

from typing import Any, cast

from django import forms

from sinergi.accounts.scope import visible_regions
from sinergi.affairs.models import Affair
from sinergi.agencies.models import Agency
from sinergi.agreements.models import Agreement, AgreementDocument, Organization
from sinergi.agreements.permissions import proposable_regions
from sinergi.agreements.services import AgreementInput, PartyInput
from sinergi.regions.models import Region

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} — {obj.name}"


class AgreementForm(forms.Form):
    owner_region = RegionChoiceField(label="Wilayah pencatat", queryset=Region.objects.none())
    doc_type = forms.ChoiceField(label="Jenis dokumen", choices=Agreement.DocType.choices)
    number = forms.CharField(
        label="Nomor dokumen (wilayah pencatat)", max_length=120, required=False
    )
    title = forms.CharField(label="Judul", max_length=500)
    subject = forms.CharField(label="Perihal", max_length=500, required=False)
    parent = forms.ModelChoiceField(
        label="Dokumen induk",
        queryset=Agreement.objects.none(),
        required=False,
        help_text="Untuk PKS: KB/MoU/Nota Kesepakatan yang dilaksanakannya. Untuk adendum: "
        "perjanjian yang diubah.",
    )
    renews = forms.ModelChoiceField(
        label="Memperpanjang kerja sama", queryset=Agreement.objects.none(), required=False
    )
    ksdd_category = forms.ChoiceField(
        label="Kategori (khusus KSDD)",
        required=False,
        choices=[("", "Sukarela (bawaan)"), *Agreement.Category.choices],
        help_text="Wajib hanya untuk daerah yang berbatasan atau kabupaten/kota dengan "
        "provinsinya; subjenisnya diturunkan otomatis.",
    )
    primary_affair = forms.ModelChoiceField(label="Urusan utama", queryset=Affair.objects.sectors())
    other_affairs = forms.ModelMultipleChoiceField(
        label="Urusan lain", queryset=Affair.objects.sectors(), required=False
    )
    purpose = forms.CharField(
        label="Maksud dan tujuan", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    scope = forms.CharField(
        label="Ruang lingkup", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    location = forms.CharField(label="Lokasi", max_length=255, required=False)
    financing = forms.CharField(
        label="Pembiayaan", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    start_date = forms.DateField(label="Tanggal mulai", widget=DATE, required=False)
    end_date = forms.DateField(label="Tanggal berakhir", widget=DATE, required=False)
    duration_months = forms.IntegerField(
        label="Jangka waktu (bulan)",
        min_value=1,
        max_value=600,
        required=False,
        help_text="Isi dua dari tiga: tanggal mulai, tanggal berakhir, jangka waktu.",
    )
    burdens_public = forms.BooleanField(label="Membebani masyarakat dan daerah", required=False)
    budgeted = forms.BooleanField(
        label="Sudah dianggarkan dalam APBD tahun berjalan", required=False, initial=True
    )
    is_public = forms.BooleanField(
        label="Tampilkan di portal publik",
        required=False,
        help_text="Judul, jenis, para pihak (nama wilayah/organisasi), urusan, status, tanggal, "
        "maksud dan ruang lingkup tampil untuk umum setelah ditandatangani; berkas, penanda "
        "tangan dan nomor dokumen tidak. Hanya TKKSD/Admin Provinsi wilayah pencatat.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_region"].queryset = (  # type: ignore[attr-defined]
            proposable_regions(user).defer("boundary", "attribute_sources")
        )
        regions = visible_regions(user)
        linkable = Agreement.objects.visible_to_regions(regions).order_by("-signed_on", "title")
        self.fields["parent"].queryset = linkable  # type: ignore[attr-defined]
        self.fields["renews"].queryset = linkable  # type: ignore[attr-defined]

    def to_input(self) -> AgreementInput:
        data = self.cleaned_data
        names = [f for f in AgreementInput.__dataclass_fields__ if f in data]
        values = {name: data[name] for name in names}
        values["other_affairs"] = list(data["other_affairs"])
        values["ksdd_category"] = data["ksdd_category"] or ""
        for text in ("number", "subject", "purpose", "scope", "location", "financing"):
            values[text] = data[text] or ""
        for name in AgreementInput.__dataclass_fields__:
            if name not in self.fields and name in self.initial:
                # Not edited here (signed_on/signed_place are set by the signing step): an
                # edit keeps them instead of blanking them.
                values[name] = self.initial[name]
        return AgreementInput(**values)


class PartyForm(forms.Form):
    """One party: a region or an organisation (an existing one, or a new one by name)."""

    region = RegionChoiceField(
        label="Wilayah", queryset=Region.objects.defer("boundary"), required=False
    )
    organization = forms.ModelChoiceField(
        label="Organisasi terdaftar", queryset=Organization.objects.all(), required=False
    )
    new_organization = forms.CharField(
        label="atau nama organisasi baru", max_length=200, required=False
    )
    new_organization_kind = forms.ChoiceField(
        label="Jenis organisasi baru",
        choices=[("", "—"), *Organization.Kind.choices],
        required=False,
    )
    signatory_name = forms.CharField(label="Nama penanda tangan", max_length=150, required=False)
    signatory_position = forms.CharField(
        label="Jabatan penanda tangan", max_length=200, required=False
    )
    document_number = forms.CharField(label="Nomor dokumen pihak", max_length=120, required=False)
    under_power_of_attorney = forms.BooleanField(label="Dengan surat kuasa", required=False)
    power_of_attorney_number = forms.CharField(
        label="Nomor surat kuasa", max_length=120, required=False
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Perangkat daerah pelaksana", queryset=Agency.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(region__in=visible_regions(user)).select_related("region")
        self.fields["agencies"].queryset = agencies  # type: ignore[attr-defined]

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not (data.get("region") or data.get("organization") or data.get("new_organization"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [
            bool(data.get("region")),
            bool(data.get("organization")),
            bool(data.get("new_organization")),
        ]
        if sum(chosen) > 1:
            raise forms.ValidationError(
                "Pilih satu saja: wilayah, organisasi terdaftar, atau organisasi baru."
            )
        if data.get("new_organization") and not data.get("new_organization_kind"):
            self.add_error("new_organization_kind", "Pilih jenis organisasi baru.")
        return data

    def to_input(self) -> PartyInput:
        data = self.cleaned_data
        organization = data.get("organization")
        if data.get("new_organization"):
            organization = organization_by_name(
                data["new_organization"], data["new_organization_kind"]
            )
        return PartyInput(
            region=data.get("region"),
            organization=organization,
            signatory_name=data["signatory_name"],
            signatory_position=data["signatory_position"],
            document_number=data["document_number"],
            under_power_of_attorney=data["under_power_of_attorney"],
            power_of_attorney_number=data["power_of_attorney_number"],
            agencies=list(data["agencies"]),
        )


def organization_by_name(name: str, kind: str) -> Organization:
    """The registered organisation of that name (spelling aside), else a new unsaved one."""
    from sinergi.agencies.names import compact

    existing = Organization.objects.filter(name_key=compact(name)).first()
    return existing or Organization(name=name.strip(), kind=kind)


class BasePartyFormSet(forms.BaseFormSet):
    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {"user": self.user}

    def to_inputs(self) -> list[PartyInput]:
        return [form.to_input() for form in self.forms if not form.is_blank()]


# Four rows are enough for almost every agreement; blank rows are ignored.
PartyFormSet = cast(
    type[BasePartyFormSet],
    forms.formset_factory(PartyForm, formset=BasePartyFormSet, extra=0, min_num=4, max_num=12),
)


def party_initial(agreement: Agreement | None, owner: Region | None) -> list[dict[str, Any]]:
    if agreement is None:
        return [{"region": owner}] if owner else []
    return [
        {
            "region": p.region,
            "organization": p.organization,
            "signatory_name": p.signatory_name,
            "signatory_position": p.signatory_position,
            "document_number": p.document_number,
            "under_power_of_attorney": p.under_power_of_attorney,
            "power_of_attorney_number": p.power_of_attorney_number,
            "agencies": list(p.agencies.all()),
        }
        for p in agreement.parties.select_related("region", "organization")
    ]


def agreement_initial(agreement: Agreement) -> dict[str, Any]:
    fields = [f for f in AgreementInput.__dataclass_fields__ if f != "other_affairs"]
    initial = {name: getattr(agreement, name) for name in fields}
    initial["other_affairs"] = list(agreement.other_affairs.all())
    initial["version"] = agreement.version
    return initial


class TransitionForm(forms.Form):
    note = forms.CharField(
        label="Catatan", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    number = forms.CharField(label="Nomor persetujuan DPRD", max_length=120, required=False)
    date = forms.DateField(label="Tanggal persetujuan DPRD", widget=DATE, required=False)
    signed_on = forms.DateField(label="Tanggal penandatanganan", widget=DATE, required=False)
    signed_place = forms.CharField(label="Tempat penandatanganan", max_length=120, required=False)
    reason = forms.ChoiceField(
        label="Alasan pengakhiran",
        required=False,
        choices=[("", "—"), *Agreement.TerminationReason.choices],
    )


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label="Jenis berkas", choices=AgreementDocument.Kind.choices)
    title = forms.CharField(label="Judul berkas", max_length=255)
    file = forms.FileField(label="Berkas (PDF, DOCX, JPG atau PNG)")
