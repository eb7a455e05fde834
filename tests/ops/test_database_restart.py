"""PostgreSQL stopped and started again under load: the service answers 503 (JSON, Retry-After) while it is down,
recovers by itself when it is back (no restart of the server), and loses nothing it acknowledged."""

from __future__ import annotations

import asyncio
import contextlib
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest

from showroom.settings import Settings
from tests.conftest import cli_env
from tests.test_cli import free_port, showroom


@pytest.fixture
def own_cluster(settings: Settings) -> Iterator[dict[str, str]]:
    """An embedded PostgreSQL of its own (the test stops it; the session's database must stay up)."""
    if settings.database_url:
        pytest.skip("restarts an embedded PostgreSQL of its own; DATABASE_URL runs use an external server")
    data = Path(tempfile.mkdtemp(prefix="shr-rs-", dir="/tmp"))
    data.chmod(0o755)
    env = cli_env(settings, SHOWROOM_DATA_DIR=str(data), SHOWROOM_LOG_LEVEL="warning")
    try:
        yield env
    finally:
        pg = data / "pg"
        if (pg / "postmaster.pid").exists():
            pg_ctl(pg, "stop", "-m", "immediate")
        shutil.rmtree(data, ignore_errors=True)


def pg_ctl(pgdata: Path, *args: str) -> None:
    """pg_ctl as the user that owns the data (pgserver runs PostgreSQL as `pgserver` when we are root)."""
    from pgserver._commands import POSTGRES_BIN_PATH  # the embedded build's own tools

    owner = pwd.getpwuid(pgdata.stat().st_uid).pw_name
    user = owner if owner != pwd.getpwuid(os.getuid()).pw_name else None
    done = subprocess.run(
        [str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(pgdata), "-w", *args],
        user=user,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, f"pg_ctl {' '.join(args)}: {done.stdout}"


async def test_the_service_answers_503_while_postgres_is_down_and_recovers_alone(own_cluster: dict[str, str]) -> None:
    env = own_cluster
    pgdata = Path(env["SHOWROOM_DATA_DIR"]) / "pg"
    made = showroom(
        "dealership", "create", "--name", "Restart Motors", "--subdomain", "restart", "--contact-email",
        "r@restart.example", env=env,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    keyed = showroom(
        "api-key", "create", "--dealership", "restart", "--name", "site", "--scope", "leads:write", env=env
    )
    assert keyed.returncode == 0, keyed.stderr
    key = keyed.stdout.strip().rsplit(" ", 1)[-1]
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "showroom", "serve", "--no-worker", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    run = uuid.uuid4().hex[:6]
    acknowledged: dict[str, str] = {}
    unavailable: dict[str, httpx.Response] = {}
    other: list[str] = []
    stop = asyncio.Event()
    counter = iter(range(10**6))

    async def sender(http: httpx.AsyncClient) -> None:
        while not stop.is_set():
            n = next(counter)
            k = f"{run}-{n}"
            try:
                r = await http.post(
                    "/api/v1/leads",
                    json={"customer": {"email": f"down-{k}@example.com"}, "message": "Still available?"},
                    headers={"Idempotency-Key": k},
                )
            except httpx.HTTPError as exc:
                other.append(f"{type(exc).__name__}")
                continue
            if r.is_success:
                acknowledged[k] = r.json()["lead"]["id"]
            elif r.status_code == 503:
                unavailable[k] = r
                await asyncio.sleep(0.05)
            else:
                other.append(f"{r.status_code} {r.text[:200]}")

    try:
        base = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient(base_url=base, timeout=30, headers={"Authorization": f"Bearer {key}"}) as http:
            for _ in range(300):
                with contextlib.suppress(httpx.HTTPError):
                    if (await http.get("/healthz")).status_code == 200:
                        break
                await asyncio.sleep(0.1)
            senders = [asyncio.create_task(sender(http)) for _ in range(8)]
            await asyncio.sleep(1.5)
            before = len(acknowledged)
            await asyncio.to_thread(pg_ctl, pgdata, "stop", "-m", "fast")
            await asyncio.sleep(2.0)
            down = await http.get("/readyz")
            health = await http.get("/healthz")
            await asyncio.to_thread(
                pg_ctl, pgdata, "start", "-o", '-h ""', "-o", f"-k {pgdata}", "-l", str(pgdata / "log")
            )
            recovered_at = len(acknowledged)
            for _ in range(200):  # recovers by itself: no restart of the server
                await asyncio.sleep(0.1)
                if len(acknowledged) > recovered_at + 20:
                    break
            stop.set()
            await asyncio.gather(*senders)
            # What was refused is retried by the client once the database is back: created once.
            retried = {k: await http.post("/api/v1/leads", json={"customer": {"email": f"down-{k}@example.com"},
                                                                  "message": "Still available?"},
                                          headers={"Idempotency-Key": k}) for k in list(unavailable)[:30]}  # fmt: skip
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=40)
    assert before > 0 and unavailable, (before, len(unavailable), other[:5])
    assert len(acknowledged) > recovered_at + 20, "the service did not recover by itself"
    assert not [o for o in other if not o[0].isalpha()], other[:5]  # nothing but 503s (a dropped connection at most)
    sample = next(iter(unavailable.values()))
    assert sample.json()["error"] == "ServiceUnavailable" and sample.headers["Retry-After"]
    assert down.status_code == 503 and health.status_code == 503
    assert all(r.status_code in (200, 201) for r in retried.values())

    with contextlib.suppress(AssertionError):  # the server's stop may have left it running: then it says so
        pg_ctl(pgdata, "start", "-o", '-h ""', "-o", f"-k {pgdata}", "-l", str(pgdata / "log"))
    url = f"postgresql://postgres@/showroom?host={pgdata}"
    with psycopg.connect(url) as conn:
        rows = conn.execute("select idempotency_key, count(*), min(id::text) from leads group by 1").fetchall()
    stored = {k: (count, lead_id) for k, count, lead_id in rows}
    for k, lead_id in acknowledged.items():
        assert stored.get(k) == (1, lead_id), k  # acknowledged: stored, once
    assert all(count == 1 for count, _ in stored.values())
