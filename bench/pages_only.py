"""The page cases of bench/pages.py alone, on an existing bench database (one built by
`bench.prepare`), for trying a change quickly; prints the table, writes nothing.

    DATABASE_URL=postgres://...:port/sinergi_bench .venv/bin/python -m bench.pages_only

BENCH_RUNS (requests per case, 20), BENCH_CASES (words of the case names, comma-separated),
BENCH_PERSONA ("superuser" or "Admin Provinsi Kaltim"), BENCH_ANNUAL (province codes whose
annual report is built; Kaltim and the busiest province).
"""

import os
import sys

from bench import database


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("DATABASE_URL must name an existing bench database on PostgreSQL")
    database.start_django(url)
    from django.utils import timezone

    from bench import pages, report, scenarios

    names = [n for n in os.environ.get("BENCH_CASES", "").split(",") if n]
    selected = [c for c in pages.cases() if not names or any(n in c.name for n in names)]
    only = os.environ.get("BENCH_PERSONA", "")
    people = [p for p in scenarios.personas() if not only or p.name == only]
    results = pages.run_all(people, selected, int(os.environ.get("BENCH_RUNS", "20")))
    print("\n".join(report.page_lines(results)))
    codes = [c for c in os.environ.get("BENCH_ANNUAL", "").split(",") if c]
    codes = codes or pages.annual_provinces()
    annual = pages.annual_reports(codes, timezone.localdate().year - 1)
    print("\n".join(report.annual_lines(annual)))


if __name__ == "__main__":
    main()
