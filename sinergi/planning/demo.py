"""Demo planning data: plans and budgets on a few demo agreements so that each planning flag
shows up (belum direncanakan, belum dianggarkan, realisasi rendah; kewenangan tidak sesuai
appears on any demo agreement whose affair a party's level does not hold). Written through the
services; idempotent (an agreement that already has a plan is left alone)."""

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from sinergi.agreements.models import Agreement, Status
from sinergi.planning import services
from sinergi.planning.permissions import can_edit_plan
from sinergi.planning.selectors import plan_of

MILLION = Decimal(1_000_000)


@transaction.atomic
def seed_demo(agreements: list[Agreement], users: dict[str, Any]) -> None:
    today = timezone.localdate()
    active = [a for a in agreements if a.current_status(today) == Status.ACTIVE]
    seeders = [_low_realisation, _not_budgeted]  # the rest stay unplanned: belum direncanakan
    for agreement, seed in zip(active, seeders, strict=False):
        manager = next((u for u in users.values() if can_edit_plan(u, agreement)), None)
        if manager is None or plan_of(agreement) is not None:
            continue
        seed(agreement, manager, today.year)
    services.flags_refresh_all()


def _low_realisation(agreement: Agreement, user: Any, year: int) -> None:
    plan = services.PlanInput(
        rpjmd_period="2025–2029", rpjmd_priority="Misi 2: pelayanan publik", rkpd_year=year
    )
    services.plan_update(user=user, agreement=agreement, data=plan)
    party = agreement.parties.order_by("position")[0]  # the owner: every agreement has it
    for fiscal_year, allocated, realised in ((year - 1, 120, 30), (year, 150, 10)):
        line = services.BudgetLineInput(
            party=party,
            fiscal_year=fiscal_year,
            sub_activity_name="Koordinasi pelaksanaan kerja sama (demo)",
            allocated=allocated * MILLION,
            realised=realised * MILLION,
        )
        services.budget_line_create(user=user, agreement=agreement, data=line)


def _not_budgeted(agreement: Agreement, user: Any, year: int) -> None:
    plan = services.PlanInput(rpjmd_priority="Sasaran 4.1: konektivitas antarwilayah")
    services.plan_update(user=user, agreement=agreement, data=plan)
