"""E-mailed links: magic sign-in, invitations, password resets, new accounts; the outbox and a real SMTP server.

Each e-mail is queued in the transaction that writes its token and sent by the worker after commit: nothing is
sent before the worker runs, exactly one message after, nothing for a write that rolled back, and a job run again
re-sends the same Message-ID."""

from __future__ import annotations

import email
import re
import socket
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import getaddresses
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi import FastAPI
from sqlalchemy import func, select, text

from showroom.audit.service import SYSTEM
from showroom.auth import service
from showroom.db.engine import Database
from showroom.mail import Email, Mailer, build_message, outbox_messages
from showroom.models import AuditLog, MagicLinkInvitation, User, UserInvitation
from showroom.settings import Settings
from tests.conftest import Worker, new_client
from tests.helpers import PASSWORD, create_team, sign_in

LINK = re.compile(r"https?://\S+/(?:auth/magic|auth/reset|invitations)/([A-Za-z0-9_-]{20,})")


SENT = {"detail": "If an active account uses this address, an e-mail is on its way."}


def parsed(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=default_policy)
    assert isinstance(message, EmailMessage)
    return message


def addressed_to(message: EmailMessage, address: str) -> bool:
    return address in [a for _, a in getaddresses([str(message["To"])])]


def mails_to(settings: Settings, address: str) -> list[EmailMessage]:
    """The outbox's messages to ``address``, oldest first (sent by the worker: run it first)."""
    messages = (parsed(path.read_bytes()) for path in outbox_messages(settings.data_dir))
    return [m for m in messages if addressed_to(m, address)]


def last_mail_to(settings: Settings, address: str) -> EmailMessage:
    sent = mails_to(settings, address)
    if not sent:
        raise AssertionError(f"no e-mail to {address} in the outbox (did the worker run?)")
    return sent[-1]


async def sent_once(worker: Worker, settings: Settings, address: str) -> EmailMessage:
    """Nothing to ``address`` is sent until the queued mail jobs run; then exactly one message, returned."""
    assert mails_to(settings, address) == []
    await worker("mail")
    sent = mails_to(settings, address)
    assert len(sent) == 1, [m["Subject"] for m in sent]
    return sent[0]


