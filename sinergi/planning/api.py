"""API endpoints of planning and budget under /api/v1/perencanaan/ (page permissions)."""

from ninja import Router

router = Router(tags=["Perencanaan dan anggaran"])
