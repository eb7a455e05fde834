"""Issue 21, assignment rules: round robin per team for new leads and handovers, skipping staff who are away."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from showroom.audit.service import SYSTEM
from showroom.conversations.handover import hand_over
from showroom.db.engine import Database
from showroom.models import Conversation
from showroom.services import Services
from tests.helpers import Team, create_team, sign_in
from tests.web.test_staff_pages import chat, csrf_of, page_client


def _team(name: str, members: list[int], **flags: bool) -> dict[str, object]:
    return {"name": name, "user_ids": members, **flags}


async def _lead(client: httpx.AsyncClient, n: int) -> int | None:
    made = await client.post(
        "/api/v1/leads", json={"customer": {"first_name": f"Rr{n}", "email": f"rr{n}-{id(client)}@inbox-mail.net"}}
    )
    assert made.status_code == 201, made.text
    assigned: int | None = made.json()["lead"]["assigned_user_id"]
    return assigned


async def test_teams_name_active_staff_of_the_dealership_only(app: FastAPI, db: Database) -> None:
    team, outsider = await create_team(db), await create_team(db)
    admin = await sign_in(app, team.admin.email)

    async def routing(*teams: dict[str, object]) -> httpx.Response:
        return await admin.patch("/api/v1/dealership", json={"lead_routing": {"teams": list(teams)}})

    foreign = await routing(_team("Floor", [team.agent.id, outsider.agent.id], new_leads=True))
    assert foreign.status_code == 422, foreign.text
    body = foreign.json()
    assert body["field"] == "lead_routing.teams.0.user_ids" and str(outsider.agent.id) in body["detail"]
    twice = await routing(_team("Floor", [team.agent.id]), _team("floor", [team.manager.id]))
    assert twice.status_code == 422 and "two teams are called" in twice.text
    empty = await routing(_team("Nobody", []))
    assert empty.status_code == 422
    ok = await routing(_team("Floor", [team.agent.id, team.manager.id], new_leads=True))
    assert ok.status_code == 200, ok.text
    assert ok.json()["lead_routing"]["teams"][0]["user_ids"] == [team.agent.id, team.manager.id]
    denied = await (await sign_in(app, team.manager.email)).patch(
        "/api/v1/dealership", json={"lead_routing": {"teams": []}}
    )
    assert denied.status_code == 403


async def test_new_leads_go_round_the_team_and_skip_whoever_is_away(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    members = [team.agent.id, team.manager.id]
    set_up = await admin.patch(
        "/api/v1/dealership", json={"lead_routing": {"teams": [_team("Floor", members, new_leads=True)]}}
    )
    assert set_up.status_code == 200, set_up.text
    given = [await _lead(admin, n) for n in range(4)]
    assert set(given) == set(members) and given[0] != given[1] and given[:2] == given[2:]  # turns, never the admin

    agent = await sign_in(app, team.agent.email)
    away = await agent.patch(f"/api/v1/users/{team.agent.id}", json={"is_away": True})
    assert away.status_code == 200 and away.json()["is_away"] is True
    assert [await _lead(admin, n) for n in range(10, 13)] == [team.manager.id] * 3
    other = await agent.patch(f"/api/v1/users/{team.manager.id}", json={"is_away": True})
    assert other.status_code == 403  # only yourself, or anyone as an admin
    assert (await admin.patch(f"/api/v1/users/{team.manager.id}", json={"is_away": True})).status_code == 200
    assert await _lead(admin, 20) is None  # everyone in the team is away: it waits unassigned
    assert (await agent.patch(f"/api/v1/users/{team.agent.id}", json={"is_away": False})).status_code == 200
    assert await _lead(admin, 21) == team.agent.id


async def _handover_to(
    app: FastAPI, db: Database, team: Team, conversation_id: object
) -> tuple[int | None, int | None]:
    async with db.session(team.id) as session, session.begin():
        conversation = await session.get(Conversation, conversation_id)
        assert conversation is not None
        handover = await hand_over(
            session, services_of(app), conversation, reason="customer_request", urgency="high", actor=SYSTEM
        )
        return handover.to_user_id, conversation.assigned_user_id


def services_of(app: FastAPI) -> Services:
    found: Services = app.state.services
    return found


async def test_handovers_go_to_the_person_unless_away_then_round_the_handover_team(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    teams = [_team("Desk", [team.manager.id, team.admin.id], handovers=True)]
    assert (await admin.patch("/api/v1/dealership", json={"lead_routing": {"teams": teams}})).status_code == 200

    own = await chat(db, team, "Owned Person", assigned_user_id=team.agent.id)
    assert await _handover_to(app, db, team, own.id) == (team.agent.id, team.agent.id)  # their person is here

    first = await chat(db, team, "Nobody's Person")
    second = await chat(db, team, "Another Person")
    one, _ = await _handover_to(app, db, team, first.id)
    two, assigned = await _handover_to(app, db, team, second.id)
    assert {one, two} == {team.manager.id, team.admin.id} and assigned == two  # turns; the conversation follows

    assert (await admin.patch(f"/api/v1/users/{team.agent.id}", json={"is_away": True})).status_code == 200
    away = await chat(db, team, "Away Person", assigned_user_id=team.agent.id)
    to, assigned = await _handover_to(app, db, team, away.id)
    assert to in (team.manager.id, team.admin.id) and assigned == to


async def test_the_team_page_marks_people_away_and_keeps_teams(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    admin = await page_client(app, team.admin.email)
    page = await admin.get("/app/settings/team")
    assert page.status_code == 200 and "Assignment teams" in page.text
    token = csrf_of(page.text)
    made = await admin.post(
        "/app/settings/teams",
        data={"csrf_token": token, "name": "Floor", "user_ids": [str(team.agent.id)], "new_leads": "1"},
    )
    assert made.status_code == 303
    assert "<strong>Floor</strong>: User Person" in (await admin.get("/app/settings/team")).text
    nobody = await admin.post("/app/settings/teams", data={"csrf_token": token, "name": "Empty"})
    assert nobody.status_code == 422 and "user_ids" in nobody.text

    agent = await page_client(app, team.agent.email)
    mine = await agent.get("/app/settings/team")
    assert 'action="/app/settings/teams"' not in mine.text  # only admins edit teams
    away = await agent.post(
        f"/app/settings/users/{team.agent.id}/away", data={"csrf_token": csrf_of(mine.text), "away": "1"}
    )
    assert away.status_code == 303
    assert '<span class="chip warn">Away</span>' in (await agent.get("/app/settings/team")).text
    refused = await agent.post(
        f"/app/settings/users/{team.manager.id}/away", data={"csrf_token": csrf_of(mine.text), "away": "1"}
    )
    assert refused.status_code == 403
    gone = await admin.post("/app/settings/teams/delete", data={"csrf_token": token, "name": "Floor"})
    assert gone.status_code == 303 and "<strong>Floor</strong>" not in (await admin.get("/app/settings/team")).text


async def test_the_inbox_offers_to_assign_the_selected_conversations(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    conversation = await chat(db, team, "Picked Person")
    html = (await (await page_client(app, team.agent.email)).get("/app/inbox")).text
    assert f'class="pick" value="{conversation.id}"' in html and 'id="bulk-assign"' in html
    assert f'<option value="{team.manager.id}">Manager Person</option>' in html
