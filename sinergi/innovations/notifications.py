"""Who hears of a surat minat and of its answer, by e-mail after the commit.

- A new interest: the TKKSD of the originating region and the Admin Provinsi of its province;
- a decision: the same people of the interested region, and the officer who sent it.
In the application both sides also see it on the "Minat replikasi" page.
"""

from django.db import transaction
from django.db.models import Q

from sinergi.accounts.models import User
from sinergi.innovations.models import ReplicationInterest
from sinergi.regions.models import Region

Role = User.Role


def region_managers(region: Region) -> list[str]:
    """E-mail addresses of the active TKKSD of `region` and Admin Provinsi of its province."""
    province_id = region.parent_id or region.pk
    users = (
        User.objects.filter(is_active=True)
        .exclude(email="")
        .filter(
            Q(role=Role.TKKSD, region=region) | Q(role=Role.PROVINCE_ADMIN, region_id=province_id)
        )
    )
    return sorted(set(users.values_list("email", flat=True)))


def interest_submitted(interest: ReplicationInterest) -> None:
    _after_commit(interest.pk, "diajukan")


def interest_decided(interest: ReplicationInterest) -> None:
    _after_commit(interest.pk, "diputuskan")


def _after_commit(interest_id: int, event: str) -> None:
    from sinergi.innovations.tasks import send_interest_mail

    transaction.on_commit(lambda: send_interest_mail.enqueue(interest_id, event), robust=True)
