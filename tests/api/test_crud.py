"""Core CRUD under /api/v1: vehicles, customers, leads, conversations, messages — as a staff user would."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import AuditLog, Conversation, Lead
from tests.conftest import Worker
from tests.factories import create_customer, vin
from tests.helpers import create_team, sign_in


async def test_vehicle_lifecycle_with_money_in_cents(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    body = {
        "vin": "1hgcm82633a004352",
        "make": "Honda",
        "model": "Accord",
        "year": 2024,
        "price": 2_899_900,
        "condition": "used",
        "mileage": 12_000,
        "features": ["heated seats"],
    }
    created = await manager.post("/api/v1/vehicles", json=body)
    assert created.status_code == 201, created.text
    vehicle = created.json()
    assert vehicle["vin"] == "1HGCM82633A004352" and vehicle["price"] == 2_899_900 and vehicle["warnings"] == []
    dup = await manager.post("/api/v1/vehicles", json=body)
    assert dup.status_code == 409 and dup.json()["field"] == "vin"
    patched = await manager.patch(f"/api/v1/vehicles/{vehicle['id']}", json={"price": 2_750_000, "status": "pending"})
    assert patched.json()["price"] == 2_750_000 and patched.json()["status"] == "pending"
    found = await manager.get("/api/v1/vehicles", params={"q": "accord", "price_max": 3_000_000})
    assert [v["id"] for v in found.json()["items"]] == [vehicle["id"]]
    gone = await manager.delete(f"/api/v1/vehicles/{vehicle['id']}")
    assert gone.json()["is_active"] is False
    assert (await manager.get("/api/v1/vehicles", params={"q": "accord"})).json()["items"] == []
    assert (await manager.get(f"/api/v1/vehicles/{vehicle['id']}")).status_code == 200


async def test_vehicle_validation_names_the_field(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    base = {"vin": vin(), "make": "Kia", "model": "Soul", "year": 2023}
    cases = [
        ({**base, "vin": "SHORT123"}, "vin"),
        ({**base, "vin": "1HGCM82633A00435O"}, "vin"),
        ({**base, "year": datetime.now(UTC).year + 3}, "year"),
        ({**base, "price": -5}, "price"),
        ({**base, "price": "cheap"}, "price"),
        ({**base, "colour": "red"}, "colour"),
        ({k: v for k, v in base.items() if k != "make"}, "make"),
    ]
    for payload, field in cases:
        response = await manager.post("/api/v1/vehicles", json=payload)
        assert response.status_code == 422, (payload, response.text)
        assert response.json()["field"] == field, response.json()
    warned = await manager.post("/api/v1/vehicles", json={**base, "vin": "1HGCM82633A004353"})
    assert warned.status_code == 201
    assert "check digit" in warned.json()["warnings"][0]


async def test_customers_are_normalised_and_unique(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    agent = await sign_in(app, team.agent.email)
    created = await agent.post(
        "/api/v1/customers",
        json={
            "first_name": "Dana",
            "last_name": "Reyes",
            "email": " Dana.Reyes@Example.COM ",
            "phone": "(312) 555-0147",
        },
    )
    assert created.status_code == 201, created.text
    customer = created.json()
    assert customer["email_normalized"] == "dana.reyes@example.com" and customer["phone_e164"] == "+13125550147"
    assert customer["full_name"] == "Dana Reyes"
    dup = await agent.post("/api/v1/customers", json={"first_name": "D", "phone": "312.555.0147"})
    assert dup.status_code == 409 and dup.json()["field"] == "phone"
    bad = await agent.post("/api/v1/customers", json={"first_name": "D", "phone": "12"})
    assert bad.status_code == 422 and bad.json()["field"] == "phone"
    search = await agent.get("/api/v1/customers", params={"q": "555-0147"})
    assert [c["id"] for c in search.json()["items"]] == [customer["id"]]


async def test_erasing_a_customer_removes_their_leads_and_keeps_no_personal_data(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    customer = (await manager.post("/api/v1/customers", json={"first_name": "Eve", "email": "eve@example.com"})).json()
    lead = (await manager.post("/api/v1/leads", json={"customer_id": customer["id"]})).json()["lead"]
    assert (await manager.delete(f"/api/v1/customers/{customer['id']}")).status_code == 204
    assert (await manager.get(f"/api/v1/leads/{lead['id']}")).status_code == 404
    async with db.maint_session() as maint:
        audit = await maint.scalar(
            select(AuditLog).where(AuditLog.action == "customer.erase", AuditLog.resource_id == customer["id"])
        )
    assert audit is not None and audit.before is None and "eve" not in str(audit.details)


async def test_lead_numbers_statuses_and_timeline(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    agent = await sign_in(app, team.agent.email)
    customer = (await agent.post("/api/v1/customers", json={"first_name": "Lee", "email": "lee@example.com"})).json()
    first = (
        await agent.post("/api/v1/leads", json={"customer_id": customer["id"], "attribution": {"source": "walk_in"}})
    ).json()["lead"]
    second = (
        await agent.post("/api/v1/leads", json={"customer_id": customer["id"], "attribution": {"source": "phone_call"}})
    ).json()["lead"]
    yy = datetime.now(UTC).year % 100
    assert first["lead_number"] == f"LEAD-{yy:02d}-00001" and second["lead_number"] == f"LEAD-{yy:02d}-00002"
    url = f"/api/v1/leads/{first['id']}"
    assert (await agent.patch(url, json={"status": "qualified"})).status_code == 200
    back = await agent.patch(url, json={"status": "new"})
    assert back.status_code == 422 and back.json()["field"] == "status"
    no_reason = await agent.patch(url, json={"status": "lost"})
    assert no_reason.status_code == 422 and no_reason.json()["field"] == "lost_reason"
    lost = await agent.patch(url, json={"status": "lost", "lost_reason": "bought elsewhere", "note": "Went to CarMax"})
    assert lost.json()["status"] == "lost" and lost.json()["lost_reason"] == "bought elsewhere"
    stale = await agent.patch(url, json={"priority": "high", "version": 1})
    assert stale.status_code == 409 and stale.json()["field"] == "version"
    assigned = await agent.patch(url, json={"assigned_user_id": team.admin.id, "version": lost.json()["version"]})
    assert assigned.status_code == 200
    timeline = (await agent.get(f"{url}/activities")).json()
    assert [a["type"] for a in timeline] == ["lead_created", "status_changed", "status_changed", "note", "assigned"]
    assert timeline[2]["description"] == "Status qualified → lost (bought elsewhere)"


async def test_a_lead_cannot_point_at_another_dealerships_customer(app: FastAPI, db: Database) -> None:
    team, other = await create_team(db), await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        foreign = await create_customer(maint, other.id)
    agent = await sign_in(app, team.agent.email)
    response = await agent.post("/api/v1/leads", json={"customer_id": str(foreign.id)})
    assert response.status_code == 404 and response.json()["field"] == "customer_id"
    assigned = await agent.post(
        "/api/v1/leads",
        json={
            "customer_id": (
                await agent.post("/api/v1/customers", json={"first_name": "Z", "email": "z@example.com"})
            ).json()["id"],
            "assigned_user_id": other.agent.id,
        },
    )
    assert assigned.status_code == 404 and assigned.json()["field"] == "assigned_user_id"
    async with db.maint_session() as maint:
        assert await maint.scalar(select(Lead).where(Lead.customer_id == foreign.id)) is None


async def test_lists_page_by_cursor_without_skipping_or_repeating(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    agent = await sign_in(app, team.agent.email)
    customer = (await agent.post("/api/v1/customers", json={"first_name": "Page", "email": "page@example.com"})).json()
    for i in range(5):  # distinct provider ids: the same enquiry twice a day would be one lead
        await agent.post("/api/v1/leads", json={"customer_id": customer["id"], "external_id": f"p{i}"})
    seen: list[str] = []
    page = (await agent.get("/api/v1/leads", params={"limit": 2})).json()
    seen += [lead["id"] for lead in page["items"]]
    await agent.post("/api/v1/leads", json={"customer_id": customer["id"], "external_id": "late"})  # arrives meanwhile
    while page["next_cursor"]:
        page = (await agent.get("/api/v1/leads", params={"limit": 2, "cursor": page["next_cursor"]})).json()
        seen += [lead["id"] for lead in page["items"]]
    assert len(seen) == len(set(seen)) == 5
    bad = await agent.get("/api/v1/leads", params={"cursor": "not-a-cursor"})
    assert bad.status_code == 422 and bad.json()["field"] == "cursor"
    bad_sort = await agent.get("/api/v1/leads", params={"sort": "password"})
    assert bad_sort.status_code == 422 and bad_sort.json()["field"] == "sort"


async def test_conversation_messages_notes_and_idempotent_inbound(app: FastAPI, db: Database, worker: Worker) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    customer = (await admin.post("/api/v1/customers", json={"first_name": "Cy", "phone": "+1 312 555 0199"})).json()
    lead = (await admin.post("/api/v1/leads", json={"customer_id": customer["id"]})).json()["lead"]
    conversation = (await admin.post("/api/v1/conversations", json={"lead_id": lead["id"], "channel": "sms"})).json()
    url = f"/api/v1/conversations/{conversation['id']}/messages"
    key = (await admin.post("/api/v1/api-keys", json={"name": "sms", "scopes": ["conversations:write"]})).json()["key"]
    integration = admin.__class__(
        transport=admin._transport, base_url="http://testserver", headers={"Authorization": f"Bearer {key}"}
    )
    inbound = await integration.post(
        url, json={"content": "Hi <b>there</b>'; drop table leads;--"}, headers={"Idempotency-Key": "sms-123"}
    )
    assert inbound.status_code == 201 and inbound.json()["sender"] == "customer"
    again = await integration.post(
        url, json={"content": "Hi <b>there</b>'; drop table leads;--"}, headers={"Idempotency-Key": "sms-123"}
    )
    assert again.status_code == 200 and again.json()["id"] == inbound.json()["id"]
    assert again.json()["content"] == "Hi <b>there</b>'; drop table leads;--"  # stored verbatim, returned as JSON
    note = await admin.post(url, json={"content": "Customer prefers texts", "type": "internal_note"})
    reply = await admin.post(url, json={"content": "Thanks! When can you come by?"})
    assert note.json()["delivery_status"] is None and reply.json()["delivery_status"] == "queued"  # sent after commit
    await worker("delivery")
    sent = (await admin.get(url)).json()["items"]
    assert next(m for m in sent if m["id"] == reply.json()["id"])["delivery_status"] == "sent"  # the SMS outbox
    staff_view = [(m["type"], m["sender"]) for m in (await admin.get(url)).json()["items"]]
    assert staff_view == [
        ("inbound", "customer"),
        ("outbound", "ai"),
        ("internal_note", "agent"),
        ("outbound", "agent"),
    ]
    customer_view = [m["type"] for m in (await integration.get(url)).json()["items"]]
    assert customer_view == ["inbound", "outbound", "outbound"]  # never the internal note
    empty = await admin.post(url, json={"content": " \x00\x07 "})
    assert empty.status_code == 422 and empty.json()["field"] == "content"
    archived = await admin.delete(f"/api/v1/conversations/{conversation['id']}")
    assert archived.json()["status"] == "archived" and archived.json()["closed_at"]
    closed = await admin.post(url, json={"content": "Hello?"})
    assert closed.status_code == 409
    async with db.maint_session() as maint:
        row = await maint.get(Conversation, uuid.UUID(conversation["id"]))
    assert row is not None and row.message_count == 4 and row.ai_paused  # a human replied: the AI stepped back
