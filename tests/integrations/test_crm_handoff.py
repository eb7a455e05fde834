"""The CRM hand-off end to end: admin settings (bad address → 422 naming the field), an ADF 1.0 e-mail sent over a
real SMTP server (aiosmtpd) that Showroom's own ADF reader reads back into the same lead, the rule (every new lead,
or once when qualified or handed over), tracking (queued, sent, failed with the reason, retried), the re-send from
the API and the lead page, permissions and tenancy."""

from __future__ import annotations

import uuid
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select, update

from showroom.db.engine import Database
from showroom.leads.adf.parse import parse_adf
from showroom.models import CrmHandoff, Handover
from showroom.settings import Settings
from tests.conftest import Worker
from tests.factories import create_conversation, unique
from tests.helpers import create_team, sign_in
from tests.integrations.conftest import Inbox

CRM = "/api/v1/integrations/crm"


def a_lead(email: str, phone: str = "(312) 555-0142", external_id: str = "CARS-778812") -> dict[str, Any]:
    return {
        "customer": {
            "first_name": "Jamie",
            "last_name": "Diaz",
            "email": email,
            "phone": phone,
            "address": "12 Elm St",
            "city": "Chicago",
            "state": "IL",
            "zip_code": "60601",
        },
        "vehicles": [
            {"interest": "buy", "year": 2025, "make": "Hyundai", "model": "Tucson", "stock_number": "H2591"},
            {"interest": "test-drive", "year": 2024, "make": "Kia", "model": "Sportage", "vin": "5XYK33AF4RG123456"},
        ],
        "trade_in": {"year": 2016, "make": "Honda", "model": "Civic", "mileage": 98000},
        "message": "Is it still available? Me & my wife <3 it.",
        "external_id": external_id,
        "attribution": {"source": "partner", "provider": "Cars.com"},
    }


async def set_crm(admin: Any, email: str, send_when: str) -> None:
    answer = await admin.put(CRM, json={"email": email, "send_when": send_when})
    assert answer.status_code == 200, answer.text


