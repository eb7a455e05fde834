"""Finding 3 (issue 15): a widget visitor's turn runs as a job (``conversations.widget_turns``), off the web
server's event loop, while the POST waits for it and answers with the agent's reply as before. A turn that no
worker starts in time is withdrawn (503, Retry-After, nothing taken); one whose worker died is answered once when
the job runs again, and its message is never taken twice.

A dead worker is played with the rows it leaves: a job ``doing`` on the chat's lock (one chat's turns run one at a
time), which keeps every runner of this test process from starting the chat's next turn."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import psycopg
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from showroom.agent.providers import BuiltinProvider, ProviderReply, ReplyRequest
from showroom.conversations.widget import thread_id
from showroom.db.engine import Database
from showroom.db.urls import Topology, libpq
from showroom.models import Message
from showroom.settings import Settings
from tests.agent.test_conversations_flow import stocked_team
from tests.conftest import Worker
from tests.security.test_public_traffic import _app, _visitor

TASK = "showroom:widget.turn"


async def _owner(topo: Topology, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    async with await psycopg.AsyncConnection.connect(libpq(topo.owner), autocommit=True) as conn:
        cursor = await conn.execute(sql, params)
        return await cursor.fetchall() if cursor.description else []


async def _dead_worker_holds(topo: Topology, token: str) -> tuple[int, int]:
    """A job ``doing`` on the chat's lock, by a worker that died a moment ago (its last heartbeat is recent, so no
    runner recovers its jobs during the test): the chat's next turn cannot start. Returns the job and the worker."""
    rows = await _owner(
        topo,
        "with w as (insert into procrastinate_workers (last_heartbeat) values (now()) returning id) "
        "insert into procrastinate_jobs (queue_name, task_name, lock, args, status, worker_id) "
        "select 'chat', %(task)s, %(lock)s, '{}', 'doing', w.id from w returning id, worker_id",
        task=TASK,
        lock=thread_id(token),
    )
    return int(rows[0][0]), int(rows[0][1])


async def _turn_job(topo: Topology, token: str, status: str = "todo") -> int:
    for _ in range(100):
        rows = await _owner(
            topo,
            "select id from procrastinate_jobs where task_name = %(task)s and lock = %(lock)s and args ? 'turn' "
            "and status = %(status)s",
            task=TASK,
            lock=thread_id(token),
            status=status,
        )
        if rows:
            return int(rows[0][0])
        await asyncio.sleep(0.05)
    raise AssertionError(f"no {status} turn job for the chat")


async def _messages(db: Database, conversation_id: str) -> dict[str, int]:
    async with db.maint_session() as maint:
        rows = await maint.execute(
            select(Message.sender, func.count())
            .where(Message.conversation_id == conversation_id, Message.type.in_(("inbound", "outbound")))
            .group_by(Message.sender)
        )
    return {sender: n for sender, n in rows.all()}


async def _chat(app: FastAPI, sub: str) -> dict[str, Any]:
    first = await _visitor(app).post(f"/api/v1/widget/{sub}/messages", json={"content": "Any SUVs?"})
    assert first.status_code == 201, first.text
    return dict(first.json())


async def test_a_turn_runs_as_a_job_and_its_reply_comes_back_in_the_post_body(
    app: FastAPI, db: Database, topo: Topology
) -> None:
    team = await stocked_team(app, db)
    sub = team.dealership.subdomain
    chat = await _chat(app, sub)
    assert chat["replies"] and chat["replies"][0]["from"] == "bot", chat
    again = await _visitor(app).post(
        f"/api/v1/widget/{sub}/messages", json={"token": chat["token"], "content": "What are your hours on Saturday?"}
    )
    assert again.status_code == 201, again.text
    body = again.json()
    assert body["message"]["content"] == "What are your hours on Saturday?" and body["replies"], body
    assert body["token"] == chat["token"] and body["conversation_id"] == chat["conversation_id"]
    jobs = await _owner(
        topo,
        "select status::text, args from procrastinate_jobs where task_name = %(task)s and lock = %(lock)s",
        task=TASK,
        lock=thread_id(chat["token"]),
    )
    assert [status for status, _ in jobs] == ["succeeded", "succeeded"]
    assert all(chat["token"] not in json.dumps(args) for _, args in jobs)  # the token, a credential, is not stored


async def test_a_turn_no_worker_starts_in_time_is_withdrawn_with_a_503_and_nothing_is_taken(
    app: FastAPI, db: Database, settings: Settings, topo: Topology
) -> None:
    team = await stocked_team(app, db)
    sub = team.dealership.subdomain
    chat = await _chat(app, sub)
    before = await _messages(db, chat["conversation_id"])
    blocker, _ = await _dead_worker_holds(topo, chat["token"])
    impatient = _app(settings, db, chat_turns="worker", chat_turn_seconds=1)
    async with impatient.router.lifespan_context(impatient):
        started = time.monotonic()
        late = await _visitor(impatient).post(
            f"/api/v1/widget/{sub}/messages", json={"token": chat["token"], "content": "Is it still there?"}
        )
        waited = time.monotonic() - started
    assert late.status_code == 503, late.text
    assert late.headers["retry-after"] == "5" and late.json()["error"] == "ServiceUnavailable"
    assert "did not take your message; send it again" in late.json()["detail"]
    assert 1 <= waited < 5
    turn = await _turn_job(topo, chat["token"], status="cancelled")  # withdrawn: no worker will start it now
    await _owner(topo, "delete from procrastinate_jobs where id = %(id)s", id=blocker)
    assert await _messages(db, chat["conversation_id"]) == before
    assert turn


