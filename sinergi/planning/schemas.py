"""API shapes of planning and budget. Schemas check shape; planning/services.py the rules."""

import datetime
from decimal import Decimal

from ninja import Field, Schema

from sinergi.planning.models import AgreementFlag, AuthorityRule, BudgetLine, NomenclatureItem


class PlanIn(Schema):
    rpjmd_period: str = Field("", max_length=20, description="Mis. 2025-2029.")
    rpjmd_priority: str = Field("", max_length=500)
    rkpd_year: int | None = Field(None, ge=2000, le=2100)
    needs_budget: bool = True
    note: str = Field("", max_length=5000)


class BudgetLineIn(Schema):
    id: int | None = Field(None, description="Id baris yang diubah/dihapus; kosong: baris baru.")
    delete: bool = Field(False, description="Hapus baris `id`.")
    party: int = Field(1, ge=1, description="Urutan pihak (position) pada kerja sama.")
    fiscal_year: int = Field(..., ge=2000, le=2100)
    sub_activity_code: str = Field("", max_length=32, description="Mis. 1.02.02.2.02.0014.")
    sub_activity_name: str = Field("", max_length=500)
    source: BudgetLine.Source = BudgetLine.Source.APBD
    allocated: Decimal = Field(Decimal(0), ge=0, max_digits=18, decimal_places=2)
    realised: Decimal = Field(Decimal(0), ge=0, max_digits=18, decimal_places=2)
    note: str = Field("", max_length=5000)


class PlanningIn(Schema):
    """`plan` replaces the plan when given; each `budget_lines` item is created (no id),
    changed (id) or deleted (id, delete=true). Lines not listed stay as they are."""

    plan: PlanIn | None = None
    budget_lines: list[BudgetLineIn] = []


class PlanOut(Schema):
    rpjmd_period: str
    rpjmd_priority: str
    rkpd_year: int | None
    needs_budget: bool
    note: str
    updated_at: datetime.datetime


class BudgetLineOut(Schema):
    id: int
    party: int = Field(description="Urutan pihak (position).")
    party_name: str
    fiscal_year: int
    sub_activity_code: str
    sub_activity_name: str
    source: str
    allocated: Decimal
    realised: Decimal
    note: str

    @staticmethod
    def resolve_party(obj: BudgetLine) -> int:
        return obj.party.position

    @staticmethod
    def resolve_party_name(obj: BudgetLine) -> str:
        return str(obj.party)


class FlagOut(Schema):
    code: str
    label: str
    explanation: str
    computed_at: datetime.datetime

    @staticmethod
    def resolve_label(obj: AgreementFlag) -> str:
        return str(obj.get_code_display())


class AgreementPlanningOut(Schema):
    agreement_id: int
    plan: PlanOut | None
    budget_lines: list[BudgetLineOut]
    flags: list[FlagOut]
    authority_cautions: list[str] = Field(description="Urusan yang hanya sebagian kewenangan.")


class NomenclatureItemOut(Schema):
    code: str
    level: str
    name: str
    affair: str | None

    @staticmethod
    def resolve_affair(obj: NomenclatureItem) -> str | None:
        return obj.affair.code if obj.affair else None


class NomenclaturePageOut(Schema):
    year: int
    version_id: int
    count: int
    page: int
    page_size: int
    pages: int
    items: list[NomenclatureItemOut]


class NomenclatureFilterIn(Schema):
    tahun: int | None = Field(None, ge=2000, le=2100, description="Bawaan: tahun terbaru.")
    q: str = Field("", max_length=200, description="Awal kode atau sebagian nama.")
    tingkat: NomenclatureItem.Level | None = None
    page: int = Field(1, ge=1)
    page_size: int = Field(50, ge=1, le=500)


class AuthorityRuleOut(Schema):
    affair: str
    affair_name: str
    level: str
    authority: str
    note: str
    source: str

    @staticmethod
    def resolve_affair(obj: AuthorityRule) -> str:
        return obj.affair.code

    @staticmethod
    def resolve_affair_name(obj: AuthorityRule) -> str:
        return obj.affair.name
