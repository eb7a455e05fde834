"""Large imports as a job (issue 15, finding 4): stored, staged in batches, applied in one transaction; progress,
cancel, a failure half way that changes nothing, and a client that goes away leaving no transaction or lock."""

from __future__ import annotations

import asyncio
import socket
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import uvicorn
from bench.inventory_import import write_feed
from fastapi import FastAPI
from sqlalchemy import func, select, text

from showroom.audit.service import SYSTEM
from showroom.db.engine import Database
from showroom.inventory import runs
from showroom.models import InventoryImport, InventoryImportRow
from showroom.settings import Settings
from tests.conftest import Worker
from tests.helpers import create_team, sign_in
from tests.inventory.test_import import FEED, vehicles

TSV = {"Content-Type": "text/tab-separated-values"}


@pytest.fixture
def big_feed(tmp_path: Path) -> Path:
    path = tmp_path / "big.tsv"
    write_feed(path, 4000, seed=uuid.uuid4().int % 100_000)
    return path


async def staged(db: Database, import_id: str) -> int:
    async with db.maint_session() as maint:
        query = select(func.count()).select_from(InventoryImportRow)
        return int(await maint.scalar(query.where(InventoryImportRow.import_id == uuid.UUID(import_id))) or 0)


async def test_a_run_is_stored_then_imported_by_its_job_with_the_report(
    app: FastAPI, db: Database, worker: Worker
) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    started = await manager.post("/api/v1/inventory/imports", content=FEED.read_bytes(), headers=TSV,
                                 params={"filename": FEED.name})  # fmt: skip
    assert started.status_code == 202, started.text
    run = started.json()
    assert run["status"] == "queued" and run["rows_total"] == 143 and run["rows_done"] == 0
    assert started.headers["location"] == f"/api/v1/inventory/imports/{run['id']}"
    assert await vehicles(db, team.id) == 0  # stored, not imported yet

    await worker("imports")
    done = (await manager.get(f"/api/v1/inventory/imports/{run['id']}")).json()
    assert done["status"] == "done" and done["rows_done"] == done["rows_total"] == 143
    report = done["report"]
    assert (report["rows"], report["added"], report["rejected"], report["filename"]) == (143, 143, 0, FEED.name)
    assert await vehicles(db, team.id, active=True) == 143
    assert await staged(db, run["id"]) == 0
    async with db.maint_session() as maint:
        row = await maint.get(InventoryImport, uuid.UUID(run["id"]))
        assert row is not None
        assert await maint.scalar(select(InventoryImport.content).where(InventoryImport.id == row.id)) is None
    listed = (await manager.get("/api/v1/inventory/imports")).json()
    assert [r["id"] for r in listed] == [run["id"]]

    # A full feed without 43 of the units: the run deactivates them (the agent offers active units only).
    lines = FEED.read_bytes().splitlines(keepends=True)
    smaller = b"".join(lines[:101])
    second = (await manager.post("/api/v1/inventory/imports", content=smaller, headers=TSV)).json()
    await worker("imports")
    report = (await manager.get(f"/api/v1/inventory/imports/{second['id']}")).json()["report"]
    assert (report["unchanged"], report["deactivated"]) == (100, 43)
    assert await vehicles(db, team.id, active=True) == 100


async def test_a_large_upload_to_the_report_route_becomes_a_run(app: FastAPI, db: Database, worker: Worker) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    before = app.state.settings
    app.state.settings = before.model_copy(update={"import_sync_max_bytes": 10_000})
    try:
        answer = await manager.post("/api/v1/inventory/import", content=FEED.read_bytes(), headers=TSV)
    finally:
        app.state.settings = before
    assert answer.status_code == 202 and answer.json()["status"] == "queued", answer.text
    await worker("imports")
    assert (await manager.get(answer.headers["location"])).json()["report"]["added"] == 143


