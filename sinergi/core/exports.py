from collections.abc import Iterable, Sequence
from typing import Any

from django.http import Http404, HttpResponse

from sinergi.core.tables import XLSX_CONTENT_TYPE, csv_text, xlsx_bytes


def table_response(
    fmt: str, name: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """A table as a CSV or XLSX download named `<name>.<fmt>`."""
    if fmt == "csv":
        response = HttpResponse(csv_text(headers, rows), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes(headers, rows, title=name), content_type=XLSX_CONTENT_TYPE
        )
    else:
        raise Http404("Format ekspor tidak dikenal.")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
