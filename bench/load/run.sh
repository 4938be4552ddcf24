#!/usr/bin/env bash
# Load test of the production set-up on this machine (`make load-test`); the summary goes
# into docs/benchmarks.md, section "Uji beban (locust)". See bench/load/summary.py for what
# is measured and bench/load/locustfile.py for the simulated users.
#
#   bash bench/load/run.sh            # 50 users, spawn rate 5/s, 10 minutes
#   LOAD_USERS=5 LOAD_MINUTES=1 bash bench/load/run.sh
#
# Steps: locust into its own virtualenv (var/load/venv, never the app's .venv); a private
# PostgreSQL cluster (scripts/pg-cluster.sh, always stopped and deleted at the end); the
# data (bench/load/prepare.py); the background worker catches up with what the data load
# queued; collectstatic; the worker and gunicorn (deploy/gunicorn.conf.py) as the units in
# deploy/systemd start them; locust headless; the summary. Logs, locust's CSV files and
# HTML report stay in var/load/<time>/.
#
# Environment: LOAD_USERS (50), LOAD_MINUTES (10), LOAD_SPAWN_RATE (5), LOAD_AGREEMENTS
# (3000), LOAD_OUTPUT (docs/benchmarks.md), LOAD_NOTE (a sentence added to the machine line
# of the summary, e.g. what else ran), BOUNDARIES_DIR (../shared/data/regions).
# Exit status: non-zero when a step failed or any request failed.
set -euo pipefail

cd "$(dirname "$0")/../.."
REPO=$PWD
PY=$REPO/.venv/bin/python
USERS=${LOAD_USERS:-50}
MINUTES=${LOAD_MINUTES:-10}
SPAWN_RATE=${LOAD_SPAWN_RATE:-5}
LOCUST_VENV=$REPO/var/load/venv
RUN=$REPO/var/load/$(date +%Y%m%d-%H%M%S)
STARTED=$(date +%s)

say() { echo "[uji-beban $(date +%H:%M:%S)] $*" >&2; }

# --- locust, in a virtualenv of its own ----------------------------------------------------
# Reinstalled only when bench/load/requirements.txt changed (a copy is kept in the venv).
install_locust() {
    if cmp -s bench/load/requirements.txt "$LOCUST_VENV/requirements.txt" 2>/dev/null; then
        return
    fi
    say "memasang locust di $LOCUST_VENV"
    rm -rf "$LOCUST_VENV"
    "$PY" -m venv "$LOCUST_VENV"
    "$LOCUST_VENV/bin/pip" install --disable-pip-version-check --progress-bar off -q \
        -r bench/load/requirements.txt
    cp bench/load/requirements.txt "$LOCUST_VENV/requirements.txt"
}

