"""Several `showroom serve` and `showroom worker` processes on one database: live updates reach staff connected to
any process, a job runs once, sign-in throttling holds across processes, and /metrics of `serve --workers 2` counts
the requests of both processes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from prometheus_client.parser import text_string_to_metric_families

from showroom.audit.service import SYSTEM
from showroom.auth import api_keys
from showroom.auth.schemas import ApiKeyCreate
from showroom.db.engine import Database
from showroom.queue import defer
from showroom.settings import Settings
from tests.conftest import cli_env
from tests.factories import unique
from tests.helpers import PASSWORD, create_team
from tests.test_cli import free_port


@contextlib.contextmanager
def running(settings: Settings, *args: str, **env: str) -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "showroom", *args],
        env=cli_env(settings, SHOWROOM_LOG_LEVEL="warning", **env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield proc
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=40)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextlib.asynccontextmanager
async def server(settings: Settings, *extra: str) -> AsyncIterator[str]:
    port = free_port()
    with running(settings, "serve", "--no-worker", "--no-migrate", "--port", str(port), *extra):
        base = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient(base_url=base) as http:
            for _ in range(300):
                with contextlib.suppress(httpx.HTTPError):
                    if (await http.get("/healthz")).status_code == 200:
                        break
                await asyncio.sleep(0.1)
        yield base


async def test_live_updates_reach_staff_connected_to_another_process(settings: Settings, db: Database) -> None:
    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        _, key = await api_keys.create(maint, team.id, ApiKeyCreate(name="site", scopes=["leads:write"]), SYSTEM)
    async with server(settings) as a, server(settings) as b, httpx.AsyncClient(base_url=a, timeout=30) as staff:
        login = await staff.post("/api/v1/auth/login", json={"email": team.agent.email, "password": PASSWORD})
        assert login.status_code == 200, login.text
        seen: list[dict[str, object]] = []

        async def listen() -> None:
            async with staff.stream("GET", "/api/v1/events") as stream:
                async for line in stream.aiter_lines():
                    if line.startswith("data:"):
                        seen.append(json.loads(line.removeprefix("data:")))

        listener = asyncio.create_task(listen())
        try:
            await asyncio.sleep(1.0)  # subscribed
            async with httpx.AsyncClient(base_url=b, headers={"Authorization": f"Bearer {key}"}) as site:
                created = await site.post(
                    "/api/v1/leads", json={"customer": {"first_name": "Ana", "email": f"{unique()}@example.com"},
                                           "message": "Do you have the Tucson in red?"},
                )  # fmt: skip
            assert created.status_code == 201, created.text
            conversation = created.json()["conversation_id"]
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline and not any(e.get("conversation_id") == conversation for e in seen):
                await asyncio.sleep(0.1)
        finally:
            listener.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await listener
    assert any(e.get("conversation_id") == conversation for e in seen), seen


async def test_two_workers_run_each_job_once(settings: Settings, db: Database, owner_url: str) -> None:
    subject = unique("once")
    jobs = 40
    async with db.session() as session, session.begin():
        for n in range(jobs):
            await defer(session, "mail.send", queue="mail", to=["x@example.com"], subject=f"{subject} {n}", text="hi")
    outbox = Path(settings.data_dir) / "outbox"
    # on the mail queue only: after the whole suite, the other queues' backlog (feeds, webhooks to dead hosts) is
    # not what this test measures
    with running(settings, "worker", "--queue", "mail"), running(settings, "worker", "--queue", "mail"):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with psycopg.connect(owner_url) as conn:
                left = conn.execute(
                    "select count(*) from procrastinate_jobs where task_name = 'showroom:mail.send' "
                    "and args->>'subject' like %s and status <> 'succeeded'",
                    (f"{subject} %",),
                ).fetchone()
            if left and left[0] == 0:
                break
            await asyncio.sleep(0.3)
        else:
            pytest.fail("the jobs did not all run within 60 s")
    sent = [p.read_text() for p in outbox.glob("*.eml") if subject in p.read_text()]
    subjects = sorted(line for text in sent for line in text.splitlines() if line.startswith("Subject:"))
    assert subjects == sorted(f"Subject: {subject} {n}" for n in range(jobs))  # each once


async def test_sign_in_throttling_holds_across_processes(settings: Settings, db: Database) -> None:
    team = await create_team(db)
    limit = settings.login_max_failures
    async with server(settings) as a, server(settings) as b:
        clients = [httpx.AsyncClient(base_url=base) for base in (a, b)]
        try:
            statuses = []
            for n in range(limit + 1):  # alternately on each process, until the pair's budget is spent
                wrong = await clients[n % 2].post(
                    "/api/v1/auth/login", json={"email": team.admin.email, "password": "wrong-password-123"}
                )
                statuses.append(wrong.status_code)
            assert statuses[0] == 401 and statuses[-1] == 429, statuses  # counted across both processes
            for http in clients:  # the right password now waits, on either process
                refused = await http.post("/api/v1/auth/login", json={"email": team.admin.email, "password": PASSWORD})
                assert refused.status_code == 429, refused.text
        finally:
            for http in clients:
                await http.aclose()


def _count(text: str, route: str) -> float:
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == "showroom_http_requests_total" and s.labels.get("route") == route:
                return s.value
    return 0.0


async def test_metrics_of_serve_workers_2_count_the_requests_of_both_processes(settings: Settings) -> None:
    async with server(settings, "--workers", "2") as base, httpx.AsyncClient(base_url=base) as http:
        for _ in range(60):  # a new connection each: the two processes share the listening socket
            await http.get("/readyz", headers={"Connection": "close"})
        for _ in range(10):  # whichever process answers counts both
            response = await http.get("/metrics", headers={"Connection": "close"})
            assert _count(response.text, "/readyz") == 60


async def test_a_worker_serves_its_own_metrics_on_request(settings: Settings, db: Database) -> None:
    port = free_port()
    with running(settings, "worker", "--metrics-port", str(port)):
        async with db.session() as session, session.begin():  # a job whose statement goes through the worker's pool
            await defer(session, "sessions.purge_expired", queue="maintenance", timestamp=0)
        found = 0.0
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            deadline = time.monotonic() + 90  # a worker process starting on a busy 2-core runner
            while time.monotonic() < deadline and not found:
                await asyncio.sleep(0.3)
                with contextlib.suppress(httpx.HTTPError):
                    text = (await http.get("/metrics")).text
                    for family in text_string_to_metric_families(text):
                        for s in family.samples:
                            if s.name == "showroom_db_query_duration_seconds_count" and s.labels["kind"] == "delete":
                                found += s.value
    assert found > 0  # the job's DELETE, counted in the worker
