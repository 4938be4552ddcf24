"""API endpoints of peringatan dini under /api/v1/peringatan/ (same permissions as the pages)."""

import math
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from sinergi.alerts.schemas import WarningFilterIn, WarningListOut
from sinergi.alerts.selectors import queue_rows, warnings_for_user
from sinergi.core.http import api_user
from sinergi.core.schemas import ERROR_RESPONSES

router = Router(tags=["Peringatan dini"])


@router.get(
    "",
    response={200: WarningListOut, **ERROR_RESPONSES},
    operation_id="warning_list",
    url_name="warning-list",
    summary="Peringatan dini saya",
    description=(
        "Peringatan dini yang masih terbuka pada kerja sama di wilayah Anda (bagi perangkat "
        "daerah: kerja sama yang dilaksanakan OPD-nya), paling mendesak lebih dulu. Per "
        "halaman paling banyak 100."
    ),
)
def list_warnings(request: HttpRequest, filters: Query[WarningFilterIn]) -> dict[str, Any]:
    user = api_user(request)
    warnings = warnings_for_user(user=user, kind=filters.kind or "")
    count = warnings.count()
    start = (filters.page - 1) * filters.page_size
    return {
        "count": count,
        "page": filters.page,
        "page_size": filters.page_size,
        "pages": max(1, math.ceil(count / filters.page_size)),
        "items": list(queue_rows(warnings)[start : start + filters.page_size]),
    }
