"""API endpoints of peringatan dini under /api/v1/peringatan/ (same permissions as the pages)."""

from ninja import Router

router = Router(tags=["Peringatan dini"])
