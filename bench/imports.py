"""Register import throughput: an XLSX file of KB rows, each followed by a PKS under it,
through the dry run (`agreement_import_preview`) and the write (`agreement_import_confirm`,
then `agreement_import_run` as the background worker calls it).

Folded in from sinergi/agreements/tests/bench_imports.py; rows are spread over the Kaltim
regions and their neighbours, with a university or firm on a third of the PKS.
"""

import io
import random
import time
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

from bench import words
from bench.timing import timed
from sinergi.accounts.models import User
from sinergi.agreements.imports import (
    COLUMNS,
    agreement_import_confirm,
    agreement_import_preview,
    agreement_import_run,
)
from sinergi.regions.models import Region

MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"


@dataclass
class ImportResult:
    rows: int
    file_seconds: float  # building the file: not part of the import
    preview_seconds: float
    preview_queries: int
    run_seconds: float
    run_queries: int
    created: int

    @property
    def seconds(self) -> float:
        return self.preview_seconds + self.run_seconds


def measure_import(user: User, count: int, rng: random.Random) -> ImportResult:
    started = time.perf_counter()
    data = _xlsx(_rows(count, rng))
    built = time.perf_counter() - started
    preview, batch = timed(
        lambda: agreement_import_preview(user=user, data=data, file_name="register-bench.xlsx")
    )
    agreement_import_confirm(user=user, batch=batch)
    run, batch = timed(lambda: agreement_import_run(batch_id=batch.pk))
    if batch.status != "selesai":
        raise RuntimeError(f"Import failed: {batch.error}")
    return ImportResult(
        count,
        built,
        preview.seconds,
        preview.queries,
        run.seconds,
        run.queries,
        batch.created_count,
    )


def _rows(count: int, rng: random.Random) -> list[dict[str, Any]]:
    regions = list(Region.objects.filter(code__startswith="64").order_by("code"))
    partners = [r.code for r in Region.objects.filter(code__regex=r"^6[1-5]")]
    universities = [f"Universitas Mitra {n} [perguruan_tinggi]" for n in range(40)]
    rows: list[dict[str, Any]] = []
    for n in range(count // 2):
        owner = rng.choice(regions)
        rows += _family(n, owner, rng.choice([p for p in partners if p != owner.code]), rng)
        if rng.random() < 0.33:
            rows[-1]["pihak"] += f"; {rng.choice(universities)}"
    return rows[:count]


def _family(n: int, owner: Region, partner: str, rng: random.Random) -> list[dict[str, Any]]:
    """A KB between the owner and a partner, and a PKS under it."""
    year = timezone.localdate().year - rng.randint(0, 5)
    sector = rng.choice(["1.02", "1.01", "1.03", "2.12"])
    topic = rng.choice(words.TOPICS[sector])
    kb = f"IMP/KB/{n:05d}/{year}"
    common = {"kode_wilayah_pencatat": owner.code, "pihak": partner, "kode_urusan": sector}
    return [
        {
            **common,
            "nomor": kb,
            "jenis_dokumen": "KB",
            "judul": f"Kesepakatan Bersama tentang {topic}",
            "tanggal_ttd": f"{rng.randint(1, 28)} {rng.choice(MONTHS.split())} {year}",
            "jangka_waktu_bulan": rng.choice([36, 60]),
            "ruang_lingkup": "; ".join(rng.sample(words.SCOPES, 2)),
        },
        {
            **common,
            "nomor": f"IMP/PKS/{n:05d}/{year}",
            "jenis_dokumen": "PKS",
            "judul": f"Perjanjian Kerja Sama {rng.choice(words.ACTIONS)} {topic}",
            "tanggal_mulai": f"{year}-07-01",
            "jangka_waktu_bulan": rng.choice([12, 24]),
            "nomor_induk": kb,
        },
    ]


def _xlsx(rows: list[dict[str, Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([row.get(column) for column in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
