"""The dashboard, network and map cases alone, on an existing bench database (one kept by
`BENCH_KEEP_DB=1 make bench`), for trying a change quickly; prints the table, writes nothing.

    DATABASE_URL=postgres://...:port/sinergi_bench .venv/bin/python -m bench.dashboards_only

BENCH_RUNS (cold requests per case, 20), BENCH_CASES (groups: dasbor,jejaring,peta),
BENCH_PERSONA ("superuser" or "Admin Provinsi Kaltim").
"""

import os
import random
import sys

from bench import database


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("DATABASE_URL must name an existing bench database on PostgreSQL")
    database.start_django(url)
    from bench import report, scenarios
    from bench.dashboards import add_monitoring, cases, run_all
    from sinergi.alerts.models import Warning

    if not Warning.objects.exists():
        print(add_monitoring(random.Random(1)))  # noqa: S311 (data, not secrets)
    names = os.environ.get("BENCH_CASES", "")
    selected = [c for c in cases() if not names or c.group in names.split(",")]
    people = scenarios.personas()
    only = os.environ.get("BENCH_PERSONA", "")
    people = [p for p in people if not only or p.name == only]
    results = run_all(people, selected, int(os.environ.get("BENCH_RUNS", "20")))
    print("\n".join(report.dashboard_lines(results)))


if __name__ == "__main__":
    main()
