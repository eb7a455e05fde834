"""Finding 8 (issue 15): sign-in is throttled by account and address together, so an attacker slows himself and not
the account's owner; sign-in links and password resets are limited per e-mail and per address; the counters are in
PostgreSQL, so every server process sees the same ones."""

from __future__ import annotations

import asyncio

import httpx
from fastapi import FastAPI

from showroom.app import create_app
from showroom.db.engine import Database
from showroom.settings import Settings
from tests.conftest import new_client
from tests.helpers import PASSWORD, create_team

LOGIN = "/api/v1/auth/login"


async def _wrong(client: httpx.AsyncClient, email: str) -> int:
    return (await client.post(LOGIN, json={"email": email, "password": "wrong-password!!"})).status_code


async def test_an_attacker_pauses_himself_not_the_owner(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    attacker = new_client(app)
    assert [await _wrong(attacker, team.agent.email) for _ in range(5)] == [401] * 5
    right_from_attacker = await attacker.post(LOGIN, json={"email": team.agent.email, "password": PASSWORD})
    assert right_from_attacker.status_code == 429
    assert "retry-after" in right_from_attacker.headers
    owner = new_client(app)
    assert (await owner.post(LOGIN, json={"email": team.agent.email, "password": PASSWORD})).status_code == 200


async def test_a_distributed_guess_pauses_new_addresses_but_not_the_owners_own(
    app: FastAPI, db: Database, settings: Settings
) -> None:
    limit = 10  # a small per-account budget, so the guesses outrun its refill on a loaded test machine
    guarded = create_app(settings.model_copy(update={"login_max_failures_per_account": limit}), database=db)
    async with guarded.router.lifespan_context(guarded):
        team = await create_team(db)
        email = team.manager.email
        owner = new_client(guarded)
        assert (await owner.post(LOGIN, json={"email": email, "password": PASSWORD})).status_code == 200
        answers = []
        for _ in range(limit // 5):  # each guess from its own address, five at a time
            answers += await asyncio.gather(*(_wrong(new_client(guarded), email) for _ in range(5)))
        assert set(answers) == {401}
        stranger = await new_client(guarded).post(LOGIN, json={"email": email, "password": PASSWORD})
        assert stranger.status_code == 429
        assert (await owner.post(LOGIN, json={"email": email, "password": PASSWORD})).status_code == 200


async def test_the_counts_hold_across_server_processes(app: FastAPI, db: Database, settings: Settings) -> None:
    team = await create_team(db)
    other_process = create_app(settings, database=db)
    async with other_process.router.lifespan_context(other_process):
        first = new_client(app, ip="198.51.100.20")
        second = new_client(other_process, ip="198.51.100.20")
        assert [await _wrong(first, team.agent.email) for _ in range(3)] == [401] * 3
        assert [await _wrong(second, team.agent.email) for _ in range(2)] == [401] * 2
        paused = await second.post(LOGIN, json={"email": team.agent.email, "password": PASSWORD})
        assert paused.status_code == 429


async def test_link_and_reset_e_mails_are_limited_per_address_and_per_e_mail(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    answers = []
    for i in range(6):  # each from a new address: the per-e-mail limit, links and resets together
        path = "/api/v1/auth/magic-link" if i % 2 else "/api/v1/auth/password-reset"
        answers.append((await new_client(app).post(path, json={"email": team.agent.email})).status_code)
    assert answers == [202] * 5 + [429]
    ghost = [
        (await new_client(app).post("/api/v1/auth/magic-link", json={"email": "ghost-links@example.com"})).status_code
        for _ in range(6)
    ]
    assert ghost == answers  # an unknown e-mail answers the same: the limit reveals no account
    one_address = new_client(app)
    spray = [
        (await one_address.post("/api/v1/auth/magic-link", json={"email": f"spray{i}@example.com"})).status_code
        for i in range(21)
    ]
    assert spray == [202] * 20 + [429]
