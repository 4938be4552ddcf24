"""The urusan pemerintahan code list (/api/v1/urusan)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from sinergi.affairs.models import Affair
from sinergi.core.schemas import ERROR_RESPONSES

router = Router(tags=["Referensi"])


class AffairOut(Schema):
    code: str
    name: str
    group: str
    source: str


class AffairListOut(Schema):
    count: int
    items: list[AffairOut]


@router.get(
    "",
    response={200: AffairListOut, **ERROR_RESPONSES},
    operation_id="affair_list",
    summary="Daftar urusan pemerintahan",
    description="Semua urusan (kurang dari seratus), urut kode; tidak dipecah per halaman.",
)
def list_affairs(request: HttpRequest) -> dict[str, Any]:
    affairs = list(Affair.objects.order_by("code"))
    return {"count": len(affairs), "items": affairs}
