"""Faults for real: the server killed with SIGKILL in the middle of a concurrent intake loses no acknowledged lead,
stores none twice, and the provider's retries of what failed create each once; a worker killed with SIGKILL in the
middle of deliveries leaves jobs that run to completion after a restart, each message sent once in effect (a resend
carries the same idempotency key)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid

import httpx
import psycopg
from fastapi import FastAPI, Request
from sqlalchemy import select

from showroom.audit.service import SYSTEM
from showroom.auth import api_keys
from showroom.auth.schemas import ApiKeyCreate
from showroom.db.engine import Database
from showroom.models import Message
from showroom.settings import Settings
from tests.agent.test_conversations_flow import stocked_team
from tests.conftest import cli_env
from tests.factories import create_dealership
from tests.helpers import sign_in
from tests.servers import serve
from tests.test_cli import free_port

LEADS = 600
CONCURRENCY = 24


def start_server(settings: Settings, port: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "showroom", "serve", "--no-worker", "--no-migrate", "--port", str(port)],
        env=cli_env(settings, SHOWROOM_LOG_LEVEL="warning"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def wait_healthy(base: str) -> None:
    async with httpx.AsyncClient(base_url=base) as http:
        for _ in range(300):
            try:
                if (await http.get("/healthz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise AssertionError("the server did not come up")


def payload(n: int, run: str) -> dict[str, object]:
    return {
        "customer": {"first_name": f"Kim{n}", "email": f"kill-{run}-{n}@example.com"},
        "message": "Is the Tucson still available?",
    }


async def test_a_server_killed_mid_intake_loses_no_acknowledged_lead_and_retries_create_once(
    settings: Settings, db: Database, owner_url: str
) -> None:
    async with db.maint_session() as maint, maint.begin():
        dealer = await create_dealership(maint)
        _, key = await api_keys.create(maint, dealer.id, ApiKeyCreate(name="site", scopes=["leads:write"]), SYSTEM)
    run = uuid.uuid4().hex[:8]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {key}"}
    proc = start_server(settings, port)
    acknowledged: dict[int, str] = {}  # lead n -> lead id the server answered with
    failed: set[int] = set()
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(LEADS):
        queue.put_nowait(n)

    async def post(http: httpx.AsyncClient, n: int) -> httpx.Response:
        return await http.post(
            "/api/v1/leads", json=payload(n, run), headers={**headers, "Idempotency-Key": f"{run}-{n}"}
        )

    async def sender(http: httpx.AsyncClient) -> None:
        while not queue.empty():
            n = queue.get_nowait()
            try:
                response = await post(http, n)
            except httpx.HTTPError:
                failed.add(n)
                continue
            if response.is_success:
                acknowledged[n] = response.json()["lead"]["id"]
            else:
                failed.add(n)

    async def killer() -> None:
        while len(acknowledged) < LEADS // 4:
            await asyncio.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)  # mid-flight: some requests are in the server, some on the wire

    try:
        await wait_healthy(base)
        async with httpx.AsyncClient(base_url=base, timeout=10) as http:
            await asyncio.gather(killer(), *(sender(http) for _ in range(CONCURRENCY)))
        proc.wait(timeout=10)
        assert proc.returncode == -signal.SIGKILL
        assert acknowledged and failed, (len(acknowledged), len(failed))

        # The provider retries what failed, and (as providers do) some of what succeeded, after the restart.
        proc = start_server(settings, port)
        await wait_healthy(base)
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            retried = sorted(failed) + sorted(acknowledged)[:50]
            sem = asyncio.Semaphore(CONCURRENCY)

            async def retry(n: int) -> httpx.Response:
                async with sem:
                    return await post(http, n)

            answers = await asyncio.gather(*(retry(n) for n in retried))
        assert all(a.is_success for a in answers), {a.status_code for a in answers}
        for n, answer in zip(retried, answers, strict=True):
            if n in acknowledged:
                assert answer.json()["lead"]["id"] == acknowledged[n]  # the same lead, not a second one
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)

    with psycopg.connect(owner_url) as conn:
        conn.execute("set role showroom_maint")
        rows = conn.execute(
            "select idempotency_key, count(*), min(id::text) from leads where dealership_id = %s group by 1",
            (dealer.id,),
        ).fetchall()
        customers = conn.execute("select count(*) from customers where dealership_id = %s", (dealer.id,)).fetchone()
    stored = {k: (count, lead_id) for k, count, lead_id in rows}
    sent = set(acknowledged) | failed
    assert sent == set(range(LEADS))
    assert set(stored) == {f"{run}-{n}" for n in range(LEADS)}  # every lead stored...
    assert all(count == 1 for count, _ in stored.values())  # ...once
    for n, lead_id in acknowledged.items():
        assert stored[f"{run}-{n}"][1] == lead_id  # an acknowledged lead is the one stored
    assert customers is not None and customers[0] == LEADS


class SlowRelay:
    """An SMS relay that takes its time (so a worker is killed mid-send) and records each request's key."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.app = FastAPI()
        self.app.post("/sms")(self.sms)

    async def sms(self, request: Request) -> dict[str, str]:
        await asyncio.sleep(0.4)
        self.keys.append(request.headers.get("idempotency-key", ""))
        return {"id": f"relay-{len(self.keys)}"}


async def test_a_worker_killed_mid_jobs_finishes_them_after_restart_each_message_once_in_effect(
    app: FastAPI, settings: Settings, db: Database
) -> None:
    relay = SlowRelay()
    team = await stocked_team(app, db)
    staff = await sign_in(app, team.agent.email)
    messages = []
    for n in range(12):
        lead = (await staff.post("/api/v1/leads", json={"customer": {"phone": f"312-555-{2100 + n}"}})).json()
        conversation = (
            await staff.post("/api/v1/conversations", json={"lead_id": lead["lead"]["id"], "channel": "sms"})
        ).json()
        reply = await staff.post(f"/api/v1/conversations/{conversation['id']}/messages", json={"content": f"Hi {n}"})
        assert reply.json()["delivery_status"] == "queued"
        messages.append(reply.json()["id"])
    for base in serve(relay.app):
        env = cli_env(
            settings,
            SHOWROOM_SMS_WEBHOOK_URL=f"{base}/sms",
            SHOWROOM_JOB_STALLED_SECONDS="3",
            SHOWROOM_JOB_CONCURRENCY="4",
            SHOWROOM_LOG_LEVEL="warning",
        )
        command = [sys.executable, "-m", "showroom", "worker"]
        first = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while len(relay.keys) < 2 and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        os.kill(first.pid, signal.SIGKILL)  # with sends in flight and jobs marked as running
        first.wait(timeout=10)
        assert len(set(relay.keys) & set(messages)) < len(messages)
        await asyncio.sleep(3.5)  # the dead worker's heartbeat is now stale
        second = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 40
            while time.monotonic() < deadline:
                async with db.maint_session() as maint:
                    statuses = (
                        await maint.scalars(select(Message.delivery_status).where(Message.id.in_(messages)))
                    ).all()
                if statuses and all(s == "sent" for s in statuses):
                    break
                await asyncio.sleep(0.3)
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=40)
    assert sorted(statuses) == ["sent"] * len(messages)  # every job ran to completion after the restart
    assert set(relay.keys) >= set(messages)  # every customer got the message...
    assert len(relay.keys) - len(set(relay.keys)) <= 4  # ...and at most the in-flight ones again, under their key
