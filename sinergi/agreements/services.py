"""Writes to agreements: creation, edits with a version check, and the lifecycle transitions.

Every transition is its own guarded service: it locks the row, checks the current status and
the user's right, moves the status, writes a timeline row and opens the next stage's SOP
milestones.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from sinergi.accounts.scope import can_manage_region
from sinergi.affairs.models import Affair
from sinergi.agencies.models import Agency
from sinergi.agreements import rules, search
from sinergi.agreements.models import (
    Agreement,
    AgreementDocument,
    Milestone,
    MilestoneTemplate,
    Organization,
    Party,
    Status,
    StatusChange,
)
from sinergi.agreements.permissions import can_decide, can_edit, can_propose_in
from sinergi.core.errors import DomainError
from sinergi.core.uploads import checked_document
from sinergi.regions.models import Region

DocType = Agreement.DocType
PARENT_TYPES = {
    DocType.PKS: set(Agreement.FRAMEWORK_TYPES),
    DocType.ADDENDUM: {DocType.KB, DocType.NOTA, DocType.MOU, DocType.PKS},
}
CONFLICT_MESSAGE = (
    "Kerja sama ini telah diubah oleh pengguna lain sejak Anda membukanya. "
    "Muat ulang halaman untuk melihat perubahan terbaru, lalu ulangi perubahan Anda."
)


@dataclass
class PartyInput:
    region: Region | None = None
    organization: Organization | None = None
    signatory_name: str = ""
    signatory_position: str = ""
    document_number: str = ""
    under_power_of_attorney: bool = False
    power_of_attorney_number: str = ""
    agencies: list[Agency] = field(default_factory=list)


@dataclass
class AgreementInput:
    owner_region: Region
    doc_type: str
    title: str
    primary_affair: Affair
    other_affairs: list[Affair] = field(default_factory=list)
    parent: Agreement | None = None
    renews: Agreement | None = None
    number: str = ""
    subject: str = ""
    purpose: str = ""
    scope: str = ""
    location: str = ""
    financing: str = ""
    ksdd_category: str = ""
    signed_on: datetime.date | None = None
    signed_place: str = ""
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    duration_months: int | None = None
    burdens_public: bool = False
    budgeted: bool = True
    is_public: bool = False


_SIMPLE_FIELDS = (
    "owner_region",
    "doc_type",
    "title",
    "primary_affair",
    "parent",
    "renews",
    "number",
    "subject",
    "purpose",
    "scope",
    "location",
    "financing",
    "signed_on",
    "signed_place",
    "burdens_public",
    "budgeted",
    "is_public",
)
PUBLISH_DENIED = (
    "Hanya TKKSD atau Admin Provinsi wilayah pencatat yang dapat menampilkan kerja sama "
    "di portal publik."
)


@transaction.atomic
def agreement_create(
    *,
    user: Any,
    data: AgreementInput,
    parties: list[PartyInput],
    status: str = Status.PROPOSED,
    note: str = "",
) -> Agreement:
    if not can_propose_in(user, data.owner_region):
        raise PermissionDenied("Anda tidak berwenang mencatat kerja sama untuk wilayah ini.")
    if data.is_public and not can_manage_region(user, data.owner_region):
        raise PermissionDenied(PUBLISH_DENIED)
    agreement = Agreement(created_by=user if getattr(user, "pk", None) else None, status=status)
    agreement_fill(agreement, data, parties)
    _save(agreement)
    agreement.other_affairs.set(data.other_affairs)
    _replace_parties(agreement, parties)
    StatusChange.objects.create(
        agreement=agreement,
        to_status=status,
        actor=actor_or_none(user),
        note=note or "Dicatat di Sinergi.",
    )
    _open_milestones(agreement, status)
    search.index(agreement)
    return agreement


@transaction.atomic
def agreement_update(
    *,
    user: Any,
    agreement: Agreement,
    expected_version: int,
    data: AgreementInput,
    parties: list[PartyInput],
) -> Agreement:
    """Save an edit unless someone else saved in between (then refuse, never overwrite)."""
    if not can_edit(user, agreement):
        raise PermissionDenied("Anda tidak berwenang mengubah kerja sama ini.")
    if data.is_public != agreement.is_public and not can_decide(user, agreement):
        # The proposing officer may edit an usulan, but publishing is the region's decision.
        raise PermissionDenied(PUBLISH_DENIED)
    bumped = Agreement.objects.filter(pk=agreement.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not bumped:
        raise DomainError(CONFLICT_MESSAGE, code="conflict")
    agreement.refresh_from_db()
    agreement_fill(agreement, data, parties)
    _save(agreement)
    agreement.other_affairs.set(data.other_affairs)
    _replace_parties(agreement, parties)
    search.index(agreement)
    return agreement


def actor_or_none(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


def agreement_fill(agreement: Agreement, data: AgreementInput, parties: list[PartyInput]) -> None:
    data.title = data.title.strip()
    if not data.title:
        raise DomainError("Judul kerja sama wajib diisi.")
    _check_parties(data.owner_region, parties)
    _check_hierarchy(data, agreement)
    for name in _SIMPLE_FIELDS:
        setattr(agreement, name, getattr(data, name))
    agreement.number = agreement.number.strip()
    kind = rules.derive_kind([rules.PartySpec(p.region, _org_kind(p)) for p in parties])
    agreement.kind = kind.value
    _apply_ksdd(agreement, data.ksdd_category, [p.region for p in parties if p.region])
    start, end, months = rules.derive_dates(data.start_date, data.end_date, data.duration_months)
    agreement.start_date, agreement.end_date, agreement.duration_months = start, end, months


def _org_kind(party: PartyInput) -> str:
    return party.organization.kind if party.organization else ""


def _apply_ksdd(agreement: Agreement, category: str, regions: list[Region]) -> None:
    if agreement.kind != Agreement.Kind.KSDD:
        agreement.ksdd_category = agreement.ksdd_subtype = ""
        return
    category = category or Agreement.Category.VOLUNTARY
    subtype = rules.check_ksdd_category(category, regions)
    agreement.ksdd_category = category
    agreement.ksdd_subtype = subtype.value if subtype else ""


def _check_parties(owner: Region, parties: list[PartyInput]) -> None:
    if len(parties) < 2:
        raise DomainError("Kerja sama memerlukan sedikitnya dua pihak.")
    for number, party in enumerate(parties, start=1):
        if (party.region is None) == (party.organization is None):
            raise DomainError(
                f"Pihak ke-{number} harus berupa wilayah atau organisasi, bukan keduanya."
            )
        for agency in party.agencies:
            if party.region is None or agency.region_id != party.region.pk:
                raise DomainError(
                    f"Perangkat daerah “{agency}” bukan bagian dari pihak ke-{number}."
                )
    regions = [p.region for p in parties if p.region]
    if len({r.pk for r in regions}) != len(regions):
        raise DomainError("Satu wilayah tercantum lebih dari sekali sebagai pihak.")
    known = [p.organization.pk for p in parties if p.organization and p.organization.pk]
    if len(set(known)) != len(known):
        raise DomainError("Satu organisasi tercantum lebih dari sekali sebagai pihak.")
    if not any(r.pk == owner.pk or r.parent_id == owner.pk for r in regions):
        raise DomainError(
            f"{owner.name} harus menjadi salah satu pihak (atau provinsi dari salah satu pihak)."
        )


def _check_hierarchy(data: AgreementInput, agreement: Agreement) -> None:
    allowed = PARENT_TYPES.get(DocType(data.doc_type))
    if data.parent is None:
        if data.doc_type == DocType.ADDENDUM:
            raise DomainError("Adendum harus menyebut perjanjian yang diubahnya.")
        return
    if allowed is None:
        raise DomainError("KB, Nota Kesepakatan dan MoU tidak memiliki dokumen induk.")
    if data.parent.doc_type not in allowed:
        raise DomainError(
            f"{DocType(data.doc_type).label} tidak dapat berinduk pada "
            f"{data.parent.get_doc_type_display()}."
        )
    if agreement.pk and data.parent.pk == agreement.pk:
        raise DomainError("Dokumen tidak dapat menjadi induk dirinya sendiri.")


def _save(agreement: Agreement) -> None:
    try:
        with transaction.atomic():
            agreement.full_clean(
                exclude=["created_by", "owner_region", "primary_affair", "parent", "renews"]
            )
            agreement.save()
    except IntegrityError as exc:  # a concurrent save took the same number
        raise DomainError("Nomor dokumen ini sudah tercatat di wilayah pencatat.") from exc


def _replace_parties(agreement: Agreement, parties: list[PartyInput]) -> None:
    agreement.parties.all().delete()
    for position, data in enumerate(parties, start=1):
        if data.organization is not None and data.organization.pk is None:
            data.organization.save()  # a new partner typed into the form
        party = Party.objects.create(
            agreement=agreement,
            position=position,
            region=data.region,
            organization=data.organization,
            signatory_name=data.signatory_name.strip(),
            signatory_position=data.signatory_position.strip(),
            document_number=data.document_number.strip(),
            under_power_of_attorney=data.under_power_of_attorney,
            power_of_attorney_number=data.power_of_attorney_number.strip(),
        )
        party.agencies.set(data.agencies)


# --- lifecycle ------------------------------------------------------------------------------


def _move(
    *,
    user: Any,
    agreement: Agreement,
    allowed_from: set[str],
    to: str,
    note: str = "",
    check: Any = can_decide,
    changes: dict[str, Any] | None = None,
) -> Agreement:
    """Lock the row, check the step, apply `changes` with the new status, log the step."""
    locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
    # The status first: callers have already passed the visibility check, and "not from
    # this status" tells a user more than "not allowed".
    current = locked.current_status()
    if current not in allowed_from:
        raise DomainError(
            f"Langkah ini tidak dapat dilakukan dari status “{Status(current).label}”."
        )
    if not check(user, locked):
        raise PermissionDenied("Anda tidak berwenang melakukan langkah ini.")
    changes = {**(changes or {}), "status": to, "status_note": note, "version": locked.version + 1}
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*changes, "updated_at"])
    StatusChange.objects.create(
        agreement=locked, from_status=current, to_status=to, actor=actor_or_none(user), note=note
    )
    _open_milestones(locked, to)
    return locked


@transaction.atomic
def agreement_submit(*, user: Any, agreement: Agreement, note: str = "") -> Agreement:
    """Usulan → Pembahasan TKKSD."""
    return _move(
        user=user,
        agreement=agreement,
        allowed_from={Status.PROPOSED},
        to=Status.TKKSD_REVIEW,
        note=note,
        check=can_edit,
    )


@transaction.atomic
def agreement_accept(*, user: Any, agreement: Agreement, note: str = "") -> Agreement:
    """Pembahasan TKKSD → Penyusunan naskah (the TKKSD recommends going ahead)."""
    return _move(
        user=user,
        agreement=agreement,
        allowed_from={Status.TKKSD_REVIEW},
        to=Status.DRAFTING,
        note=note,
    )


@transaction.atomic
def agreement_reject(*, user: Any, agreement: Agreement, note: str) -> Agreement:
    if not note.strip():
        raise DomainError("Alasan penolakan wajib diisi.")
    return _move(
        user=user,
        agreement=agreement,
        to=Status.REJECTED,
        note=note,
        allowed_from={Status.PROPOSED, Status.TKKSD_REVIEW},
    )


@transaction.atomic
def agreement_finish_draft(*, user: Any, agreement: Agreement, note: str = "") -> Agreement:
    """Penyusunan → Persetujuan DPRD when required (PP 28/2018), else → Penandatanganan."""
    agreement = Agreement.objects.get(pk=agreement.pk)
    to = Status.DPRD_APPROVAL if agreement.needs_dprd_approval else Status.SIGNING
    reason = rules.dprd_reason(burdens_public=agreement.burdens_public, budgeted=agreement.budgeted)
    return _move(
        user=user, agreement=agreement, allowed_from={Status.DRAFTING}, to=to, note=note or reason
    )


@transaction.atomic
def agreement_record_dprd_approval(
    *, user: Any, agreement: Agreement, number: str, date: datetime.date, note: str = ""
) -> Agreement:
    if not number.strip():
        raise DomainError("Nomor persetujuan DPRD wajib diisi.")
    return _move(
        user=user,
        agreement=agreement,
        allowed_from={Status.DPRD_APPROVAL},
        to=Status.SIGNING,
        note=note or f"Persetujuan DPRD {number.strip()}.",
        changes={"dprd_approval_number": number.strip(), "dprd_approval_date": date},
    )


@transaction.atomic
def agreement_sign(
    *,
    user: Any,
    agreement: Agreement,
    signed_on: datetime.date,
    signed_place: str,
    note: str = "",
) -> Agreement:
    """Penandatanganan → Berlaku. Needs the dates that make the term known."""
    if agreement.start_date is None or agreement.end_date is None:
        raise DomainError(
            "Isi tanggal mulai dan tanggal berakhir (atau jangka waktu) "
            "sebelum mencatat penandatanganan."
        )
    if not signed_place.strip():
        raise DomainError("Tempat penandatanganan wajib diisi.")
    return _move(
        user=user,
        agreement=agreement,
        allowed_from={Status.SIGNING},
        to=Status.ACTIVE,
        note=note,
        changes={"signed_on": signed_on, "signed_place": signed_place.strip()},
    )


@transaction.atomic
def agreement_terminate(
    *, user: Any, agreement: Agreement, reason: str, note: str = ""
) -> Agreement:
    if reason not in Agreement.TerminationReason.values:
        raise DomainError("Pilih alasan pengakhiran.")
    allowed = {
        *(
            s.value
            for s in (
                Status.PROPOSED,
                Status.TKKSD_REVIEW,
                Status.DRAFTING,
                Status.DPRD_APPROVAL,
                Status.SIGNING,
                Status.ACTIVE,
            )
        )
    }
    return _move(
        user=user,
        agreement=agreement,
        allowed_from=allowed,
        to=Status.TERMINATED,
        note=note or Agreement.TerminationReason(reason).label,
        changes={"termination_reason": reason},
    )


# Every step by its action name, with the inputs it needs beyond the note. The pages and the
# API both go through `agreement_transition`, so a step means the same everywhere.
TRANSITIONS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "submit": (agreement_submit, ()),
    "accept": (agreement_accept, ()),
    "reject": (agreement_reject, ()),
    "finish_draft": (agreement_finish_draft, ()),
    "record_dprd_approval": (agreement_record_dprd_approval, ("number", "date")),
    "sign": (agreement_sign, ("signed_on", "signed_place")),
    "terminate": (agreement_terminate, ("reason",)),
}
_INPUT_LABELS = {
    "number": "nomor persetujuan DPRD",
    "date": "tanggal persetujuan DPRD",
    "signed_on": "tanggal penandatanganan",
    "signed_place": "tempat penandatanganan",
    "reason": "alasan pengakhiran",
}


def agreement_transition(
    *, user: Any, agreement: Agreement, action: str, note: str = "", **inputs: Any
) -> Agreement:
    """Run the step named `action` once its inputs are present (each step checks the rest)."""
    # Rights before inputs: someone who may take no step at all is refused as such (403),
    # not told which fields are missing. Each step then checks its own right.
    if not can_decide(user, agreement) and not can_edit(user, agreement):
        raise PermissionDenied("Anda tidak berwenang melakukan langkah ini.")
    if action not in TRANSITIONS:
        raise DomainError(f"Langkah “{action}” tidak dikenal.")
    step, needed = TRANSITIONS[action]
    missing = [_INPUT_LABELS[name] for name in needed if inputs.get(name) in (None, "")]
    if missing:
        raise DomainError(f"Lengkapi isian untuk langkah ini: {', '.join(missing)}.")
    return step(
        user=user, agreement=agreement, note=note, **{name: inputs[name] for name in needed}
    )


def agreements_expire_due(*, today: datetime.date | None = None) -> int:
    """Berlaku → Berakhir for every agreement whose end date has come (run daily)."""
    today = today or timezone.localdate()
    count = 0
    for agreement in Agreement.objects.due_to_expire(today):
        with transaction.atomic():
            locked = Agreement.objects.select_for_update().get(pk=agreement.pk)
            if locked.status != Status.ACTIVE:
                continue
            locked.status, locked.version = Status.ENDED, locked.version + 1
            locked.save(update_fields=["status", "version", "updated_at"])
            StatusChange.objects.create(
                agreement=locked,
                from_status=Status.ACTIVE,
                to_status=Status.ENDED,
                note=f"Berakhir otomatis pada tanggal berakhir {locked.end_date:%d-%m-%Y}.",
            )
            count += 1
    return count


# --- milestones -----------------------------------------------------------------------------


def _open_milestones(agreement: Agreement, stage: str) -> None:
    today = timezone.localdate()
    templates = MilestoneTemplate.objects.filter(stage=stage).filter(kind__in=["", agreement.kind])
    Milestone.objects.bulk_create(new_milestone(agreement, t, today) for t in templates)


def new_milestone(
    agreement: Agreement, template: MilestoneTemplate, today: datetime.date
) -> Milestone:
    """The control point `template` for an agreement entering the template's stage today."""
    return Milestone(
        agreement_id=agreement.pk,
        template_id=template.pk,
        stage=template.stage,
        name=template.name,
        responsible=template.responsible,
        due_date=today + datetime.timedelta(days=template.due_days),
    )


