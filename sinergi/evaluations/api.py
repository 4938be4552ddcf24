"""API endpoints of evaluasi under /api/v1/evaluasi/ (same permissions as the pages)."""

from ninja import Router

router = Router(tags=["Evaluasi"])
