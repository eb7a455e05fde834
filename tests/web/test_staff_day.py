"""Issue 21, the defects of a salesperson's day in the staff app, through the real app (no browser)."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import select

from showroom.conversations.sla import sla_due
from showroom.db.engine import Database
from showroom.models import (
    Conversation,
    CustomerInsight,
    CustomerInteraction,
    CustomerProfile,
    Dealership,
    Handover,
    LeadActivity,
    Vehicle,
)
from showroom.web.car_picker import car_text
from showroom.web.filters import linkify
from tests.agent.test_conversations_flow import stocked_team, visitor
from tests.conftest import new_client
from tests.factories import create_message, create_vehicle
from tests.helpers import create_team, sign_in
from tests.web.test_staff_pages import chat, page_client


def ordered_ids() -> tuple[uuid.UUID, uuid.UUID]:
    """Two new ids, the first sorting before the second."""
    tail = uuid.uuid4().hex[8:]
    return uuid.UUID("00000000" + tail), uuid.UUID("ffffffff" + tail)


async def test_a_handover_notice_written_with_the_customer_message_comes_after_it(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    conversation = await chat(db, team, "Order Person")
    async with db.maint_session() as maint, maint.begin():  # one transaction: both rows share its timestamp
        conversation = await maint.get(Conversation, conversation.id) or conversation
        low, high = ordered_ids()  # the ids sort the notice first, as random ids do half the time
        await create_message(maint, conversation, id=high, content="I want to talk to a manager")
        await create_message(
            maint,
            conversation,
            id=low,
            type="escalation",
            delivery_status=None,
            sender="system",
            content="Handed over to the team: asked for a person",
        )
    client = await page_client(app, team.admin.email)
    html = (await client.get(f"/app/conversations/{conversation.id}")).text
    assert html.index("I want to talk to a manager") < html.index("Handed over to the team: asked for a person")


def test_links_in_a_message_are_clickable_escaped_and_http_only() -> None:
    html = str(linkify('See https://dealer.test/car?id=1&x=2. <script>x</script> javascript:alert(1) "http://a.b/c"'))
    assert '<a href="https://dealer.test/car?id=1&amp;x=2" target="_blank" rel="noopener noreferrer nofollow">' in html
    assert '<a href="http://a.b/c" ' in html  # the closing quote is not part of the link
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert 'href="javascript' not in html and html.count("<a ") == 2


async def test_the_thread_shows_links_as_links(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    conversation = await chat(db, team, "Link Person")
    async with db.maint_session() as maint, maint.begin():
        row = await maint.get(Conversation, conversation.id)
        assert row is not None
        await create_message(maint, row, content="this one: https://cars.test/ioniq-5 <b>now</b>")
    client = await page_client(app, team.admin.email)
    html = (await client.get(f"/app/conversations/{conversation.id}")).text
    assert '<a href="https://cars.test/ioniq-5" target="_blank" rel="noopener noreferrer nofollow">' in html
    assert "&lt;b&gt;now&lt;/b&gt;" in html


async def test_insights_show_once_each_and_keep_the_vehicle_named(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    conversation = await chat(db, team, "Insight Person")
    async with db.maint_session() as maint, maint.begin():
        common = {"dealership_id": team.id, "customer_id": conversation.customer_id, "source": "rule"}
        maint.add(CustomerInsight(insight_type="vehicle_preference", value="Hyundai Ioniq 5", confidence=0.9, **common))
        await maint.flush()
        for _ in range(15):  # every later message repeats the same moods
            maint.add(CustomerInsight(insight_type="sentiment", value="positive", confidence=0.6, **common))
            maint.add(CustomerInsight(insight_type="urgency", value="soon", confidence=0.6, **common))
            await maint.flush()
    client = await page_client(app, team.admin.email)
    html = (await client.get(f"/app/conversations/{conversation.id}")).text
    insights = html[html.index('<h3 class="h4">Insights</h3>') :]
    insights = insights[: insights.index("</ul>")]
    assert "Hyundai Ioniq 5" in insights
    assert insights.count("positive") == 1 and insights.count("soon") == 1


async def test_the_timeline_names_people_once(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    conversation = await chat(db, team, "Timeline Person")
    staff = await sign_in(app, team.manager.email)
    reply = await staff.post(f"/api/v1/conversations/{conversation.id}/messages", json={"content": "Hello there"})
    assert reply.status_code in (200, 201), reply.text
    async with db.maint_session() as maint, maint.begin():
        row = await maint.get(Conversation, conversation.id)
        assert row is not None
        maint.add(
            Handover(
                dealership_id=team.id,
                conversation_id=row.id,
                lead_id=row.lead_id,
                reason="customer_request",
                urgency="high",
            )
        )
    async with db.maint_session() as maint:
        handover = await maint.scalar(select(Handover).where(Handover.conversation_id == conversation.id))
    assert handover is not None
    claimed = await staff.post(f"/api/v1/handovers/{handover.id}/claim")
    assert claimed.status_code == 200, claimed.text
    async with db.maint_session() as maint:
        texts = list(await maint.scalars(select(LeadActivity.description).where(LeadActivity.lead_id == row.lead_id)))
    assert "Claimed by Manager Person" in texts
    taken = await (await sign_in(app, team.agent.email)).post(f"/api/v1/handovers/{handover.id}/claim")
    assert taken.status_code == 409 and taken.json()["detail"] == "already claimed by Manager Person"
    page = await page_client(app, team.admin.email)
    html = (await page.get(f"/app/leads/{conversation.lead_id}")).text
    assert "Manager Person by" not in html and "user " + str(team.manager.id) not in html
    assert "Claimed by Manager Person" in html


async def test_asking_for_a_manager_gets_minutes_not_a_day(app: FastAPI, db: Database) -> None:
    team = await stocked_team(app, db)
    sub = team.dealership.subdomain
    guest = visitor(app)
    first = await guest.post(
        f"/api/v1/widget/{sub}/messages",
        json={"content": "Hi, is the Tucson available?", "name": "Manny Ger", "email": "manny@inbox-mail.net"},
    )
    assert first.status_code == 201, first.text
    body = first.json()
    human = await guest.post(
        f"/api/v1/widget/{sub}/messages", json={"token": body["token"], "content": "I want to talk to a manager"}
    )
    assert human.json()["handed_over"] is True
    async with db.maint_session() as maint:
        handover = await maint.scalar(select(Handover).where(Handover.conversation_id == body["conversation_id"]))
        assert handover is not None and handover.sla_due_at is not None
        # 15 minutes of opening hours: from now when open, else from the next opening (test_handover_deadlines)
        dealership = await maint.get(Dealership, team.id)
        assert dealership is not None
        assert handover.sla_due_at == sla_due(dealership, handover.requested_at, "customer_request", "high")
        assert handover.sla_due_at - handover.requested_at < timedelta(days=3)
        # and the conversation was written to the customer's profile and timeline, both ways
        customer_id = await maint.scalar(
            select(Conversation.customer_id).where(Conversation.id == handover.conversation_id)
        )
        profile = await maint.scalar(select(CustomerProfile).where(CustomerProfile.customer_id == customer_id))
        assert profile is not None and profile.last_interaction is not None
        kinds = list(
            await maint.scalars(
                select(CustomerInteraction.interaction_type).where(CustomerInteraction.profile_id == profile.id)
            )
        )
    assert kinds.count("message_inbound") == 2 and "message_outbound" in kinds
    assert "Tucson" in " ".join(profile.preferences.get("vehicle_preferences", []))


async def test_the_urgent_deadline_is_a_setting(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await page_client(app, team.admin.email)
    page = await client.get("/app/settings")
    assert 'name="sla_minutes_urgent"' in page.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    form = {"csrf_token": token.group(1), "enabled": "1", "sla_hours": "8", "sla_minutes_urgent": "5"}
    saved = await client.post("/app/settings/handover", data=form)
    assert saved.status_code in (200, 303), saved.text
    async with db.maint_session() as maint:
        d = await maint.get(Dealership, team.id)
    assert d is not None and d.settings["handover"]["sla_minutes_urgent"] == 5


async def test_unknown_app_pages_are_the_apps_404_page_and_the_api_stays_json(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await page_client(app, team.admin.email)
    page = await client.get("/app/no-such-page/here")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "Not found" in page.text
    api = await client.get("/api/v1/no-such-thing")
    assert api.status_code == 404 and api.json()["error"] == "NotFound"


async def test_every_page_has_a_favicon(app: FastAPI) -> None:
    icon = await new_client(app).get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/svg+xml"
    assert icon.content.startswith(b"<svg")


async def test_settings_warn_when_the_widget_is_allowed_on_no_site(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await page_client(app, team.admin.email)
    assert 'id="widget-no-origin"' in (await client.get("/app/settings")).text
    async with db.maint_session() as maint, maint.begin():
        d = await maint.get(Dealership, team.id)
        assert d is not None
        d.settings = {**(d.settings or {}), "widget_allowed_origins": ["https://www.dealer.test"]}
    assert 'id="widget-no-origin"' not in (await client.get("/app/settings")).text


async def test_snooze_resolve_and_assign_move_a_conversation_between_the_inbox_tabs(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    conversation = await chat(db, team, "Tabby Person")
    staff = await sign_in(app, team.agent.email)
    pages = await page_client(app, team.agent.email)
    url = f"/api/v1/conversations/{conversation.id}"

    async def listed(tab: str) -> bool:
        return "Tabby Person" in (await pages.get(f"/app/inbox?tab={tab}")).text

    past = await staff.patch(url, json={"snoozed_until": "2020-01-01T09:00:00Z"})
    assert past.status_code == 422 and past.json()["field"] == "snoozed_until"
    assert "future" in past.json()["detail"]
    later = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    snoozed = await staff.patch(url, json={"snoozed_until": later})
    assert snoozed.status_code == 200, snoozed.text
    assert snoozed.json()["snoozed_until"]
    assert not await listed("open") and await listed("snoozed")
    page = (await pages.get(f"/app/conversations/{conversation.id}")).text
    assert 'id="snoozed"' in page and "Wake now" in page

    assigned = await staff.patch(url, json={"assigned_user_id": team.manager.id})
    assert assigned.status_code == 200
    resolved = await staff.patch(url, json={"status": "resolved"})
    assert resolved.status_code == 200 and resolved.json()["snoozed_until"] is None
    assert await listed("closed") and not await listed("snoozed") and not await listed("open")
    page = (await pages.get(f"/app/conversations/{conversation.id}")).text
    assert "Reopen" in page and f'<option value="{team.manager.id}" selected>Manager Person</option>' in page
    reopened = await staff.patch(url, json={"status": "active"})
    assert reopened.status_code == 200 and await listed("open")


async def test_the_customer_list_searches_and_shows_only_this_dealerships_customers(app: FastAPI, db: Database) -> None:
    team, outsider = await create_team(db), await create_team(db)
    mine = await chat(db, team, "Carla Listed")
    await chat(db, team, "Other Person")
    await chat(db, outsider, "Carla Elsewhere")
    client = await page_client(app, team.agent.email)
    everyone = await client.get("/app/customers")
    assert everyone.status_code == 200
    assert "Carla Listed" in everyone.text and "Other Person" in everyone.text
    assert "Carla Elsewhere" not in everyone.text
    found = (await client.get("/app/customers?q=carla")).text
    assert f'href="/app/customers/{mine.customer_id}"' in found and "Other Person" not in found
    assert "No customer matches" in (await client.get("/app/customers?q=nobody-at-all")).text
    assert (await client.get("/app/customers?page=0")).status_code == 422
    new = await client.get("/app/leads/new")
    assert new.status_code == 200 and 'id="new-lead"' in new.text and 'value="walk_in"' in new.text


def test_a_car_goes_as_its_facts_and_its_http_link_only() -> None:
    car = Vehicle(
        year=2022,
        make="Hyundai",
        model="Tucson",
        trim="SEL",
        sale_price=2_799_000,
        mileage=18_250,
        condition="used",
        stock_number="T123",
        url="https://dealer.test/tucson-t123",
    )
    assert (
        car_text(car) == "2022 Hyundai Tucson SEL · $27,990 · 18,250 mi · stock #T123\nhttps://dealer.test/tucson-t123"
    )
    car.url = "javascript:alert(1)"
    assert "javascript" not in car_text(car) and "\n" not in car_text(car)


async def test_the_car_picker_finds_available_cars_of_this_dealership_only(app: FastAPI, db: Database) -> None:
    team, outsider = await create_team(db), await create_team(db)
    conversation = await chat(db, team, "Picky Person")
    async with db.maint_session() as maint, maint.begin():
        await create_vehicle(maint, team.id, make="Hyundai", model="Tucson", url="https://dealer.test/t")
        await create_vehicle(maint, team.id, make="Hyundai", model="Tucson", status="sold")
        await create_vehicle(maint, team.id, make="Kia", model="Sorento")
        await create_vehicle(maint, outsider.id, make="Hyundai", model="Tucson")
    client = await page_client(app, team.agent.email)
    found = (await client.get(f"/app/conversations/{conversation.id}/cars?q=tucson")).json()["cars"]
    assert len(found) == 1 and found[0]["url"] == "https://dealer.test/t"
    assert found[0]["text"].endswith("\nhttps://dealer.test/t") and "Tucson" in found[0]["label"]
    assert len((await client.get(f"/app/conversations/{conversation.id}/cars")).json()["cars"]) == 2
    stranger = await page_client(app, outsider.agent.email)
    assert (await stranger.get(f"/app/conversations/{conversation.id}/cars")).status_code == 404
