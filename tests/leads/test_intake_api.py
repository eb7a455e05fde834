"""Lead intake end to end: JSON and ADF over HTTP, inbound e-mail, dedupe, idempotency, races, dead letters."""

from __future__ import annotations

import asyncio
import base64
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select, text

from showroom.db.engine import Database
from showroom.models import (
    AuditLog,
    Conversation,
    Customer,
    IntakeDeadLetter,
    Lead,
    LeadActivity,
    LeadSource,
    VehicleInterest,
)
from showroom.settings import Settings
from tests.conftest import new_client
from tests.factories import create_vehicle, unique
from tests.helpers import Team, approve_routing, create_team, sign_in

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "adf"


async def integration(app: FastAPI, team: Team, scopes: list[str] | None = None) -> httpx.AsyncClient:
    admin = await sign_in(app, team.admin.email)
    key = (await admin.post("/api/v1/api-keys", json={"name": "intake", "scopes": scopes or ["leads:write"]})).json()
    client = new_client(app)
    client.headers["Authorization"] = f"Bearer {key['key']}"
    return client


async def count(db: Database, model: Any, dealership_id: int, *where: Any) -> int:
    async with db.maint_session() as maint:
        query = select(func.count()).select_from(model).where(model.dealership_id == dealership_id, *where)
        return int(await maint.scalar(query) or 0)


def json_lead(email: str = "jamie@example.com", **extra: Any) -> dict[str, Any]:
    return {
        "customer": {"first_name": "Jamie", "last_name": "Diaz", "email": email, "phone": "(312) 555-0142"},
        "vehicles": [{"interest": "buy", "year": 2025, "make": "Hyundai", "model": "Tucson", "stock_number": "H2591"}],
        "trade_in": {"year": 2016, "make": "Honda", "model": "Civic", "mileage": 98000},
        "message": "Is it still available? I can come Saturday.",
        "attribution": {
            "source": "website_form",
            "provider": "Website",
            "medium": "cpc",
            "campaign": "spring",
            "keyword": "tucson deals",
            "referrer": "https://google.com",
            "landing_page": "https://demo.example/tucson",
        },
        "custom_fields": {"preferred_time": "Saturday morning"},
        **extra,
    }


