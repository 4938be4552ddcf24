import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict

from sinergi.affairs.models import Affair
from sinergi.agreements import search
from sinergi.agreements.bulk import NewAgreement, agreements_create_many
from sinergi.agreements.models import Agreement, Organization
from sinergi.agreements.services import AgreementInput, PartyInput, agreement_create
from sinergi.regions.models import Region

D = datetime.date
# Differ between two agreements by nature, or by the number the test gives each.
IGNORED = {"id", "number", "search_document", "search_stems"}


def inputs(
    samarinda: Region, kukar: Region, university: Organization, health: Affair, number: str
) -> tuple[AgreementInput, list[PartyInput]]:
    data = AgreementInput(
        owner_region=samarinda,
        doc_type="kb",
        title="  Kerja sama pelayanan kesehatan rujukan ",
        primary_affair=health,
        other_affairs=list(Affair.objects.filter(code__in=["1.01", "2.16"])),
        number=number,
        subject="Rujukan pasien",
        scope="Rujukan; data",
        signed_on=D(2024, 5, 20),
        signed_place="Samarinda",
        start_date=D(2024, 5, 20),
        duration_months=24,
    )
    parties = [
        PartyInput(region=samarinda, signatory_name=" Wali Kota "),
        PartyInput(region=kukar, document_number="B/12/2024"),
        PartyInput(organization=university),
    ]
    return data, parties


def rows(agreement: Agreement) -> dict[str, Any]:
    """Everything the two paths write for one agreement, keyed for comparison."""
    return {
        "agreement": {k: v for k, v in model_to_dict(agreement).items() if k not in IGNORED},
        "not_editable": (agreement.created_by_id, agreement.version, agreement.deleted_at),
        "parties": [
            {k: v for k, v in model_to_dict(p).items() if k not in {"id", "agreement"}}
            for p in agreement.parties.all()
        ],
        "timeline": list(
            agreement.timeline.values_list("from_status", "to_status", "actor", "note")
        ),
        "milestones": list(
            agreement.milestones.values_list("template", "stage", "name", "responsible", "due_date")
        ),
        "search": agreement.search_document.replace(agreement.number, "<nomor>"),
    }


def test_it_writes_what_agreement_create_writes(
    tkksd_samarinda: Any,
    samarinda: Region,
    kukar: Region,
    university: Organization,
    health: Affair,
) -> None:
    data, parties = inputs(samarinda, kukar, university, health, "KB/1")
    one = agreement_create(
        user=tkksd_samarinda, data=data, parties=parties, status="berlaku", note="Diimpor"
    )
    data, parties = inputs(samarinda, kukar, university, health, "KB/2")
    [many] = agreements_create_many(
        user=tkksd_samarinda,
        items=[NewAgreement(data=data, parties=parties, status="berlaku")],
        note="Diimpor",
    )
    one, many = Agreement.objects.get(pk=one.pk), Agreement.objects.get(pk=many.pk)
    assert rows(many) == rows(one)
    assert rows(many)["milestones"]  # the berlaku stage opens its SOP milestones
    assert set(search.matching(Agreement.objects.all(), "pelayanan rujukan")) == {one, many}


def test_a_pks_may_name_a_kb_created_in_the_same_call(
    tkksd_samarinda: Any, samarinda: Region, kukar: Region, health: Affair
) -> None:
    parties = [PartyInput(region=samarinda), PartyInput(region=kukar)]

    def item(doc_type: str, parent: NewAgreement | None = None) -> NewAgreement:
        data = AgreementInput(
            owner_region=samarinda,
            doc_type=doc_type,
            title=f"Dokumen {doc_type}",
            primary_affair=health,
            start_date=D(2024, 1, 1),
            duration_months=12,
        )
        return NewAgreement(data=data, parties=parties, status="berakhir", parent_item=parent)

    kb = item("kb")
    pks = item("pks", parent=kb)
    made_kb, made_pks = agreements_create_many(user=tkksd_samarinda, items=[kb, pks], note="")
    assert Agreement.objects.get(pk=made_pks.pk).parent == made_kb


def test_it_refuses_a_region_the_user_may_not_record_for(
    tkksd_pontianak: Any, samarinda: Region, kukar: Region, university: Organization, health: Affair
) -> None:
    data, parties = inputs(samarinda, kukar, university, health, "KB/1")
    with pytest.raises(PermissionDenied):
        agreements_create_many(
            user=tkksd_pontianak,
            items=[NewAgreement(data=data, parties=parties, status="berlaku")],
            note="",
        )
    assert not Agreement.objects.exists()
