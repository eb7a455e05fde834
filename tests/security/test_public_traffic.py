"""Finding 3 (issue 15): public traffic (widget, webhooks) is bounded apart from staff and API traffic, refused fast
with Retry-After when over, its budgets shared by every server process; X-Forwarded-For only from trusted proxies.
(The load figures are bench/public_flood.py's; this proves the behaviour.)"""

from __future__ import annotations

import asyncio
import time

import httpx
from fastapi import FastAPI

from showroom.app import create_app
from showroom.db.engine import Database
from showroom.settings import Settings
from tests.agent.test_conversations_flow import SITE, stocked_team
from tests.conftest import new_client
from tests.helpers import create_team, sign_in


def _app(settings: Settings, db: Database, **overrides: object) -> FastAPI:
    return create_app(Settings.model_validate({**settings.model_dump(), **overrides}), database=db)


def _visitor(application: FastAPI, ip: str | None = None) -> httpx.AsyncClient:
    client = new_client(application, ip=ip)
    client.headers["Origin"] = SITE
    return client


async def test_a_public_flood_gets_fast_503s_and_staff_keep_being_served(
    app: FastAPI, db: Database, settings: Settings
) -> None:
    team = await stocked_team(app, db)
    sub = team.dealership.subdomain
    narrow = _app(settings, db, public_max_concurrent=2, public_wait_seconds=0, public_max_lag_ms=100_000)
    async with narrow.router.lifespan_context(narrow):
        staff = await sign_in(narrow, team.agent.email)

        async def visit() -> httpx.Response:
            return await _visitor(narrow).post(f"/api/v1/widget/{sub}/messages", json={"content": "any SUVs?"})

        flood = asyncio.gather(*(visit() for _ in range(20)))
        reads = asyncio.gather(*(staff.get("/api/v1/leads") for _ in range(5)))
        answers, staff_answers = await asyncio.gather(flood, reads)
    statuses = sorted({a.status_code for a in answers})
    assert 503 in statuses and 201 in statuses and set(statuses) <= {201, 503}, statuses
    busy = next(a for a in answers if a.status_code == 503)
    assert busy.headers["retry-after"] == "2" and busy.json()["error"] == "ServiceUnavailable"
    assert {r.status_code for r in staff_answers} == {200}


async def test_public_requests_are_shed_while_the_loop_runs_late_and_staff_are_not(
    app: FastAPI, db: Database, settings: Settings
) -> None:
    team = await stocked_team(app, db)
    sub = team.dealership.subdomain
    touchy = _app(settings, db, public_max_lag_ms=5)
    async with touchy.router.lifespan_context(touchy):
        staff = await sign_in(touchy, team.agent.email)
        config = f"/api/v1/widget/{sub}/config"
        assert (
            await _visitor(touchy).post(f"/api/v1/widget/{sub}/messages", json={"content": "hi"})
        ).status_code == 201
        for _ in range(30):  # a chat turn's Python work, as it would hold the loop
            time.sleep(0.03)
            await asyncio.sleep(0.011)
        shed = await _visitor(touchy).post(f"/api/v1/widget/{sub}/messages", json={"content": "hi again"})
        assert shed.status_code == 503 and shed.headers["retry-after"] == "2", shed.text
        assert (await staff.get("/api/v1/leads")).status_code == 200
        assert (await _visitor(touchy).options(config)).status_code in (204, 200)  # preflights are not shed


async def test_forwarded_for_counts_only_from_a_trusted_proxy_and_budgets_span_processes(
    app: FastAPI, db: Database, settings: Settings
) -> None:
    team = await stocked_team(app, db)
    sub = team.dealership.subdomain
    url = f"/api/v1/widget/{sub}/config"
    limit = 20  # a small budget, so the test outruns its refill (one more every 60/limit s) on a busy machine
    one, other = (
        _app(settings, db, widget_messages_per_address=limit),
        _app(settings, db, widget_messages_per_address=limit),
    )
    async with one.router.lifespan_context(one), other.router.lifespan_context(other):
        spoofer = "203.0.113.9"
        statuses = []
        for i in range(limit + 10):  # a different X-Forwarded-For each time, from an untrusted peer: ignored
            where = one if i % 2 else other
            client = _visitor(where, ip=spoofer)
            response = await client.post(
                f"/api/v1/widget/{sub}/messages",
                json={"content": f"hi {i}"},
                headers={"X-Forwarded-For": f"198.51.100.{i}"},
            )
            statuses.append(response.status_code)
        # a burst of the limit (across two processes), then one more every 60/limit s: the 429 comes within a few
        assert statuses[:limit] == [201] * limit and 429 in statuses, statuses
        assert (await _visitor(app, ip=spoofer).get(url)).status_code == 200  # config is not a message

    proxied = _app(settings, db, trusted_proxies="192.0.2.0/24", widget_messages_per_address=limit)
    async with proxied.router.lifespan_context(proxied):
        for i in range(limit + 5):  # behind a trusted proxy each visitor is their own address
            response = await _visitor(proxied, ip="192.0.2.10").post(
                f"/api/v1/widget/{sub}/messages",
                json={"content": f"hello {i}"},
                headers={"X-Forwarded-For": f"198.51.100.77, 198.18.{i // 200}.{i % 200}"},
            )
            assert response.status_code == 201, (i, response.text)


async def test_sign_in_throttling_ignores_a_forged_forwarded_for(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    attacker = new_client(app)
    for i in range(5):
        await attacker.post(
            "/api/v1/auth/login",
            json={"email": team.agent.email, "password": "wrong-password!!"},
            headers={"X-Forwarded-For": f"198.51.100.{i}"},
        )
    again = await attacker.post(
        "/api/v1/auth/login",
        json={"email": team.agent.email, "password": "wrong-password!!"},
        headers={"X-Forwarded-For": "198.51.100.200"},
    )
    assert again.status_code == 429
