"""Bounces that come back by mail, over real servers: the report goes out through a real SMTP server (aiosmtpd)
from a signed VERP envelope sender, a Postfix-style delivery status notification (RFC 3464) for it is put into a
real IMAP mailbox (dovecot), the intake reads it and the schedule's owner is told, exactly once, however many
copies and polls; a forged bounce changes nothing; a bounce is never a lead. A customer's e-mail that bounces is
failed with the reason and its address marked undeliverable until staff clear it."""

from __future__ import annotations

import base64
import imaplib
import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi import FastAPI
from sqlalchemy import func, select, update

from showroom.bounces.address import bounced_ref
from showroom.conversations.channels import may_automate
from showroom.db.engine import Database
from showroom.models import AuditLog, Customer, InboundMailbox, Lead, Message, WebhookDelivery, WebhookEndpoint
from showroom.settings import Settings
from tests.agent.test_conversations_flow import stocked_team
from tests.bounces.samples import dsn, qmail_bounce
from tests.conftest import Worker, new_client
from tests.helpers import Team, create_team, sign_in
from tests.integrations.imap_server import ImapServer, running
from tests.integrations.test_crm_handoff import a_lead
from tests.integrations.test_imap_intake import ADF, mailbox_for
from tests.integrations.test_webhooks_out import add_endpoint

DOMAIN = "reply.showroom.test"
GONE = "gone@inbox-mail.net"


