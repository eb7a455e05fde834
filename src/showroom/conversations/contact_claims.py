"""A chat visitor's e-mail or phone, proven before it joins them to a customer we know.

Anyone can type anyone's e-mail into a chat widget. So the widget never says what we know about a contact, and a
visit joins the customer who owns an e-mail or phone (``leads.identity.adopt_visitor``) only when the visitor types
the one-time code sent there, or a staff member confirms the match. A contact nobody has yet is written on the
visit's own customer at once (it is the visitor's own lead); a code goes out all the same, so the visitor's answer
does not depend on what we know. The code leaves through the outbox (``mail.send_later``, or a ``contact.send_code``
job for SMS) after the transaction commits; only its keyed hash is stored, in the claim on the conversation
(``conversations.contact_claims``, the last ``KEPT`` claims; the conversation's row is locked while they change).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.api.ratelimit import Budget, spend
from showroom.audit.service import Actor, record
from showroom.errors import Gone, NotFound, ValidationFailed
from showroom.leads.contacts import normalize_email, normalize_phone
from showroom.leads.identity import adopt_visitor
from showroom.leads.intake_model import IntakeContact
from showroom.mail import Email, send_later
from showroom.models import Conversation, Customer, Dealership
from showroom.queue import defer
from showroom.services import Services

CODE_MINUTES = 15
MAX_ATTEMPTS = 5
KEPT = 10
# Codes a visit may ask for, and codes one e-mail or phone may receive, per hour: a widget is not a way to flood
# someone's inbox or phone.
PER_CONVERSATION = Budget("claim.conversation", 6, 3600, "verification codes for this chat")
PER_DESTINATION = Budget("claim.destination", 3, 3600, "verification codes for this address")


@dataclass
class Claimed:
    """What the visitor is told: where codes went (``email``, ``phone``), never what we know."""

    sent_to: list[str]


def _code_hash(secret: str, claim_id: uuid.UUID, code: str) -> str:
    return hmac.new(secret.encode(), f"{claim_id}:{code}".encode(), hashlib.sha256).hexdigest()


async def _owned_elsewhere(
    session: AsyncSession, conversation: Conversation, email: str | None, phone: str | None
) -> bool:
    """Does another customer of the dealership have this e-mail or phone?"""
    column, value = (Customer.email_normalized, email) if email else (Customer.phone_e164, phone)
    found = await session.scalar(
        select(Customer.id).where(column == value, Customer.id != conversation.customer_id).limit(1)
    )
    return found is not None


async def claim(
    session: AsyncSession,
    s: Services,
    dealership: Dealership,
    conversation: Conversation,
    contact: IntakeContact,
    region: str,
    actor: Actor,
) -> Claimed:
    """The visitor leaves a name, e-mail or phone: the name and any contact nobody has go on the visit's customer
    now; a code is sent to each e-mail and phone given (its claim waits here when another customer has it)."""
    email, phone = normalize_email(contact.email), normalize_phone(contact.phone, region)
    if contact.email and email is None:
        raise ValidationFailed("that e-mail address does not look right", field="email")
    if contact.phone and phone is None:
        raise ValidationFailed("that phone number does not look right", field="phone")
    if contact.full_name:
        await adopt_visitor(session, conversation, IntakeContact(full_name=contact.full_name), region, actor)
    sent: list[str] = []
    for kind, value, given in (("email", email, contact.email), ("phone", phone, contact.phone)):
        if value is None:
            continue
        await spend(session, PER_CONVERSATION, conversation.id)
        await spend(session, PER_DESTINATION, dealership.id, value)
        pair = (  # the widget's "text me" box goes with the phone it is about
            IntakeContact(email=value)
            if kind == "email"
            else IntakeContact(phone=value, sms_consent=contact.sms_consent)
        )
        if not await _owned_elsewhere(session, conversation, pair.email, pair.phone):
            await adopt_visitor(session, conversation, pair, region, actor)
        await _send_code(session, s, dealership, conversation, kind, value, given or value, contact.full_name)
        sent.append(kind)
    return Claimed(sent)


async def _send_code(
    session: AsyncSession,
    s: Services,
    dealership: Dealership,
    conversation: Conversation,
    kind: str,
    value: str,
    given: str,
    name: str | None,
) -> None:
    code = f"{secrets.randbelow(1_000_000):06d}"
    claim_id = uuid.uuid4()
    now = datetime.now(UTC)
    entry = {
        "id": str(claim_id),
        "email": value if kind == "email" else None,
        "phone": value if kind == "phone" else None,
        "given": given[:255],
        "name": name[:200] if name else None,
        "code_hash": _code_hash(s.settings.secret_key.get_secret_value(), claim_id, code),
        "attempts": 0,
        "created_at": now.isoformat(),
        "expires_at": (now + timedelta(minutes=CODE_MINUTES)).isoformat(),
        "confirmed_at": None,
        "confirmed_by_user_id": None,
    }
    conversation.contact_claims = [*conversation.contact_claims, entry][-KEPT:]
    await session.flush()
    text_body = (
        f"Your code for the chat with {dealership.name} is {code}. It works for {CODE_MINUTES} minutes.\n\n"
        "If you did not ask for it, ignore this message."
    )
    if kind == "email":
        await send_later(
            session,
            Email(to=[value], subject=f"Your code for {dealership.name}: {code}", text=text_body),
            sender=s.settings.mail_from,
        )
    else:
        sender = (dealership.settings or {}).get("sms_number") or dealership.contact_phone
        await defer(
            session,
            "contact.send_code",
            queue="delivery",
            dealership_id=dealership.id,
            to=value,
            sender=sender,
            body=text_body,
            reference=str(claim_id),
        )


async def _lock(session: AsyncSession, conversation: Conversation) -> None:
    """Re-read the claims with the conversation's row locked (a writer's lock: messages may still be added)."""
    await session.refresh(conversation, ["contact_claims"], with_for_update={"key_share": True})


def _pending(conversation: Conversation) -> list[dict[str, Any]]:
    now = datetime.now(UTC).isoformat()
    return [
        c
        for c in conversation.contact_claims
        if c["confirmed_at"] is None and c["expires_at"] > now and c["attempts"] < MAX_ATTEMPTS
    ]


async def verify(
    session: AsyncSession, s: Services, conversation: Conversation, code: str, region: str, actor: Actor
) -> ValidationFailed | None:
    """The visitor types a code: the claim it belongs to joins the visit to its contact's customer. A wrong code
    is returned (not raised: the attempt it spent must commit); after ``MAX_ATTEMPTS`` the visit's codes die."""
    await _lock(session, conversation)
    pending = _pending(conversation)
    if not pending:
        raise Gone("no code is waiting for this chat, or it has expired; ask for a new one", field="code")
    secret = s.settings.secret_key.get_secret_value()
    match = next(
        (c for c in pending if hmac.compare_digest(c["code_hash"], _code_hash(secret, uuid.UUID(c["id"]), code))),
        None,
    )
    if match is None:
        waiting = {c["id"] for c in pending}
        conversation.contact_claims = [
            {**c, "attempts": c["attempts"] + 1} if c["id"] in waiting else c for c in conversation.contact_claims
        ]
        left = MAX_ATTEMPTS - 1 - max(c["attempts"] for c in pending)
        if left <= 0:
            return ValidationFailed("that code is not right, and no tries are left; ask for a new one", field="code")
        return ValidationFailed(f"that code is not right; {left} tries left", field="code")
    await _join(session, conversation, match, region, actor, via="code")
    return None


