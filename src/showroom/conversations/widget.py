"""The chat widget's server side: anonymous visitors with a per-visit token, answered by the pipeline."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor
from showroom.db.engine import set_tenant
from showroom.errors import NotFound, ValidationFailed
from showroom.leads.contacts import normalize_email, normalize_phone
from showroom.leads.intake import IntakeContact, IntakeLead, intake
from showroom.models import Conversation, Customer, Dealership, Lead, Message
from showroom.services import Services

VISIBLE = ("inbound", "outbound")


def thread_id(token: str) -> str:
    return "widget:" + hashlib.sha256(token.encode()).hexdigest()


async def dealership(session: AsyncSession, subdomain: str) -> Dealership:
    """The active dealership of a subdomain, and the transaction scoped to it (visitors are anonymous)."""
    found = await session.scalar(text("select resolve_dealership(:s)"), {"s": subdomain})
    if found is None:
        raise NotFound(f"no dealership at {subdomain!r}", field="subdomain")
    await set_tenant(session, int(found))
    row = await session.get(Dealership, int(found))
    assert row is not None
    return row


async def conversation_for(session: AsyncSession, token: str | None) -> Conversation | None:
    if not token:
        return None
    found: Conversation | None = await session.scalar(
        select(Conversation).where(Conversation.channel == "chat", Conversation.external_thread_id == thread_id(token))
    )
    return found


async def start(
    session: AsyncSession, d: Dealership, contact: IntakeContact, first_message: str, actor: Actor
) -> tuple[str, Conversation]:
    """A new visit: customer (anonymous unless they said who they are), a website-chat lead, the conversation."""
    token = secrets.token_urlsafe(32)
    result = await intake(
        session,
        d.id,
        IntakeLead(
            source_type="website_chat",
            customer=contact,
            provider="Website Chat",
            issuer="widget",
            external_id=thread_id(token)[7:39],
            message=first_message[:2000],
            anonymous_ok=True,
            first_reply=False,
            conversation_channel="chat",
            original={"format": "widget"},
        ),
        actor,
    )
    conversation = result.conversation
    assert conversation is not None
    conversation.external_thread_id = thread_id(token)
    await session.flush()
    return token, conversation


async def capture_contact(
    session: AsyncSession, conversation: Conversation, contact: IntakeContact, region: str
) -> Customer:
    """The visitor tells who they are: fill the customer in, or join the customer we already know by that e-mail
    or phone (the visit's lead and conversation move to them)."""
    email, phone = normalize_email(contact.email), normalize_phone(contact.phone, region)
    if contact.email and email is None:
        raise ValidationFailed("that e-mail address does not look right", field="email")
    if contact.phone and phone is None:
        raise ValidationFailed("that phone number does not look right", field="phone")
    current = await session.get(Customer, conversation.customer_id)
    assert current is not None
    known = None
    for column, value in ((Customer.email_normalized, email), (Customer.phone_e164, phone)):
        if value and known is None:
            known = await session.scalar(select(Customer).where(column == value, Customer.id != current.id))
    target = known or current
    from showroom.leads.intake import _merge  # the intake's merge rule: fill blanks, never erase

    _merge(
        target,
        contact,
        email if not (known and known.email_normalized) else None,
        phone if not (known and known.phone_e164) else None,
    )
    if known is not None:
        lead = await session.get(Lead, conversation.lead_id)
        assert lead is not None
        lead.customer_id = known.id
        conversation.customer_id = known.id
        known.total_leads += 1
        await session.flush()
        others = await session.scalar(select(Lead.id).where(Lead.customer_id == current.id).limit(1))
        if others is None:
            await session.delete(current)
    await session.flush()
    return target


async def visible_messages(session: AsyncSession, conversation: Conversation, after: datetime | None) -> list[Message]:
    query = (
        select(Message)
        .where(Message.conversation_id == conversation.id, Message.type.in_(VISIBLE))
        .order_by(Message.created_at, Message.id)
    )
    if after is not None:
        query = query.where(Message.created_at > after)
    return list((await session.scalars(query.limit(200))).all())


def widget_config(d: Dealership, persona_name: str) -> dict[str, Any]:
    return {
        "dealership": d.name,
        "persona_name": persona_name,
        "welcome_message": d.welcome_message or f"Hi! I'm {persona_name} from {d.name}. How can I help?",
        "colors": {"primary": d.primary_color, "secondary": d.secondary_color, "accent": d.accent_color},
        "font_family": d.font_family,
    }


async def say(session: AsyncSession, services: Services, conversation: Conversation, content: str, actor: Actor) -> Any:
    from showroom.conversations.service import receive

    return await receive(session, services, conversation, content, actor)