@transaction.atomic
def milestone_complete(*, user: Any, milestone: Milestone, note: str = "") -> Milestone:
    if not can_decide(user, milestone.agreement):
        raise PermissionDenied("Anda tidak berwenang menyelesaikan tonggak ini.")
    if milestone.done_at is not None:
        raise DomainError("Tonggak ini sudah selesai.")
    milestone.done_at, milestone.done_by, milestone.note = timezone.now(), user, note.strip()
    milestone.save()
    return milestone


# --- documents ------------------------------------------------------------------------------


@transaction.atomic
def document_upload(
    *, user: Any, agreement: Agreement, kind: str, title: str, upload: Any
) -> AgreementDocument:
    """Store a new version of a document; the same title and kind makes the next version."""
    if not can_edit(user, agreement) and not can_decide(user, agreement):
        raise PermissionDenied("Anda tidak berwenang mengunggah berkas untuk kerja sama ini.")
    checked = checked_document(upload)
    digest = checked.sha256
    previous = agreement.documents.filter(kind=kind, title=title.strip()).order_by("-version")
    last = previous.first()
    if last is not None and last.sha256 == digest:
        raise DomainError("Berkas yang sama persis sudah diunggah sebagai versi terakhir.")
    document = AgreementDocument(
        agreement=agreement,
        kind=kind,
        title=title.strip(),
        original_name=checked.name,
        content_type=checked.content_type,
        size=len(checked.content),
        sha256=digest,
        version=(last.version + 1) if last else 1,
        uploaded_by=actor_or_none(user),
    )
    document.file.save(digest, ContentFile(checked.content), save=False)
    document.save()
    return document
