#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster for tests and development (no systemd, no system cluster).
#
# Usage: scripts/pg-cluster.sh start|stop|url
#   start  initialise (first time) and start the cluster on a free port of 127.0.0.1, create the
#          database "sinergi", then print its URL on stdout (everything else goes to stderr), e.g.
#          postgres://postgres@127.0.0.1:54329/sinergi. Idempotent: if the cluster is already
#          running, it only prints the URL.
#   stop   stop the cluster (fast shutdown) and delete its base directory.
#   url    print the URL of the running cluster; exit 1 if it is not running.
#
# Environment:
#   PG_BASE        base directory (data, log, unix socket); default /tmp/sinergi-pg-<uid>
#   PG_PORT_START  first port to try; default 54329, probing upwards
#   PG_BIN         PostgreSQL bin directory; default the highest /usr/lib/postgresql/*/bin
#
# Authentication is "trust" and durability is off (fsync=off): for tests only.
set -euo pipefail

DB_NAME=sinergi
BASE=${PG_BASE:-/tmp/sinergi-pg-$(id -u)}
case $BASE in /*) ;; *) BASE=$PWD/$BASE ;; esac
DATA=$BASE/data
LOG=$BASE/server.log
# Written by "start"; "stop" only deletes a base directory that carries it.
MARKER=$BASE/.sinergi-pg-cluster
PORT_START=${PG_PORT_START:-54329}

# The server runs as the postgres OS user, which may not be allowed into the caller's working
# directory (e.g. a fresh clone under a 0700 mktemp directory): work from / with absolute paths.
cd /

say() { echo "pg-cluster: $*" >&2; }
die() {
    say "GALAT: $*"
    exit 1
}

if [ -z "${PG_BIN:-}" ]; then
    PG_BIN=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null |
        sort -V | tail -n 1)
fi
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
    die "PostgreSQL tidak ditemukan di /usr/lib/postgresql; jalankan scripts/install-system-deps.sh"
fi

# PostgreSQL refuses to run as root: as root, run the server tools as the postgres OS user.
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Port recorded by the running postmaster (4th line of postmaster.pid).
running_port() { sed -n 4p "$DATA/postmaster.pid" 2>/dev/null; }

is_running() {
    [ -f "$DATA/postmaster.pid" ] || return 1
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1 || return 1
    # pg_ctl only checks that the recorded PID is alive, which a recycled PID also passes;
    # make sure a server answers (exit 1 = still starting up, which also counts as running).
    local port rc=0
    port=$(running_port)
    [ -n "$port" ] || return 1
    "$PG_BIN/pg_isready" -q -h "$BASE" -p "$port" -t 5 || rc=$?
    [ "$rc" -le 1 ]
}

url_for() { echo "postgres://postgres@127.0.0.1:$1/$DB_NAME"; }

# True when something already accepts connections on 127.0.0.1:PORT (bash's /dev/tcp).
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

psql_admin() {
    "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$1" -U postgres -d postgres -v ON_ERROR_STOP=1 "${@:2}"
}

start_server() { # port; returns non-zero if the server did not come up
    rm -f "$LOG"
    as_pg "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 -o "-p $1 -k $BASE \
-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >&2
}

cmd_start() {
    if [ -d "$BASE" ] && [ ! -e "$MARKER" ] && [ -n "$(ls -A "$BASE")" ]; then
        die "$BASE sudah ada dan bukan klaster pg-cluster.sh; pilih PG_BASE lain"
    fi
    mkdir -p "$BASE"
    touch "$MARKER"
    chmod 700 "$BASE"
    [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$BASE"

    if is_running; then
        say "klaster sudah berjalan ($BASE)"
        url_for "$(running_port)"
        return
    fi
    if [ -f "$DATA/postmaster.pid" ]; then
        # Left by a killed server; the postmaster refuses to start while a recorded PID (or a
        # socket lock file's PID) still exists, and a recycled PID or an unreaped zombie does.
        say "menghapus berkas PID basi"
        rm -f "$DATA/postmaster.pid" "$BASE"/.s.PGSQL.*
    fi
    if [ ! -f "$DATA/PG_VERSION" ]; then
        rm -rf "$DATA"
        say "initdb di $DATA"
        as_pg "$PG_BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
            --no-sync --no-instructions >/dev/null
    fi

    # Probe upwards for a free port; if another process grabs it between the probe and the
    # server's bind, try the next one.
    local port=$PORT_START started=0
    while [ "$port" -lt $((PORT_START + 100)) ]; do
        if ! port_in_use "$port"; then
            if start_server "$port"; then
                started=1
                break
            fi
            grep -q "could not bind\|Address already in use" "$LOG" 2>/dev/null || break
        fi
        port=$((port + 1))
    done
    if [ "$started" -ne 1 ]; then
        [ -f "$LOG" ] && tail -n 20 "$LOG" >&2
        die "server PostgreSQL gagal dijalankan (log: $LOG)"
    fi

    if [ -z "$(psql_admin "$port" -tA -c "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'")" ]; then
        psql_admin "$port" -c "CREATE DATABASE $DB_NAME"
    fi
    url_for "$port" | tee "$BASE/url"
    say "klaster berjalan di port $port ($BASE)"
}

cmd_stop() {
    if [ ! -d "$BASE" ]; then
        say "tidak ada klaster di $BASE"
        return
    fi
    [ -e "$MARKER" ] || die "$BASE bukan klaster pg-cluster.sh; tidak dihapus"
    if [ -f "$DATA/postmaster.pid" ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >&2 ||
            as_pg "$PG_BIN/pg_ctl" -D "$DATA" -m immediate -w -t 30 stop >&2 ||
            say "server tidak dapat dihentikan (mungkin sudah mati)"
    fi
    rm -rf "$BASE"
    say "klaster dihentikan dan $BASE dihapus"
}

cmd_url() {
    is_running || die "klaster tidak berjalan ($BASE)"
    url_for "$(running_port)"
}

case "${1:-}" in
start) cmd_start ;;
stop) cmd_stop ;;
url) cmd_url ;;
*)
    echo "Pemakaian: $0 start|stop|url" >&2
    exit 2
    ;;
esac