async def test_a_turn_whose_worker_died_gets_a_503_and_is_answered_once_when_run_again(
    app: FastAPI, db: Database, settings: Settings, topo: Topology, worker: Worker
) -> None:
    team = await stocked_team(app, db)
    sub = team.dealership.subdomain
    chat = await _chat(app, sub)
    blocker, dead = await _dead_worker_holds(topo, chat["token"])
    impatient = _app(settings, db, chat_turns="worker", chat_turn_seconds=1.5)
    async with impatient.router.lifespan_context(impatient):
        post = asyncio.create_task(
            _visitor(impatient).post(
                f"/api/v1/widget/{sub}/messages", json={"token": chat["token"], "content": "Do you have a red Tucson?"}
            )
        )
        turn = await _turn_job(topo, chat["token"])
        # a worker takes the turn and dies at once (the blocker gone in the same transaction, as its lock passes)
        async with await psycopg.AsyncConnection.connect(libpq(topo.owner)) as conn, conn.transaction():
            await conn.execute("delete from procrastinate_jobs where id = %(id)s", {"id": blocker})
            await conn.execute(
                "update procrastinate_jobs set status = 'doing', worker_id = %(w)s where id = %(id)s",
                {"id": turn, "w": dead},
            )
        late = await post
    assert late.status_code == 503, late.text
    assert late.headers["retry-after"] == "5"
    assert "received" in late.json()["detail"] and "do not send it again" in late.json()["detail"]
    assert late.json()["token"] == chat["token"]  # a new visitor reads the late answer with it

    for _ in range(2):  # the dead worker's job runs again (jobs.retry_stalled), then once more: answered once
        await _owner(topo, "update procrastinate_jobs set status = 'todo' where id = %(id)s", id=turn)
        await worker("chat")
        await _turn_job(topo, chat["token"], status="succeeded")
        assert await _messages(db, chat["conversation_id"]) == {"customer": 2, "ai": 2}


async def test_a_turn_whose_worker_died_after_storing_the_message_is_answered_once_when_run_again(
    app: FastAPI, db: Database, settings: Settings, topo: Topology, worker: Worker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker dies while the agent composes (step 2): the customer's message and its effects are committed, the
    answer is not. The job run again answers that message, once; a third run writes nothing more."""
    team = await stocked_team(app, db)
    sub = team.dealership.subdomain
    chat = await _chat(app, sub)
    composing = BuiltinProvider.reply

    async def dies_once(self: BuiltinProvider, request: ReplyRequest) -> ProviderReply:
        monkeypatch.setattr(BuiltinProvider, "reply", composing)
        raise RuntimeError("the worker died while the agent composed its answer")

    monkeypatch.setattr(BuiltinProvider, "reply", dies_once)
    impatient = _app(settings, db, chat_turns="worker", chat_turn_seconds=3)
    async with impatient.router.lifespan_context(impatient):
        post = asyncio.create_task(
            _visitor(impatient).post(
                f"/api/v1/widget/{sub}/messages", json={"token": chat["token"], "content": "Do you have a red Tucson?"}
            )
        )
        turn = await _turn_job(topo, chat["token"])
        await worker("chat")
        await post
    assert await _messages(db, chat["conversation_id"]) == {"customer": 2, "ai": 1}  # stored, not answered

    for _ in range(2):  # the dead worker's job runs again (jobs.retry_stalled), then once more: answered once
        await _owner(topo, "update procrastinate_jobs set status = 'todo' where id = %(id)s", id=turn)
        await worker("chat")
        await _turn_job(topo, chat["token"], status="succeeded")
        assert await _messages(db, chat["conversation_id"]) == {"customer": 2, "ai": 2}
    async with db.maint_session() as maint:
        asked = await maint.scalar(
            select(Message.id).where(Message.conversation_id == chat["conversation_id"], Message.sender == "customer")
            .order_by(Message.created_at.desc()).limit(1)
        )  # fmt: skip
        answers = await maint.scalar(select(func.count()).where(Message.in_reply_to == asked))
    assert answers == 1


async def test_a_web_process_runs_its_chat_turns_again_after_its_job_runner_lost_its_worker_row(
    app: FastAPI, db: Database, settings: Settings, topo: Topology
) -> None:
    """Another worker taking this one for dead deletes its row (``procrastinate_workers``); the runner's next fetch
    then fails: the web process starts its runner again rather than leave its visitors unanswered."""
    team = await stocked_team(app, db)
    sub = team.dealership.subdomain
    own = _app(settings, db, chat_turn_seconds=8)
    async with own.router.lifespan_context(own):
        chat = await _chat(own, sub)
        await _owner(topo, "delete from procrastinate_workers")
        again = await _visitor(own).post(
            f"/api/v1/widget/{sub}/messages", json={"token": chat["token"], "content": "Do you have a red Tucson?"}
        )
    assert again.status_code == 201, again.text
    assert again.json()["replies"], again.json()