def token_in(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    found = LINK.search(body.get_content())
    assert found, body.get_content()
    return found.group(1)


async def test_magic_link_signs_in_once(app: FastAPI, db: Database, settings: Settings, worker: Worker) -> None:
    team = await create_team(db)
    client = new_client(app)
    sent = await client.post("/api/v1/auth/magic-link", json={"email": team.agent.email})
    assert sent.status_code == 202 and sent.json() == SENT
    token = token_in(await sent_once(worker, settings, team.agent.email))
    async with db.maint_session() as maint:
        stored = (
            await maint.scalars(
                select(MagicLinkInvitation.token_hash).where(MagicLinkInvitation.email == team.agent.email)
            )
        ).all()
    assert token not in stored and len(stored) == 1  # hashed at rest

    used = await client.post("/api/v1/auth/magic-link/verify", json={"token": token})
    assert used.status_code == 200, used.text
    assert used.json()["user_id"] == team.agent.id
    assert (await client.get("/api/v1/auth/session")).status_code == 200
    again = await new_client(app).post("/api/v1/auth/magic-link/verify", json={"token": token})
    assert again.status_code == 410
    assert "already used" in again.json()["detail"]


async def test_magic_link_for_an_unknown_address_answers_the_same(
    app: FastAPI, settings: Settings, worker: Worker
) -> None:
    stranger = f"stranger-{uuid.uuid4().hex[:8]}@example.org"
    response = await new_client(app).post("/api/v1/auth/magic-link", json={"email": stranger})
    assert response.status_code == 202
    assert response.json() == SENT
    await worker("mail")
    assert mails_to(settings, stranger) == []


async def test_expired_and_unknown_links_change_nothing(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    team = await create_team(db)
    client = new_client(app)
    await client.post("/api/v1/auth/magic-link", json={"email": team.manager.email})
    await worker("mail")
    token = token_in(last_mail_to(settings, team.manager.email))
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(
            text("update magic_link_invitations set expires_at = now() - interval '1 minute' where email = :e"),
            {"e": team.manager.email},
        )
    expired = await client.post("/api/v1/auth/magic-link/verify", json={"token": token})
    assert expired.status_code == 410 and "expired" in expired.json()["detail"]
    unknown = await client.post("/api/v1/auth/magic-link/verify", json={"token": "A" * 43})
    assert unknown.status_code == 404
    malformed = await client.post("/api/v1/auth/magic-link/verify", json={"token": "<script>"})
    assert malformed.status_code == 422 and malformed.json()["field"] == "token"
    async with db.maint_session() as maint:
        link = await maint.scalar(select(MagicLinkInvitation).where(MagicLinkInvitation.email == team.manager.email))
    assert link is not None and link.used_at is None


async def test_invitation_creates_the_account_and_signs_in(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    address = f"new-hire-{team.id}@example.com"
    created = await admin.post("/api/v1/invitations", json={"email": address, "role": "manager"})
    assert created.status_code == 201, created.text
    assert created.json()["status"] == "pending"
    message = await sent_once(worker, settings, address)
    assert team.dealership.name in message["Subject"]
    token = token_in(message)

    guest = new_client(app)
    preview = await guest.get("/api/v1/invitations/preview", params={"token": token})
    assert preview.json()["email"] == address and preview.json()["role"] == "manager"
    weak = await guest.post("/api/v1/invitations/accept", json={"token": token, "name": "Sam", "password": "short"})
    assert weak.status_code == 422 and weak.json()["field"] == "password"
    accepted = await guest.post(
        "/api/v1/invitations/accept", json={"token": token, "name": "Sam Hire", "password": PASSWORD}
    )
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["role"] == "manager" and accepted.json()["dealership_id"] == team.id
    me = await guest.get("/api/v1/auth/session")
    assert me.json()["email"] == address
    again = await new_client(app).post(
        "/api/v1/invitations/accept", json={"token": token, "name": "Twice", "password": PASSWORD}
    )
    assert again.status_code == 410
    async with db.maint_session() as maint:
        invitation = await maint.scalar(select(UserInvitation).where(UserInvitation.email == address))
        user = await maint.scalar(select(User).where(User.email == address))
    assert invitation is not None and invitation.status == "accepted" and user is not None
    assert invitation.accepted_user_id == user.id and user.is_verified


async def test_an_invitation_cannot_grant_more_than_the_inviter_has(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    manager = await sign_in(app, team.manager.email)
    assert (await manager.post("/api/v1/invitations", json={"email": "x@example.com"})).status_code == 403
    dup = await admin.post("/api/v1/invitations", json={"email": team.agent.email})
    assert dup.status_code == 409
    bogus = await admin.post("/api/v1/invitations", json={"email": "y@example.com", "role": "super_admin"})
    assert bogus.status_code == 422


async def test_cancelled_and_expired_invitations_are_refused(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    first = f"cancel-{team.id}@example.com"
    invitation = (await admin.post("/api/v1/invitations", json={"email": first})).json()
    await worker("mail")
    token = token_in(last_mail_to(settings, first))
    assert (await admin.delete(f"/api/v1/invitations/{invitation['id']}")).json()["status"] == "cancelled"
    refused = await new_client(app).post(
        "/api/v1/invitations/accept", json={"token": token, "name": "N", "password": PASSWORD}
    )
    assert refused.status_code == 410

    second = f"late-{team.id}@example.com"
    await admin.post("/api/v1/invitations", json={"email": second})
    await worker("mail")
    token = token_in(last_mail_to(settings, second))
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(
            text("update user_invitations set expires_at = now() - interval '1 second' where email = :e"), {"e": second}
        )
    late = await new_client(app).post(
        "/api/v1/invitations/accept", json={"token": token, "name": "N", "password": PASSWORD}
    )
    assert late.status_code == 410
    async with db.maint_session() as maint:
        assert await maint.scalar(select(User).where(User.email.in_([first, second]))) is None


async def test_password_reset_is_single_use_and_ends_other_sessions(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    team = await create_team(db)
    old_session = await sign_in(app, team.agent.email)
    guest = new_client(app)
    asked = await guest.post("/api/v1/auth/password-reset", json={"email": team.agent.email})
    assert asked.status_code == 202 and asked.json() == SENT
    token = token_in(await sent_once(worker, settings, team.agent.email))
    common = await guest.post("/api/v1/auth/password-reset/confirm", json={"token": token, "password": "password1234"})
    assert common.status_code == 422 and "too common" in common.json()["detail"]
    new_password = "A-brand-new-passphrase-42"
    done = await guest.post("/api/v1/auth/password-reset/confirm", json={"token": token, "password": new_password})
    assert done.status_code == 204
    assert (await old_session.get("/api/v1/auth/session")).status_code == 401
    assert (
        await guest.post("/api/v1/auth/password-reset/confirm", json={"token": token, "password": new_password})
    ).status_code == 404
    await sign_in(app, team.agent.email, new_password)
    async with db.maint_session() as maint:
        actions = (await maint.scalars(select(AuditLog.action).where(AuditLog.user_id == team.agent.id))).all()
    assert "user.password_reset_requested" in actions and "user.password_reset" in actions


async def test_expired_reset_link_changes_nothing(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    team = await create_team(db)
    guest = new_client(app)
    await guest.post("/api/v1/auth/password-reset", json={"email": team.manager.email})
    await worker("mail")
    token = token_in(last_mail_to(settings, team.manager.email))
    async with db.maint_session() as maint, maint.begin():
        await maint.execute(
            text("update users set reset_token_expires_at = :t where id = :id"),
            {"t": datetime.now(UTC) - timedelta(seconds=5), "id": team.manager.id},
        )
    response = await guest.post(
        "/api/v1/auth/password-reset/confirm", json={"token": token, "password": "Another-long-passphrase"}
    )
    assert response.status_code == 410
    await sign_in(app, team.manager.email)  # the old password still works


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@pytest.fixture
async def smtp_app(settings: Settings, db: Database) -> AsyncIterator[tuple[FastAPI, Inbox]]:
    from showroom.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        configured = settings.model_copy(
            update={"smtp_url": f"smtp://127.0.0.1:{port}", "mail_from": "Showroom <no-reply@showroom.test>"}
        )
        application = create_app(Settings.model_validate(configured.model_dump()), database=db)
        async with application.router.lifespan_context(application):
            yield application, inbox
    finally:
        controller.stop()


def inbox_to(inbox: Inbox, address: str) -> list[EmailMessage]:
    return [parsed(raw) for _, recipients, raw in inbox.messages if address in recipients]


async def test_mail_goes_through_a_real_smtp_server(
    smtp_app: tuple[FastAPI, Inbox], db: Database, worker: Worker
) -> None:
    app, inbox = smtp_app
    team = await create_team(db)
    response = await new_client(app).post("/api/v1/auth/magic-link", json={"email": team.agent.email})
    assert response.status_code == 202
    assert inbox_to(inbox, team.agent.email) == []  # not sent inside the request's transaction
    await worker("mail", settings=app.state.settings)
    mine = [(sender, recipients) for sender, recipients, _ in inbox.messages if team.agent.email in recipients]
    assert mine == [("no-reply@showroom.test", [team.agent.email])]
    [message] = inbox_to(inbox, team.agent.email)
    assert message["Subject"] == "Your Showroom sign-in link"
    assert message["Message-ID"] and message["Date"]
    assert message.get_body(preferencelist=("html",)) is not None
    token = token_in(message)
    assert (await new_client(app).post("/api/v1/auth/magic-link/verify", json={"token": token})).status_code == 200


async def test_a_mail_job_run_again_resends_the_same_message_id(
    smtp_app: tuple[FastAPI, Inbox], db: Database, worker: Worker
) -> None:
    """A crash after the SMTP server took the message but before the job was marked done runs the job again: the
    second copy carries the Message-ID fixed when the mail was queued, so receivers can tell it is the same."""
    app, inbox = smtp_app
    team = await create_team(db)
    assert (await new_client(app).post("/api/v1/auth/password-reset", json={"email": team.agent.email})).json() == SENT
    async with db.maint_session() as maint:
        job = (
            await maint.execute(
                text(
                    "select id, args from procrastinate_jobs where task_name = 'showroom:mail.send' and args->'to' ? :e"
                ),
                {"e": team.agent.email},
            )
        ).one()
    fixed = job.args["headers"]["Message-ID"]
    assert fixed.startswith("<") and fixed.endswith("@showroom.test>")  # the domain of SHOWROOM_MAIL_FROM
    await worker("mail", settings=app.state.settings)
    async with db.maint_session() as maint, maint.begin():
        status = await maint.scalar(text("select status from procrastinate_jobs where id = :id"), {"id": job.id})
        assert status == "succeeded"
        await maint.execute(text("update procrastinate_jobs set status = 'todo' where id = :id"), {"id": job.id})
    await worker("mail", settings=app.state.settings)
    sent = inbox_to(inbox, team.agent.email)
    assert [m["Message-ID"] for m in sent] == [fixed, fixed]
    assert token_in(sent[0]) == token_in(sent[1])


async def test_a_message_id_given_in_the_email_is_kept(settings: Settings) -> None:
    given = "<fixed-1@showroom.test>"
    message = build_message(Email(to=["a@example.com"], subject="s", text="t", headers={"message-id": given}), "x@y.z")
    assert message.get_all("Message-ID") == [given]
    assert len(build_message(Email(to=["a@example.com"], subject="s", text="t"), "x@y.z").get_all("Message-ID")) == 1
    address = f"kept-{uuid.uuid4().hex[:8]}@example.com"
    returned = await Mailer(settings).send(Email(to=[address], subject="s", text="t", headers={"Message-ID": given}))
    assert returned == given and [m["Message-ID"] for m in mails_to(settings, address)] == [given]


async def test_an_unreachable_smtp_server_fails_the_job_not_the_request(
    settings: Settings, db: Database, worker: Worker
) -> None:
    from showroom.app import create_app

    team = await create_team(db)
    broken = Settings.model_validate({**settings.model_dump(), "smtp_url": "smtp://127.0.0.1:9"})
    application = create_app(broken, database=db)
    async with application.router.lifespan_context(application):
        response = await new_client(application).post("/api/v1/auth/password-reset", json={"email": team.admin.email})
    assert response.status_code == 202 and response.json() == SENT  # no SMTP inside the request
    await worker("mail", settings=broken)
    async with db.maint_session() as maint:
        job = (
            await maint.execute(
                text(
                    "select status, attempts, scheduled_at from procrastinate_jobs "
                    "where task_name = 'showroom:mail.send' and args->'to' ? :e"
                ),
                {"e": team.admin.email},
            )
        ).one()
        user = await maint.get(User, team.admin.id)
    assert job.status == "todo" and job.attempts == 1 and job.scheduled_at is not None  # retried later
    assert user is not None and user.reset_token_hash is not None  # the link the retry will send still works
    assert mails_to(settings, team.admin.email) == []


async def test_a_new_account_without_password_is_mailed_its_sign_in_link(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    address = f"linked-{team.id}@example.com"
    created = await admin.post("/api/v1/users", json={"email": address, "name": "Lin Ked", "role": "user"})
    assert created.status_code == 201, created.text
    message = await sent_once(worker, settings, address)
    assert message["Subject"] == "Your Showroom account"
    used = await new_client(app).post("/api/v1/auth/magic-link/verify", json={"token": token_in(message)})
    assert used.status_code == 200 and used.json()["email"] == address


async def test_a_rolled_back_write_sends_nothing(db: Database, settings: Settings, worker: Worker) -> None:
    """The mail is queued in the transaction that stores the link: rolled back, neither exists."""
    team = await create_team(db)
    async with db.session() as session:
        link = await service.send_magic_link(session, db, email=team.agent.email, actor=SYSTEM, settings=settings)
        assert link is not None
        queued = await session.scalar(
            text("select count(*) from procrastinate_jobs where task_name = 'showroom:mail.send' and args->'to' ? :e"),
            {"e": team.agent.email},
        )
        assert queued == 1  # in the transaction
        await session.rollback()
    await worker("mail")
    assert mails_to(settings, team.agent.email) == []
    async with db.maint_session() as maint:
        jobs_left = await maint.scalar(
            text("select count(*) from procrastinate_jobs where args->'to' ? :e"), {"e": team.agent.email}
        )
        links = await maint.scalar(
            select(func.count()).select_from(MagicLinkInvitation).where(MagicLinkInvitation.email == team.agent.email)
        )
    assert jobs_left == 0 and links == 0


async def test_a_password_reset_lifts_the_failed_sign_in_pause(
    app: FastAPI, db: Database, settings: Settings, worker: Worker
) -> None:
    """Forgetting the password is why people fail five times: the reset link is the way back in, at once."""
    team = await create_team(db)
    laptop = new_client(app)
    for _ in range(5):
        wrong = await laptop.post(
            "/api/v1/auth/login", json={"email": team.agent.email, "password": "wrong-password!!"}
        )
        assert wrong.status_code == 401
    paused = await laptop.post("/api/v1/auth/login", json={"email": team.agent.email, "password": PASSWORD})
    assert paused.status_code == 429
    guest = new_client(app)
    assert (await guest.post("/api/v1/auth/password-reset", json={"email": team.agent.email})).status_code == 202
    await worker("mail")
    token = token_in(last_mail_to(settings, team.agent.email))
    new_password = "A-brand-new-passphrase-77"
    done = await guest.post("/api/v1/auth/password-reset/confirm", json={"token": token, "password": new_password})
    assert done.status_code == 204
    back = await laptop.post("/api/v1/auth/login", json={"email": team.agent.email, "password": new_password})
    assert back.status_code == 200
    for _ in range(5):  # and the pause still works after the reset
        await laptop.post("/api/v1/auth/login", json={"email": team.agent.email, "password": "nope-nope-nope"})
    again = await laptop.post("/api/v1/auth/login", json={"email": team.agent.email, "password": new_password})
    assert again.status_code == 429
