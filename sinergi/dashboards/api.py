"""API endpoints of the dashboards under /api/v1/dasbor/ (same scope as the pages)."""

from ninja import Router

router = Router(tags=["Dasbor"])
