"""The `showroom` command as a user runs it: real processes, real database, one-line errors."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from showroom.settings import Settings
from tests.conftest import cli_env


def showroom(*args: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "showroom", *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_help_lists_every_command_with_a_description(settings: Settings) -> None:
    out = showroom("--help", env=cli_env(settings)).stdout
    for command in ("serve", "worker", "db"):
        assert command in out
    db_help = showroom("db", "--help", env=cli_env(settings)).stdout
    assert "upgrade" in db_help
    assert "check" in db_help
    assert "migrations" in db_help


def test_a_worker_for_a_queue_that_does_not_exist_is_refused_with_the_queues(settings: Settings) -> None:
    refused = showroom("worker", "--queue", "nope", env=cli_env(settings))
    assert refused.returncode == 2
    assert "no queue named nope" in refused.stderr and "mail" in refused.stderr


def test_db_upgrade_then_check_on_a_migrated_database(settings: Settings, topo: object) -> None:
    env = cli_env(settings)
    up = showroom("db", "upgrade", env=env)
    assert up.returncode == 0, up.stderr
    assert "database is up to date" in up.stdout
    check = showroom("db", "check", env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("ok:")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"DATABASE_URL": "postgresql://showroom:secret@127.0.0.1:9/showroom"},
            "cannot connect to PostgreSQL at 127.0.0.1 as showroom",
        ),
        ({"DATABASE_URL": "mysql://root@localhost/shop"}, "DATABASE_URL must be a postgresql:// URL"),
        ({"SHOWROOM_DATA_DIR": "/proc/showroom-cannot-live-here"}, "set SHOWROOM_DATA_DIR to a writable directory"),
        ({"SHOWROOM_DB_POOL_SIZE": "lots"}, "invalid configuration SHOWROOM_DB_POOL_SIZE"),
        ({"SHOWROOM_ENVIRONMENT": "production", "DATABASE_URL": "postgresql://a@b/c"}, "SHOWROOM_SECRET_KEY"),
    ],
)
def test_bad_configuration_is_one_line_and_a_nonzero_exit(
    settings: Settings, env: dict[str, str], message: str
) -> None:
    result = showroom("db", "upgrade", env=cli_env(settings, **env), timeout=30)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_a_port_in_use(settings: Settings) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = showroom("serve", "--port", str(port), env=cli_env(settings), timeout=30)
    assert result.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _start_server(env: dict[str, str], port: int) -> tuple[subprocess.Popen[str], list[str]]:
    """Start `showroom serve --demo` and read its output until it says where it runs."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "showroom", "serve", "--demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert proc.stdout is not None
    lines: list[str] = []
    for line in proc.stdout:
        lines.append(line.rstrip())
        if line.startswith("Showroom is running"):
            break
    else:
        pytest.fail("server exited early:\n" + "\n".join(lines))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc, lines
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail("server did not become healthy in 60 s")


def _stop_server(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGTERM)
    output, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, output


def test_first_run_serves_the_demo_and_a_restart_keeps_the_data(settings: Settings) -> None:
    """The README's first command on an empty data dir, then again: the data is still there."""
    with tempfile.TemporaryDirectory(prefix="shr-fresh-", dir="/tmp") as fresh:
        Path(fresh).chmod(0o755)
        env = cli_env(settings, SHOWROOM_DATA_DIR=fresh)
        env.pop("DATABASE_URL", None)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc, first = _start_server(env, port)
        assert "demo: created dealership 'Demo Motors' (subdomain demo)" in first
        assert f"Showroom is running at {base}/" in first[-1]
        password = next(line for line in first if "with password" in line).split("with password ")[1].split()[0]
        link = next(line for line in first if "sign-in link" in line).rsplit(" ", 1)[1]
        with httpx.Client() as browser:
            button = browser.get(link)  # shows a button; signs nobody in
            assert button.status_code == 200 and "showroom_session" not in browser.cookies
            token = re.search(r'name="csrf_token" value="([^"]+)"', button.text)
            assert token
            opened = browser.post(link, data={"csrf_token": token.group(1)}, follow_redirects=False)
            assert opened.status_code == 303 and "showroom_session" in browser.cookies
        login = httpx.post(
            f"{base}/api/v1/auth/login", json={"email": "admin@demo-motors.example", "password": password}
        )
        assert login.status_code == 200 and login.json()["role"] == "dealership_admin"
        _stop_server(proc)
        assert not _postgres_running(fresh), "the embedded database must stop with the server"

        proc, second = _start_server(env, port)
        assert not any("created dealership" in line for line in second)
        assert not any("sign-in link:" in line or "with password" in line for line in second)  # the first start only
        _stop_server(proc)
        assert not _postgres_running(fresh)


def _postgres_running(data_dir: str) -> bool:
    pidfile = Path(data_dir) / "pg" / "postmaster.pid"
    if not pidfile.exists():
        return False
    pid = int(pidfile.read_text().split()[0])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
