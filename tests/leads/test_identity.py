"""Issue 14: doubtful contacts kept and flagged, swapped fields put right, who a customer is (same e-mail; same
phone under another name), staff confirming a contact and merging customers, consent to automated texts."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from showroom.app import create_app
from showroom.db.engine import Database
from showroom.models import AuditLog, Conversation, Customer, Handover, Lead, LeadSource, Message
from showroom.settings import Settings
from tests.agent.test_conversations_flow import stocked_team, visitor
from tests.conftest import Worker, new_client
from tests.factories import create_customer
from tests.helpers import approve_routing, create_team, sign_in
from tests.leads.test_intake_api import count, integration

UNSEEN = Path(__file__).resolve().parents[1] / "fixtures" / "adf_unseen"
XML = {"Content-Type": "application/xml"}


async def test_a_reserved_address_and_a_phone_without_area_code_make_a_flagged_lead_for_staff(
    app: FastAPI, db: Database
) -> None:
    team = await create_team(db)
    client = await integration(app, team)
    document = (UNSEEN / "02_cargurus_reserved_domain_local_phone.xml").read_bytes()
    response = await client.post("/api/v1/leads/adf", content=document, headers=XML)
    assert response.status_code == 201, response.text
    result = response.json()["results"][0]
    assert result["outcome"] == "lead" and result["source"] == "CarGurus"
    agent = await sign_in(app, team.agent.email)
    customer = (await agent.get(f"/api/v1/customers/{result['lead']['customer_id']}")).json()
    assert customer["email"] == "dwayne@example.com" and customer["phone"] == "555-0143"
    assert customer["phone_e164"] is None
    assert customer["contact_flags"]["email"]["reason"] == "example.com is a reserved or example domain"
    assert customer["contact_flags"]["phone"]["reason"] == "has no area code"
    async with db.maint_session() as maint:
        handover = await maint.scalar(select(Handover).where(Handover.lead_id == result["lead"]["id"]))
        conversation = await maint.scalar(select(Conversation).where(Conversation.lead_id == result["lead"]["id"]))
    assert handover is not None and handover.status == "pending" and handover.description
    assert "'dwayne@example.com' is unverified" in handover.description and "'555-0143'" in handover.description
    assert conversation is not None and conversation.ai_paused
    page = (await agent.get(f"/app/leads/{result['lead']['id']}")).text  # staff see why, on the lead page too
    assert "unverified: has no area code" in page and "unverified: example.com is a reserved or example domain" in page
    assert "CarGurus" in page


async def test_staff_confirm_a_flagged_contact_audited_with_why_it_was_flagged(
    app: FastAPI, db: Database, worker: Worker
) -> None:
    team = await stocked_team(app, db)
    client = await integration(app, team)
    lead = {"customer": {"first_name": "Pat", "email": f"pat{team.id}@example.com"}, "message": "Any Tucson?"}
    made = (await client.post("/api/v1/leads", json=lead)).json()
    agent = await sign_in(app, team.agent.email)
    url = f"/api/v1/customers/{made['customer_id']}"
    assert "email" in (await agent.get(url)).json()["contact_flags"]
    wrong = await agent.post(f"{url}/confirm-contact", json={"field": "phone"})
    assert wrong.status_code == 422 and wrong.json()["field"] == "field"
    confirmed = await agent.post(f"{url}/confirm-contact", json={"field": "email"})
    assert confirmed.status_code == 200 and "email" not in confirmed.json()["contact_flags"]
    conversation = made["conversation_id"]
    reply = await agent.post(f"/api/v1/conversations/{conversation}/messages", json={"content": "Hi Pat, Sam here."})
    assert reply.status_code in (200, 201), reply.text
    async with db.maint_session() as maint:
        audit = await maint.scalar(
            select(AuditLog).where(AuditLog.action == "customer.confirm_contact", AuditLog.dealership_id == team.id)
        )
    assert audit is not None and audit.details["field"] == "email"
    assert audit.details["was_flagged_because"] == "example.com is a reserved or example domain"


async def test_swapped_fields_are_put_right(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await integration(app, team)
    document = (UNSEEN / "04_carscom_swapped_fields.xml").read_bytes()
    result = (await client.post("/api/v1/leads/adf", content=document, headers=XML)).json()["results"][0]
    assert result["outcome"] == "lead", result
    async with db.maint_session() as maint:
        customer = await maint.get(Customer, result["lead"]["customer_id"])
    assert customer is not None
    assert customer.email_normalized == "mgarcia77@yahoo.com" and customer.full_name == "Unknown"
    assert customer.phone_e164 == "+14695550177"
    assert customer.contact_flags["phone"]["reason"] == "was given in the e-mail field"
    assert "email" not in customer.contact_flags


async def test_the_same_phone_under_another_name_is_a_new_customer_greeted_by_their_own_name(
    app: FastAPI, db: Database, worker: Worker
) -> None:
    """The issue's Jane and Michael: Jane's lead, sent with Michael's number, is Jane's; the two customers are
    linked as possible duplicates on both; the agent writes to Jane as Jane and never texts Michael's number."""
    team = await stocked_team(app, db)
    client = await integration(app, team)
    michael = {"customer": {"first_name": "Michael", "last_name": "Johnson", "phone": "(312) 555-0177"}}
    michael["customer"]["sms_consent"] = {"granted": True, "wording": "Text me about my enquiry"}
    first = (await client.post("/api/v1/leads", json=michael)).json()
    jane = (
        "<adf><prospect><id source='TrueCar'>JD-1</id><vehicle><year>2024</year><make>Hyundai</make>"
        "<model>Tucson</model></vehicle><customer><contact><name part='first'>Jane</name><name part='last'>Doe"
        f"</name><email>jane{team.id}@inbox-mail.net</email><phone>312-555-0177</phone></contact>"
        "<comments>Is the Tucson still available?</comments></customer>"
        "<provider><name>TrueCar</name></provider></prospect></adf>"
    )
    result = (await client.post("/api/v1/leads/adf", content=jane, headers=XML)).json()["results"][0]
    assert result["outcome"] == "lead"
    jane_id, michael_id = result["lead"]["customer_id"], first["customer_id"]
    assert jane_id != michael_id
    agent = await sign_in(app, team.agent.email)
    jane_out = (await agent.get(f"/api/v1/customers/{jane_id}")).json()
    michael_out = (await agent.get(f"/api/v1/customers/{michael_id}")).json()
    assert jane_out["full_name"] == "Jane Doe" and jane_out["phone"] == "312-555-0177"
    assert jane_out["phone_e164"] is None and "Michael Johnson" in jane_out["contact_flags"]["phone"]["reason"]
    assert [d["customer_id"] for d in jane_out["possible_duplicates"]] == [michael_id]
    assert [d["customer_id"] for d in michael_out["possible_duplicates"]] == [jane_id]
    await worker("agent", "delivery")
    async with db.maint_session() as maint:
        replies = (
            await maint.scalars(
                select(Message)
                .join(Conversation)
                .where(Conversation.lead_id == result["lead"]["id"], Message.sender == "ai")
            )
        ).all()
    assert replies and all(m.channel == "email" for m in replies)
    assert "Jane" in replies[0].content and "Michael" not in replies[0].content