async def test_a_cancelled_run_changes_nothing(app: FastAPI, db: Database, big_feed: Path, worker: Worker) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    agent = await sign_in(app, team.agent.email)
    queued = (await manager.post("/api/v1/inventory/imports", content=big_feed.read_bytes(), headers=TSV)).json()
    assert (await agent.post(f"/api/v1/inventory/imports/{queued['id']}/cancel")).status_code == 403
    cancelled = await manager.post(f"/api/v1/inventory/imports/{queued['id']}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    await worker("imports")
    assert await vehicles(db, team.id) == 0
    again = await manager.post(f"/api/v1/inventory/imports/{queued['id']}/cancel")
    assert again.status_code == 409 and again.json()["error"] == "Conflict"

    # Cancelled while running, after batches were staged: nothing lands.
    running = (await manager.post("/api/v1/inventory/imports", content=big_feed.read_bytes(), headers=TSV)).json()
    import_id = uuid.UUID(running["id"])

    async def job() -> str:
        async with db.session(team.id) as session:
            return await runs.process(session, import_id, SYSTEM)

    task = asyncio.create_task(job())
    for _ in range(2000):
        now = (await manager.get(f"/api/v1/inventory/imports/{running['id']}")).json()
        if now["rows_done"] > 0:
            break
        await asyncio.sleep(0.005)
    assert 0 < now["rows_done"] < now["rows_total"] and now["status"] == "running"
    asked = await manager.post(f"/api/v1/inventory/imports/{running['id']}/cancel")
    assert asked.status_code == 200 and asked.json()["cancel_requested"] is True
    assert await task == "cancelled"
    final = (await manager.get(f"/api/v1/inventory/imports/{running['id']}")).json()
    assert final["status"] == "cancelled" and final["finished_at"]
    assert await vehicles(db, team.id) == 0 and await staged(db, running["id"]) == 0


async def test_a_run_failing_half_way_changes_nothing(
    app: FastAPI, db: Database, big_feed: Path, worker: Worker
) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    first = await manager.post("/api/v1/inventory/import", content=FEED.read_bytes(), headers=TSV)
    assert first.json()["added"] == 143
    lines = big_feed.read_bytes().splitlines(keepends=True)
    lines[2500] = lines[2500].replace(b"\t", b"\t\xff", 1)  # not UTF-8, five batches in
    run = (await manager.post("/api/v1/inventory/imports", content=b"".join(lines), headers=TSV)).json()
    await worker("imports")
    failed = (await manager.get(f"/api/v1/inventory/imports/{run['id']}")).json()
    assert failed["status"] == "failed", failed
    assert "not valid UTF-8" in failed["error"] and "line 2501" in failed["error"], failed["error"]
    assert failed["rows_done"] >= 2000  # batches had been staged before the bad line was read
    # The full feed would have added 4,000 units and deactivated the 143: none of it happened.
    assert await vehicles(db, team.id) == 143 and await vehicles(db, team.id, active=True) == 143
    assert await staged(db, run["id"]) == 0


# --- a client that goes away ---------------------------------------------------------------------------------------


@pytest.fixture
async def live(settings: Settings, db: Database) -> AsyncIterator[tuple[str, int]]:
    """The app on a real port in this event loop (sharing the test database pools)."""
    from showroom.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings, database=db), host="127.0.0.1", port=port,
                                           log_level="warning", timeout_graceful_shutdown=2))  # fmt: skip
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    yield "127.0.0.1", port
    server.should_exit = True
    await asyncio.wait_for(task, timeout=15)


BUSY = (
    "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() "
    "and backend_type = 'client backend' and (state like 'idle in transaction%' or (state = 'active' and "
    "query not like '%procrastinate%'))"
)
LOCKS = (  # held by a client (autovacuum analysing 4,000 new rows takes its own lock for a moment: not ours)
    "select count(*) from pg_locks l join pg_class c on c.oid = l.relation "
    "join pg_stat_activity a on a.pid = l.pid and a.backend_type = 'client backend' "
    "where l.pid <> pg_backend_pid() and c.relname in ('vehicles', 'inventory_imports', 'inventory_import_rows')"
)


async def _busy(db: Database) -> tuple[int, int]:
    async with db.maint_session() as maint:
        return int(await maint.scalar(text(BUSY)) or 0), int(await maint.scalar(text(LOCKS)) or 0)


async def _send_and_leave(host: str, port: int, path: str, key: str, body: bytes, declared: int) -> bytes:
    """Send ``body`` (of ``declared`` bytes), wait at most half a second for the answer's first line, and go."""
    reader, writer = await asyncio.open_connection(host, port)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\n"
        f"Content-Type: text/tab-separated-values\r\nContent-Length: {declared}\r\n\r\n"
    )
    writer.write(head.encode() + body)
    await writer.drain()
    try:
        status = await asyncio.wait_for(reader.readline(), 0.5) if len(body) == declared else b""
    except TimeoutError:
        status = b""
    writer.close()  # gone, whatever the server is doing
    await writer.wait_closed()
    return status


async def test_a_client_that_goes_away_leaves_no_transaction_or_lock(
    app: FastAPI, db: Database, big_feed: Path, live: tuple[str, int], worker: Worker
) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    key = (await admin.post("/api/v1/api-keys", json={"name": "dms", "scopes": ["inventory:write"]})).json()["key"]
    body = big_feed.read_bytes()
    assert len(body) > 1024 * 1024  # over the size answered at once: a job imports it
    host, port = live

    # Half an upload, then gone: nothing stored, no transaction left open.
    await _send_and_leave(host, port, "/api/v1/inventory/imports", key, body[: len(body) // 2], len(body))
    # The whole upload to the route that used to import while the client waited (its transaction and row locks
    # outliving the client by minutes for a large feed), the client gone after half a second at most.
    status = await _send_and_leave(host, port, "/api/v1/inventory/import", key, body, len(body))
    assert status.startswith(b"HTTP/1.1 202"), status
    assert await _busy(db) == (0, 0)  # at once: the answer came after the commit
    async with db.maint_session() as maint:
        stored = (
            await maint.execute(select(InventoryImport.status).where(InventoryImport.dealership_id == team.id))
        ).all()
    assert [s for (s,) in stored] == ["queued"]  # the half upload stored nothing; the whole one waits for its job
    await worker("imports")
    assert await vehicles(db, team.id) == 4000 and await _busy(db) == (0, 0)
