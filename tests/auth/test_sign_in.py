"""Sign-in, sessions, CSRF and throttling, through the real app."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select, text

from showroom.db.engine import Database
from showroom.models import AuditLog, Session, User
from tests.conftest import new_client
from tests.helpers import PASSWORD, create_team, sign_in


async def test_sign_in_sets_an_httponly_session_cookie_and_stores_only_its_hash(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = new_client(app)
    response = await client.post("/api/v1/auth/login", json={"email": team.agent.email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["user_id"] == team.agent.id and body["role"] == "user" and body["dealership_id"] == team.id
    cookie = response.headers.get_list("set-cookie")
    session_cookie = next(c for c in cookie if c.startswith("showroom_session="))
    assert "HttpOnly" in session_cookie and "SameSite=lax" in session_cookie and "Secure" not in session_cookie
    token = client.cookies["showroom_session"]
    async with db.maint_session() as maint:
        ids = (await maint.scalars(select(Session.id).where(Session.user_id == team.agent.id))).all()
    assert hashlib.sha256(token.encode()).hexdigest() in ids
    assert token not in ids


async def test_session_cookie_is_secure_over_tls(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = new_client(app)
    client.base_url = "https://testserver"  # type: ignore[assignment]
    response = await client.post("/api/v1/auth/login", json={"email": team.agent.email, "password": PASSWORD})
    assert "Secure" in next(c for c in response.headers.get_list("set-cookie") if c.startswith("showroom_session="))


async def test_wrong_password_and_unknown_email_get_the_same_answer(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = new_client(app)
    wrong = await client.post("/api/v1/auth/login", json={"email": team.agent.email, "password": "not-the-password!"})
    unknown = await client.post("/api/v1/auth/login", json={"email": "nobody-here@example.com", "password": "x" * 14})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"error": "Unauthorized", "detail": "invalid email or password"}
    async with db.maint_session() as maint:
        failures = (
            await maint.scalars(
                select(AuditLog).where(AuditLog.action == "user.login_failed", AuditLog.user_id == team.agent.id)
            )
        ).all()
    assert len(failures) == 1 and failures[0].details["reason"] == "bad_password"


async def test_five_failures_from_one_address_pause_that_account_there_whether_or_not_it_exists(
    app: FastAPI, db: Database
) -> None:
    team = await create_team(db)
    for email in (team.manager.email, "ghost-account@example.com"):
        client = new_client(app)  # one address: the per-account-and-address limit
        for _ in range(5):
            response = await client.post("/api/v1/auth/login", json={"email": email, "password": "wrong-password!!"})
            assert response.status_code == 401
        locked = await client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        assert locked.status_code == 429
        assert locked.json()["detail"].startswith("too many failed sign-ins; try again in ")
        assert 0 < int(locked.headers["retry-after"]) <= 900
    # the owner, from their own address, is not paused by someone else's guesses (issue 15, finding 8)
    assert (
        await new_client(app).post("/api/v1/auth/login", json={"email": team.manager.email, "password": PASSWORD})
    ).status_code == 200


async def test_ten_failures_from_one_address_pause_that_address(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = new_client(app, ip="192.0.2.77")
    for i in range(10):
        response = await client.post(
            "/api/v1/auth/login", json={"email": f"guess{i}@example.com", "password": "x" * 13}
        )
        assert response.status_code == 401
    paused = await client.post("/api/v1/auth/login", json={"email": team.agent.email, "password": PASSWORD})
    assert paused.status_code == 429
    other = await new_client(app).post("/api/v1/auth/login", json={"email": team.agent.email, "password": PASSWORD})
    assert other.status_code == 200


async def test_signing_in_again_rotates_the_session(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await sign_in(app, team.agent.email)
    first = client.cookies["showroom_session"]
    again = await client.post("/api/v1/auth/login", json={"email": team.agent.email, "password": PASSWORD})
    assert again.status_code == 200
    assert client.cookies["showroom_session"] != first
    stale = new_client(app)
    stale.cookies["showroom_session"] = first
    assert (await stale.get("/api/v1/auth/session")).status_code == 401


async def test_sign_out_deletes_the_session(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await sign_in(app, team.agent.email)
    token = client.cookies["showroom_session"]
    assert (await client.post("/api/v1/auth/logout")).status_code == 204
    replay = new_client(app)
    replay.cookies["showroom_session"] = token
    assert (await replay.get("/api/v1/auth/session")).status_code == 401
    async with db.maint_session() as maint:
        assert await maint.get(Session, hashlib.sha256(token.encode()).hexdigest()) is None


async def test_unsafe_requests_need_the_csrf_token(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await sign_in(app, team.agent.email)
    token = client.headers.pop("X-CSRF-Token")
    refused = await client.post("/api/v1/auth/logout")
    assert refused.status_code == 403
    assert refused.json()["field"] == "X-CSRF-Token"
    forged = await client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": "x" * 43})
    assert forged.status_code == 403
    assert (await client.get("/api/v1/auth/session")).status_code == 200  # safe methods need none
    assert (await client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})).status_code == 204


async def test_idle_sessions_expire(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await sign_in(app, team.agent.email)
    sid = hashlib.sha256(client.cookies["showroom_session"].encode()).hexdigest()
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(
            text("update sessions set expires_at = :t where id = :id"),
            {"t": datetime.now(UTC) - timedelta(seconds=1), "id": sid},
        )
    response = await client.get("/api/v1/auth/session")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


async def test_deactivated_users_and_dealerships_are_locked_out(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    agent = await sign_in(app, team.agent.email)
    manager = await sign_in(app, team.manager.email)
    admin = await sign_in(app, team.admin.email)
    assert (await admin.delete(f"/api/v1/users/{team.agent.id}")).status_code == 200
    assert (await agent.get("/api/v1/auth/session")).status_code == 401
    login = await new_client(app).post("/api/v1/auth/login", json={"email": team.agent.email, "password": PASSWORD})
    assert login.status_code == 401 and "deactivated" in login.json()["detail"]

    async with db.maint_session() as maint, maint.begin():
        await maint.execute(text("update dealerships set is_active = false where id = :id"), {"id": team.id})
    assert (await manager.get("/api/v1/auth/session")).status_code == 401
    login = await new_client(app).post("/api/v1/auth/login", json={"email": team.manager.email, "password": PASSWORD})
    assert login.status_code == 401 and "dealership is deactivated" in login.json()["detail"]


async def test_successful_sign_in_resets_the_failure_count(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = new_client(app)
    await client.post("/api/v1/auth/login", json={"email": team.admin.email, "password": "wrong-password!!"})
    await sign_in(app, team.admin.email)
    async with db.maint_session() as maint:
        user = await maint.get(User, team.admin.id)
    assert user is not None and user.failed_login_count == 0 and user.last_login_at is not None
