"""The upload form, and the review form: the agreement form with the signing date and place."""

import re
from typing import Any

from django import forms

from sinergi.affairs.models import Affair
from sinergi.agencies.models import Agency
from sinergi.agreements.forms import DATE, AgreementForm, organization_by_name
from sinergi.agreements.models import Organization
from sinergi.agreements.services import AgreementInput
from sinergi.extractions.models import DocumentExtraction
from sinergi.extractions.services import DOC_TYPE_CODES, owner_for
from sinergi.regions.models import Region


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Berkas naskah",
        help_text="PDF (teks atau hasil pindaian), DOCX, gambar PNG/JPEG/TIFF, atau teks. "
        "Halaman pindaian dibaca dengan OCR di server ini; tidak ada data yang dikirim keluar.",
    )


class ReviewForm(AgreementForm):
    signed_on = forms.DateField(
        label="Tanggal penandatanganan",
        widget=DATE,
        required=False,
        help_text="Jika diisi, kerja sama dicatat sebagai sudah ditandatangani "
        "(berlaku, atau berakhir bila tanggal berakhirnya lewat).",
    )
    signed_place = forms.CharField(label="Tempat penandatanganan", max_length=120, required=False)
    record_obligations = forms.BooleanField(
        label="Catat kewajiban para pihak yang terbaca untuk dipantau",
        required=False,
        initial=True,
        help_text="Setiap butir kewajiban per pihak menjadi kewajiban yang dapat dicentang "
        "dengan bukti di halaman monev.",
    )

    field_order = ["owner_region", "doc_type", "number", "title", "signed_on", "signed_place"]

    def to_input(self) -> AgreementInput:
        data = super().to_input()
        data.signed_on = self.cleaned_data["signed_on"]
        data.signed_place = self.cleaned_data["signed_place"] or ""
        return data


# Party kinds of the reader to the registry's organisation kinds.
ORGANIZATION_KINDS = {
    "private": Organization.Kind.PRIVATE,
    "university": Organization.Kind.UNIVERSITY,
    "central": Organization.Kind.CENTRAL,
    "foreign_gov": Organization.Kind.FOREIGN_GOVERNMENT,
    "foreign_body": Organization.Kind.FOREIGN_BODY,
}


def review_initial(
    user: Any, extraction: DocumentExtraction
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The review form and party rows prefilled with what was read."""
    result = extraction.result
    details = result.get("party_details", [])
    codes = [p["region_code"] for p in details if p.get("region_code")]
    owner = owner_for(user, codes)
    numbers = result.get("numbers", [])
    regions = Region.objects.defer("boundary").in_bulk(codes, field_name="code")
    owner_index = next(
        (i for i, p in enumerate(details) if owner and p.get("region_code") == owner.code), None
    )
    initial: dict[str, Any] = {
        "owner_region": owner,
        "doc_type": DOC_TYPE_CODES.get(result.get("doc_type", ""), ""),
        "title": result.get("title", ""),
        "number": _number_for(numbers, owner_index, len(details)),
        "signed_on": result.get("date_signed"),
        "signed_place": result.get("place_signed") or "",
        "start_date": result.get("start_date"),
        "end_date": result.get("end_date"),
        "duration_months": result.get("duration_months"),
        "purpose": result.get("purpose", "")[:3000],
        "scope": result.get("scope", "")[:3000],
        "financing": result.get("financing", "")[:3000],
        "budgeted": True,
    }
    if (sector := result.get("sector")) and (
        affair := Affair.objects.filter(code=sector["code"]).first()
    ):
        initial["primary_affair"] = affair
    rows = []
    for index, party in enumerate(details):
        row: dict[str, Any] = {
            "signatory_name": (party.get("signatory") or "")[:150],
            "signatory_position": (party.get("position") or "")[:200],
            "document_number": _number_for(numbers, index, len(details)),
        }
        region = regions.get(party.get("region_code") or "")
        if region is not None:
            row["region"] = region
            agency = implementing_agency(region, party.get("position") or "")
            if agency is not None:
                row["agencies"] = [agency]
        else:
            row.update(_organization_row(party))
        rows.append(row)
    return initial, rows


def implementing_agency(region: Region, position: str) -> Agency | None:
    """The OPD a "Kepala Dinas Kesehatan Kota Samarinda" signs for, among the region's OPDs."""
    from sinergi.agencies.names import likely_same_unit

    office = re.sub(
        r"^(?:plt\.?|pj\.?|penjabat)?\s*(?:kepala|direktur)\s+", "", position, flags=re.I
    )
    if office == position or len(office) < 6:
        return None
    for agency in Agency.objects.filter(region=region).only("pk", "name", "region_id"):
        if likely_same_unit(agency.name, office):
            return agency
    return None


def _number_for(numbers: list[str], index: int | None, party_count: int) -> str:
    # Numbers are printed one per party in the heading, in the parties' order.
    if index is not None and len(numbers) == party_count and index < len(numbers):
        return numbers[index][:120]
    return numbers[0][:120] if numbers and index in (0, None) else ""


def _organization_row(party: dict[str, Any]) -> dict[str, Any]:
    """A registered organisation of that name, else the name and kind to create one."""
    kind = ORGANIZATION_KINDS.get(party.get("kind", ""), Organization.Kind.PRIVATE)
    organization = organization_by_name(party["name"][:200], kind)
    if organization.pk is not None:
        return {"organization": organization}
    return {"new_organization": organization.name, "new_organization_kind": kind}
