"""A known data set for the dashboards: Kaltim agreements of every status and document type.

TODAY is passed to the selectors explicitly, so the status boundaries do not move with the
calendar: in force until the day before `end_date`, "akan berakhir" within 90 days.
"""

import datetime
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from django.utils import timezone

from sinergi.agreements.models import Agreement
from sinergi.agreements.services import agreement_reject, agreement_submit, agreement_terminate
from sinergi.alerts.models import Warning
from sinergi.planning.models import AgreementFlag
from sinergi.regions.models import Region, RegionBorder

TODAY = datetime.date(2026, 6, 1)
days = datetime.timedelta


def idle_warning(agreement: Agreement, *, resolved: bool = False) -> Warning:
    return Warning.objects.create(
        agreement=agreement,
        kind=Warning.Kind.IDLE,
        key="simbolis",
        message="Tidak ada kegiatan",
        next_step="Lapor monev",
        first_seen=TODAY,
        last_seen=TODAY,
        resolved_at=timezone.now() if resolved else None,
    )


def border(a: Region, b: Region) -> None:
    RegionBorder.objects.create(region=a, neighbour=b, source="uji")
    RegionBorder.objects.create(region=b, neighbour=a, source="uji")


@pytest.fixture
def dataset(
    province_admin: Any,
    tkksd_pontianak: Any,
    samarinda: Region,
    kukar: Region,
    pontianak: Region,
    university: Any,
    make_agreement: Callable[..., Agreement],
    make_active_agreement: Callable[..., Agreement],
) -> SimpleNamespace:
    """Kaltim: 2 signed in 2024, 5 in 2025, 3 never signed; Pontianak: 1 (out of scope)."""
    user = province_admin

    def active(owner: Region, partner: Any, signed: datetime.date, end: datetime.date, **kw: Any):
        return make_active_agreement(
            user, owner, [partner], signed_on=signed, start_date=signed, end_date=end, **kw
        )

    d = SimpleNamespace()
    # 2025: KB, PKS, MoU, PKS, KB
    d.kb_active = active(samarinda, kukar, datetime.date(2025, 1, 10), TODAY + days(400))
    d.pks_soon = active(
        samarinda, university, datetime.date(2025, 3, 1), TODAY + days(90), doc_type="pks"
    )
    d.mou_soon = active(
        samarinda, university, datetime.date(2025, 4, 1), TODAY + days(1), doc_type="mou"
    )
    d.pks_later = active(
        kukar, samarinda, datetime.date(2025, 5, 1), TODAY + days(91), doc_type="pks"
    )
    d.kb_ended_today = active(kukar, samarinda, datetime.date(2025, 6, 1), TODAY)
    # 2024: one ended yesterday, one terminated
    d.kb_ended = active(samarinda, kukar, datetime.date(2024, 2, 1), TODAY - days(1))
    d.pks_terminated = active(
        samarinda, kukar, datetime.date(2024, 3, 1), TODAY + days(300), doc_type="pks"
    )
    agreement_terminate(user=user, agreement=d.pks_terminated, reason="tujuan_tercapai")
    # never signed: proposed, under review, rejected
    d.proposed = make_agreement(user, samarinda, [kukar], title="Usulan pengelolaan sampah")
    d.review = agreement_submit(user=user, agreement=make_agreement(user, kukar, [university]))
    d.rejected = agreement_reject(
        user=user,
        agreement=agreement_submit(user=user, agreement=make_agreement(user, kukar, [samarinda])),
        note="Tidak sesuai kewenangan",
    )
    # elsewhere
    d.pontianak = make_active_agreement(
        tkksd_pontianak,
        pontianak,
        [university],
        signed_on=datetime.date(2025, 2, 2),
        start_date=datetime.date(2025, 2, 2),
        end_date=TODAY + days(400),
    )
    idle_warning(d.kb_active)
    idle_warning(d.pks_later, resolved=True)
    # get_or_create: after a commit (browser tests) the planning checks may have set it already.
    for flagged in (d.kb_active, d.pontianak):
        AgreementFlag.objects.get_or_create(
            agreement=flagged, code=AgreementFlag.Code.NOT_BUDGETED, defaults={"explanation": "uji"}
        )
    return d
