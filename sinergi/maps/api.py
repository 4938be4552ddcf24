"""API endpoints of the map under /api/v1/peta/ (same scope as the pages)."""

from ninja import Router

router = Router(tags=["Peta"])