async def test_the_same_email_is_the_same_customer_whatever_the_name(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await integration(app, team)
    one = await client.post("/api/v1/leads", json={"customer": {"first_name": "Al", "email": "AL@inbox-mail.net"}})
    two = await client.post(
        "/api/v1/leads",
        json={"customer": {"first_name": "Albert", "email": " al@inbox-mail.net"}, "message": "a Kona please"},
    )
    assert one.json()["customer_id"] == two.json()["customer_id"]


async def test_staff_merge_two_customers_moving_everything_audited(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await integration(app, team)
    a = (
        await client.post("/api/v1/leads", json={"customer": {"first_name": "Kim", "email": "kim@inbox-mail.net"}})
    ).json()
    b = (
        await client.post(
            "/api/v1/leads",
            json={"customer": {"first_name": "Kimberly", "last_name": "Lee", "phone": "(312) 555-0190"}},
        )
    ).json()
    async with db.maint_session() as maint, maint.begin():
        other = await maint.get(Customer, b["customer_id"])
        assert other is not None
        other.opted_out_channels = {"sms": "2026-12-01T10:00:00+00:00"}
        third = await create_customer(maint, team.id, full_name="Kimmy Lee")
        link = {"customer_id": b["customer_id"], "name": "Kimberly Lee", "reason": "same phone", "at": "2026-12-06"}
        third.possible_duplicates = [link]
    agent = await sign_in(app, team.agent.email)
    url = f"/api/v1/customers/{a['customer_id']}/merge"
    assert (await agent.post(url, json={"duplicate_id": b["customer_id"]})).status_code == 403  # managers merge
    manager = await sign_in(app, team.manager.email)
    itself = await manager.post(url, json={"duplicate_id": a["customer_id"]})
    assert itself.status_code == 422 and itself.json()["field"] == "duplicate_id"
    merged = await manager.post(url, json={"duplicate_id": b["customer_id"]})
    assert merged.status_code == 200, merged.text
    body = merged.json()
    assert body["moved"]["leads"] == 1 and body["moved"]["conversations"] == 1
    kept = body["customer"]
    assert kept["email_normalized"] == "kim@inbox-mail.net" and kept["phone_e164"] == "+13125550190"
    assert kept["last_name"] == "Lee" and kept["total_leads"] == 2
    assert kept["opted_out_channels"] == {"sms": "2026-12-01T10:00:00+00:00"}  # a STOP survives the merge
    assert (await manager.get(f"/api/v1/customers/{b['customer_id']}")).status_code == 404
    relinked = (await manager.get(f"/api/v1/customers/{third.id}")).json()["possible_duplicates"]
    assert [d["customer_id"] for d in relinked] == [a["customer_id"]]  # points at the kept customer now
    async with db.maint_session() as maint:
        leads = (await maint.scalars(select(Lead.customer_id).where(Lead.dealership_id == team.id))).all()
        audit = await maint.scalar(
            select(AuditLog).where(AuditLog.action == "customer.merge", AuditLog.dealership_id == team.id)
        )
    assert set(map(str, leads)) == {a["customer_id"]}
    assert audit is not None and audit.details["merged_customer_id"] == b["customer_id"]
    assert audit.details["moved"]["leads"] == 1 and audit.details["merged_customer"]["first_name"] == "Kimberly"
    outsider_team = await create_team(db)
    outsider = await sign_in(app, outsider_team.manager.email)
    assert (await outsider.post(url, json={"duplicate_id": b["customer_id"]})).status_code == 404
    assert await count(db, Customer, team.id) == 2
    page = await manager.get(f"/app/customers/{a['customer_id']}")
    assert page.status_code == 200 and "Kim" in page.text and "moved leads: 1" in page.text
    assert (await outsider.get(f"/app/customers/{a['customer_id']}")).status_code == 404


async def test_without_consent_to_texts_a_phone_only_lead_goes_to_staff_and_with_it_is_texted(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    team = await stocked_team(app, db)
    client = await integration(app, team)
    silent = (
        await client.post("/api/v1/leads", json={"customer": {"first_name": "Ola", "phone": "(312) 555-0123"}})
    ).json()
    consent = {"granted": True, "wording": "I agree to receive automated texts from Lakeside"}
    texted = (
        await client.post(
            "/api/v1/leads",
            json={
                "customer": {"first_name": "Eli", "phone": "(312) 555-0124", "sms_consent": consent},
                "message": "Tucson?",
            },
        )
    ).json()
    await worker("agent", "delivery")
    async with db.maint_session() as maint:
        handover = await maint.scalar(select(Handover).where(Handover.lead_id == silent["lead"]["id"]))
        none_sent = await maint.scalar(
            select(Message).where(Message.conversation_id == silent["conversation_id"], Message.sender == "ai")
        )
        sent = await maint.scalar(
            select(Message).where(Message.conversation_id == texted["conversation_id"], Message.sender == "ai")
        )
        eli = await maint.get(Customer, texted["customer_id"])
    assert handover is not None and "no consent to automated texts" in (handover.description or "")
    assert none_sent is None
    assert sent is not None and sent.channel == "sms" and sent.delivery_status == "sent"
    assert eli is not None and eli.sms_consent is not None
    assert eli.sms_consent["source"] == "json lead" and eli.sms_consent["wording"] == consent["wording"]


async def test_the_source_is_the_provider_one_per_provider_renamed_merged_and_priced(
    app: FastAPI, db: Database
) -> None:
    team = await create_team(db)
    client = await integration(app, team)

    async def post(provider: str, n: int, extra: str = "") -> dict[str, Any]:
        document = (
            f"<adf><prospect><id source='{provider}'>P-{n}</id><customer><contact><name part='full'>Buyer {n}</name>"
            f"<email>b{n}@inbox-mail.net</email></contact></customer>{extra}</prospect></adf>"
        )
        result = (await client.post("/api/v1/leads/adf", content=document, headers=XML)).json()["results"][0]
        assert result["outcome"] == "lead", result
        return result

    assert (await post("CarGurus", 1, "<provider><name>CarGurus</name></provider>"))["source"] == "CarGurus"
    assert (await post("cargurus.com", 2))["source"] == "CarGurus"  # the id source; the same provider key
    assert (await post("AutoTrader", 3))["source"] == "AutoTrader"
    await post("Autotrader.com", 4)
    await post("TrueCar", 5)
    admin = await sign_in(app, team.admin.email)
    listed = {s["name"]: s for s in (await admin.get("/api/v1/lead-sources")).json()}
    assert listed["CarGurus"]["leads_this_month"] == 2 and listed["CarGurus"]["provider_keys"] == ["cargurus"]
    assert listed["AutoTrader"]["leads_this_month"] == 2 and "cargurus.com" not in listed
    renamed = await admin.patch(
        f"/api/v1/lead-sources/{listed['CarGurus']['id']}", json={"name": "CarGurus (paid)", "monthly_cost": 60000}
    )
    assert renamed.status_code == 200 and renamed.json()["cost_per_lead"] == 30000
    assert (await post("CarGurus", 6))["source"] == "CarGurus (paid)"  # counted under the renamed source
    async with db.maint_session() as maint:
        lead_source = await maint.scalar(
            select(Lead.source_id).where(Lead.dealership_id == team.id, Lead.external_id == "P-6")
        )
    assert str(lead_source) == listed["CarGurus"]["id"]
    taken = await admin.patch(f"/api/v1/lead-sources/{listed['TrueCar']['id']}", json={"name": "AutoTrader"})
    assert taken.status_code == 409 and taken.json()["field"] == "name"
    agent = await sign_in(app, team.agent.email)
    url = f"/api/v1/lead-sources/{listed['AutoTrader']['id']}/merge"
    assert (await agent.post(url, json={"source_id": listed["TrueCar"]["id"]})).status_code == 403
    merged = await admin.post(url, json={"source_id": listed["TrueCar"]["id"]})
    assert merged.status_code == 200 and merged.json()["leads_moved"] == 1
    assert merged.json()["source"]["leads_this_month"] == 3
    assert sorted(merged.json()["source"]["provider_keys"]) == ["autotrader", "truecar"]
    assert (await post("TrueCar", 7))["source"] == "AutoTrader"
    after = {s["name"]: s for s in (await admin.get("/api/v1/lead-sources")).json()}
    assert "TrueCar" not in after and after["AutoTrader"]["leads_this_month"] == 4


async def test_consent_to_texts_comes_from_the_widget_box_an_adf_line_or_the_customer_texting_first(
    app: FastAPI, db: Database, settings: Settings
) -> None:
    team = await stocked_team(app, db)
    guest = visitor(app)
    sub = team.dealership.subdomain
    first = await guest.post(f"/api/v1/widget/{sub}/messages", json={"content": "Any hybrids?"})
    wording = "Text me about this chat. Msg rates may apply. Reply STOP to stop."
    said = await guest.post(
        f"/api/v1/widget/{sub}/contact",
        json={
            "token": first.json()["token"],
            "phone": "(312) 555-0131",
            "sms_opt_in": True,
            "sms_opt_in_wording": wording,
        },
    )
    assert said.status_code == 200, said.text
    client = await integration(app, team)
    adf = (UNSEEN / "03_truecar_complete_with_sms_consent.xml").read_bytes()
    truecar = (await client.post("/api/v1/leads/adf", content=adf, headers=XML)).json()["results"][0]
    secret = "webhook-secret-for-tests"
    application = create_app(Settings.model_validate({**settings.model_dump(), "webhook_secret": secret}), database=db)
    number = f"+1312557{team.id % 10000:04d}"
    admin = await sign_in(app, team.admin.email)
    current = (await admin.get("/api/v1/dealership")).json()["settings"]
    await admin.patch("/api/v1/dealership", json={"settings": {**current, "sms_number": number}})
    await approve_routing(app, db, team.id)
    async with application.router.lifespan_context(application):
        hook = new_client(application)
        hook.headers["Authorization"] = f"Bearer {secret}"
        body = {"from": "(312) 555-0132", "to": number, "body": "Hi, is the Tucson still there?", "message_id": "m1"}
        texted = await hook.post("/api/v1/webhooks/sms", json=body)
    assert texted.status_code == 201, texted.text
    async with db.maint_session() as maint:
        by_phone = {
            c.phone_e164: c.sms_consent
            for c in (await maint.scalars(select(Customer).where(Customer.dealership_id == team.id))).all()
        }
        priya = await maint.get(Customer, truecar["lead"]["customer_id"])
    assert by_phone["+13125550131"] is not None and by_phone["+13125550131"]["source"] == "widget"
    assert by_phone["+13125550131"]["wording"] == wording
    assert priya is not None and priya.sms_consent is not None and priya.sms_consent["source"] == "adf comments"
    assert priya.sms_consent["wording"].startswith("TrueCar Guaranteed Savings certificate. SMS Consent: Yes")
    assert by_phone["+13125550132"] is not None and by_phone["+13125550132"]["source"] == "customer texted first"
    assert by_phone["+13125550132"]["wording"] == "Hi, is the Tucson still there?"


async def test_a_refusal_stands_when_the_customer_texts_but_start_gives_consent(
    app: FastAPI, db: Database, settings: Settings
) -> None:
    team = await stocked_team(app, db)
    client = await integration(app, team)
    refused = {"granted": False, "wording": "Do not text me"}
    made = (
        await client.post(
            "/api/v1/leads", json={"customer": {"first_name": "Noa", "phone": "(312) 555-0133", "sms_consent": refused}}
        )
    ).json()
    secret = "webhook-secret-for-tests"
    application = create_app(Settings.model_validate({**settings.model_dump(), "webhook_secret": secret}), database=db)
    number = f"+1312558{team.id % 10000:04d}"
    admin = await sign_in(app, team.admin.email)
    current = (await admin.get("/api/v1/dealership")).json()["settings"]
    await admin.patch("/api/v1/dealership", json={"settings": {**current, "sms_number": number}})
    await approve_routing(app, db, team.id)

    async def consent() -> dict[str, Any] | None:
        async with db.maint_session() as maint:
            noa = await maint.get(Customer, made["customer_id"])
            assert noa is not None
            return noa.sms_consent

    async with application.router.lifespan_context(application):
        hook = new_client(application)
        hook.headers["Authorization"] = f"Bearer {secret}"
        body = {"from": "(312) 555-0133", "to": number, "body": "Is the Tucson still there?", "message_id": "n1"}
        assert (await hook.post("/api/v1/webhooks/sms", json=body)).status_code == 201
        after_text = await consent()
        start = await hook.post("/api/v1/webhooks/sms", json={**body, "body": "START", "message_id": "n2"})
        assert start.status_code == 201, start.text
    assert after_text is not None and after_text["granted"] is False  # texting us does not undo a refusal
    given = await consent()
    assert given is not None and given["granted"] is True and given["source"] == "customer texted START"


async def test_concurrent_leads_of_a_new_provider_make_one_source_and_concurrent_merges_one_merge(
    app: FastAPI, db: Database
) -> None:
    team = await create_team(db)
    client = await integration(app, team)

    def doc(n: int) -> str:
        return (
            f"<adf><prospect><id source='Brand New Leads'>N-{n}</id><customer><contact><name part='full'>N {n}</name>"
            f"<email>n{n}@inbox-mail.net</email></contact></customer></prospect></adf>"
        )

    answers = await asyncio.gather(*(client.post("/api/v1/leads/adf", content=doc(n), headers=XML) for n in range(4)))
    assert [a.status_code for a in answers] == [201] * 4
    assert await count(db, LeadSource, team.id, LeadSource.name == "Brand New Leads") == 1
    ids = [a.json()["results"][0]["lead"]["customer_id"] for a in answers]
    manager = await sign_in(app, team.manager.email)
    second = await sign_in(app, team.manager.email)
    url = f"/api/v1/customers/{ids[0]}/merge"
    merges = await asyncio.gather(
        manager.post(url, json={"duplicate_id": ids[1]}), second.post(url, json={"duplicate_id": ids[1]})
    )
    assert sorted(m.status_code for m in merges) == [200, 404]
    assert await count(db, Customer, team.id) == 3
