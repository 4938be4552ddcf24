"""Issue #10: PostgreSQL restarts under the running app. Meanwhile pages answer 503 with a short
message, the API its JSON error, /sehat/ 503, and nothing hangs; once the database is back the
same app answers normally again, without being restarted.

The restart test runs the real thing: a private PostgreSQL cluster of its own
(scripts/pg-cluster.sh) and gunicorn with two workers and production settings (DEBUG off,
persistent connections), driven over HTTP. Two small tests of the outage answer itself run on
any database."""

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import RequestFactory

from sinergi.core import database_outage

ROOT = Path(settings.BASE_DIR)
PG_CLUSTER = ROOT / "scripts" / "pg-cluster.sh"
BASH = shutil.which("bash") or "/bin/bash"
# Not the suite's cluster (54329 up) nor the helpers' (54400, 54500).
PG_PORT_START = 55400
TIMEOUT = 5  # seconds per request
RECOVERY_SECONDS = 20
WORKERS = 2
PASSWORD = "Sandi-uji-mulai-ulang-1"
MESSAGE = "Basis data sedang tidak dapat dihubungi"
LOGIN = "/akun/masuk/"


def _on_postgresql() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def _pg_ctl() -> Path | None:
    """As scripts/pg-cluster.sh finds it: PG_BIN, else the newest /usr/lib/postgresql/*/bin."""
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"]) / "pg_ctl"
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: [int(part) for part in re.findall(r"\d+", p.parts[-3])],
    )
    return found[-1] if found else None


# --- the private PostgreSQL cluster ----------------------------------------------------------


