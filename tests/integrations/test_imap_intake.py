"""IMAP intake against a real IMAP server (dovecot, started by the test): an ADF e-mail in the dealership's mailbox
becomes a lead, a customer's reply joins its conversation, each message is taken once (UID tracking) and flagged or
moved after; an unreachable host or a wrong password is an error stored on the mailbox and shown to the admin
(never the password); a private host is refused unless allowed; permissions and tenancy."""

from __future__ import annotations

import imaplib
import uuid
from collections.abc import AsyncIterator, Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, update

from showroom.db.engine import Database
from showroom.integrations.imap.client import DONE_KEYWORD
from showroom.integrations.imap.service import password_env
from showroom.models import Customer, InboundMailbox, Lead, Message
from showroom.settings import Settings
from tests.conftest import Worker
from tests.helpers import Team, create_team, sign_in
from tests.integrations.imap_server import ImapServer, running

API = "/api/v1/integrations/imap"
ADF = (Path(__file__).resolve().parents[1] / "fixtures" / "adf" / "seorylie_dealersite_valid.xml").read_text()


@pytest.fixture(scope="module")
def imap_server() -> Iterator[ImapServer]:
    yield from running()


@pytest.fixture
async def imap_app(settings: Settings, db: Database) -> AsyncIterator[tuple[FastAPI, Settings]]:
    from showroom.app import create_app

    configured = Settings.model_validate({**settings.model_dump(), "imap_allow_private_hosts": True})
    application = create_app(configured, database=db)
    async with application.router.lifespan_context(application):
        yield application, configured
    async with db.maint_session() as maint, maint.begin():  # later tests' workers must not poll a stopped server
        await maint.execute(update(InboundMailbox).values(enabled=False))


def append(server: ImapServer, message: EmailMessage, folder: str = "INBOX") -> None:
    client = imaplib.IMAP4(server.host, server.port)
    client.login(server.user, server.password)
    client.create(folder)  # an error when it exists: fine
    client.append(folder, None, None, bytes(message))
    client.logout()


def folder_state(server: ImapServer, folder: str = "INBOX") -> list[bytes]:
    client = imaplib.IMAP4(server.host, server.port)
    client.login(server.user, server.password)
    client.select(folder, readonly=True)
    _, data = client.uid("FETCH", "1:*", "(FLAGS)")
    client.logout()
    return [d for d in data if isinstance(d, bytes)]


def adf_mail(email: str) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "leads@cars.example", "sales@dealer.example", "New lead"
    message.set_content(ADF.replace("john.doe@example.com", email))
    return message


async def mailbox_for(
    app: FastAPI, team: Team, server: ImapServer, monkeypatch: pytest.MonkeyPatch, **extra: object
) -> dict[str, object]:
    monkeypatch.setenv(password_env(team.dealership.subdomain), server.password)
    admin = await sign_in(app, team.admin.email)
    body = {"host": server.host, "port": server.port, "security": "none", "username": server.user, **extra}
    answer = await admin.put(API, json=body)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


async def count_leads(db: Database, team: Team, email: str) -> int:
    async with db.maint_session() as maint:
        query = (
            select(func.count())
            .select_from(Lead)
            .join(Customer, Customer.id == Lead.customer_id)
            .where(Lead.dealership_id == team.id, Customer.email_normalized == email)
        )
        return int(await maint.scalar(query) or 0)


