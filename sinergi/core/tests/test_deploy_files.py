"""The production files in deploy/ agree with the code they start.

No network and no systemd/nginx needed: the gunicorn config is loaded by gunicorn's own
loader, the environment example is compared with what the settings read, the unit files are
parsed and their commands resolved against the real management commands, and nginx's body
limit is compared with the app's upload limits.
"""

import ast
import os
import re
import shlex
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from django.core.management import get_commands
from gunicorn.app.base import Application
from gunicorn.config import Config

REPO = Path(__file__).resolve().parents[3]
DEPLOY = REPO / "deploy"
SETTINGS = REPO / "sinergi" / "config" / "settings.py"
GUNICORN_CONF = DEPLOY / "gunicorn.conf.py"
ENV_EXAMPLE = DEPLOY / "sinergi.env.example"
NGINX_CONF = DEPLOY / "nginx" / "sinergi.conf"
UNITS = DEPLOY / "systemd"
# Where docs/operations.md installs the code and the environment file.
INSTALL_DIR = "/opt/sinergi"
ENV_FILE = "/etc/sinergi/sinergi.env"
SETTINGS_READERS = {"env_str", "env_bool", "env_int", "env_list"}
GUNICORN_READERS = {"_env_int"}


# --- gunicorn -------------------------------------------------------------------------------


class _ConfigOnly(Application):
    """gunicorn's own config-file loading (the path `gunicorn -c FILE` takes), no server."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__()

    def load_config(self) -> None:
        self.load_config_from_file(str(self.path))

    def load(self) -> None:
        raise AssertionError("only the configuration is loaded")


def _gunicorn_config(monkeypatch: pytest.MonkeyPatch, **env: str) -> Any:
    for name in ("GUNICORN_BIND", "GUNICORN_WORKERS", "GUNICORN_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    # gunicorn registers the file as a module of this name; leave sys.modules as it was.
    monkeypatch.setitem(sys.modules, "__config__", None)
    return _ConfigOnly(GUNICORN_CONF).cfg


def test_gunicorn_config_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = _gunicorn_config(monkeypatch)
    cores = len(os.sched_getaffinity(0))
    assert cfg.bind == ["127.0.0.1:8000"]
    assert cfg.workers == min(2 * cores + 1, 12)
    assert cfg.timeout == 60
    assert cfg.forwarded_allow_ips == ["127.0.0.1"]


def test_gunicorn_config_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = _gunicorn_config(
        monkeypatch, GUNICORN_BIND="127.0.0.1:8123", GUNICORN_WORKERS="3", GUNICORN_TIMEOUT="90"
    )
    assert cfg.bind == ["127.0.0.1:8123"]
    assert cfg.workers == 3
    assert cfg.timeout == 90


def test_gunicorn_control_socket_only_in_the_units_runtime_directory(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Not under $HOME, which the hardened unit cannot write."""
    monkeypatch.delenv("RUNTIME_DIRECTORY", raising=False)
    assert _gunicorn_config(monkeypatch).control_socket_disable
    monkeypatch.setenv("RUNTIME_DIRECTORY", "/run/sinergi")
    cfg = _gunicorn_config(monkeypatch)
    assert not cfg.control_socket_disable
    assert cfg.control_socket == "/run/sinergi/gunicorn.ctl"
    web = _unit(UNITS / "sinergi-web.service")["Service"]
    assert web["RuntimeDirectory"] == ["sinergi"]


def test_gunicorn_access_log_goes_to_stderr_with_microseconds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cfg = _gunicorn_config(monkeypatch)
    assert "%(D)s" in cfg.access_log_format
    logging = cfg.logconfig_dict
    handler = logging["handlers"][logging["loggers"]["gunicorn.access"]["handlers"][0]]
    assert handler["stream"] == "ext://sys.stderr"


