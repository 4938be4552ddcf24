"""gunicorn settings for Sinergi behind nginx (docs/operations.md).

    gunicorn --config deploy/gunicorn.conf.py sinergi.config.wsgi:application

Values come from the environment so the systemd unit's EnvironmentFile (or a shell) can
change them without editing this file: GUNICORN_BIND, GUNICORN_WORKERS, GUNICORN_TIMEOUT.
Django's own settings come from the same environment (sinergi/config/settings.py).
"""

import os


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:  # stop at start-up, as the Django settings do
        raise SystemExit(f"{name} must be a whole number, got {raw!r}") from exc


def _default_workers() -> int:
    # Requests wait on PostgreSQL most of the time, so a sync worker per core is too few;
    # gunicorn's 2n+1. Capped because each worker holds a database connection
    # (DB_CONN_MAX_AGE) and about 200 MB of memory with the search model loaded.
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(2 * (cores or 1) + 1, 12)


# nginx on the same host proxies to this address; never bind a public interface.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _env_int("GUNICORN_WORKERS", _default_workers())
worker_class = "sync"
# Imports of OPD and register files are parsed inside the request: allow a minute
# (nginx's proxy_read_timeout is a little longer, so gunicorn's own message wins).
timeout = _env_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
# A worker is replaced after this many requests (with jitter, so not all at once): keeps
# slow memory growth in long-running processes in check. Not much more often: a new worker
# loads the search model again on its first search (about a second).
max_requests = 10000
max_requests_jitter = 1000
proc_name = "sinergi"

# Only nginx on this host may say that a request came over HTTPS (X-Forwarded-Proto).
forwarded_allow_ips = "127.0.0.1"

# gunicorn's control socket (`gunicornc`) defaults to $HOME/.gunicorn/, which the hardened
# unit cannot write and which two servers of one user would share: put it in the unit's own
# RuntimeDirectory (systemd sets RUNTIME_DIRECTORY), and go without one elsewhere.
control_socket = os.path.join(os.environ.get("RUNTIME_DIRECTORY", "/run/sinergi"), "gunicorn.ctl")
control_socket_disable = not os.environ.get("RUNTIME_DIRECTORY")

# Access log on stderr (the journal under systemd), one line per request with the client
# address nginx forwarded and the request time in microseconds (%(D)s).
# "/dev/stderr" cannot be opened when stderr is the journal's socket, hence a logging config.
access_log_format = '%(h)s xff=%({x-forwarded-for}i)s "%(r)s" %(s)s %(B)s "%(f)s" "%(a)s" %(D)sus'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "INFO", "handlers": ["error_console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access_console"], "propagate": False},
    },
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "stream": "ext://sys.stderr",
        },
        "access_console": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "stream": "ext://sys.stderr",
        },
    },
    "formatters": {
        "generic": {"format": "[%(process)d] [%(levelname)s] %(message)s"},
        "access": {"format": "%(message)s"},
    },
}
