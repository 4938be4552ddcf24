"""One page of an API list, in the shape every list answers with: count, page, page_size,
pages, items. The caller orders the rows (a stable order: ties broken by a unique key)."""

import math
from typing import Any

from ninja import Field, Schema


class PageIn(Schema):
    page: int = Field(1, ge=1, le=100_000)
    page_size: int = Field(50, ge=1, le=200)


def page_of(rows: Any, *, page: int, size: int) -> dict[str, Any]:
    count = rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)
    start = (page - 1) * size
    return {
        "count": count,
        "page": page,
        "page_size": size,
        "pages": max(1, math.ceil(count / size)),
        "items": list(rows[start : start + size]),
    }
