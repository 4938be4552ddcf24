"""Reads of the document reading: the access-checked lookup and the list of a user's uploads."""

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
