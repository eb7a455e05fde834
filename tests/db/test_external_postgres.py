"""DATABASE_URL mode against a separate PostgreSQL server over TCP with password authentication.

Uses the machine's PostgreSQL binaries (Debian's postgresql package; `.ci/run` installs it). Covers the two
real-world set-ups: a superuser login (Showroom creates its roles), and a managed-service login that may
create roles but not BYPASSRLS ones (the operator supplies SHOWROOM_MAINT_DATABASE_URL).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from showroom.db import migrate
from showroom.db.engine import open_database
from showroom.db.urls import libpq, parse_url
from showroom.settings import Environment, Settings
from tests.conftest import SHARED
from tests.db.shared_lint import lint_command

SECRET = "external-test-secret-0123456789abcdef"
SUPERUSER_PASSWORD = "admin-pass-ok"


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_postgres_user(cmd: list[str]) -> list[str]:
    """initdb refuses to run as root: run the server as an unprivileged account."""
    if os.geteuid() != 0:
        return cmd
    for user in ("postgres", "pgserver", "nobody"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            continue
        return ["runuser", "-u", user, "--", *cmd]
    pytest.skip("running as root with no unprivileged account to run PostgreSQL")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    bindir = _bindir()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (apt-get install postgresql); .ci/run installs them")
    root = Path(tempfile.mkdtemp(prefix="shr-ext-", dir="/tmp"))
    data = root / "data"
    pwfile = root / "pw"
    pwfile.write_text(SUPERUSER_PASSWORD)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    if os.geteuid() == 0:
        user = _as_postgres_user(["true"])[2]
        shutil.chown(root, user)
        shutil.chown(pwfile, user)
    subprocess.run(
        _as_postgres_user(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "admin",
                "--pwfile",
                str(pwfile),
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
            ]
        ),
        check=True,
        capture_output=True,
    )
    subprocess.run(
        _as_postgres_user(
            [
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-w",
                "-l",
                str(root / "log"),
                "-o",
                f"-p {port} -k {root} -c listen_addresses=127.0.0.1",
                "start",
            ]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://admin:{SUPERUSER_PASSWORD}@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_postgres_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]), capture_output=True
        )
        shutil.rmtree(root, ignore_errors=True)


def _sql(url: str, *statements: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]


def _cli(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("SHOWROOM_") and k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "showroom", *args],
        env={**base, "SHOWROOM_SECRET_KEY": SECRET, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _settings(url: str, **extra: str) -> Settings:
    return Settings(environment=Environment.test, database_url=url, secret_key=SECRET, **extra)  # type: ignore[arg-type]


async def _current_user(settings: Settings) -> tuple[str, str]:
    topo = migrate.resolve(settings)
    db = open_database(settings, topo.app, topo.maint)
    try:
        async with db.session(None) as s, s.begin():
            app_user = await s.scalar(text("select current_user"))
        async with db.maint_session() as s, s.begin():
            maint_user = await s.scalar(text("select current_user"))
    finally:
        await db.dispose()
    return str(app_user), str(maint_user)


async def test_managed_service_login_needs_an_explicit_maintenance_url(server: str) -> None:
    """A login with CREATEROLE but no BYPASSRLS, as RDS or Cloud SQL give you."""
    _sql(
        f"{server}/postgres",
        "create role platform_owner login createrole password 'owner-pass'",
        "create database managed owner platform_owner",
    )
    url = f"postgresql://platform_owner:owner-pass@127.0.0.1:{server.rsplit(':', 1)[1]}/managed"

    refused = _cli(["db", "upgrade"], DATABASE_URL=url)
    assert refused.returncode == 2
    assert "set SHOWROOM_MAINT_DATABASE_URL" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1

    # What the provider's console lets an administrator do: a BYPASSRLS login for maintenance.
    _sql(
        f"{server}/postgres",
        "create role ops_maint login bypassrls password 'maint-pass'",
        "grant ops_maint to platform_owner",
    )
    maint_url = url.replace("platform_owner:owner-pass", "ops_maint:maint-pass")
    done = _cli(["db", "upgrade"], DATABASE_URL=url, SHOWROOM_MAINT_DATABASE_URL=maint_url)
    assert done.returncode == 0, done.stderr
    check = _cli(["db", "check"], DATABASE_URL=url, SHOWROOM_MAINT_DATABASE_URL=maint_url)
    assert check.returncode == 0, check.stdout + check.stderr
    assert await _current_user(_settings(url, maint_database_url=maint_url)) == ("showroom_app", "ops_maint")


async def test_superuser_login_creates_the_roles_and_passes_the_lint(server: str) -> None:
    _sql(f"{server}/postgres", "create database showroom_ext")
    url = f"{server}/showroom_ext"  # postgresql:// as users write it; the driver is ours to pick
    first = _cli(["db", "upgrade"], DATABASE_URL=url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("applied 0001, 0002, 0003")
    again = _cli(["db", "upgrade"], DATABASE_URL=url)
    assert again.stdout.strip() == "database is up to date"
    assert _cli(["db", "check"], DATABASE_URL=url).returncode == 0

    # The service logs in as showroom_app over TCP with the password derived from the secret key.
    assert await _current_user(_settings(url)) == ("showroom_app", "showroom_maint")
    with psycopg.connect(libpq(parse_url(url))) as conn:
        owner = conn.execute("select relowner::regrole::text from pg_class where relname = 'leads'").fetchone()
    assert owner == ("showroom_owner",)

    lint = SHARED / "tools" / "schema_lint.py"
    if lint.exists():
        result = subprocess.run(lint_command(lint, url), capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout


def test_wrong_password_is_a_one_line_error(server: str) -> None:
    url = server.replace(SUPERUSER_PASSWORD, "wrong") + "/postgres"
    started = time.monotonic()
    result = _cli(["db", "check"], DATABASE_URL=url)
    assert result.returncode == 2
    assert "password authentication failed" in result.stderr
    assert "check DATABASE_URL" in result.stderr
    assert time.monotonic() - started < 30
