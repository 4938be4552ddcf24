#!/usr/bin/env bash
# Runs every check after set-up (called by `make test`): lint, then the test suite on SQLite,
# then on PostgreSQL in a private cluster that is started for this run and always stopped.
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
run_pytest() { # phase name, then pytest arguments
    local phase=$1 rc=0
    shift
    "$PYTHON" -m pytest "$@" || rc=$?
    if [ "$rc" -eq 5 ]; then
        # pytest's "no tests collected": a suite that runs nothing proves nothing.
        echo "GALAT: tidak ada tes yang dijalankan ($phase)"
    fi
    if [ "$rc" -ne 0 ]; then
        failed+=("$phase")
    fi
}

# `make lint` prints its own "== ruff ==" and "== mypy ==" banners.
"${MAKE:-make}" --no-print-directory lint || failed+=(lint)

echo "== pytest (SQLite) =="
DATABASE_URL="sqlite:///$tmp/test.sqlite3" run_pytest "pytest (SQLite)" "$@"

echo "== pytest (PostgreSQL) =="
if url=$(bash scripts/pg-cluster.sh start); then
    DATABASE_URL="$url" run_pytest "pytest (PostgreSQL)" "$@"
else
    echo "GALAT: klaster PostgreSQL untuk tes gagal dijalankan"
    failed+=("pytest (PostgreSQL)")
fi

if [ ${#failed[@]} -ne 0 ]; then
    echo "GAGAL: ${failed[*]}"
    exit 1
fi
echo "Semua pemeriksaan lulus."