# --- processes started here, stopped by their own ids --------------------------------------
PG_BASE=$(mktemp -d /tmp/sinergi-pg-load.XXXXXX)
WEB_PID="" WORKER_PID="" SAMPLER_PID=""
cleanup() {
    for pid in $SAMPLER_PID $WEB_PID $WORKER_PID; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in $SAMPLER_PID $WEB_PID $WORKER_PID; do
        wait "$pid" 2>/dev/null || true
    done
    cp "$PG_BASE/server.log" "$RUN/postgresql.log" 2>/dev/null || true  # stop deletes it
    PG_BASE=$PG_BASE bash scripts/pg-cluster.sh stop >/dev/null 2>&1 ||
        say "PERINGATAN: klaster $PG_BASE gagal dihentikan"
    rm -rf "$RUN/var"  # static files and uploads of this run; logs and results stay
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Up to a minute for gunicorn to answer its health check (as nginx would ask it).
wait_for_web() {
    local url=$1
    for _ in $(seq 60); do
        if curl -fs -o /dev/null -H 'X-Forwarded-Proto: https' "$url"; then
            return
        fi
        kill -0 "$WEB_PID" 2>/dev/null || { tail -n 30 "$RUN/gunicorn.log" >&2; exit 1; }
        sleep 1
    done
    say "GALAT: gunicorn tidak menjawab $url"
    exit 1
}

mkdir -p "$RUN"
install_locust

say "klaster PostgreSQL pribadi ($PG_BASE)"
# Ports from 55700 up: clear of the test suite's (54329 up) and its restart test's (55400 up).
DATABASE_URL=$(PG_BASE=$PG_BASE PG_PORT_START=${LOAD_PG_PORT_START:-55700} \
    bash scripts/pg-cluster.sh start)

# The environment of the server, the worker and every management command below: production
# settings (DEBUG off, so SECRET_KEY and ALLOWED_HOSTS are required) with a shared cache.
export DATABASE_URL DJANGO_SETTINGS_MODULE=sinergi.config.settings
export DEBUG=false
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export VAR_DIR=$RUN/var
export TRUSTED_PROXY_COUNT=1
export CACHE_BACKEND=django.core.cache.backends.db.DatabaseCache CACHE_LOCATION=sinergi_cache
export SINERGI_DEMO=true  # demo accounts and data: the banner says so
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend  # nothing leaves the machine
export LOG_LEVEL=WARNING
# Hashed names and a manifest as in production, without WhiteNoise's compression, which
# makes collectstatic take two minutes here: the simulated users request no static file.
export STATICFILES_BACKEND=django.contrib.staticfiles.storage.ManifestStaticFilesStorage

say "data: referensi, demo, Kalimantan Timur (${LOAD_AGREEMENTS:-3000} kerja sama), monev"
"$PY" -m bench.load.prepare "$RUN/data.json"
say "pekerja latar menyelesaikan antrean (vektor pencarian, jawaban dasbor)"
SINERGI_EMBEDDING_THREADS=2 "$PY" manage.py db_worker --batch --worker-id pekerja-awal \
    >"$RUN/worker-catch-up.log" 2>&1
"$PY" manage.py collectstatic --noinput -v 0

say "pekerja latar dan gunicorn (deploy/gunicorn.conf.py)"
"$PY" manage.py requeue_tasks --worker-id pekerja-1 >/dev/null
"$PY" manage.py db_worker --worker-id pekerja-1 >"$RUN/worker.log" 2>&1 &
WORKER_PID=$!
PORT=$(free_port)
GUNICORN_BIND=127.0.0.1:$PORT "$REPO/.venv/bin/gunicorn" --config deploy/gunicorn.conf.py \
    sinergi.config.wsgi:application >"$RUN/gunicorn.log" 2>&1 &
WEB_PID=$!
wait_for_web "http://127.0.0.1:$PORT/sehat/"
WORKERS=$("$PY" -c 'import runpy; print(runpy.run_path("deploy/gunicorn.conf.py")["workers"])')

PREP_MINUTES=$(( ($(date +%s) - STARTED + 30) / 60 ))
say "locust: $USERS pengguna, $SPAWN_RATE/detik, $MINUTES menit"
# Every 15 s: the one-minute load average and how many pytest processes (other people's
# test runs on this machine) are running; matched on how pytest is started, since a plain
# "pytest" also matches a LOAD_NOTE that mentions it on make's command line.
( while sleep 15; do
    echo "$(cut -d' ' -f1 /proc/loadavg) $(pgrep -fc -- '-m pytest|bin/pytest' || true)"
done >"$RUN/loadavg.txt" ) &
SAMPLER_PID=$!
LOAD_STARTED=$(date -Iminutes)
status=0
(cd "$RUN" && LOAD_TARGETS=$RUN/data.json LOAD_FINAL_CSV=$RUN/locust_final \
    "$LOCUST_VENV/bin/locust" -f "$REPO/bench/load/locustfile.py" --headless \
    --host "http://127.0.0.1:$PORT" \
    --users "$USERS" --spawn-rate "$SPAWN_RATE" --run-time "${MINUTES}m" --stop-timeout 30 \
    --csv "$RUN/locust" --html "$RUN/locust.html" --only-summary --loglevel WARNING \
    >"$RUN/locust.log" 2>&1) || status=$?
tail -n 40 "$RUN/locust.log" >&2

command="make load-test"
[ "$USERS" = 50 ] || command="$command LOAD_USERS=$USERS"
[ "$MINUTES" = 10 ] || command="$command LOAD_MINUTES=$MINUTES"
commit=$(git rev-parse --short HEAD)
[ -z "$(git status --porcelain --untracked-files=no)" ] || commit="$commit (with uncommitted changes)"
LOAD_USERS=$USERS LOAD_MINUTES=$MINUTES LOAD_SPAWN_RATE=$SPAWN_RATE LOAD_STARTED=$LOAD_STARTED \
    LOAD_COMMAND=$command LOAD_COMMIT=$commit LOAD_WORKERS=$WORKERS \
    LOAD_PREP_MINUTES=$PREP_MINUTES LOAD_CORES=$(nproc) \
    LOAD_RAM_GIB=$(free -m | awk '/^Mem:/ {printf "%.0f", $2 / 1024}') \
    "$PY" -m bench.load.summary "$RUN"
say "selesai dalam $(( ($(date +%s) - STARTED + 30) / 60 )) menit; hasil: $RUN"
exit "$status"
