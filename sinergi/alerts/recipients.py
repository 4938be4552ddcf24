"""Who receives an agreement's warnings by e-mail.

- TKKSD and Admin Provinsi who manage the owner region (`can_manage_region`): the region's
  own TKKSD, and the Admin Provinsi of its province;
- the TKKSD of every other region that is a party;
- the officers (perangkat daerah) of every OPD that implements the agreement for a party.

Only active accounts with an e-mail address. The users are read once per run and matched in
memory, so a run over 100,000 agreements does not ask the scope functions per agreement.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sinergi.accounts.models import User
from sinergi.agreements.models import Agreement, Party

Role = User.Role


@dataclass
class Directory:
    """Mail recipients by where they work."""

    tkksd_by_region: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    admins_by_province: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    officers_by_agency: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    users: dict[int, User] = field(default_factory=dict)


def directory() -> Directory:
    found = Directory()
    users = (
        User.objects.filter(is_active=True, role__in=[Role.TKKSD, Role.PROVINCE_ADMIN])
        .exclude(email="")
        .select_related("region")
        .only("id", "email", "first_name", "last_name", "username", "role", "region__parent_id")
    )
    for user in users:
        found.users[user.pk] = user
        region = user.region
        if region is None:
            continue
        if user.role == Role.TKKSD:
            found.tkksd_by_region[region.pk].add(user.pk)
        elif region.parent_id is None:  # an Admin Provinsi manages its whole province
            found.admins_by_province[region.pk].add(user.pk)
    officers = (
        User.objects.filter(is_active=True, role=Role.AGENCY_OFFICER, agency__isnull=False)
        .exclude(email="")
        .only("id", "email", "first_name", "last_name", "username", "role", "agency_id")
    )
    for user in officers:
        found.users[user.pk] = user
        found.officers_by_agency[user.agency_id].add(user.pk)  # type: ignore[index]
    return found


def recipients_by_agreement(agreement_ids: Iterable[int], people: Directory) -> dict[int, set[int]]:
    """The recipients' user ids of each agreement, in three queries for the whole batch."""
    ids = list(agreement_ids)
    result: dict[int, set[int]] = defaultdict(set)
    owners = Agreement.all_objects.filter(pk__in=ids).values_list(
        "pk", "owner_region_id", "owner_region__parent_id"
    )
    for pk, region_id, parent_id in owners:
        result[pk] |= people.tkksd_by_region.get(region_id, set())
        result[pk] |= people.admins_by_province.get(parent_id or region_id, set())
    parties = Party.objects.filter(agreement_id__in=ids, region__isnull=False)
    for pk, region_id in parties.values_list("agreement_id", "region_id"):
        result[pk] |= people.tkksd_by_region.get(region_id, set())
    implementers = Party.agencies.through.objects.filter(party__agreement_id__in=ids)
    for pk, agency_id in implementers.values_list("party__agreement_id", "agency_id"):
        result[pk] |= people.officers_by_agency.get(agency_id, set())
    return result
