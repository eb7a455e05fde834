"""The README's first command runs the whole product: `showroom serve` alone answers new leads (its background jobs
run in the same process), and `showroom worker` says it is alive."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select, text

from showroom.audit.service import SYSTEM
from showroom.auth import api_keys
from showroom.auth.schemas import ApiKeyCreate
from showroom.db.engine import Database
from showroom.models import Conversation, Message
from showroom.queue import defer
from showroom.settings import Settings
from tests.agent.test_conversations_flow import SITE, stocked_team
from tests.conftest import cli_env
from tests.factories import create_dealership
from tests.test_cli import free_port

# A lead the agent may answer (a deliverable address): example.com ones go to staff (docs/identity.md).
ADF = (Path(__file__).parent / "fixtures" / "adf_unseen" / "03_truecar_complete_with_sms_consent.xml").read_bytes()
FIRST_REPLY_SECONDS = 10


def _start(args: list[str], env: dict[str, str], until: str) -> tuple[subprocess.Popen[str], list[str]]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "showroom", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    assert proc.stdout is not None
    lines: list[str] = []
    for line in proc.stdout:
        lines.append(line.rstrip())
        if until in line:
            return proc, lines
    pytest.fail(f"`showroom {' '.join(args)}` exited before printing {until!r}:\n" + "\n".join(lines))


def _stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGTERM)
    output, _ = proc.communicate(timeout=40)
    assert proc.returncode == 0, output
    return output


async def _world(db: Database) -> tuple[int, str]:
    """A dealership that is never in quiet hours, and an API key for its leads."""
    async with db.maint_session() as maint, maint.begin():
        dealer = await create_dealership(maint, agent_config={"quiet_hours": {"start": "00:00", "end": "00:00"}})
        _, key = await api_keys.create(maint, dealer.id, ApiKeyCreate(name="site", scopes=["leads:write"]), SYSTEM)
    return dealer.id, key


async def _first_ai_reply(db: Database, conversation_id: str, started: float) -> tuple[Message, float]:
    while time.monotonic() - started < FIRST_REPLY_SECONDS + 5:
        async with db.maint_session() as maint:
            reply = await maint.scalar(
                select(Message).where(Message.conversation_id == conversation_id, Message.sender == "ai")
            )
        if reply is not None and reply.delivery_status == "sent":
            return reply, time.monotonic() - started
        await asyncio.sleep(0.1)
    async with db.maint_session() as maint:  # what the worker had on its plate, for whoever reads the failure
        backlog = (
            await maint.execute(
                text(
                    "select task_name, status, count(*) from procrastinate_jobs where status in ('todo', 'doing') "
                    "and (scheduled_at is null or scheduled_at <= now()) group by 1, 2 order by 3 desc limit 12"
                )
            )
        ).all()
    pytest.fail(
        f"no sent AI reply in conversation {conversation_id} after {FIRST_REPLY_SECONDS + 5} s; due jobs: {backlog}"
    )


async def test_serve_alone_answers_a_json_and_an_adf_lead_within_10_seconds(settings: Settings, db: Database) -> None:
    _, key = await _world(db)
    port = free_port()
    proc, lines = _start(["serve", "--port", str(port)], cli_env(settings), until="Showroom is running")
    try:
        assert "jobs: running in this process" in "\n".join(lines)
        base = f"http://127.0.0.1:{port}"
        async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {key}"}) as http:
            for _ in range(100):
                try:
                    if (await http.get("/healthz")).status_code == 200:
                        break
                except httpx.HTTPError:
                    await asyncio.sleep(0.2)
            started = time.monotonic()
            created = await http.post(
                "/api/v1/leads",
                json={
                    "customer": {"first_name": "Robin", "email": f"robin-{port}@inbox-mail.net"},
                    "message": "Is the Tucson still available?",
                },
            )
            assert created.status_code == 201, created.text
            reply, seconds = await _first_ai_reply(db, created.json()["conversation_id"], started)
            assert reply.channel == "email" and seconds < FIRST_REPLY_SECONDS

            started = time.monotonic()
            adf = await http.post("/api/v1/leads/adf", content=ADF, headers={"Content-Type": "application/xml"})
            assert adf.status_code == 201, adf.text
            lead_id = adf.json()["results"][0]["lead"]["id"]
            async with db.maint_session() as maint:
                conversation_id = str(
                    await maint.scalar(select(Conversation.id).where(Conversation.lead_id == lead_id))
                )
            _, seconds = await _first_ai_reply(db, conversation_id, started)
            assert seconds < FIRST_REPLY_SECONDS
    finally:
        output = _stop(proc)
    assert "jobs: worker stopped" in output


async def test_worker_says_it_started_which_queues_it_serves_and_one_line_per_failed_job(
    settings: Settings, db: Database
) -> None:
    proc, lines = _start(["worker"], cli_env(settings), until="Starting worker")
    output = "\n".join(lines)
    assert "jobs: worker started, " in output
    assert "queues: agent, chat, crm, delivery, feeds, followups, imap, imports, mail, maintenance, webhooks" in output
    async with db.session() as session, session.begin():  # a job that cannot succeed: its id is not a uuid
        await defer(session, "handover.flag_breach", queue="maintenance", handover_id="not-a-uuid", dealership_id=0)
    assert proc.stdout is not None
    failed = next(line for line in proc.stdout if "not-a-uuid" in line)
    assert "ERROR" in failed and "ValueError" in failed
    rest = _stop(proc)
    assert "Traceback" not in rest


def test_serve_no_worker_says_where_jobs_run(settings: Settings, topo: object) -> None:
    port = free_port()
    proc, lines = _start(
        ["serve", "--no-worker", "--port", str(port), "--no-migrate"], cli_env(settings), until="Showroom is running"
    )
    output = _stop(proc)
    assert "jobs: not run here (--no-worker)" in "\n".join(lines)
    assert "jobs: worker started" not in output


def _children(pid: int) -> list[tuple[int, str]]:
    out = subprocess.run(["ps", "-o", "pid=,args=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [(int(line.split(None, 1)[0]), line.split(None, 1)[1]) for line in out.splitlines() if line.strip()]


async def test_serve_runs_chat_turns_in_a_lower_priority_worker_process_and_the_widget_gets_its_answer(
    app: FastAPI, settings: Settings, db: Database
) -> None:
    """Issue 15, finding 3: a chat turn's CPU never runs on the web server's event loop, where it would delay staff
    requests: `showroom serve` starts a worker process for the chat queue, at a lower CPU priority."""
    team = await stocked_team(app, db)
    port = free_port()
    proc, lines = _start(["serve", "--port", str(port)], cli_env(settings), until="Showroom is running")
    try:
        assert "chat turns in a worker process" in "\n".join(lines)
        chat = [pid for pid, args in _children(proc.pid) if "worker --queue chat" in args]
        assert len(chat) == 1, _children(proc.pid)
        assert os.getpriority(os.PRIO_PROCESS, chat[0]) == 19
        assert os.sched_getscheduler(chat[0]) == os.SCHED_IDLE  # a staff request's work preempts a turn's at once
        # a fresh worker's first turn loads the agent's models; at SCHED_IDLE on a busy 2-core runner that takes
        # more than httpx's default 5 s
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", headers={"Origin": SITE}, timeout=60) as http:
            for _ in range(100):
                try:
                    if (await http.get("/healthz")).status_code == 200:
                        break
                except httpx.HTTPError:
                    await asyncio.sleep(0.2)
            answer = await http.post(
                f"/api/v1/widget/{team.dealership.subdomain}/messages", json={"content": "Any SUVs under 40k?"}
            )
        assert answer.status_code == 201, answer.text
        assert answer.json()["replies"], answer.json()
    finally:
        _stop(proc)
    with pytest.raises(ProcessLookupError):  # stopped with the server
        os.kill(chat[0], 0)