async def test_a_crm_address_that_is_not_an_e_mail_is_a_422_naming_the_field(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    answer = await admin.put(CRM, json={"email": "leads at crm", "send_when": "qualified"})
    assert answer.status_code == 422 and answer.json()["field"] == "email", answer.json()
    answer = await admin.put(CRM, json={"email": "leads@crm.example", "send_when": "sometimes"})
    assert answer.status_code == 422 and answer.json()["field"] == "send_when", answer.json()
    patched = await admin.patch("/api/v1/dealership", json={"settings": {"crm": {"email": "nope"}}})
    assert patched.status_code == 422 and patched.json()["field"] == "settings.crm.email", patched.json()
    assert (await admin.get(CRM)).json() == {"email": None, "send_when": "qualified"}


async def test_a_qualified_lead_reaches_the_crm_as_adf_that_reads_back_as_the_same_lead(
    app: FastAPI, db: Database, worker: Worker, smtp: tuple[Settings, Inbox]
) -> None:
    configured, inbox = smtp
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    crm = f"{unique('leads')}@crm.example"
    await set_crm(admin, crm, "qualified")
    email = f"{unique('jamie')}@inbox-mail.net"
    created = await admin.post("/api/v1/leads", json=a_lead(email))
    assert created.status_code == 201, created.text
    lead_id = created.json()["lead"]["id"]
    await worker(settings=configured)
    assert inbox.to(crm) == []  # new, not qualified yet

    lead = (await admin.get(f"/api/v1/leads/{lead_id}")).json()
    moved = await admin.patch(f"/api/v1/leads/{lead_id}", json={"status": "qualified", "version": lead["version"]})
    assert moved.status_code == 200, moved.text
    await worker(settings=configured)

    [sent] = inbox.to(crm)
    assert sent.get_content_type() == "text/plain" and not sent.is_multipart()
    assert sent["Message-ID"].startswith("<crm-") and "Jamie Diaz" in sent["Subject"]
    body = sent.get_content().replace("\r\n", "\n")
    assert sent["Content-Transfer-Encoding"] in ("7bit", "8bit")
    assert body.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<?adf version="1.0"?>')
    parsed = parse_adf(body.encode())
    assert parsed.warnings == []
    assert parsed.primary_id is not None
    assert (parsed.primary_id.source, parsed.primary_id.value, parsed.status) == ("Showroom", lead_id, "new")
    assert [(i.source, i.value) for i in parsed.ids][1] == ("Cars.com", "CARS-778812")
    customer = parsed.customer
    assert (customer.first_name, customer.last_name, customer.email) == ("Jamie", "Diaz", email)
    assert customer.primary_phone is not None and customer.primary_phone.e164 == "+13125550142"
    assert (customer.street, customer.city, customer.region, customer.postal_code) == (
        "12 Elm St",
        "Chicago",
        "IL",
        "60601",
    )
    vehicles = {(v.interest, v.year, v.make, v.model, v.stock_number, v.vin, v.mileage) for v in parsed.vehicles}
    assert vehicles == {
        ("buy", 2025, "Hyundai", "Tucson", "H2591", None, None),
        ("test-drive", 2024, "Kia", "Sportage", None, "5XYK33AF4RG123456", None),
        ("trade-in", 2016, "Honda", "Civic", None, None, 98000),
    }
    assert (parsed.provider_name, parsed.provider_service) == ("Showroom", "Cars.com")
    assert parsed.vendor_name == team.dealership.name
    assert parsed.comments is not None and "Original source: Cars.com" in parsed.comments
    assert f"/app/conversations/{created.json()['conversation_id']}" in parsed.comments

    [tracked] = (await admin.get(f"/api/v1/leads/{lead_id}/crm-handoffs")).json()
    assert (tracked["status"], tracked["trigger"], tracked["attempts"], tracked["to_address"]) == (
        "sent",
        "qualified",
        1,
        crm,
    )
    assert tracked["message_id"] == sent["Message-ID"] and tracked["adf"] == body

    # Moving on to an appointment is not a second hand-off; a person's re-send is, with status resend, same id.
    lead = (await admin.get(f"/api/v1/leads/{lead_id}")).json()
    await admin.patch(f"/api/v1/leads/{lead_id}", json={"status": "negotiation", "version": lead["version"]})
    again = await admin.post(f"/api/v1/leads/{lead_id}/crm-handoffs")
    assert again.status_code == 202 and again.json()["status"] == "queued", again.text
    await worker(settings=configured)
    first, second = inbox.to(crm)
    resent = parse_adf(second.get_content().encode())
    assert resent.status == "resend" and resent.primary_id == parsed.primary_id
    assert second["Message-ID"] != first["Message-ID"]
    statuses = [(h["trigger"], h["status"]) for h in (await admin.get(f"/api/v1/leads/{lead_id}/crm-handoffs")).json()]
    assert statuses == [("resend", "sent"), ("qualified", "sent")]


async def test_every_new_lead_goes_once_when_the_rule_says_so_and_a_handover_sends_under_the_other_rule(
    app: FastAPI, db: Database, worker: Worker, smtp: tuple[Settings, Inbox]
) -> None:
    configured, inbox = smtp
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    crm = f"{unique('leads')}@crm.example"
    await set_crm(admin, crm, "new_lead")
    created = (await admin.post("/api/v1/leads", json=a_lead(f"{unique('n')}@inbox-mail.net"))).json()
    lead_id = created["lead"]["id"]
    lead = (await admin.get(f"/api/v1/leads/{lead_id}")).json()
    await admin.patch(f"/api/v1/leads/{lead_id}", json={"status": "qualified", "version": lead["version"]})
    await worker(settings=configured)
    assert len(inbox.to(crm)) == 1

    await set_crm(admin, crm, "qualified")
    other = (
        await admin.post(
            "/api/v1/leads", json=a_lead(f"{unique('h')}@inbox-mail.net", "(312) 555-0199", unique("CARS"))
        )
    ).json()
    assert not other["duplicate"]
    other_id = uuid.UUID(other["lead"]["id"])
    async with db.session(team.id) as session, session.begin():
        from showroom.models import Lead

        row = await session.get(Lead, other_id)
        assert row is not None
        conversation = await create_conversation(session, row)
        session.add(
            Handover(
                dealership_id=team.id,
                conversation_id=conversation.id,
                lead_id=row.id,
                reason="customer_request",
                description="wants a person",
                dossier={
                    "summary": "Jamie wants the Tucson and asked for a person.",
                    "appointment": {
                        "requested": "Saturday 2026-12-12 10:00 America/Chicago",
                        "words": "saturday at 10",
                    },
                },
            )
        )
    await worker(settings=configured)
    handed = [m for m in inbox.to(crm) if str(other_id) in m.get_content()]
    assert len(handed) == 1
    parsed = parse_adf(handed[0].get_content().encode())
    assert parsed.comments is not None and "Handover summary: Jamie wants the Tucson" in parsed.comments
    assert f"/app/conversations/{conversation.id}" in parsed.comments
    assert str(parsed.timeframe_earliest) == "2026-12-12" and "Saturday 2026-12-12 10:00" in (parsed.timeframe or "")


async def test_an_unreachable_crm_mail_server_is_retried_then_failed_with_the_reason(
    app: FastAPI, db: Database, worker: Worker, settings: Settings
) -> None:
    broken = Settings.model_validate({**settings.model_dump(), "smtp_url": "smtp://127.0.0.1:9"})
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    await set_crm(admin, "leads@crm.example", "new_lead")
    created = (await admin.post("/api/v1/leads", json=a_lead(f"{unique('f')}@inbox-mail.net"))).json()
    lead_id = created["lead"]["id"]
    await worker(settings=broken)
    [tracked] = (await admin.get(f"/api/v1/leads/{lead_id}/crm-handoffs")).json()
    assert tracked["status"] == "queued" and tracked["attempts"] == 1 and tracked["next_attempt_at"]
    assert "mail server" in tracked["last_error"]
    async with db.maint_session() as maint, maint.begin():  # the last retry is due now
        await maint.execute(
            update(CrmHandoff).where(CrmHandoff.id == uuid.UUID(tracked["id"])).values(attempts=5, next_attempt_at=None)
        )
        await maint.execute(
            __import__("sqlalchemy").text(
                "update procrastinate_jobs set scheduled_at = now() where task_name = 'showroom:crm.send' "
                "and status = 'todo' and args->>'handoff_id' = :id"
            ),
            {"id": tracked["id"]},
        )
    await worker(settings=broken)
    [tracked] = (await admin.get(f"/api/v1/leads/{lead_id}/crm-handoffs")).json()
    assert tracked["status"] == "failed" and tracked["attempts"] == 6 and "mail server" in tracked["last_error"]


async def test_who_may_set_the_crm_and_resend_and_outsiders_see_404(app: FastAPI, db: Database) -> None:
    team, other = await create_team(db), await create_team(db)
    admin, agent = await sign_in(app, team.admin.email), await sign_in(app, team.agent.email)
    outsider = await sign_in(app, other.admin.email)
    assert (await agent.put(CRM, json={"email": "x@crm.example"})).status_code == 403
    assert (await agent.get(CRM)).status_code == 403
    created = (await admin.post("/api/v1/leads", json=a_lead(f"{unique('p')}@inbox-mail.net"))).json()
    lead_id = created["lead"]["id"]
    no_crm = await agent.post(f"/api/v1/leads/{lead_id}/crm-handoffs")
    assert no_crm.status_code == 409 and no_crm.json()["field"] == "crm.email"
    await set_crm(admin, "x@crm.example", "qualified")
    assert (await agent.post(f"/api/v1/leads/{lead_id}/crm-handoffs")).status_code == 202
    assert len((await agent.get(f"/api/v1/leads/{lead_id}/crm-handoffs")).json()) == 1
    assert (await outsider.get(f"/api/v1/leads/{lead_id}/crm-handoffs")).status_code == 404
    assert (await outsider.post(f"/api/v1/leads/{lead_id}/crm-handoffs")).status_code == 404
    async with db.maint_session() as maint:
        rows = (await maint.scalars(select(CrmHandoff).where(CrmHandoff.dealership_id == other.id))).all()
    assert rows == []