async def _join(
    session: AsyncSession, conversation: Conversation, row: dict[str, Any], region: str, actor: Actor, *, via: str
) -> None:
    confirmed = {"confirmed_at": datetime.now(UTC).isoformat(), "confirmed_by_user_id": actor.user_id}
    conversation.contact_claims = [
        {**c, **confirmed} if c["id"] == row["id"] else c for c in conversation.contact_claims
    ]
    visitor = await session.get(Customer, conversation.customer_id)
    assert visitor is not None
    visitor_id = visitor.id
    # What the visit's own customer holds besides the claim (given in this chat): it follows the visit when the
    # anonymous customer is merged away.
    carry = IntakeContact(
        full_name=visitor.full_name if visitor.full_name != "Unknown" else None,
        email=visitor.email if not row["email"] else None,
        phone=visitor.phone if not row["phone"] else None,
    )
    await adopt_visitor(session, conversation, IntakeContact(email=row["email"], phone=row["phone"]), region, actor)
    if conversation.customer_id != visitor_id and await session.get(Customer, visitor_id) is None:
        await adopt_visitor(session, conversation, carry, region, actor)
    await record(
        session,
        actor,
        "contact_claim.confirm",
        dealership_id=conversation.dealership_id,
        resource_type="conversation",
        resource_id=conversation.id,
        details={"via": via, "claim_id": row["id"], "kind": "email" if row["email"] else "phone"},
    )


async def pending_claims(
    session: AsyncSession, conversation_id: uuid.UUID
) -> list[tuple[dict[str, Any], Customer | None]]:
    """A conversation's unconfirmed claims, each with the customer who has that contact (None: nobody else)."""
    conversation = await _conversation(session, conversation_id)
    out: list[tuple[dict[str, Any], Customer | None]] = []
    for c in conversation.contact_claims:
        if c["confirmed_at"] is not None:
            continue
        column, value = (Customer.email_normalized, c["email"]) if c["email"] else (Customer.phone_e164, c["phone"])
        owner = await session.scalar(select(Customer).where(column == value, Customer.id != conversation.customer_id))
        out.append((c, owner))
    return out


async def confirm(
    session: AsyncSession, conversation_id: uuid.UUID, claim_id: uuid.UUID, region: str, actor: Actor
) -> None:
    """A staff member confirms that the visitor is the customer with the claimed contact."""
    conversation = await _conversation(session, conversation_id)
    await _lock(session, conversation)
    row = next((c for c in conversation.contact_claims if c["id"] == str(claim_id)), None)
    if row is None:
        raise NotFound(f"contact claim {claim_id} not found", field="claim_id")
    if row["confirmed_at"] is not None:
        raise Gone("this contact was already confirmed", field="claim_id")
    await _join(session, conversation, row, region, actor, via="staff")


async def _conversation(session: AsyncSession, conversation_id: uuid.UUID) -> Conversation:
    conversation = await session.get(Conversation, conversation_id)
    if conversation is None:
        raise NotFound(f"conversation {conversation_id} not found", field="conversation_id")
    return conversation