class Envelopes:
    """An SMTP server that keeps each message with its envelope: MAIL FROM, RCPT TO, the bytes."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((str(envelope.mail_from), list(envelope.rcpt_tos), bytes(envelope.content)))
        return "250 OK"

    def with_subject(self, part: str) -> list[tuple[str, list[str], EmailMessage]]:
        found = []
        for mail_from, rcpt, raw in self.messages:
            parsed = message_from_bytes(raw, policy=policy.default)
            assert isinstance(parsed, EmailMessage)
            if part in str(parsed["Subject"]):
                found.append((mail_from, rcpt, parsed))
        return found


@pytest.fixture(scope="module")
def imap_server() -> Iterator[ImapServer]:
    yield from running()


@pytest.fixture
async def bounce_app(settings: Settings, db: Database) -> AsyncIterator[tuple[FastAPI, Settings, Envelopes]]:
    from showroom.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    envelopes = Envelopes()
    controller = Controller(envelopes, hostname="127.0.0.1", port=port)
    controller.start()
    configured = Settings.model_validate({
        **settings.model_dump(), "smtp_url": f"smtp://127.0.0.1:{port}",
        "mail_from": "Showroom <no-reply@showroom.test>",
        "inbound_email_domain": DOMAIN, "webhook_secret": "hook-secret", "inbound_email_secret": "inbound-secret",
        "imap_allow_private_hosts": True,
    })  # fmt: skip
    application = create_app(configured, database=db)
    try:
        async with application.router.lifespan_context(application):
            yield application, configured, envelopes
    finally:
        controller.stop()
        async with db.maint_session() as maint, maint.begin():  # later tests' workers must not poll a stopped server
            await maint.execute(update(InboundMailbox).values(enabled=False))


def deliver(server: ImapServer, raw: bytes, folder: str) -> None:
    """Put a message into the mailbox, as the mail server that received the bounce would."""
    client = imaplib.IMAP4(server.host, server.port)
    client.login(server.user, server.password)
    client.create(folder)  # an error when it exists: fine
    client.append(folder, None, None, raw)
    client.logout()


async def poll(app: FastAPI, team: Team, worker: Worker, settings: Settings) -> None:
    admin = await sign_in(app, team.admin.email)
    assert (await admin.post("/api/v1/integrations/imap/poll")).status_code in (202, 200)
    await worker("imap", settings=settings)
    await worker("mail", settings=settings)


async def leads_of(db: Database, team: Team) -> int:
    async with db.maint_session() as maint:
        return int(await maint.scalar(select(func.count()).select_from(Lead).where(Lead.dealership_id == team.id)) or 0)


async def send_report(app: FastAPI, team: Team, worker: Worker, settings: Settings, envelopes: Envelopes) -> tuple[
    int, str, EmailMessage
]:  # fmt: skip
    manager = await sign_in(app, team.manager.email)
    name = f"Weekly {uuid.uuid4().hex[:6]}"
    made = await manager.post("/api/v1/report-schedules", json={
        "name": name, "frequency": "daily", "timezone": "UTC", "recipients": ["gm@inbox-mail.net", GONE]})  # fmt: skip
    schedule_id = made.json()["id"]
    assert (await manager.post(f"/api/v1/report-schedules/{schedule_id}/send-now")).status_code == 202
    await worker("mail", settings=settings)
    [(mail_from, rcpt, report)] = [
        m for m in envelopes.with_subject(name) if "not delivered" not in str(m[2]["Subject"])
    ]
    assert sorted(rcpt) == ["gm@inbox-mail.net", GONE]
    return schedule_id, mail_from, report


async def test_a_report_that_bounces_later_is_reported_to_its_owner_once(
    bounce_app: tuple[FastAPI, Settings, Envelopes], db: Database, worker: Worker, imap_server: ImapServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    app, settings, envelopes = bounce_app
    team = await create_team(db)
    schedule_id, mail_from, report = await send_report(app, team, worker, settings, envelopes)
    local, _, host = mail_from.partition("@")
    assert host == DOMAIN and local.startswith(f"bounces+r{team.id}-{schedule_id}-") and len(local) <= 64
    assert bounced_ref(settings, mail_from) is not None

    folder = f"Bounces{team.id}"
    deliver(imap_server, dsn(report, mail_from, GONE), folder)
    await mailbox_for(app, team, imap_server, monkeypatch, folder=folder)
    await worker("imap", settings=settings)
    await worker("mail", settings=settings)
    # the owner's notices only: other tests' reports (other dealerships, the same schedule ids) share the SMTP sink
    notices = [(rcpt, n) for _, rcpt, n in envelopes.with_subject("not delivered") if rcpt == [team.manager.email]]
    assert len(notices) == 1 and str(schedule_id) in str(notices[0][1]["Message-ID"])
    text = notices[0][1].get_body(preferencelist=("plain",))
    assert text is not None and f"{GONE}: 550 5.1.1" in text.get_content() and "User unknown" in text.get_content()

    # The same bounce again (a second copy, a delay notice, an older server's form), polled again: nobody is told twice.
    deliver(imap_server, dsn(report, mail_from, GONE), folder)
    deliver(imap_server, qmail_bounce(mail_from, GONE, report).as_bytes(), folder)
    deliver(imap_server, dsn(report, mail_from, "gm@inbox-mail.net", status="4.4.1", action="delayed",
                             diagnostic="smtp; 451 4.4.1 try again later"), folder)  # fmt: skip
    await poll(app, team, worker, settings)
    await poll(app, team, worker, settings)
    again = [n for _, rcpt, n in envelopes.with_subject("not delivered") if rcpt == [team.manager.email]]
    assert len(again) == 1
    async with db.maint_session() as maint:
        audits = (await maint.scalars(select(AuditLog.details).where(
            AuditLog.action == "report_schedule.bounce", AuditLog.resource_id == str(schedule_id)))).all()  # fmt: skip
    assert [sorted(d["bounced"]) for d in audits] == [[GONE]]
    page = await (await sign_in(app, team.admin.email)).get(f"/app/settings/reports/{schedule_id}")
    assert GONE in page.text and "User unknown" in page.text
    assert await leads_of(db, team) == 0  # no bounce became a lead


async def test_a_forged_or_unmatched_bounce_changes_nothing_and_is_never_a_lead(
    bounce_app: tuple[FastAPI, Settings, Envelopes], db: Database, worker: Worker, imap_server: ImapServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    app, settings, envelopes = bounce_app
    team, other = await create_team(db), await create_team(db)
    schedule_id, mail_from, report = await send_report(app, team, worker, settings, envelopes)
    local, _, host = mail_from.partition("@")
    forged = f"{local[:-1]}{'a' if local[-1] != 'a' else 'b'}@{host}"
    folder = f"Forged{team.id}"
    deliver(imap_server, dsn(report, forged, GONE), folder)  # a tag that does not match
    deliver(imap_server, dsn(report, f"bounces@{DOMAIN}", GONE), folder)  # no token: nothing to match
    deliver(imap_server, dsn(report, "sales@dealer.example", GONE), folder)  # a stray report to the dealer's address
    await mailbox_for(app, team, imap_server, monkeypatch, folder=folder)
    await worker("imap", settings=settings)
    await worker("mail", settings=settings)
    # The genuine bounce of one dealership's report, read from another's mailbox: not theirs to act on.
    other_folder = f"Other{other.id}"
    deliver(imap_server, dsn(report, mail_from, GONE), other_folder)
    await mailbox_for(app, other, imap_server, monkeypatch, folder=other_folder)
    await worker("imap", settings=settings)
    await worker("mail", settings=settings)

    assert envelopes.with_subject("not delivered") == [] or all(
        str(schedule_id) not in str(n["Message-ID"]) for _, _, n in envelopes.with_subject("not delivered")
    )
    async with db.maint_session() as maint:
        bounces = await maint.scalar(select(func.count()).select_from(AuditLog).where(
            AuditLog.action == "report_schedule.bounce", AuditLog.resource_id == str(schedule_id)))  # fmt: skip
        taken = await maint.scalar(select(InboundMailbox.messages_taken).where(InboundMailbox.dealership_id == team.id))
        daemons = await maint.scalar(select(func.count()).select_from(Customer).where(
            Customer.email_normalized.like("mailer-daemon@%")))  # fmt: skip
    assert bounces == 0 and taken == 3 and daemons == 0
    assert await leads_of(db, team) == 0 and await leads_of(db, other) == 0


async def test_a_customer_email_that_bounces_fails_and_marks_the_address_until_staff_clear_it(
    bounce_app: tuple[FastAPI, Settings, Envelopes], db: Database, worker: Worker
) -> None:
    app, settings, envelopes = bounce_app
    team = await stocked_team(app, db)
    await add_endpoint(db, team.id, "https://93.184.216.34/status", settings, ["message.sent", "message.failed"])
    admin = await sign_in(app, team.admin.email)
    address = f"robin{team.id}@inbox-mail.net"
    created = await admin.post("/api/v1/leads", json={"customer": {"email": address}, "message": "Any Santa Fe?"})
    conversation_id = created.json()["conversation_id"]
    await worker("agent", "delivery", settings=settings)
    [(mail_from, _, sent)] = [(f, r, m) for f, r, raw in envelopes.messages if address in r
                              for m in [message_from_bytes(raw, policy=policy.default)]]  # fmt: skip
    assert mail_from.startswith(f"bounces+m{team.id}-") and mail_from.endswith(f"@{DOMAIN}")
    async with db.maint_session() as maint:
        message = await maint.scalar(select(Message).where(Message.external_message_id == sent["Message-ID"]))
    assert message is not None and message.delivery_status == "sent"

    hook = new_client(app)
    hook.headers["Authorization"] = "Bearer hook-secret"
    raw = dsn(sent, mail_from, address)  # type: ignore[arg-type]
    body = {"from": "MAILER-DAEMON@mx.inbox-mail.net", "to": mail_from, "subject": "Undelivered Mail",
            "text": "returned", "message_id": f"<dsn-{team.id}@mx>", "raw": base64.b64encode(raw).decode()}  # fmt: skip
    delayed = dsn(sent, mail_from, address, status="4.2.2", action="delayed", diagnostic="smtp; 452 4.2.2 full")  # type: ignore[arg-type]
    soft = await hook.post("/api/v1/webhooks/email", json={**body, "raw": base64.b64encode(delayed).decode()})
    assert soft.status_code == 202 and "delayed" in soft.json()["outcome"], soft.text
    async with db.maint_session() as maint:
        assert (await maint.get(Message, message.id)).delivery_status == "sent"  # type: ignore[union-attr]

    answer = await hook.post("/api/v1/webhooks/email", json=body)
    assert answer.status_code == 202 and answer.json()["bounce"] is True, answer.text
    async with db.maint_session() as maint:
        failed = await maint.get(Message, message.id)
        customer = await maint.scalar(select(Customer).where(Customer.email_normalized == address))
    assert failed is not None and failed.delivery_status == "failed"
    assert failed.delivery_error is not None and failed.delivery_error.startswith("bounced: 550 5.1.1")
    assert customer is not None and customer.contact_flags["email"]["bounced"] is True
    assert may_automate(customer, "email") is not None and "undeliverable" in str(may_automate(customer, "email"))
    async with db.maint_session() as maint:
        events = (await maint.scalars(select(WebhookDelivery).where(WebhookDelivery.dealership_id == team.id)
                                      .order_by(WebhookDelivery.created_at))).all()  # fmt: skip
    told = [(e.event_type, e.payload["data"]["message"].get("delivery_error")) for e in events]
    assert [kind for kind, _ in told] == ["message.sent", "message.failed"], told  # the delay told nothing
    assert str(told[1][1]).startswith("bounced: 550 5.1.1")
    async with db.maint_session() as maint, maint.begin():  # its deliveries are not for later tests' workers to try
        await maint.execute(
            update(WebhookEndpoint).where(WebhookEndpoint.dealership_id == team.id).values(enabled=False)
        )
    conversation = await admin.get(f"/app/conversations/{conversation_id}")
    assert "bounced: 550 5.1.1" in conversation.text
    page = await admin.get(f"/app/customers/{customer.id}")
    assert "data-undeliverable" in page.text and "Clear the mark" in page.text
    messages = await admin.get(f"/api/v1/conversations/{conversation_id}/messages")
    assert any((m.get("delivery_error") or "").startswith("bounced:") for m in messages.json()["items"]), messages.text

    cleared = await admin.post(f"/api/v1/customers/{customer.id}/confirm-contact", json={"field": "email"})
    assert cleared.status_code == 200, cleared.text
    async with db.maint_session() as maint:
        customer = await maint.get(Customer, customer.id)
    assert customer is not None and "email" not in customer.contact_flags and may_automate(customer, "email") is None
    assert await leads_of(db, team) == 1  # the customer's own lead; the bounce made none


async def test_a_returned_adf_email_posted_to_the_inbound_route_is_no_lead(
    bounce_app: tuple[FastAPI, Settings, Envelopes], db: Database
) -> None:
    app, _, _ = bounce_app
    team = await create_team(db)
    returned = EmailMessage()
    returned["From"], returned["To"] = "Showroom <no-reply@showroom.test>", f"leads+{team.dealership.subdomain}@x.test"
    returned["Subject"], returned["Message-ID"] = "New lead", f"<crm-{team.id}@showroom.test>"
    returned.set_content(ADF)
    raw = dsn(returned, f"leads+{team.dealership.subdomain}@x.test", "crm@dealer-crm.example")
    hook = new_client(app)
    answer = await hook.post("/api/v1/inbound/email", headers={"Authorization": "Bearer inbound-secret"},
                             json={"to": f"leads+{team.dealership.subdomain}@x.test", "raw": raw.decode()})  # fmt: skip
    assert answer.status_code == 202 and answer.json()["bounce"] is True, answer.text
    assert await leads_of(db, team) == 0


async def test_a_bounce_without_a_token_in_the_dealerships_mailbox_finds_the_message_by_its_message_id(
    bounce_app: tuple[FastAPI, Settings, Envelopes], db: Database, worker: Worker, imap_server: ImapServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    app, settings, envelopes = bounce_app
    team = await stocked_team(app, db)
    admin = await sign_in(app, team.admin.email)
    address = f"sam{team.id}@inbox-mail.net"
    await admin.post("/api/v1/leads", json={"customer": {"email": address}, "message": "Any Santa Fe?"})
    await worker("agent", "delivery", settings=settings)
    [sent] = [message_from_bytes(raw, policy=policy.default) for _, rcpt, raw in envelopes.messages if address in rcpt]
    folder = f"Returned{team.id}"  # returned to the dealership's own address (a relay that ignores the envelope)
    deliver(imap_server, dsn(sent, "sales@dealer.example", address, headers_only=True), folder)  # type: ignore[arg-type]
    await mailbox_for(app, team, imap_server, monkeypatch, folder=folder)
    await worker("imap", settings=settings)
    async with db.maint_session() as maint:
        message = await maint.scalar(select(Message).where(Message.external_message_id == sent["Message-ID"]))
        customer = await maint.scalar(select(Customer).where(Customer.email_normalized == address))
    assert message is not None and message.delivery_status == "failed"
    assert customer is not None and customer.contact_flags["email"]["bounced"] is True
    assert await leads_of(db, team) == 1


async def test_a_crm_hand_off_that_bounces_fails_on_the_lead_and_its_returned_adf_makes_no_lead(
    bounce_app: tuple[FastAPI, Settings, Envelopes], db: Database, worker: Worker
) -> None:
    app, settings, envelopes = bounce_app
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    crm = f"leads{team.id}@dealer-crm.example"
    assert (await admin.put("/api/v1/integrations/crm", json={"email": crm, "send_when": "new_lead"})).is_success
    created = await admin.post("/api/v1/leads", json=a_lead(f"jamie{team.id}@inbox-mail.net"))
    lead_id = created.json()["lead"]["id"]
    await worker("crm", settings=settings)
    [(mail_from, _, handed)] = [(f, r, message_from_bytes(raw, policy=policy.default))
                                for f, r, raw in envelopes.messages if crm in r]  # fmt: skip
    assert mail_from.startswith(f"bounces+c{team.id}-")
    raw = dsn(handed, mail_from, crm, diagnostic="smtp; 550 5.1.1 <{rcpt}>: no such user")  # type: ignore[arg-type]
    hook = new_client(app)
    answer = await hook.post("/api/v1/inbound/email", headers={"Authorization": "Bearer inbound-secret"},
                             json={"to": mail_from, "raw": base64.b64encode(raw).decode()})  # fmt: skip
    assert answer.status_code == 202 and "CRM hand-off" in answer.json()["outcome"], answer.text
    handoffs = (await admin.get(f"/api/v1/leads/{lead_id}/crm-handoffs")).json()
    assert [(h["status"], h["last_error"]) for h in handoffs] == [
        ("failed", f"bounced: 550 5.1.1 <{crm}>: no such user")
    ]
    page = await admin.get(f"/app/leads/{lead_id}")
    assert "bounced: 550 5.1.1" in page.text
    assert await leads_of(db, team) == 1  # the ADF it returned is not a new lead
