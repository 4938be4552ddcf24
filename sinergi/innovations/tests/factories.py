from typing import Any

import factory
from django.utils import timezone

from sinergi.innovations.models import Innovation


class InnovationFactory(factory.django.DjangoModelFactory):
    """A published innovation (pass status="draf" for a draft). Built without the service:
    no vector, the search words are filled as the service would."""

    class Meta:
        model = Innovation

    name = factory.Sequence(lambda n: f"Inovasi Uji {n}")
    kind = Innovation.Kind.PUBLIC_SERVICE
    form = Innovation.Form.DIGITAL
    maturity = Innovation.Maturity.APPLIED
    started_year = 2022
    problem = "Antrean panjang di loket layanan."
    description = "Pendaftaran daring dengan nomor antrean."
    results = "Waktu tunggu turun."
    status = Innovation.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Innovation:
        from sinergi.innovations.services import search_text

        if kwargs.get("status") != Innovation.Status.PUBLISHED:
            kwargs["published_at"] = None
        innovation = model_class(*args, **kwargs)
        innovation.search_stems = search_text(innovation)
        innovation.save()
        return innovation


def draft_payload(region_code: str, affair_code: str) -> dict[str, Any]:
    """A valid body for POST /api/v1/inovasi."""
    return {
        "region": region_code,
        "name": "Posyandu Digital",
        "affair": affair_code,
        "kind": "pelayanan_publik",
        "form": "digital",
        "maturity": "uji_coba",
        "started_year": 2024,
        "problem": "Catatan balita di buku.",
        "description": "Aplikasi kader.",
    }
