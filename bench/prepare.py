"""Build the bench database once and keep it, for `bench.dashboards_only` and for EXPLAIN:
the same data as `make bench` (same seed), without measuring anything: agreements,
monitoring data, reports, SPM figures and innovations.

    url=$(PG_BASE=/tmp/sinergi-pg-keep bash scripts/pg-cluster.sh start)
    DATABASE_URL=$url .venv/bin/python -m bench.prepare
    # then DATABASE_URL=<printed url> .venv/bin/python -m bench.dashboards_only

BENCH_AGREEMENTS sets the size (100000).
"""

import os
import random
import sys

from bench import database
from bench.agreements import SEED, _generator, _load, _log


def main() -> None:
    cluster_url = os.environ.get("DATABASE_URL", "")
    if not cluster_url.startswith("postgres"):
        sys.exit("DATABASE_URL must point to a PostgreSQL cluster (scripts/pg-cluster.sh start)")
    url = database.recreate(cluster_url)
    database.start_django(url)
    from bench import national
    from bench.dashboards import add_monitoring

    database.load_reference()
    rng = random.Random(SEED)  # noqa: S311 (reproducible data, no secrets)
    seconds = _load(_generator(rng), int(os.environ.get("BENCH_AGREEMENTS", "100000")))
    add_monitoring(rng)
    added = national.Added()
    national.add_for_agreements(rng, 0, added)
    national.add_spm(rng, added)
    database.analyze()
    _log(f"national data: {added}")
    _log(f"generated in {seconds:.0f} s; database kept: {url}")


if __name__ == "__main__":
    main()
