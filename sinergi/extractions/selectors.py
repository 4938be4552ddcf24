"""Reads of the document reading: the access-checked lookup and the list of a user's uploads."""

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from sinergi.agreements.permissions import proposable_regions
from sinergi.extractions.models import DocumentExtraction


def extractions_for_user(user: Any) -> QuerySet[DocumentExtraction]:
    """Uploads of the regions the user may record agreements for (documents are internal)."""
    return (
        DocumentExtraction.objects.for_regions(proposable_regions(user).values("pk"))
        .select_related("owner_region", "created_by", "agreement")
        .defer("text", "result")
    )


def extraction_get_for_user(*, user: Any, pk: int) -> DocumentExtraction:
    extraction = (
        DocumentExtraction.objects.for_regions(proposable_regions(user).values("pk"))
        .select_related("owner_region", "created_by")
        .filter(pk=pk)
        .first()
    )
    if extraction is None:
        raise Http404("Dokumen tidak ditemukan.")
    return extraction


def read_duplicates(user: Any, extraction: DocumentExtraction) -> list[Any]:
    """Recorded agreements that look like what was read (shown before the review starts)."""
    from sinergi.agreements.duplicates import Shape, find_duplicates

    result = extraction.result
    parties = result.get("parties", [])
    codes = [p["region_code"] for p in parties if p.get("region_code")]
    names = [p["name"].lower() for p in parties if not p.get("region_code")]

    def day(value: str | None) -> Any:
        return datetime.date.fromisoformat(value) if value else None

    shape = Shape(
        pk=None,
        title=result.get("title", ""),
        parties=frozenset(codes + names),
        number=(result.get("numbers") or [""])[0],
        start=day(result.get("start_date") or result.get("date_signed")),
        end=day(result.get("end_date")),
    )
    return find_duplicates(user=user, shape=shape, region_codes=codes)