def test_gunicorn_config_names_only_real_settings() -> None:
    """A misspelt setting is silently ignored by gunicorn; catch it here instead."""
    known = _gunicorn_settings()
    tree = ast.parse(GUNICORN_CONF.read_text())
    assigned = {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    assert assigned - known == set()


def _gunicorn_settings() -> set[str]:
    return set(Config().settings)


# --- environment file -----------------------------------------------------------------------


def _names_read(path: Path, helpers: set[str], *, direct: bool = True) -> set[str]:
    """Variable names a module reads: the constant first argument of a call to one of
    `helpers` (the settings' env_str/env_int/...) and, with `direct`, of `os.environ.get`,
    `os.getenv` and `os.environ["NAME"]`."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if direct and isinstance(node, ast.Subscript) and _is_os_environ(node.value):
            key = node.slice
        elif isinstance(node, ast.Call) and _reads_environment(node.func, helpers, direct):
            key = node.args[0] if node.args else None
        else:
            continue
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            names.add(key.value)
    return names


def _is_os_environ(node: ast.expr) -> bool:
    return ast.unparse(node) == "os.environ"


def _reads_environment(func: ast.expr, helpers: set[str], direct: bool) -> bool:
    if isinstance(func, ast.Name):
        return func.id in helpers
    if direct and isinstance(func, ast.Attribute):
        return ast.unparse(func) == "os.getenv" or (
            func.attr == "get" and _is_os_environ(func.value)
        )
    return False


def _example_lines() -> dict[str, str | None]:
    """NAME -> value of the example; a commented `# NAME=value` line counts, with None."""
    found: dict[str, str | None] = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        active = re.fullmatch(r"([A-Z][A-Z0-9_]*)=(.*)", line)
        commented = re.fullmatch(r"#\s?([A-Z][A-Z0-9_]*)=.*", line)
        if active:
            found[active[1]] = active[2]
        elif commented:
            found.setdefault(commented[1], None)
    return found


def test_env_example_lists_every_variable_the_settings_read() -> None:
    missing = _names_read(SETTINGS, SETTINGS_READERS) - set(_example_lines())
    assert missing == set(), f"add to deploy/sinergi.env.example: {sorted(missing)}"


def test_env_example_names_only_variables_that_are_read() -> None:
    settings_names = _names_read(SETTINGS, SETTINGS_READERS)
    read = settings_names | {f"{name}_FILE" for name in settings_names}
    read |= _names_read(GUNICORN_CONF, GUNICORN_READERS)
    unknown = set(_example_lines()) - read
    assert unknown == set(), f"read by nothing: {sorted(unknown)}"


def test_env_example_values_are_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every active boolean and number parses as the settings parse it, and the file reads
    the same in a shell (the sinergi-manage wrapper) as for systemd."""
    from sinergi.config import settings

    lines = {name: value for name, value in _example_lines().items() if value is not None}
    for name in _names_read(SETTINGS, {"env_bool"}, direct=False) & set(lines):
        monkeypatch.setenv(name, lines[name])
        settings.env_bool(name, False)
    for name in _names_read(SETTINGS, {"env_int"}, direct=False) & set(lines):
        monkeypatch.setenv(name, lines[name])
        settings.env_int(name, 0)
    for name, value in lines.items():
        # systemd keeps unquoted spaces, a shell splits there: quote such values.
        assert " " not in value or value[:1] == value[-1:] == '"', name
    shell = subprocess.run(
        ["/bin/bash", "-c", 'set -a; . "$1"; printf %s "$DEFAULT_FROM_EMAIL"', "_", ENV_EXAMPLE],
        capture_output=True,
        text=True,
        check=True,
    )
    assert shell.stdout == lines["DEFAULT_FROM_EMAIL"].strip('"')


# --- systemd --------------------------------------------------------------------------------


def _unit(path: Path) -> dict[str, dict[str, list[str]]]:
    """A unit file as section -> key -> values (keys such as ExecStart may repeat)."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] | None = None
    logical = re.sub(r"\\\n\s*", " ", path.read_text())  # continuation lines
    for raw in logical.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if header := re.fullmatch(r"\[(\w+)\]", line):
            current = sections.setdefault(header[1], defaultdict(list))
            continue
        key, sep, value = line.partition("=")
        assert current is not None, f"{path.name}: setting outside a section: {line!r}"
        assert sep, f"{path.name}: not a setting: {line!r}"
        current[key.strip()].append(value.strip())
    return sections


SERVICES = ["sinergi-web.service", "sinergi-worker.service", "sinergi-daily.service"]


def _commands(service: str) -> list[list[str]]:
    body = _unit(UNITS / service)["Service"]
    return [shlex.split(c.lstrip("-@:+!")) for k in ("ExecStartPre", "ExecStart") for c in body[k]]


@pytest.mark.parametrize("service", SERVICES)
def test_service_runs_as_its_user_with_environment_and_hardening(service: str) -> None:
    body = _unit(UNITS / service)["Service"]
    assert body["User"] == ["sinergi"]
    assert body["Group"] == ["sinergi"]
    assert body["WorkingDirectory"] == [INSTALL_DIR]
    assert body["EnvironmentFile"] == [ENV_FILE]
    assert body["NoNewPrivileges"] == ["yes"]
    assert body["ProtectSystem"] == ["strict"]
    assert body["PrivateTmp"] == ["yes"]
    var_dir = _example_lines()["VAR_DIR"]
    assert var_dir in " ".join(body["ReadWritePaths"]).split()


@pytest.mark.parametrize("service", SERVICES)
def test_service_commands_exist(service: str) -> None:
    commands = get_commands()
    for argv in _commands(service):
        assert argv[0].startswith(f"{INSTALL_DIR}/.venv/bin/"), argv
        if "manage.py" in argv:
            name = argv[argv.index("manage.py") + 1]
            assert name in commands, f"{service}: no management command {name!r}"
        elif Path(argv[0]).name == "gunicorn":
            config = Path(argv[argv.index("--config") + 1])
            assert (REPO / config.relative_to(INSTALL_DIR)).is_file()
            module, _, attribute = argv[-1].partition(":")
            assert (REPO / (module.replace(".", "/") + ".py")).is_file()
            assert attribute == "application"
        else:
            pytest.fail(f"{service}: unexpected command {argv}")


def test_worker_requeues_its_own_tasks_before_it_starts() -> None:
    body = _unit(UNITS / "sinergi-worker.service")["Service"]
    python = f"{INSTALL_DIR}/.venv/bin/python manage.py"
    assert body["ExecStartPre"] == [f"{python} requeue_tasks --worker-id pekerja-1"]
    assert body["ExecStart"] == [f"{python} db_worker --worker-id pekerja-1"]


def test_daily_timer_starts_the_daily_service() -> None:
    timer = _unit(UNITS / "sinergi-daily.timer")
    assert timer["Timer"]["OnCalendar"] == ["*-*-* 06:30"]
    assert timer["Timer"]["Unit"] == ["sinergi-daily.service"]
    assert (UNITS / timer["Timer"]["Unit"][0]).is_file()
    daily = _commands("sinergi-daily.service")
    assert daily[0][-1] == "run_daily_jobs"


# --- nginx ----------------------------------------------------------------------------------


def _setting_default(name: str) -> int:
    """The default of `env_int(name, DEFAULT)` in settings.py (the environment may differ)."""
    for node in ast.walk(ast.parse(SETTINGS.read_text())):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", "") == "env_int"
            and isinstance(node.args[0], ast.Constant)
            and node.args[0].value == name
        ):
            default = node.args[1]
            assert isinstance(default, ast.Constant)
            return int(default.value)
    raise AssertionError(f"{name} is not read with env_int")


def _size_bytes(text: str) -> int:
    found = re.fullmatch(r"(\d+)([kKmMgG]?)", text)
    assert found, f"not an nginx size: {text!r}"
    number, unit = found.groups()
    return int(number) * {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}[unit.lower()]


def test_nginx_body_limit_allows_the_largest_upload() -> None:
    limits = re.findall(r"^\s*client_max_body_size\s+(\w+);", NGINX_CONF.read_text(), re.M)
    assert limits, "client_max_body_size is not set"
    largest = max(_setting_default("UPLOAD_MAX_MB"), _setting_default("EXTRACTION_MAX_MB"))
    assert min(_size_bytes(limit) for limit in limits) > largest * 1024**2


def test_nginx_proxies_to_gunicorn_with_the_forwarded_headers() -> None:
    conf = NGINX_CONF.read_text()
    assert re.search(r"^\s*server 127\.0\.0\.1:8000;", conf, re.M)
    assert re.search(r"^\s*return 301 https://\$host\$request_uri;", conf, re.M)
    # Every proxied location forwards the scheme and the client. One nginx appends exactly
    # one address: TRUSTED_PROXY_COUNT=1 in the example.
    proxied = len(re.findall(r"^\s*proxy_pass ", conf, re.M))
    assert proxied >= 1
    assert conf.count("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;") == proxied
    assert conf.count("proxy_set_header X-Forwarded-Proto $scheme;") == proxied
    assert conf.count("proxy_set_header Host $host;") == proxied
    assert _example_lines()["TRUSTED_PROXY_COUNT"] == "1"
    # WhiteNoise serves static files; media only through the app's permission checks.
    assert not re.search(r"location\s+\S*/(static|media)/", conf)
