"""The benchmark's own database, `sinergi_bench`, in the cluster that DATABASE_URL points to:
dropped and created fresh, migrated and loaded with the reference data (and the region
boundaries when ../shared/data/regions has them, for neighbouring partners)."""

import io
import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

BENCH_DB = "sinergi_bench"
# As in `make run`: the shared folder beside the project (not the working directory's).
BOUNDARIES_DIR = Path(
    os.environ.get("BOUNDARIES_DIR", Path(__file__).resolve().parents[2] / "shared/data/regions")
)
# Production-like settings (no DEBUG query log, no debug templates), safe for a test client.
SETTINGS_ENV = {
    "DJANGO_SETTINGS_MODULE": "sinergi.config.settings",
    "DEBUG": "false",
    "SECRET_KEY": "bench-only-not-secret",
    "ALLOWED_HOSTS": "testserver",
    "SECURE_SSL_REDIRECT": "false",
    "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    "TASKS_BACKEND": "django.tasks.backends.dummy.DummyBackend",  # the bench runs the import
    "LOG_LEVEL": "WARNING",
}


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _admin(cluster_url: str) -> psycopg.Connection:
    return psycopg.connect(_with_database(cluster_url, "postgres"), autocommit=True)


def recreate(cluster_url: str) -> str:
    """Drop and create the bench database; return its URL."""
    with _admin(cluster_url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(BENCH_DB)))
    return _with_database(cluster_url, BENCH_DB)


def drop(cluster_url: str) -> None:
    from django.db import connections

    connections.close_all()
    with _admin(cluster_url) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(BENCH_DB))
        )


def start_django(url: str) -> None:
    os.environ.update(SETTINGS_ENV)
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()


def load_reference() -> list[str]:
    """Migrate and load what every installation loads; return the commands, for the report."""
    from django.core.management import call_command

    commands = [["migrate"], ["load_reference_data"]]
    provinces, regencies = (
        BOUNDARIES_DIR / "provinces.geojson",
        BOUNDARIES_DIR / "regencies.geojson",
    )
    if provinces.exists() and regencies.exists():
        commands.append(["load_boundaries", str(provinces), str(regencies)])
    for command in commands:
        call_command(*command, verbosity=0, stdout=io.StringIO())  # they report even at 0
    return [" ".join(["manage.py", *c]) for c in commands]


def analyze() -> None:
    """What autovacuum would do after a bulk load: fresh statistics and visibility map."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def server_facts() -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        facts = {"version": cursor.fetchone()[0]}
        for name in ("shared_buffers", "work_mem", "effective_cache_size", "fsync", "jit"):
            cursor.execute(f"SHOW {name}")  # a constant name from the tuple above
            facts[name] = cursor.fetchone()[0]
    return facts
