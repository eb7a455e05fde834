"""Test session: one real PostgreSQL, migrated once, shared by every test.

The embedded server (pgserver) in a fresh temporary data dir, or, when ``DATABASE_URL`` is set, a fresh
database created on that server and dropped at the end. Tests commit for real; each builds its own tenant
world (unique subdomains), so tests never see each other's rows through RLS.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from fastapi import FastAPI
from psycopg import sql
from sqlalchemy.engine import URL

from showroom.db import embedded, migrate
from showroom.db.engine import Database, open_database
from showroom.db.urls import Topology, libpq, parse_url
from showroom.settings import Environment, Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"

# A test machine's event loop runs late for reasons that are no overload (argon2, the browser, other suites): the
# public gate's lag shedding stays off here, and tests/security/test_public_traffic.py tests it on its own.
NO_SHEDDING: dict[str, Any] = {"public_max_lag_ms": 100_000}

Worker = Callable[..., Awaitable[None]]  # the `worker` fixture: runs the queued jobs (of the queues named) once


@pytest.fixture(scope="session")
def data_dir() -> Iterator[Path]:
    # Short path: pgserver moves the socket elsewhere when the path is long (DESIGN.md §8).
    path = Path(tempfile.mkdtemp(prefix="shr-", dir="/tmp"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def settings(data_dir: Path) -> Iterator[Settings]:
    external = os.environ.get("DATABASE_URL")
    if not external:
        yield Settings(environment=Environment.test, data_dir=data_dir, database_url=None, **NO_SHEDDING)
        return
    server = parse_url(external)
    name = f"showroom_test_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(libpq(server), autocommit=True) as conn:
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    try:
        yield Settings(
            environment=Environment.test,
            data_dir=data_dir,
            database_url=server.set(database=name).render_as_string(hide_password=False),
            **NO_SHEDDING,
        )
    finally:
        with psycopg.connect(libpq(server), autocommit=True) as conn:
            conn.execute(sql.SQL("drop database if exists {} with (force)").format(sql.Identifier(name)))


@pytest.fixture(scope="session")
def topo(settings: Settings) -> Iterator[Topology]:
    topology = migrate.resolve(settings)
    migrate.upgrade(settings, topology)
    yield topology
    embedded.stop()


@pytest.fixture(scope="session")
def owner_url(topo: Topology) -> str:
    """libpq URL of the owner login, for tools (schema_lint) and raw checks."""
    return libpq(topo.owner)


@pytest.fixture(scope="session")
async def db(settings: Settings, topo: Topology) -> AsyncIterator[Database]:
    database = open_database(settings, topo.app, topo.maint, process="test")
    yield database
    await database.dispose()


@pytest.fixture(scope="session")
def app_url(topo: Topology) -> URL:
    return topo.app


@pytest.fixture(scope="session")
async def app(settings: Settings, db: Database) -> AsyncIterator[FastAPI]:
    """The real ASGI app with its lifespan running, on the test database."""
    from showroom.app import create_app

    application = create_app(settings, database=db)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def worker(settings: Settings, db: Database, topo: Topology) -> Worker:
    """Runs the queued jobs until none is left, like `showroom worker` would (``await worker("mail")``: that queue
    only; ``await worker("mail", settings=other)``: with the services of other settings, e.g. a real SMTP
    server). Jobs a job defers (a delivery after a reply) run in the same call."""
    from showroom import jobs
    from showroom.services import Services

    due = (
        "select count(*) from procrastinate_jobs where status = 'todo' and (scheduled_at is null or scheduled_at <= "
        "now()) and (cardinality(%(queues)s::text[]) = 0 or queue_name = any(%(queues)s::text[]))"
    )

    async def run(*queues: str, settings: Settings = settings) -> None:
        for _ in range(10):  # a job may defer another (a reply's delivery): run until none is due
            await jobs.run_jobs(Services.build(settings, db), wait=False, queues=list(queues) or None)
            async with await psycopg.AsyncConnection.connect(libpq(topo.owner)) as conn:
                left = await (await conn.execute(due, {"queues": list(queues)})).fetchone()
            if not left or not left[0]:
                return

    return run


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """Real HTTP through the ASGI app; a fresh cookie jar per test."""
    async with new_client(app) as http:
        yield http


def new_client(app: FastAPI, ip: str | None = None) -> httpx.AsyncClient:
    """A client from its own IP address (sign-in throttling counts per IP), with its own cookies."""
    address = ip or f"10.{secrets.randbelow(256)}.{secrets.randbelow(256)}.{1 + secrets.randbelow(254)}"
    transport = httpx.ASGITransport(app=app, client=(address, 50000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


def cli_env(settings: Settings, **extra: str) -> dict[str, str]:
    """Environment for a ``showroom`` subprocess pointed at the test database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOWROOM_") and k != "DATABASE_URL"}
    env["SHOWROOM_DATA_DIR"] = str(settings.data_dir)
    env["SHOWROOM_ENVIRONMENT"] = "test"
    if settings.database_url:
        env["DATABASE_URL"] = settings.database_url
    env.update(extra)
    return env