async def test_a_json_lead_lands_whole_in_one_transaction(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        car = await create_vehicle(maint, team.id, stock_number="H2591")
    client = await integration(app, team)
    response = await client.post("/api/v1/leads", json=json_lead())
    assert response.status_code == 201, response.text
    body = response.json()
    lead = body["lead"]
    assert body["duplicate"] is False and lead["lead_number"].startswith("LEAD-") and lead["source"] == "website_form"
    assert lead["campaign"] == "spring" and lead["custom_fields"] == {"preferred_time": "Saturday morning"}
    assert lead["assigned_user_id"] in (team.agent.id, team.manager.id)  # round robin among sales staff
    async with db.maint_session() as maint:
        interests = (
            await maint.scalars(
                select(VehicleInterest).where(VehicleInterest.lead_id == lead["id"]).order_by(VehicleInterest.interest)
            )
        ).all()
        customer = await maint.get(Customer, body["customer_id"])
        source = await maint.scalar(
            select(LeadSource).where(LeadSource.dealership_id == team.id, LeadSource.name == "Website")
        )
        conversation = await maint.get(Conversation, body["conversation_id"])
        activity = await maint.scalar(select(LeadActivity).where(LeadActivity.lead_id == lead["id"]))
        audit = await maint.scalar(select(AuditLog).where(AuditLog.resource_id == lead["id"]))
    assert [(i.interest, i.vehicle_id, i.is_primary) for i in interests] == [
        ("buy", car.id, True),
        ("trade-in", None, False),
    ]
    assert interests[1].mileage == 98000
    assert customer is not None and customer.phone_e164 == "+13125550142" and customer.total_leads == 1
    assert source is not None and source.type == "website_form" and source.total_leads == 1
    assert conversation is not None and conversation.channel == "email"
    assert activity is not None and activity.type == "lead_created"
    assert audit is not None and audit.action == "lead.create" and audit.api_key_id is not None


async def test_the_same_enquiry_twice_is_one_lead(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await integration(app, team)
    first = await client.post("/api/v1/leads", json=json_lead())
    again = await client.post("/api/v1/leads", json=json_lead())
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert again.json()["lead"]["id"] == first.json()["lead"]["id"]
    by_id = await client.post("/api/v1/leads", json=json_lead(external_id="W-77", message="other words"))
    resent = await client.post("/api/v1/leads", json=json_lead(email="new@example.com", external_id="W-77"))
    assert resent.json()["duplicate"] is True and resent.json()["lead"]["id"] == by_id.json()["lead"]["id"]
    other_car = json_lead()
    other_car["vehicles"][0]["model"] = "Santa Fe"
    second_lead = await client.post("/api/v1/leads", json=other_car)
    assert second_lead.status_code == 201
    assert second_lead.json()["customer_id"] == first.json()["customer_id"]  # same person, deduplicated
    assert await count(db, Lead, team.id) == 3
    assert await count(db, Customer, team.id) == 1
    assert await count(db, LeadActivity, team.id, LeadActivity.type == "duplicate_received") == 2


async def test_idempotency_key_returns_the_first_lead(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await integration(app, team)
    headers = {"Idempotency-Key": "req-123"}
    first = await client.post("/api/v1/leads", json=json_lead(), headers=headers)
    changed = json_lead(email="someone-else@example.com")
    again = await client.post("/api/v1/leads", json=changed, headers=headers)
    assert again.status_code == 200 and again.json()["lead"]["id"] == first.json()["lead"]["id"]
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(
            text("update leads set created_at = now() - interval '25 hours' where id = :id"),
            {"id": first.json()["lead"]["id"]},
        )
    later = await client.post("/api/v1/leads", json=changed, headers=headers)
    assert later.status_code == 201  # honoured for 24 hours only


async def test_concurrent_submissions_make_exactly_one_lead(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await integration(app, team)
    responses = await asyncio.gather(
        *(client.post("/api/v1/leads", json=json_lead(external_id="RACE-1")) for _ in range(8))
    )
    assert sorted(r.status_code for r in responses) == [200] * 7 + [201]
    assert len({r.json()["lead"]["id"] for r in responses}) == 1
    assert await count(db, Lead, team.id) == 1 and await count(db, Customer, team.id) == 1


async def test_customers_merge_without_losing_details(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await integration(app, team)
    await client.post(
        "/api/v1/leads", json={"customer": {"first_name": "Ana", "email": "ana@example.com"}, "external_id": "a1"}
    )
    merged = await client.post(
        "/api/v1/leads",
        json={
            "customer": {"email": "ANA@example.com ", "phone": "3125550177", "last_name": "Lopez", "first_name": ""},
            "external_id": "a2",
        },
    )
    async with db.maint_session() as maint:
        customer = await maint.get(Customer, merged.json()["customer_id"])
    assert customer is not None and customer.first_name == "Ana" and customer.last_name == "Lopez"
    assert customer.phone_e164 == "+13125550177" and customer.total_leads == 2
    await client.post(
        "/api/v1/leads", json={"customer": {"first_name": "Bo", "phone": "312-555-0188"}, "external_id": "b1"}
    )
    split = await client.post(
        "/api/v1/leads", json={"customer": {"email": "ana@example.com", "phone": "3125550188"}, "external_id": "c1"}
    )
    assert split.json()["customer_id"] == merged.json()["customer_id"]  # the e-mail match wins
    assert "Possible duplicate customer" in split.json()["notes"][0]


async def test_json_leads_without_contact_are_refused(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await integration(app, team)
    cases = [
        ({"customer": {"first_name": "No", "email": "  "}}, "customer"),
        ({"customer": {"first_name": "Ann"}, "customer_id": "7b0d3f2c-9c9a-4a47-bd8e-7f0d1f4c1a11"}, "body"),
        ({"customer": {"email": "a@example.com"}, "vehicles": [{"vin": "TOOSHORT"}]}, "vehicles.0.vin"),
        ({"customer": {"email": "a@example.com"}, "vehicles": [{"interest": "steal"}]}, "vehicles.0.interest"),
    ]
    for payload, field in cases:
        response = await client.post("/api/v1/leads", json=payload)
        assert response.status_code == 422, (payload, response.text)
        assert response.json()["field"] == field, (payload, response.json())
    assert await count(db, Lead, team.id) == 0 and await count(db, Customer, team.id) == 0


async def test_adf_fixtures_become_leads_over_http(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await integration(app, team)
    created = rejected = 0
    for path in sorted(FIXTURES.glob("*.xml")):
        response = await client.post(
            "/api/v1/leads/adf", content=path.read_bytes(), headers={"Content-Type": "application/xml"}
        )
        assert response.status_code in (200, 201, 422), (path.name, response.text)
        if response.status_code == 201:
            created += 1
        elif response.status_code == 422:
            rejected += 1
            assert response.json()["detail"], path.name
    assert created >= 15 and rejected >= 1  # the XXE sample is refused
    xxe = await client.post(
        "/api/v1/leads/adf",
        content=(FIXTURES / "seorylie_xxe_attack.xml").read_bytes(),
        headers={"Content-Type": "application/xml"},
    )
    assert xxe.status_code == 422 and "root:" not in xxe.text
    again = await client.post(
        "/api/v1/leads/adf",
        content=(FIXTURES / "seorylie_autotrader_complete.xml").read_bytes(),
        headers={"Content-Type": "text/xml"},
    )
    assert again.status_code == 200 and again.json()["results"][0]["duplicate"] is True
    async with db.maint_session() as maint:
        not_sales = (
            await maint.scalars(
                select(Lead).where(Lead.dealership_id == team.id, Lead.request_category.like("not a sales lead%"))
            )
        ).all()
        conversations = await maint.scalar(
            select(func.count())
            .select_from(Conversation)
            .where(Conversation.lead_id.in_([lead.id for lead in not_sales]))
        )
    assert not_sales and conversations == 0  # no AI cadence for a job application


async def test_adf_in_an_email_and_hostile_xml(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await integration(app, team)
    email = (FIXTURES / "hd_email_body_quoted_printable.txt").read_bytes()
    response = await client.post("/api/v1/leads/adf", content=email, headers={"Content-Type": "message/rfc822"})
    assert response.status_code in (200, 201), response.text
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        b"<adf><prospect><customer><contact><name>&lol2;</name><email>x@example.com</email></contact>"
        b"</customer></prospect></adf>"
    )
    refused = await client.post("/api/v1/leads/adf", content=laughs, headers={"Content-Type": "application/xml"})
    assert refused.status_code == 422 and "entit" in refused.json()["detail"].lower()
    deep = b"<adf>" + b"<a>" * 100 + b"</a>" * 100 + b"</adf>"
    assert (
        await client.post("/api/v1/leads/adf", content=deep, headers={"Content-Type": "application/xml"})
    ).status_code == 422
    assert (
        await client.post("/api/v1/leads/adf", content=b"{}", headers={"Content-Type": "application/json"})
    ).status_code == 415
    huge = b"<adf>" + b" " * (1024 * 1024 + 10) + b"</adf>"
    assert (
        await client.post("/api/v1/leads/adf", content=huge, headers={"Content-Type": "application/xml"})
    ).status_code == 413


async def test_inbound_email_routes_by_address_or_vendor_else_dead_letter(settings: Settings, db: Database) -> None:
    from showroom.app import create_app

    team = await create_team(db)
    configured = Settings.model_validate({**settings.model_dump(), "inbound_email_secret": "inbound-secret-value"})
    application = create_app(configured, database=db)
    adf = (FIXTURES / "seorylie_dealersite_valid.xml").read_text()
    async with application.router.lifespan_context(application):
        client = new_client(application)
        payload = {
            "to": f"Leads <leads+{team.dealership.subdomain}@inbound.showroom.example>",
            "from": "noreply@dealersite.example",
            "subject": "New lead",
            "text": "see attachment",
            "attachments": [
                {
                    "filename": "lead.xml",
                    "content_type": "application/xml",
                    "content": base64.b64encode(adf.encode()).decode(),
                }
            ],
        }
        assert (await client.post("/api/v1/inbound/email", json=payload)).status_code == 401
        auth = {"Authorization": "Bearer inbound-secret-value"}
        routed = await client.post("/api/v1/inbound/email", json=payload, headers=auth)
        assert routed.status_code == 201, routed.text
        assert await count(db, Lead, team.id) == 1

        vendor = unique("Vendor Motors")
        admin = await sign_in(application, team.admin.email)
        await admin.patch("/api/v1/dealership", json={"lead_routing": {"adf_vendor_names": [vendor]}})
        await approve_routing(application, db, team.id)
        by_vendor = adf.replace("Test Vendor", vendor).replace("test-123", "test-456")
        routed = await client.post(
            "/api/v1/inbound/email",
            headers=auth,
            json={
                "to": "sales@inbound.showroom.example",
                "raw": f"Subject: lead\nContent-Type: text/plain\n\n{by_vendor}",
            },
        )
        assert routed.status_code == 201, routed.text
        assert await count(db, Lead, team.id) == 2

        stray = adf.replace("Test Vendor", "Nowhere Auto Group").replace("test-123", "test-789")
        lost = await client.post(
            "/api/v1/inbound/email", headers=auth, json={"to": "nobody@inbound.showroom.example", "text": stray}
        )
        assert lost.status_code == 422, lost.text
        letter_id = lost.json()["results"][0]["dead_letter_id"]
        assert "no dealership matches" in lost.json()["detail"]
    async with db.maint_session() as maint:
        letter = await maint.get(IntakeDeadLetter, letter_id)
    assert letter is not None and letter.channel == "inbound_email" and "<adf" in letter.payload.lower()
    assert letter.recipient == "nobody@inbound.showroom.example"


async def test_inbound_email_is_off_until_configured(app: FastAPI) -> None:
    response = await new_client(app).post("/api/v1/inbound/email", json={"to": "a@b.example", "text": "x"})
    assert response.status_code == 503 and "SHOWROOM_INBOUND_EMAIL_SECRET" in response.json()["detail"]


async def test_a_super_admin_files_a_dead_letter_under_a_dealership(settings: Settings, db: Database) -> None:
    from showroom.app import create_app
    from tests.helpers import create_super_admin

    team = await create_team(db)
    configured = Settings.model_validate({**settings.model_dump(), "inbound_email_secret": "dead-letter-secret"})
    application = create_app(configured, database=db)
    stray = (FIXTURES / "seorylie_dealersite_valid.xml").read_text().replace("Test Vendor", unique("Nobody Motors"))
    async with application.router.lifespan_context(application):
        lost = await new_client(application).post(
            "/api/v1/inbound/email",
            json={"to": "x@in.example", "text": stray},
            headers={"Authorization": "Bearer dead-letter-secret"},
        )
        letter_id = lost.json()["results"][0]["dead_letter_id"]
        root = await sign_in(application, (await create_super_admin(db)).email)
        listed = (await root.get("/api/v1/dead-letters")).json()
        assert any(letter["id"] == letter_id for letter in listed)
        admin = await sign_in(application, team.admin.email)
        assert (await admin.get("/api/v1/dead-letters")).status_code == 403
        filed = await root.post(f"/api/v1/dead-letters/{letter_id}/assign", json={"dealership_id": team.id})
        assert filed.status_code == 200, filed.text
        assert filed.json()["lead"]["source"] == "adf_email"
        twice = await root.post(f"/api/v1/dead-letters/{letter_id}/assign", json={"dealership_id": team.id})
        assert twice.status_code == 409
    assert await count(db, Lead, team.id) == 1
