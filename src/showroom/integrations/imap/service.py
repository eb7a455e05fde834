"""The IMAP intake: the mailbox's settings (admins) and the ``imap.poll`` job.

A poll reads the mailbox row (short transaction), fetches the messages after the last UID taken (no transaction
open), takes each in its own transaction that also advances ``last_uid`` (so a message is taken once, even if the
worker dies half way), then moves or flags them on the server, and records the time or the error (shown to the
admin). A bounce is acted on as one (``bounces.service``), never taken for a lead or a reply. An ADF e-mail becomes
leads (``leads.adf_intake``, the dealership known); any other e-mail is a customer's reply and joins its
conversation (``conversations.webhooks.email``: our Reply-To, In-Reply-To, the sender), or opens a lead. The
password is read from ``SHOWROOM_IMAP_PASSWORD_<SUBDOMAIN>`` in the worker's environment, never stored or logged.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import re
import socket
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import SYSTEM, Actor, record
from showroom.bounces import service as bounces
from showroom.conversations import webhooks as hooks
from showroom.errors import AppError, NotFound, ValidationFailed
from showroom.integrations.imap import client
from showroom.integrations.imap.schemas import MailboxIn
from showroom.leads.adf.extract import extract_adf_documents
from showroom.leads.adf.model import AdfError
from showroom.leads.adf_intake import process_payload
from showroom.models import Dealership, InboundMailbox
from showroom.queue import defer
from showroom.services import Services
from showroom.settings import Settings

QUEUE = "imap"
BATCH = 50
log = logging.getLogger(__name__)


def password_env(subdomain: str) -> str:
    return "SHOWROOM_IMAP_PASSWORD_" + re.sub(r"[^A-Z0-9]", "_", subdomain.upper())


async def _dealership(session: AsyncSession, dealership_id: int) -> Dealership:
    dealership = await session.get(Dealership, dealership_id)
    if dealership is None:
        raise NotFound("dealership not found")
    return dealership


async def get_mailbox(session: AsyncSession, dealership_id: int) -> InboundMailbox:
    mailbox = await session.scalar(select(InboundMailbox).where(InboundMailbox.dealership_id == dealership_id))
    if mailbox is None:
        raise NotFound("no mailbox is set up: PUT /api/v1/integrations/imap")
    return mailbox


async def out(session: AsyncSession, mailbox: InboundMailbox) -> dict[str, Any]:
    env = password_env((await _dealership(session, mailbox.dealership_id)).subdomain)
    names = (c.key for c in InboundMailbox.__table__.columns)
    return {**{n: getattr(mailbox, n) for n in names}, "password_env": env, "password_set": bool(os.environ.get(env))}


async def check_host(host: str, settings: Settings) -> None:
    """A mailbox on a private, loopback or reserved address is refused unless SHOWROOM_IMAP_ALLOW_PRIVATE_HOSTS
    (the worker must not be made to probe the internal network); a host that does not resolve is refused too."""
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise ValidationFailed(f"the host {host!r} does not resolve ({exc.strerror or exc})", field="host") from exc
    if settings.imap_allow_private_hosts:
        return
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if not ip.is_global or ip.is_multicast:
            raise ValidationFailed(
                f"the host {host!r} resolves to {ip}, a private, loopback or reserved address (refused unless "
                "SHOWROOM_IMAP_ALLOW_PRIVATE_HOSTS is set)",
                field="host",
            )


async def put_mailbox(
    session: AsyncSession, dealership_id: int, body: MailboxIn, actor: Actor, settings: Settings
) -> InboundMailbox:
    """Create or change the mailbox; a poll is queued at once, so a wrong host or password shows within seconds."""
    await check_host(body.host, settings)
    mailbox = await session.scalar(select(InboundMailbox).where(InboundMailbox.dealership_id == dealership_id))
    values = body.model_dump(mode="json")
    if mailbox is None:
        mailbox = InboundMailbox(dealership_id=dealership_id, **values)
        session.add(mailbox)
    else:
        moved = (mailbox.host, mailbox.username, mailbox.folder) != (body.host, body.username, body.folder)
        for key, value in values.items():
            setattr(mailbox, key, value)
        if moved:  # another mailbox or folder: its UIDs are not ours
            mailbox.uid_validity, mailbox.last_uid = None, 0
        mailbox.last_error = mailbox.last_error_at = None
    await session.flush()
    await record(
        session,
        actor,
        "inbound_mailbox.update",
        dealership_id=dealership_id,
        resource_type="inbound_mailbox",
        resource_id=mailbox.id,
        after=values,
    )
    if mailbox.enabled:
        await schedule(session, dealership_id)
    return mailbox


async def delete_mailbox(session: AsyncSession, dealership_id: int, actor: Actor) -> None:
    mailbox = await get_mailbox(session, dealership_id)
    await session.delete(mailbox)
    await session.flush()
    await record(
        session,
        actor,
        "inbound_mailbox.delete",
        dealership_id=dealership_id,
        resource_type="inbound_mailbox",
        resource_id=mailbox.id,
    )


async def schedule(session: AsyncSession, dealership_id: int) -> bool:
    """Queue a poll of the dealership's mailbox, unless one is waiting already (then False)."""
    try:
        async with session.begin_nested():  # a refused job must not undo the caller's transaction
            await defer(
                session,
                "imap.poll",
                queue=QUEUE,
                lock=f"imap:{dealership_id}",  # one poll of a mailbox at a time
                queueing_lock=f"imap:{dealership_id}",  # and at most one waiting
                dealership_id=dealership_id,
            )
    except IntegrityError:
        return False
    return True


