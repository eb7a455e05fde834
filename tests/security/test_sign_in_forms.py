"""Finding 7 (issue 15): a magic link's GET signs nobody in, and the sign-in forms carry a CSRF token: another site
cannot sign a victim into the attacker's account."""

from __future__ import annotations

import json

from fastapi import FastAPI

from showroom.db.engine import Database
from showroom.settings import Settings
from tests.auth.test_links import sent_once, token_in
from tests.conftest import Worker, new_client
from tests.helpers import PASSWORD, create_team
from tests.web.test_auth_pages import form_token


async def test_a_forged_sign_in_post_signs_nobody_in(app: FastAPI, db: Database) -> None:
    attacker = await create_team(db)
    victim = new_client(app)
    await victim.get("/login")  # the victim has a form cookie of their own
    evil = new_client(app)
    attackers_token = await form_token(evil)  # the attacker's own page, token and cookie
    for forged in ({}, {"csrf_token": attackers_token}, {"csrf_token": "x" * 43}):
        answer = await victim.post("/login", data={"email": attacker.agent.email, "password": PASSWORD, **forged})
        assert answer.status_code == 403 and "expired" in answer.text
        assert "showroom_session" not in answer.headers.get("set-cookie", "")
    assert (await victim.get("/")).status_code == 303  # still signed out
    link = await victim.post("/login/link", data={"email": attacker.agent.email, "kind": "magic"})
    assert link.status_code == 403


async def test_the_json_sign_in_takes_only_json(app: FastAPI, db: Database) -> None:
    """A cross-site form may post text/plain (no preflight); the API reads JSON bodies only."""
    team = await create_team(db)
    body = json.dumps({"email": team.agent.email, "password": PASSWORD})
    answer = await new_client(app).post("/api/v1/auth/login", content=body, headers={"Content-Type": "text/plain"})
    assert answer.status_code == 422 and "showroom_session" not in answer.headers.get("set-cookie", "")


async def test_opening_a_magic_link_many_times_leaves_it_usable(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    team = await create_team(db)
    client = new_client(app)
    sent = await client.post(
        "/login/link", data={"email": team.agent.email, "kind": "magic", "csrf_token": await form_token(client)}
    )
    assert sent.status_code == 200
    token = token_in(await sent_once(worker, settings, team.agent.email))
    for _ in range(3):
        looked = await new_client(app).get(f"/auth/magic/{token}")
        assert looked.status_code == 200 and 'method="post"' in looked.text
    forged = await client.post(f"/auth/magic/{token}", data={"csrf_token": "y" * 43})
    assert forged.status_code == 403
    button = await form_token(client, f"/auth/magic/{token}")
    assert (await client.post(f"/auth/magic/{token}", data={"csrf_token": button})).status_code == 303
