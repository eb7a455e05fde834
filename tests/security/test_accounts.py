"""Findings 5 and 6 (issue 15): a dealership admin cannot take over a peer admin; changing your own password takes
the current one, ends your other sessions and tells you by e-mail."""

from __future__ import annotations

from fastapi import FastAPI

from showroom.db.engine import Database
from showroom.models import User
from showroom.settings import Settings
from tests.auth.test_links import mails_to
from tests.conftest import Worker
from tests.factories import create_user, unique
from tests.helpers import PASSWORD, Team, create_super_admin, create_team, password_hash, sign_in

NEW_PASSWORD = "A-brand-new-passphrase-42"


async def _second_admin(db: Database, team: Team) -> User:
    async with db.maint_session() as maint, maint.begin():
        return await create_user(
            maint,
            team.id,
            role="dealership_admin",
            email=f"{unique('peer')}@example.com",
            password_hash=password_hash(),
            name="Peer Admin",
        )


async def test_an_admin_cannot_set_a_peer_admins_password_or_demote_them(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    peer = await _second_admin(db, team)
    admin = await sign_in(app, team.admin.email)
    url = f"/api/v1/users/{peer.id}"
    takeover = await admin.patch(url, json={"password": NEW_PASSWORD})
    assert takeover.status_code == 403 and takeover.json()["field"] == "password", takeover.text
    demoted = await admin.patch(url, json={"role": "user"})
    assert demoted.status_code == 403 and demoted.json()["field"] == "role"
    page = await admin.post(f"/app/settings/users/{peer.id}", data={"role": "user"})
    assert page.status_code == 403
    await sign_in(app, peer.email)  # still their password
    async with db.maint_session() as maint:
        still = await maint.get(User, peer.id)
    assert still is not None and still.role == "dealership_admin"
    # an admin still manages the people below them, and a super admin manages admins
    assert (await admin.patch(f"/api/v1/users/{team.manager.id}", json={"role": "user"})).status_code == 200
    root = await sign_in(app, (await create_super_admin(db)).email)
    assert (await root.post("/api/v1/auth/switch", json={"dealership_id": team.id})).status_code == 200
    assert (await root.patch(url, json={"role": "manager"})).status_code == 200


async def test_changing_your_password_takes_the_current_one_ends_other_sessions_and_mails_you(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    team = await create_team(db)
    here = await sign_in(app, team.agent.email)
    elsewhere = await sign_in(app, team.agent.email)
    url = f"/api/v1/users/{team.agent.id}"
    bare = await here.patch(url, json={"password": NEW_PASSWORD})
    assert bare.status_code == 422 and bare.json()["field"] == "current_password"
    wrong = await here.patch(url, json={"password": NEW_PASSWORD, "current_password": "not-my-password"})
    assert wrong.status_code == 403 and wrong.json()["field"] == "current_password"
    assert (await elsewhere.get("/api/v1/auth/session")).status_code == 200  # nothing changed yet

    changed = await here.patch(url, json={"password": NEW_PASSWORD, "current_password": PASSWORD})
    assert changed.status_code == 200, changed.text
    assert (await elsewhere.get("/api/v1/auth/session")).status_code == 401
    assert (await here.get("/api/v1/auth/session")).status_code == 200
    await sign_in(app, team.agent.email, NEW_PASSWORD)
    await worker("mail")
    [notice] = [m for m in mails_to(settings, team.agent.email) if "password was changed" in str(m["Subject"])]
    assert "you" in notice.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]


async def test_guessing_the_current_password_is_cut_off(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    thief = await sign_in(app, team.agent.email)
    url = f"/api/v1/users/{team.agent.id}"
    answers = [
        (await thief.patch(url, json={"password": NEW_PASSWORD, "current_password": f"guess-{i}"})).status_code
        for i in range(7)
    ]
    assert answers[:5] == [403] * 5 and answers[-1] == 429
    late = await thief.patch(url, json={"password": NEW_PASSWORD, "current_password": PASSWORD})
    assert late.status_code == 429
