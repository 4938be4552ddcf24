"""Open data (/data-terbuka/): each data set as CSV, XLSX or JSON, and the data dictionary.
No sign-in; files are cached per data version and day (statuses are as of the day)."""

import datetime
import json
from typing import Any

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from sinergi.core.tables import XLSX_CONTENT_TYPE, csv_text, xlsx_bytes
from sinergi.core.versions import data_version
from sinergi.datasets.catalogue import Dataset, dataset, datasets

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": XLSX_CONTENT_TYPE,
    "json": "application/json",
}
LICENCE = "Creative Commons Atribusi 4.0 (CC BY 4.0); kode wilayah: idn-area-data (ODbL)"


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    html = render_to_string("datasets/index.html", {"datasets": datasets(), "licence": LICENCE})
    return HttpResponse(html)


@require_safe
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    found = dataset(slug)
    if found is None or fmt not in FORMATS:
        raise Http404("Data set tidak ditemukan.")
    key = f"data-terbuka:{slug}:{fmt}:{data_version(found.version_name)}:{datetime.date.today()}"
    content = cache.get(key)
    if content is None:
        content = _render(found, fmt)
        cache.set(key, content, 3600)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="sinergi-{slug}.{fmt}"'
    response["Access-Control-Allow-Origin"] = "*"  # open data: any portal may fetch it
    return response


def _render(found: Dataset, fmt: str) -> bytes:
    rows = list(found.rows())
    if fmt == "csv":
        return csv_text(found.headers, rows).encode()
    if fmt == "xlsx":
        return xlsx_bytes(found.headers, rows, title=found.slug)
    body = {
        "metadata": _metadata(found),
        "data": [dict(zip(found.headers, row, strict=True)) for row in rows],
    }
    return json.dumps(body, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def _metadata(found: Dataset) -> dict[str, Any]:
    return {
        "judul": found.title,
        "deskripsi": found.description,
        "produsen": "Sinergi",
        "lisensi": LICENCE,
        "tanggal": datetime.date.today().isoformat(),
        "kamus_data": [
            {"kolom": c.name, "tipe": c.type, "keterangan": c.description} for c in found.columns
        ],
    }


@require_safe
def dictionary(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = [(d.slug, c.name, c.type, c.description) for d in datasets() for c in d.columns]
    if fmt == "json":
        body = {d.slug: _metadata(d) for d in datasets()}
        return HttpResponse(json.dumps(body, ensure_ascii=False), content_type=FORMATS["json"])
    if fmt != "csv":
        raise Http404("Format tidak dikenal.")
    response = HttpResponse(
        csv_text(["data_set", "kolom", "tipe", "keterangan"], rows), content_type=FORMATS["csv"]
    )
    response["Content-Disposition"] = 'attachment; filename="sinergi-kamus-data.csv"'
    return response
