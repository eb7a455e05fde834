"""The chat widget's server side: anonymous visitors with a per-visit token, answered by the pipeline."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor
from showroom.dealerships.branding import brand_of
from showroom.errors import NotFound
from showroom.leads.intake import intake
from showroom.leads.intake_model import IntakeContact, IntakeLead
from showroom.models import Conversation, Dealership, Message
from showroom.vocabulary import Channel, LeadSourceType, MessageType

VISIBLE = (MessageType.inbound, MessageType.outbound)


def thread_id(token: str) -> str:
    return "widget:" + hashlib.sha256(token.encode()).hexdigest()


async def dealership_id(session: AsyncSession, subdomain: str) -> int:
    """The id of the active dealership of a subdomain (found before any tenant is set)."""
    found = await session.scalar(text("select resolve_dealership(:s)"), {"s": subdomain})
    if found is None:
        raise NotFound(f"no dealership at {subdomain!r}", field="subdomain")
    return int(found)


async def dealership(session: AsyncSession) -> Dealership:
    """The dealership the session acts for."""
    row = await session.get(Dealership, session.info["dealership_id"])
    assert row is not None  # acting for it: its row is visible
    return row


async def conversation_for(session: AsyncSession, token: str | None) -> Conversation | None:
    return await conversation_of(session, thread_id(token)) if token else None


async def conversation_of(session: AsyncSession, thread: str) -> Conversation | None:
    """The chat whose token hashes to ``thread`` (:func:`thread_id`)."""
    found: Conversation | None = await session.scalar(
        select(Conversation).where(Conversation.channel == Channel.chat, Conversation.external_thread_id == thread)
    )
    return found


ENDED = "this chat has ended; start a new one (send no token)"


def new_token() -> str:
    return secrets.token_urlsafe(32)


async def open_chat(
    session: AsyncSession,
    d: Dealership,
    thread: str,
    contact: IntakeContact,
    content: str,
    actor: Actor,
    *,
    new: bool = False,
) -> Conversation:
    """The visit's conversation: the one whose token hashes to ``thread`` (:func:`thread_id`; the token itself, a
    credential, is never stored), or, when ``new``, a new visit under it (``contact`` is who the visitor said they
    are, ``content`` their first message). A new visit that has its conversation already is that one (the same turn
    run again). A token of no conversation is a 404."""
    conversation = await conversation_of(session, thread)
    if conversation is not None:
        return conversation
    if not new:
        raise NotFound(ENDED, field="token")
    return await start(session, d, contact, content, actor, thread)


async def start(
    session: AsyncSession, d: Dealership, contact: IntakeContact, first_message: str, actor: Actor, thread: str
) -> Conversation:
    """A new visit: customer (anonymous unless they said who they are), a website-chat lead, the conversation."""
    result = await intake(
        session,
        d.id,
        IntakeLead(
            source_type=LeadSourceType.website_chat,
            customer=contact,
            provider="Website Chat",
            issuer="widget",
            external_id=thread[7:39],
            message=first_message[:2000],
            anonymous_ok=True,
            first_reply=False,
            conversation_channel=Channel.chat,
            original={"format": "widget"},
        ),
        actor,
    )
    conversation = result.conversation
    assert conversation is not None
    conversation.external_thread_id = thread
    await session.flush()
    return conversation


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
    """What the widget shows. Its colours are the staff app's (``dealerships.branding``): the dealership's, validated,
    with the text colour that reads on each, so the script has no colour rules of its own."""
    brand = brand_of(d)
    return {
        "dealership": d.name,
        "persona_name": persona_name,
        "welcome_message": d.welcome_message or f"Hi! I'm {persona_name} from {d.name}. How can I help?",
        "colors": {
            "primary": brand.primary,
            "primary_ink": brand.primary_ink,
            "secondary": d.secondary_color,
            "accent": brand.accent,
            "accent_ink": brand.accent_ink,
        },
        "font_family": d.font_family,
    }
