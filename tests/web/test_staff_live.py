"""Issue 21: what a desktop notification says about a live event, and a call or visit logged from a conversation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import Conversation, CustomerInteraction, Handover, LeadActivity
from tests.helpers import create_team, sign_in
from tests.web.test_staff_pages import chat, page_client


async def test_a_new_leads_conversation_and_a_new_handover_say_who_and_why(app: FastAPI, db: Database) -> None:
    team, outsider = await create_team(db), await create_team(db)
    fresh = await chat(db, team, "Fresh Person")
    old = await chat(db, team, "Old Person")
    async with db.maint_session() as maint, maint.begin():
        stale = await maint.get(Conversation, old.id)
        assert stale is not None
        stale.created_at = datetime.now(UTC) - timedelta(days=1)
        handover = Handover(
            dealership_id=team.id,
            conversation_id=fresh.id,
            lead_id=fresh.lead_id,
            reason="customer_request",
            urgency="high",
            dossier={"customer": {"name": "Fresh Person"}},
        )
        maint.add(handover)
    client = await page_client(app, team.agent.email)
    lead = (await client.get(f"/app/notify/conversation/{fresh.id}")).json()
    assert lead["title"] == "New lead: Fresh Person" and lead["url"] == f"/app/conversations/{fresh.id}"
    assert (await client.get(f"/app/notify/conversation/{old.id}")).json() == {}  # an old row's event is no news
    person = (await client.get(f"/app/notify/handover/{handover.id}")).json()
    assert person["title"] == "Needs a person: Fresh Person" and "customer request" in person["body"]
    other = await page_client(app, outsider.agent.email)
    assert (await other.get(f"/app/notify/conversation/{fresh.id}")).status_code == 404
    assert (await other.get(f"/app/notify/handover/{handover.id}")).status_code == 404
    inbox = (await client.get("/app/inbox")).text
    assert 'id="notify-toggle"' in inbox and 'id="notify-sound"' in inbox


async def test_a_call_or_visit_is_logged_on_the_lead_and_the_customers_timeline(app: FastAPI, db: Database) -> None:
    team, outsider = await create_team(db), await create_team(db)
    conversation = await chat(db, team, "Called Person")
    agent = await sign_in(app, team.agent.email)
    url = f"/api/v1/conversations/{conversation.id}/contacts"
    empty = await agent.post(url, json={"kind": "call", "summary": " "})
    assert empty.status_code == 422 and "summary" in empty.json()["field"]
    odd = await agent.post(url, json={"kind": "fax", "summary": "x"})
    assert odd.status_code == 422 and "kind" in odd.json()["field"]
    later = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    future = await agent.post(url, json={"kind": "visit", "summary": "Came in", "occurred_at": later})
    assert future.status_code == 422 and future.json()["field"] == "occurred_at"
    call = await agent.post(
        url, json={"kind": "call", "summary": "Wants a Tucson", "outcome": "test drive booked", "duration_minutes": 7}
    )
    assert call.status_code == 201, call.text
    visit = await agent.post(url, json={"kind": "visit", "summary": "Sat in the Tucson"})
    assert visit.status_code == 201
    async with db.maint_session() as maint:
        activities = (
            await maint.execute(
                select(LeadActivity.type, LeadActivity.duration, LeadActivity.outcome, LeadActivity.user_id).where(
                    LeadActivity.lead_id == conversation.lead_id, LeadActivity.type.in_(("call", "meeting"))
                )
            )
        ).all()
        kinds = set(
            await maint.scalars(
                select(CustomerInteraction.interaction_type).where(
                    CustomerInteraction.conversation_id == conversation.id
                )
            )
        )
    assert ("call", 7, "test drive booked", team.agent.id) in activities and len(activities) == 2
    assert kinds == {"call", "visit"}
    page = (await page_client(app, team.agent.email)).get(f"/app/conversations/{conversation.id}")
    html = (await page).text
    assert 'id="contact-form"' in html and "Call logged: Wants a Tucson" in html
    other = await sign_in(app, outsider.admin.email)
    assert (await other.post(url, json={"kind": "call", "summary": "x"})).status_code == 404
