"""Issue 21, the inbox's tools: snooze until the customer answers, labels, saved replies with variables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
from fastapi import FastAPI

from showroom.brain.saved_replies import fill, unknown_variables
from showroom.db.engine import Database
from showroom.models import Conversation, Customer, VehicleInterest
from tests.helpers import Team, create_team, sign_in
from tests.web.test_staff_pages import chat, csrf_of, page_client


async def integration(app: FastAPI, team: Team) -> httpx.AsyncClient:
    """A client posting as an integration would: the customer's inbound messages, with an API key."""
    admin = await sign_in(app, team.admin.email)
    key = await admin.post("/api/v1/api-keys", json={"name": "crm", "scopes": ["conversations:write"]})
    assert key.status_code == 201, key.text
    return httpx.AsyncClient(
        transport=admin._transport,
        base_url="http://testserver",
        headers={"Authorization": f"Bearer {key.json()['key']}"},
    )


async def test_a_conversation_snoozed_until_the_customer_answers_wakes_on_their_message(
    app: FastAPI, db: Database
) -> None:
    team = await create_team(db)
    conversation = await chat(db, team, "Sleepy Person")
    staff = await sign_in(app, team.agent.email)
    pages = await page_client(app, team.agent.email)
    url = f"/api/v1/conversations/{conversation.id}"

    async def listed(tab: str) -> bool:
        return "Sleepy Person" in (await pages.get(f"/app/inbox?tab={tab}")).text

    both = await staff.patch(url, json={"snoozed_until_reply": True, "snoozed_until": "2030-01-01T00:00:00Z"})
    assert both.status_code == 422 and both.json()["field"] == "snoozed_until_reply"
    snoozed = await staff.patch(url, json={"snoozed_until_reply": True})
    assert snoozed.status_code == 200, snoozed.text
    assert snoozed.json()["snoozed_until_reply"] is True and snoozed.json()["snoozed_until"] is None
    assert await listed("snoozed") and not await listed("open") and not await listed("mine")
    page = (await pages.get(f"/app/conversations/{conversation.id}")).text
    assert "Snoozed until the customer answers" in page and "Wake now" in page

    crm = await integration(app, team)
    answer = await crm.post(f"{url}/messages", json={"content": "Is it still available?"})
    assert answer.status_code == 201, answer.text
    woken = (await staff.get(url)).json()
    assert woken["snoozed_until_reply"] is False and woken["snoozed_until"] is None
    assert await listed("open") and not await listed("snoozed")


async def test_the_customers_answer_wakes_a_timed_snooze_too_and_wake_now_clears_either(
    app: FastAPI, db: Database
) -> None:
    team = await create_team(db)
    conversation = await chat(db, team, "Timed Person")
    staff = await sign_in(app, team.agent.email)
    url = f"/api/v1/conversations/{conversation.id}"
    later = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    assert (await staff.patch(url, json={"snoozed_until": later})).status_code == 200
    crm = await integration(app, team)
    assert (await crm.post(f"{url}/messages", json={"content": "Hello again"})).status_code == 201
    assert (await staff.get(url)).json()["snoozed_until"] is None

    assert (await staff.patch(url, json={"snoozed_until_reply": True})).json()["snoozed_until_reply"] is True
    woken = await staff.patch(url, json={"snoozed_until": None})
    assert woken.json()["snoozed_until_reply"] is False
    assert (await staff.patch(url, json={"snoozed_until_reply": None})).status_code == 422
    assert (await staff.patch(url, json={"status": "resolved"})).status_code == 200
    closed = await staff.patch(url, json={"snoozed_until_reply": True})
    assert closed.status_code == 422 and "reopen it first" in closed.json()["detail"]


async def test_labels_are_kept_once_each_shown_on_the_row_and_filter_the_inbox(app: FastAPI, db: Database) -> None:
    team, outsider = await create_team(db), await create_team(db)
    tagged = await chat(db, team, "Tagged Person")
    await chat(db, team, "Plain Person")
    elsewhere = await chat(db, outsider, "Other Tagged")
    staff = await sign_in(app, team.agent.email)
    url = f"/api/v1/conversations/{tagged.id}"
    response = await staff.patch(url, json={"tags": ["VIP", " trade-in ", "vip"]})
    assert response.status_code == 200, response.text
    assert response.json()["tags"] == ["VIP", "trade-in"]
    too_long = await staff.patch(url, json={"tags": ["x" * 51]})
    assert too_long.status_code == 422 and "tags" in too_long.json()["field"]
    async with db.maint_session() as maint, maint.begin():
        other = await maint.get(Conversation, elsewhere.id)
        assert other is not None
        other.tags = ["VIP"]

    pages = await page_client(app, team.agent.email)
    inbox = (await pages.get("/app/inbox")).text
    assert '<span class="chip label-chip" title="Label">VIP</span>' in inbox
    filtered = (await pages.get("/app/inbox?label=VIP")).text
    assert "Tagged Person" in filtered and "Plain Person" not in filtered and "Other Tagged" not in filtered
    assert 'data-label="VIP"' in filtered and "Show all labels" in filtered
    rows = (await pages.get("/app/inbox/rows?tab=open&label=trade-in")).json()
    assert "Tagged Person" in rows["html"] and "Plain Person" not in rows["html"]
    page = (await pages.get(f"/app/conversations/{tagged.id}")).text
    assert 'data-remove-label="trade-in"' in page and '<option value="VIP">' in page
    assert (await pages.get("/app/inbox?label=" + "x" * 51)).status_code == 422


