"""API endpoints of pemantauan dan laporan under /api/v1/monev/ (same permissions as the pages)."""

from ninja import Router

router = Router(tags=["Monev"])