@dataclass
class Cluster:
    base: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/sinergi"

    def stop(self) -> None:
        """Fast shutdown, as `systemctl restart postgresql` does: open connections are cut."""
        command = [str(_pg_ctl()), "-D", str(self.base / "data"), "-m", "fast", "-w", "stop"]
        if os.geteuid() == 0:  # the script runs the server as postgres (it refuses root)
            command = [shutil.which("runuser") or "runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=30)

    def start(self) -> None:
        """The same data directory on the same port (the app's DATABASE_URL does not change)."""
        url = _cluster_script("start", self.base, self.port)
        assert urlsplit(url).port == self.port, f"PostgreSQL came back on another port: {url}"


def _cluster_script(action: str, base: Path, port_start: int = PG_PORT_START) -> str:
    env = {**os.environ, "PG_BASE": str(base), "PG_PORT_START": str(port_start)}
    done = subprocess.run(
        [BASH, str(PG_CLUSTER), action],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, f"pg-cluster.sh {action}: {done.stderr[-2000:]}"
    return done.stdout.strip()


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    # Under /tmp, not pytest's tmp_path: the server runs as postgres, which may not enter a
    # 0700 directory of root, and its socket path must stay short.
    base = Path(tempfile.mkdtemp(prefix="sinergi-pg-restart-"))
    try:
        url = _cluster_script("start", base)
        port = urlsplit(url).port
        assert port is not None
        yield Cluster(base, port)
    finally:
        _cluster_script("stop", base)  # also removes the base directory


# --- the app under gunicorn ---------------------------------------------------------------


# One process instead of three `manage.py` runs: each start of Django costs seconds.
PREPARE = """
import os
import django
django.setup()
from django.contrib.auth import get_user_model
from django.core.management import call_command
call_command("migrate", "--noinput", verbosity=0)
call_command("load_reference_data", verbosity=0)
get_user_model().objects.create_superuser("uji-restart", "uji@example.org", os.environ["PW"])
"""


@dataclass
class App:
    base_url: str
    log: Path


def _app_env(cluster: Cluster, var_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sinergi.config.settings",
        "DATABASE_URL": cluster.url,
        "DB_CONN_MAX_AGE": "60",  # persistent connections, which the restart breaks
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP here; the visitor says it came through the HTTPS proxy instead.
        "SECURE_SSL_REDIRECT": "false",
        # Pages without `collectstatic` first (the manifest storage needs its output).
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "VAR_DIR": str(var_dir),
        "MEDIA_ROOT": str(var_dir / "media"),
        "STATIC_ROOT": str(var_dir / "static"),
        "LOG_LEVEL": "INFO",
        "PW": PASSWORD,
    }


def _listening_port(log: Path, server: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", log.read_text())
        if found:
            return int(found.group(1))
        assert server.poll() is None, f"gunicorn stopped:\n{log.read_text()[-3000:]}"
        time.sleep(0.1)
    raise AssertionError(f"gunicorn did not start:\n{log.read_text()[-3000:]}")


def _wait_until_healthy(base_url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if Visitor(base_url).get("/sehat/").status == 200:
                return
        except OSError:
            pass  # the workers are still loading Django
        time.sleep(0.2)
    raise AssertionError("the app never answered /sehat/ with 200")


def _start_gunicorn(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "sinergi.config.wsgi:application"),
                *("--workers", str(WORKERS), "--bind", "127.0.0.1:0", "--timeout", "30"),
                # Django loaded once, before the fork; no control socket in $HOME.
                *("--preload", "--no-control-socket"),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def _stop(server: subprocess.Popen[bytes]) -> None:
    server.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=15)


@pytest.fixture
def app(cluster: Cluster, tmp_path: Path) -> Iterator[App]:
    env = _app_env(cluster, tmp_path / "var")
    log = tmp_path / "gunicorn.log"
    # Started first: its workers load Django while the database is prepared (no request
    # reaches them before that).
    server = _start_gunicorn(env, log)
    try:
        prepared = subprocess.run(
            [sys.executable, "-c", PREPARE], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert prepared.returncode == 0, prepared.stderr[-3000:]
        base_url = f"http://127.0.0.1:{_listening_port(log, server)}"
        _wait_until_healthy(base_url)
        yield App(base_url, log)
    finally:
        _stop(server)


# --- a visitor --------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: Message
    text: str

    def json(self) -> Any:
        return json.loads(self.text)


class Visitor:
    """A browser behind the HTTPS proxy: the app sees X-Forwarded-Proto: https, so it sets
    Secure cookies as in production; they are kept here by hand. No redirects are followed."""

    def __init__(self, base_url: str) -> None:
        self.host = urlsplit(base_url).netloc
        self.cookies: dict[str, str] = {}

    def get(self, path: str) -> Answer:
        return self._send("GET", path, None, {})

    def post(self, path: str, data: dict[str, str]) -> Answer:
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"https://{self.host}",  # the CSRF check of an HTTPS request
        }
        return self._send("POST", path, urlencode(data), headers)

    def login_form(self) -> dict[str, str]:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.get(LOGIN).text)
        assert token, "no CSRF token on the login page"
        return {"username": "uji-restart", "password": PASSWORD, "csrfmiddlewaretoken": token[1]}

    def sign_in(self) -> None:
        answer = self.post(LOGIN, self.login_form())
        assert answer.status == 302, answer.text[:500]
        assert "sessionid" in self.cookies

    def _send(self, method: str, path: str, body: str | None, headers: dict[str, str]) -> Answer:
        headers = {**headers, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        # A timeout on every request: an outage must be answered, not waited out.
        conn = HTTPConnection(self.host, timeout=TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            answer = Answer(response.status, response.headers, response.read().decode())
        finally:
            conn.close()
        for cookie in SimpleCookie("\r\n".join(answer.headers.get_all("Set-Cookie", []))).values():
            self.cookies[cookie.key] = cookie.value
        return answer


# Checked at every stage: signed-in pages, the API with that session and without one (its
# public catalogue), and the health check.
PAGES = ["/", "/kerja-sama/"]
SIGNED_IN_API = "/api/v1/wilayah?level=provinsi"
PUBLIC_API = "/api/v1/inovasi/publik"


def _not_answering_normally(visitor: Visitor, anonymous: Visitor) -> list[str]:
    """The URLs that do not answer 200 as before the restart; empty when all do."""
    answers = {path: visitor.get(path) for path in [*PAGES, SIGNED_IN_API]}
    answers |= {path: anonymous.get(path) for path in ["/sehat/", PUBLIC_API]}
    wrong = [f"{path}: {a.status}" for path, a in answers.items() if a.status != 200]
    if not wrong:
        assert answers[SIGNED_IN_API].json()["count"] == 38  # provinces, from the database
        assert answers["/sehat/"].json()["database"]["status"] == "ok"
    return wrong


def _assert_page_outage(answer: Answer) -> None:
    assert answer.status == 503, answer.status
    assert answer.headers["Content-Type"].startswith("text/html")
    assert MESSAGE in answer.text
    assert answer.headers["Retry-After"].isdigit()


def _assert_api_outage(answer: Answer) -> None:
    assert answer.status == 503, answer.status
    assert answer.json() == {
        "code": "database_unavailable",
        "message": database_outage.MESSAGE,
        "errors": [],
    }
    assert answer.headers["Retry-After"].isdigit()


def _assert_outage_answers(visitor: Visitor, anonymous: Visitor) -> None:
    for path in PAGES:
        _assert_page_outage(visitor.get(path))
    _assert_api_outage(visitor.get(SIGNED_IN_API))
    _assert_api_outage(anonymous.get(PUBLIC_API))
    health = anonymous.get("/sehat/")
    assert health.status == 503
    assert health.json()["database"] == {"status": "gagal"}
    # The login page needs no database, so it still answers; signing in does need it.
    form = anonymous.login_form()
    _assert_page_outage(anonymous.post(LOGIN, form))


def _wait_until_normal(visitor: Visitor, anonymous: Visitor) -> None:
    deadline = time.monotonic() + RECOVERY_SECONDS
    while wrong := _not_answering_normally(visitor, anonymous):
        assert time.monotonic() < deadline, f"not recovered after {RECOVERY_SECONDS} s: {wrong}"
        time.sleep(0.2)


@pytest.mark.skipif(
    not _on_postgresql(),
    reason="PostgreSQL only: the test restarts a database server, and SQLite is a file",
)
@pytest.mark.skipif(_pg_ctl() is None, reason="PostgreSQL server programs are not installed")
def test_the_app_answers_503_while_postgresql_restarts_and_recovers_by_itself(
    cluster: Cluster, app: App
) -> None:
    visitor, anonymous = Visitor(app.base_url), Visitor(app.base_url)
    visitor.sign_in()
    assert _not_answering_normally(visitor, anonymous) == []

    cluster.stop()
    _assert_outage_answers(visitor, anonymous)
    _assert_outage_answers(visitor, anonymous)  # again, now with no connection left to break

    cluster.start()
    _wait_until_normal(visitor, anonymous)
    # Every worker, not only the first to reconnect; and with the same session cookie, so the
    # outage signed nobody out.
    for _ in range(3):
        assert _not_answering_normally(visitor, anonymous) == []

    # A restart while nobody uses the app: the workers' kept connections are dead, and the
    # first requests afterwards must not trip over them (CONN_HEALTH_CHECKS).
    cluster.stop()
    cluster.start()
    assert _not_answering_normally(visitor, anonymous) == []

    log = app.log.read_text()
    assert "Traceback" not in log
    assert 1 <= log.count("Database unreachable") <= WORKERS  # once per process and outage
    assert "Database reachable again" in log


# --- the outage answer itself, on any database -------------------------------------------------


@pytest.mark.django_db
def test_an_error_on_a_working_connection_is_no_outage() -> None:
    # A deadlock or a statement timeout: the connection still answers, so an ordinary 500.
    request = RequestFactory().get("/kerja-sama/")
    assert database_outage.answer_outage(request, OperationalError("deadlock detected")) is None


def test_a_lost_connection_is_closed_and_answered_without_touching_the_session() -> None:
    broken = mock.Mock()
    request = RequestFactory().get("/kerja-sama/")
    request.session = mock.Mock()
    with mock.patch.object(database_outage, "_broken_connections", return_value=[broken]):
        response = database_outage.answer_outage(request, OperationalError("connection refused"))
    assert response is not None
    assert response.status_code == 503
    assert MESSAGE in response.content.decode()
    assert response["Retry-After"].isdigit()
    assert "no-cache" in response["Cache-Control"]
    broken.close.assert_called_once()
    assert not hasattr(request, "session")  # so SessionMiddleware neither saves nor deletes it