def test_saved_reply_variables_fill_what_they_can_and_leave_the_rest_visible() -> None:
    body = "Hi {{ customer.first_name }}, the {{vehicle}} is here. {{agent.name}} ({{customer.first_name}})"
    done = fill(body, {"customer.first_name": "Ana", "vehicle": None, "agent.name": "  "})
    assert done.text == "Hi Ana, the {{vehicle}} is here. {{agent.name}} (Ana)"
    assert done.missing == ["vehicle", "agent.name"]
    assert unknown_variables("{{customer.first_name}} {{customer.shoe_size}} {{price}} {{price}}") == [
        "customer.shoe_size",
        "price",
    ]


async def test_managers_keep_saved_replies_and_staff_insert_them_filled_in(app: FastAPI, db: Database) -> None:
    team, outsider = await create_team(db), await create_team(db)
    conversation = await chat(db, team, "Ana Filled")
    async with db.maint_session() as maint, maint.begin():
        customer = await maint.get(Customer, conversation.customer_id)
        assert customer is not None
        customer.first_name = "Ana"
        maint.add(
            VehicleInterest(
                dealership_id=team.id,
                lead_id=conversation.lead_id,
                is_primary=True,
                year=2024,
                make="Hyundai",
                model="Tucson",
                trim="Limited",
            )
        )
    manager, agent = await sign_in(app, team.manager.email), await sign_in(app, team.agent.email)
    body = "Hi {{customer.first_name}}, the {{vehicle}} is ready. {{agent.name}}, {{dealership.phone}}"
    unknown = await manager.post("/api/v1/saved-replies", json={"title": "Ready", "body": "Hi {{customer.shoe}}"})
    assert unknown.status_code == 422 and unknown.json()["field"] == "body"
    assert "{{customer.shoe}}" in unknown.json()["detail"]
    created = await manager.post("/api/v1/saved-replies", json={"title": "Ready", "body": body})
    assert created.status_code == 201, created.text
    again = await manager.post("/api/v1/saved-replies", json={"title": "Ready", "body": "Hi"})
    assert again.status_code == 409 and again.json()["field"] == "title"
    denied = await agent.post("/api/v1/saved-replies", json={"title": "Mine", "body": "Hi"})
    assert denied.status_code == 403

    filled = await agent.get(f"/api/v1/conversations/{conversation.id}/saved-replies")
    assert filled.status_code == 200, filled.text
    [reply] = filled.json()
    agent_name = team.agent.name
    assert reply["text"] == f"Hi Ana, the 2024 Hyundai Tucson Limited is ready. {agent_name}, {{{{dealership.phone}}}}"
    assert reply["missing"] == ["dealership.phone"]
    page = (await page_client(app, team.agent.email)).get(f"/app/conversations/{conversation.id}")
    html = (await page).text
    assert 'id="saved-reply"' in html and "the 2024 Hyundai Tucson Limited is ready" in html
    assert 'data-missing="{{dealership.phone}}"' in html

    other = await sign_in(app, outsider.admin.email)
    assert (await other.get(f"/api/v1/conversations/{conversation.id}/saved-replies")).status_code == 404
    assert (await other.get("/api/v1/saved-replies")).json() == []
    reply_id = created.json()["id"]
    assert (await other.patch(f"/api/v1/saved-replies/{reply_id}", json={"body": "x"})).status_code == 404
    assert (await other.delete(f"/api/v1/saved-replies/{reply_id}")).status_code == 404
    edited = await manager.patch(f"/api/v1/saved-replies/{reply_id}", json={"body": "Hello {{customer.name}}"})
    assert edited.status_code == 200 and edited.json()["body"] == "Hello {{customer.name}}"
    assert (await manager.delete(f"/api/v1/saved-replies/{reply_id}")).status_code == 204
    assert (await agent.get("/api/v1/saved-replies")).json() == []


async def test_the_saved_replies_page_adds_edits_and_deletes_for_managers_only(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await page_client(app, team.manager.email)
    page = await manager.get("/app/saved-replies")
    assert page.status_code == 200 and "Add a saved reply" in page.text and "{{customer.first_name}}" in page.text
    token = csrf_of(page.text)
    bad = await manager.post("/app/saved-replies", data={"csrf_token": token, "title": "Bad", "body": "{{nope}}"})
    assert bad.status_code == 422 and "unknown variable {{nope}}" in bad.text
    empty = await manager.post("/app/saved-replies", data={"csrf_token": token, "title": "", "body": "x"})
    assert empty.status_code == 422 and "title" in empty.text
    made = await manager.post("/app/saved-replies", data={"csrf_token": token, "title": "Thanks", "body": "Thank you"})
    assert made.status_code == 303
    listed = (await manager.get("/app/saved-replies")).text
    assert 'value="Thanks"' in listed
    reply_id = listed.split('action="/app/saved-replies/')[1].split('"')[0]
    saved = await manager.post(
        f"/app/saved-replies/{reply_id}",
        data={"csrf_token": token, "action": "save", "title": "Thanks", "body": "Thank you, {{customer.first_name}}"},
    )
    assert saved.status_code == 303
    agent = await page_client(app, team.agent.email)
    read_only = (await agent.get("/app/saved-replies")).text
    assert "Thank you, {{customer.first_name}}" in read_only and "Add a saved reply" not in read_only
    refused = await agent.post(
        f"/app/saved-replies/{reply_id}", data={"csrf_token": csrf_of(read_only), "action": "delete"}
    )
    assert refused.status_code == 403
    gone = await manager.post(f"/app/saved-replies/{reply_id}", data={"csrf_token": token, "action": "delete"})
    assert gone.status_code == 303 and "No saved replies yet" in (await manager.get("/app/saved-replies")).text
