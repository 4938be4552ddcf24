"""Import throughput: not collected by default (name), run it on purpose:

    .venv/bin/python -m pytest -q -s sinergi/agreements/tests/bench_imports.py
    BENCH_ROWS=10000 DATABASE_URL=postgres://... .venv/bin/python -m pytest -q -s ...

It prints rows per second for the dry run and for the write.
"""

import datetime
import os
import time
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from sinergi.agreements.imports import (
    agreement_import_confirm,
    agreement_import_preview,
    agreement_import_run,
)
from sinergi.agreements.models import Agreement
from sinergi.agreements.tests.test_imports import xlsx

TODAY = datetime.date(2025, 6, 1)
PARTNERS = ["64.01", "64.02", "64.03", "64.07", "64.71", "64.72", "64.74", "63.71", "62.71"]
ORGANIZATIONS = [f"Universitas Nomor {n} [perguruan_tinggi]" for n in range(20)]


def generated(count: int) -> list[dict[str, Any]]:
    """KBs of Kaltim with regencies, each followed by a PKS under it (half with a university)."""
    rows: list[dict[str, Any]] = []
    for n in range(count // 2):
        partner = PARTNERS[n % len(PARTNERS)]
        kb = f"KB/{n:05d}/2024"
        rows.append(
            {
                "nomor": kb,
                "jenis_dokumen": "KB",
                "judul": f"Kesepakatan bersama pelayanan publik ke-{n}",
                "kode_wilayah_pencatat": "64",
                "pihak": partner,
                "kode_urusan": "1.02; 2.16",
                "tanggal_ttd": f"{1 + n % 28} Mei 2024",
                "jangka_waktu_bulan": 12 + n % 48,
                "ruang_lingkup": "Pelayanan kesehatan, pendidikan dan data",
            }
        )
        others = partner + (f"; {ORGANIZATIONS[n % 20]}" if n % 2 else "")
        rows.append(
            {
                "nomor": f"PKS/{n:05d}/2024",
                "jenis_dokumen": "PKS",
                "judul": f"Perjanjian kerja sama pelaksanaan ke-{n}",
                "kode_wilayah_pencatat": "64",
                "pihak": others,
                "kode_urusan": "1.02",
                "tanggal_mulai": "2024-06-01",
                "tanggal_berakhir": "31-12-2025",
                "nomor_induk": kb,
            }
        )
    return rows


def test_import_rate(province_admin: Any) -> None:
    count = int(os.environ.get("BENCH_ROWS", "2000"))
    data = xlsx(generated(count))
    started = time.perf_counter()
    batch = agreement_import_preview(
        user=province_admin, data=data, file_name="bench.xlsx", today=TODAY
    )
    previewed = time.perf_counter()
    agreement_import_confirm(user=province_admin, batch=batch)
    with CaptureQueriesContext(connection) as queries:
        batch = agreement_import_run(batch_id=batch.pk, today=TODAY)
    done = time.perf_counter()
    assert batch.status == "selesai", batch.error
    assert Agreement.objects.count() == count
    print(
        f"\n{connection.vendor}: {count} rows; dry run {previewed - started:.1f} s "
        f"({count / (previewed - started):.0f} rows/s); write {done - previewed:.1f} s "
        f"({count / (done - previewed):.0f} rows/s); {len(queries)} queries in the write; "
        f"total {done - started:.1f} s"
    )
