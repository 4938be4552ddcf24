#!/usr/bin/env bash
# Runs every check after set-up (called by `make test`): lint, then the test suite on SQLite and
# on PostgreSQL (in a private cluster started for this run and always stopped), side by side.
# Every phase runs even if an earlier one failed; the exit code is non-zero if any failed.
# Arguments are passed on to pytest (make test PYTEST_ARGS="-k agreements -x").
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

PYTHON=.venv/bin/python
failed=()

tmp=$(mktemp -d /tmp/sinergi-test.XXXXXX) || exit 1
# A cluster of its own per run (not the default base of scripts/pg-cluster.sh), so a test run
# never stops a developer's cluster and two runs can go side by side.
export PG_BASE
PG_BASE=$(mktemp -d /tmp/sinergi-pg-test.XXXXXX) || exit 1
cleanup() {
    bash scripts/pg-cluster.sh stop >/dev/null 2>&1 || echo "PERINGATAN: klaster $PG_BASE gagal dihentikan" >&2
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM # exit through the EXIT trap, so the cluster is stopped

# DATABASE_URL must be set by the caller; pytest-django creates its own test database from it.
record() { # phase name, pytest's exit code
    if [ "$2" -eq 5 ]; then
        # pytest's "no tests collected": a suite that runs nothing proves nothing.
        echo "GALAT: tidak ada tes yang dijalankan ($1)"
    fi
    if [ "$2" -ne 0 ]; then
        failed+=("$1")
    fi
}

# `make lint` prints its own "== ruff ==" and "== mypy ==" banners.
"${MAKE:-make}" --no-print-directory lint || failed+=(lint)

# The two databases' runs go side by side on a machine with two cores or more (CI has two):
# each run is one Python process, mostly busy on one core. SINERGI_TEST_SERIAL=1 runs them
# one after the other. Each run has its own uploaded-files folder.
sqlite_run() {
    DATABASE_URL="sqlite:///$tmp/test.sqlite3" MEDIA_ROOT="$tmp/media-sqlite" \
        "$PYTHON" -m pytest -p no:cacheprovider "$@"
}
parallel=0
if [ "${SINERGI_TEST_SERIAL:-0}" != 1 ] && [ "$(nproc 2>/dev/null || echo 1)" -ge 2 ]; then
    parallel=1
fi

sqlite_pid=""
if [ "$parallel" -eq 1 ]; then
    echo "== pytest (SQLite) berjalan di latar; keluarannya dicetak setelah selesai =="
    sqlite_run "$@" >"$tmp/sqlite.log" 2>&1 &
    sqlite_pid=$!
    trap '[ -n "$sqlite_pid" ] && kill "$sqlite_pid" 2>/dev/null; exit 130' INT TERM
else
    echo "== pytest (SQLite) =="
    rc=0
    sqlite_run "$@" || rc=$?
    record "pytest (SQLite)" "$rc"
fi

echo "== pytest (PostgreSQL) =="
if url=$(bash scripts/pg-cluster.sh start); then
    rc=0
    DATABASE_URL="$url" MEDIA_ROOT="$tmp/media-postgresql" "$PYTHON" -m pytest "$@" || rc=$?
    record "pytest (PostgreSQL)" "$rc"
else
    echo "GALAT: klaster PostgreSQL untuk tes gagal dijalankan"
    failed+=("pytest (PostgreSQL)")
fi

if [ -n "$sqlite_pid" ]; then
    rc=0
    wait "$sqlite_pid" || rc=$?
    sqlite_pid=""
    echo "== pytest (SQLite) =="
    cat "$tmp/sqlite.log"
    record "pytest (SQLite)" "$rc"
fi

if [ ${#failed[@]} -ne 0 ]; then
    echo "GAGAL: ${failed[*]}"
    exit 1
fi
echo "Semua pemeriksaan lulus."