async def poll(session: AsyncSession, services: Services, dealership_id: int) -> str:
    """The ``imap.poll`` job (``session`` acts for the dealership, no transaction open)."""
    async with session.begin():
        mailbox = await session.scalar(select(InboundMailbox).where(InboundMailbox.dealership_id == dealership_id))
        if mailbox is None or not mailbox.enabled:
            return "no mailbox"
        subdomain = (await _dealership(session, dealership_id)).subdomain
        state = (mailbox.id, mailbox.last_uid, mailbox.uid_validity, mailbox.move_to)
        host, port, security, username, folder = (
            mailbox.host,
            mailbox.port,
            mailbox.security,
            mailbox.username,
            mailbox.folder,
        )
    mailbox_id, last_uid, uid_validity, move_to = state
    env = password_env(subdomain)
    password = os.environ.get(env)
    if not password:
        return await _failed(session, mailbox_id, f"no password: set {env} in the worker's environment")
    account = client.Account(host, port, security, username, password, folder)
    try:
        await check_host(host, services.settings)
        fetched = await asyncio.to_thread(client.fetch_new, account, last_uid, uid_validity, BATCH)
    except (client.ImapFailure, ValidationFailed) as exc:
        return await _failed(session, mailbox_id, str(exc) if isinstance(exc, client.ImapFailure) else exc.detail)
    taken = []
    for uid, raw in fetched.messages:
        if await _take(session, services, mailbox_id, fetched.uid_validity, uid, raw):
            taken.append(uid)
    try:
        await asyncio.to_thread(client.mark_taken, account, taken, move_to)
    except client.ImapFailure as exc:
        return await _failed(session, mailbox_id, str(exc))
    async with session.begin():
        mailbox = await session.get(InboundMailbox, mailbox_id, populate_existing=True)
        if mailbox is not None:
            mailbox.last_polled_at = datetime.now(UTC)
            mailbox.last_error = mailbox.last_error_at = None
            if not fetched.messages:
                mailbox.uid_validity = fetched.uid_validity
    return f"{len(taken)} taken"


async def _failed(session: AsyncSession, mailbox_id: Any, error: str) -> str:
    log.warning("imap mailbox %s: %s", mailbox_id, error)
    async with session.begin():
        mailbox = await session.get(InboundMailbox, mailbox_id, populate_existing=True)
        if mailbox is not None:
            now = datetime.now(UTC)
            mailbox.last_polled_at, mailbox.last_error, mailbox.last_error_at = now, error[:1000], now
    return "failed"


async def _take(
    session: AsyncSession, services: Services, mailbox_id: Any, uid_validity: int, uid: int, raw: bytes
) -> bool:
    """Take one message in the transaction that also moves the mailbox's ``last_uid`` past it (a reply's turn
    commits that transaction itself); False when the mailbox is gone. A message that cannot be taken (no text, not
    from an address) is passed over, its UID recorded all the same."""
    try:
        mailbox = await session.get(InboundMailbox, mailbox_id, with_for_update=True, populate_existing=True)
        if mailbox is None:
            await session.rollback()
            return False
        if mailbox.uid_validity == uid_validity and uid <= mailbox.last_uid:
            await session.rollback()
            return True  # taken already (its move or flag failed last time): mark it again
        _advance(mailbox, uid_validity, uid)
        what = await _message(session, services, mailbox.dealership_id, raw, f"{uid_validity}.{uid}")
        if session.in_transaction():
            await session.commit()
    except (AppError, AdfError) as exc:
        await session.rollback()
        what = f"passed over: {exc.detail if isinstance(exc, AppError) else exc.reason}"
        async with session.begin():
            mailbox = await session.get(InboundMailbox, mailbox_id, with_for_update=True, populate_existing=True)
            if mailbox is not None:
                _advance(mailbox, uid_validity, uid)
    log.info("imap mailbox %s, message %d: %s", mailbox_id, uid, what)
    return True


def _advance(mailbox: InboundMailbox, uid_validity: int, uid: int) -> None:
    mailbox.uid_validity, mailbox.last_uid = uid_validity, uid
    mailbox.messages_taken += 1


def _text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        return ""
    content = str(body.get_content())
    if body.get_content_type() == "text/html":
        content = re.sub(r"<[^>]+>", " ", content)
    return content


async def _message(session: AsyncSession, services: Services, dealership_id: int, raw: bytes, key: str) -> str:
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    recipients = ", ".join(str(v) for h in ("To", "Cc", "Delivered-To") for v in message.get_all(h, []))
    sender = str(message.get("From") or "")
    # A bounce first: a returned report or ADF e-mail must not become a customer's message or a lead.
    bounce = await bounces.take(session, services.settings, message, recipients, dealership_id=dealership_id)
    if bounce is not None:
        return bounce
    if extract_adf_documents(raw, "message/rfc822"):
        outcomes = await process_payload(
            session,
            raw,
            content_type="message/rfc822",
            actor=SYSTEM,
            dealership_id=dealership_id,
            channel="inbound_email",
            recipients=recipients,
            sender=sender or None,
        )
        return f"ADF: {len(outcomes)} prospect(s)"
    reply = hooks.EmailIn.model_validate(
        {
            "from": sender,
            "to": recipients or "unknown@invalid",
            "subject": str(message.get("Subject") or "")[:998] or None,
            "text": _text(message)[:20_000],
            "message_id": str(message.get("Message-ID") or f"<imap-{key}-{dealership_id}@showroom>")[:500],
            "in_reply_to": (str(message.get("In-Reply-To") or "").strip() or None),
        }
    )
    stored, created = await hooks.email(session, services, reply, SYSTEM, dealership_id=dealership_id)
    return f"reply {'taken' if created else 'already taken'} in conversation {stored.conversation_id}"