async def test_an_adf_email_in_the_mailbox_becomes_a_lead_once_and_is_flagged(
    imap_app: tuple[FastAPI, Settings],
    db: Database,
    worker: Worker,
    imap_server: ImapServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, settings = imap_app
    team = await create_team(db)
    email = f"imap-{uuid.uuid4().hex[:8]}@example.com"
    append(imap_server, adf_mail(email))
    shown = await mailbox_for(app, team, imap_server, monkeypatch)
    assert shown["password_env"] == password_env(team.dealership.subdomain) and shown["password_set"] is True
    assert imap_server.password not in str(shown)
    await worker("imap", settings=settings)  # queued by the PUT
    assert await count_leads(db, team, email) == 1
    admin = await sign_in(app, team.admin.email)
    state = (await admin.get(API)).json()
    assert state["last_error"] is None and state["last_polled_at"] and state["messages_taken"] >= 1
    assert all(DONE_KEYWORD.encode() in flags and b"\\Seen" in flags for flags in folder_state(imap_server))

    assert (await admin.post(f"{API}/poll")).status_code == 202
    await worker("imap", settings=settings)
    assert await count_leads(db, team, email) == 1  # taken once


async def test_a_reply_joins_its_conversation_and_is_moved_when_asked(
    imap_app: tuple[FastAPI, Settings],
    db: Database,
    worker: Worker,
    imap_server: ImapServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app, settings = imap_app
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    address = f"robin-{uuid.uuid4().hex[:8]}@inbox-mail.net"
    created = (await admin.post("/api/v1/leads", json={"customer": {"email": address}, "message": "Any SUVs?"})).json()
    folder = f"Leads{team.id}"
    reply = EmailMessage()
    reply["From"], reply["To"], reply["Subject"] = f"Robin <{address}>", "sales@dealer.example", "Re: your enquiry"
    reply["Message-ID"] = f"<reply-{team.id}@inbox-mail.net>"
    reply.set_content("Yes please, Saturday at 10?\n\nOn Mon, Dealer wrote:\n> Any SUVs?")
    append(imap_server, reply, folder)
    await mailbox_for(app, team, imap_server, monkeypatch, folder=folder, move_to=f"{folder}.Done")
    await worker("imap", settings=settings)
    async with db.maint_session() as maint:
        taken = await maint.scalar(select(Message).where(Message.external_message_id == reply["Message-ID"]))
    assert taken is not None and str(taken.conversation_id) == created["conversation_id"]
    assert taken.content == "Yes please, Saturday at 10?"
    assert folder_state(imap_server, folder) == [] and len(folder_state(imap_server, f"{folder}.Done")) == 1


async def test_an_unreachable_host_or_a_wrong_password_is_stored_on_the_mailbox_never_the_password(
    imap_app: tuple[FastAPI, Settings],
    db: Database,
    worker: Worker,
    imap_server: ImapServer,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    app, settings = imap_app
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    monkeypatch.setenv(password_env(team.dealership.subdomain), "wrong-password-123")
    body = {"host": "127.0.0.1", "port": imap_server.port, "security": "none", "username": imap_server.user}
    assert (await admin.put(API, json=body)).status_code == 200
    await worker("imap", settings=settings)
    state = (await admin.get(API)).json()
    assert "refused the user name or password" in state["last_error"] and state["last_error_at"]
    assert "wrong-password-123" not in caplog.text and "wrong-password-123" not in state["last_error"]

    with __import__("socket").socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    assert (await admin.put(API, json={**body, "port": closed})).status_code == 200
    await worker("imap", settings=settings)
    state = (await admin.get(API)).json()
    assert state["last_error"].startswith(f"cannot connect to 127.0.0.1:{closed}")
    page = await admin.get("/app/settings/crm")
    assert f"cannot connect to 127.0.0.1:{closed}" in page.text

    monkeypatch.delenv(password_env(team.dealership.subdomain))
    await admin.post(f"{API}/poll")
    await worker("imap", settings=settings)
    assert "no password: set SHOWROOM_IMAP_PASSWORD_" in (await admin.get(API)).json()["last_error"]


async def test_a_private_host_is_refused_unless_allowed_and_only_admins_see_the_mailbox(
    app: FastAPI, db: Database
) -> None:
    team, other = await create_team(db), await create_team(db)
    admin, agent = await sign_in(app, team.admin.email), await sign_in(app, team.agent.email)
    body = {"host": "127.0.0.1", "port": 143, "security": "none", "username": "leads"}
    refused = await admin.put(API, json=body)
    assert refused.status_code == 422 and refused.json()["field"] == "host", refused.text
    assert "private, loopback or reserved" in refused.json()["detail"]
    bad = await admin.put(API, json={**body, "host": "not a host"})
    assert bad.status_code == 422 and bad.json()["field"] == "host"
    assert (await admin.put(API, json={**body, "port": 0})).json()["field"] == "port"
    assert (await agent.get(API)).status_code == 403
    assert (await admin.get(API)).status_code == 404
    async with db.maint_session() as maint, maint.begin():
        maint.add(InboundMailbox(dealership_id=other.id, host="imap.example.com", port=993, username="x"))
    assert (await admin.get(API)).status_code == 404  # the other dealership's mailbox is not ours
