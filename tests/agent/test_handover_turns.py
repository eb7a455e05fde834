"""Handover through the real widget API: a language the dealership has not enabled, a specific appointment time
(the dossier carries it, resolved in the dealership's time zone), and the languages setting (API and page)."""

from __future__ import annotations

import re

from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import Dealership, Handover
from tests.agent.test_conversations_flow import stocked_team, visitor
from tests.helpers import sign_in
from tests.web.test_staff_pages import csrf_of, page_client


async def _handover(db: Database, conversation_id: str) -> Handover | None:
    async with db.maint_session() as maint:
        found: Handover | None = await maint.scalar(select(Handover).where(Handover.conversation_id == conversation_id))
        return found


async def test_spanish_is_handed_over_where_the_agent_answers_only_in_english(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    guest = visitor(app)
    sent = await guest.post(
        f"/api/v1/widget/{team.dealership.subdomain}/messages", json={"content": "hola, tienen la tucson en blanco?"}
    )
    assert sent.status_code == 201, sent.text
    assert sent.json()["handed_over"] is True
    handover = await _handover(db, sent.json()["conversation_id"])
    assert handover is not None and handover.reason == "ai_limitation"
    assert handover.context["reasons"] == ["writes in Spanish"]
    assert handover.dossier["language"] == "Spanish" and handover.dossier["trigger_reasons"] == ["writes in Spanish"]


async def test_spanish_stays_with_the_ai_where_the_dealership_enabled_it(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db, agent_config={"languages": ["en", "es"]})
    guest = visitor(app)
    sent = await guest.post(
        f"/api/v1/widget/{team.dealership.subdomain}/messages", json={"content": "hola, tienen la tucson en blanco?"}
    )
    assert sent.status_code == 201, sent.text
    assert sent.json()["handed_over"] is False and sent.json()["replies"]
    assert await _handover(db, sent.json()["conversation_id"]) is None
    threat = await guest.post(
        f"/api/v1/widget/{team.dealership.subdomain}/messages",
        json={"token": sent.json()["token"], "content": "si no me devuelven mi enganche voy a poner una demanda"},
    )
    assert threat.json()["handed_over"] is True
    handover = await _handover(db, sent.json()["conversation_id"])
    assert handover is not None and handover.reason == "policy_escalation" and handover.urgency == "urgent"


async def test_an_anonymous_visitor_s_specific_time_is_handed_over_with_the_time_in_the_dossier(
    app: FastAPI, db: Database
) -> None:
    """A chat that left no e-mail or phone cannot be booked (issue 18 books the others): a person takes the visit,
    with the time resolved in the dealership's time zone in the dossier."""
    team = await stocked_team(app, db, timezone="America/Chicago")
    guest = visitor(app)
    sent = await guest.post(
        f"/api/v1/widget/{team.dealership.subdomain}/messages",
        json={"content": "i can be there tonite around 7 is that ok? for the grey tucson"},
    )
    assert sent.json()["handed_over"] is True
    handover = await _handover(db, sent.json()["conversation_id"])
    assert handover is not None and handover.reason == "customer_request"
    wanted = handover.dossier["appointment"]
    assert wanted["words"] == "tonite around 7"
    assert re.fullmatch(r"\w+day \d{4}-\d\d-\d\d 19:00 America/Chicago", wanted["requested"]), wanted


async def test_the_languages_setting_is_validated_and_edited_on_the_settings_page(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    admin = await sign_in(app, team.admin.email)
    for bad in ([], ["xx"], ["en", "en"]):
        refused = await admin.patch("/api/v1/dealership", json={"agent_config": {"languages": bad}})
        assert refused.status_code == 422, bad
    client = await page_client(app, team.admin.email)
    page = (await client.get("/app/settings")).text
    assert 'name="languages" value="en" checked' in page and 'name="languages" value="es">' in page
    token = csrf_of(page)
    saved = await client.post("/app/settings/languages", data={"csrf_token": token, "languages": ["en", "es"]})
    assert saved.status_code == 303
    none = await client.post("/app/settings/languages", data={"csrf_token": token})
    assert none.status_code == 422
    async with db.maint_session() as maint:
        d = await maint.get(Dealership, team.id)
    assert d is not None and d.agent_config["languages"] == ["en", "es"]
    assert d.agent_config["quiet_hours"] == {"start": "00:00", "end": "00:00"}  # the rest of the config kept
