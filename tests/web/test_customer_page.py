"""Issue 21, the customer in one place: every lead, conversation, appointment, consent, follow-up and insight, the
profile built from all of them and the interaction timeline across channels."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI

from showroom.db.engine import Database
from showroom.models import (
    Appointment,
    CustomerInsight,
    CustomerInteraction,
    CustomerProfile,
    FollowUp,
    VehicleInterest,
)
from tests.factories import create_conversation, create_customer, create_lead
from tests.helpers import create_team
from tests.web.test_staff_pages import page_client


async def test_the_customer_page_shows_the_whole_person(app: FastAPI, db: Database) -> None:
    team, outsider = await create_team(db), await create_team(db)
    now = datetime.now(UTC)
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(
            maint,
            team.id,
            full_name="Whole Person",
            preferred_contact="sms",
            do_not_call=True,
            sms_consent={"granted": True, "source": "web form", "at": "2026-11-02T10:00:00Z"},
        )
        first = await create_lead(maint, team.id, customer.id, lead_number="LEAD-26-00901")
        second = await create_lead(maint, team.id, customer.id, lead_number="LEAD-26-00902")
        chat = await create_conversation(maint, first, channel="chat", message_count=12, tags=["VIP"])
        texts = await create_conversation(maint, second, channel="sms", message_count=3)
        maint.add_all(
            [
                VehicleInterest(
                    dealership_id=team.id,
                    lead_id=first.id,
                    is_primary=True,
                    year=2024,
                    make="Hyundai",
                    model="Tucson",
                    min_price=3_000_000,
                    max_price=4_500_000,
                ),
                VehicleInterest(
                    dealership_id=team.id,
                    lead_id=second.id,
                    interest="trade-in",
                    make="Honda",
                    model="Civic",
                    year=2015,
                    mileage=90_000,
                ),
                Appointment(
                    dealership_id=team.id,
                    lead_id=first.id,
                    customer_id=customer.id,
                    kind="test_drive",
                    source="staff",
                    starts_at=now + timedelta(days=1),
                    ends_at=now + timedelta(days=1, minutes=30),
                ),
                FollowUp(
                    dealership_id=team.id,
                    lead_id=second.id,
                    customer_id=customer.id,
                    kind="ai_nudge",
                    channel="email",
                    scheduled_at=now + timedelta(days=2),
                ),
                CustomerInsight(
                    dealership_id=team.id,
                    customer_id=customer.id,
                    insight_type="timeline",
                    value="this month",
                    confidence=0.9,
                    source="rule",
                ),
            ]
        )
        profile = CustomerProfile(
            dealership_id=team.id,
            customer_id=customer.id,
            preferences={"vehicle_preferences": ["a red SUV"], "budget_words": "around 40k"},
            buying_timeline="this month",
            last_interaction=now,
        )
        maint.add(profile)
        await maint.flush()
        maint.add_all(
            [
                CustomerInteraction(
                    dealership_id=team.id,
                    profile_id=profile.id,
                    conversation_id=chat.id,
                    interaction_type="message_inbound",
                    details={"channel": "chat"},
                    occurred_at=now - timedelta(hours=2),
                ),
                CustomerInteraction(
                    dealership_id=team.id,
                    profile_id=profile.id,
                    conversation_id=texts.id,
                    interaction_type="call",
                    details={"channel": "phone", "summary": "Asked about financing"},
                    occurred_at=now - timedelta(hours=1),
                ),
            ]
        )
        stranger = await create_customer(maint, outsider.id, full_name="Not Yours")
    client = await page_client(app, team.agent.email)
    page = await client.get(f"/app/customers/{customer.id}")
    assert page.status_code == 200
    html = page.text
    assert "LEAD-26-00901" in html and "LEAD-26-00902" in html and "Leads (2)" in html
    assert f'href="/app/conversations/{chat.id}"' in html and "12 messages" in html and "Conversations (2)" in html
    assert "2024 Hyundai Tucson" in html and "a red SUV" in html  # the leads' interests, then the messages'
    assert "$30,000 to $45,000" in html and "2015 Honda Civic, 90,000 miles" in html
    assert "this month" in html and "Test drive" in html and "Ai nudge by Email" in html
    assert "yes (web form, 2026-11-02)" in html and "do not call" in html
    assert "Asked about financing" in html
    assert html.index("Asked about financing") < html.index("<strong>Message inbound</strong>")  # newest first
    assert "Call: 1" in html and "Message inbound: 1" in html
    assert (await client.get(f"/app/customers/{stranger.id}")).status_code == 404
