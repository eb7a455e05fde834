"""Saved replies: a dealership's reply texts with ``{{variables}}`` (``brain.saved_replies``), kept by managers and
filled in for a conversation when staff insert one from the reply box."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, apply_update, record, snapshot
from showroom.auth.principal import Principal
from showroom.brain.saved_replies import fill, unknown_variables
from showroom.conversations.rows import turn_rows
from showroom.conversations.schemas import SavedReplyCreate, SavedReplyUpdate
from showroom.errors import Conflict, NotFound, ValidationFailed
from showroom.models import Conversation, SavedReply, VehicleInterest


async def list_replies(session: AsyncSession) -> list[SavedReply]:
    """The dealership's saved replies by title (RLS: only its own)."""
    return list((await session.scalars(select(SavedReply).order_by(SavedReply.title, SavedReply.id))).all())


async def get(session: AsyncSession, reply_id: uuid.UUID) -> SavedReply:
    reply = await session.get(SavedReply, reply_id)
    if reply is None:
        raise NotFound(f"saved reply {reply_id} not found")
    return reply


def _check_body(body: str) -> None:
    unknown = unknown_variables(body)
    if unknown:
        names = ", ".join("{{" + name + "}}" for name in unknown)
        raise ValidationFailed(
            f"unknown variable {names}: see the list of variables a saved reply may use", field="body"
        )


async def _check_title(session: AsyncSession, title: str, exclude: uuid.UUID | None = None) -> None:
    query = select(SavedReply.id).where(SavedReply.title == title)
    if exclude is not None:
        query = query.where(SavedReply.id != exclude)
    if await session.scalar(query) is not None:
        raise Conflict(f"a saved reply is already called {title!r}", field="title")


async def create(
    session: AsyncSession, dealership_id: int, data: SavedReplyCreate, principal: Principal, actor: Actor
) -> SavedReply:
    _check_body(data.body)
    await _check_title(session, data.title)
    reply = SavedReply(
        id=uuid.uuid4(),
        dealership_id=dealership_id,
        title=data.title,
        body=data.body,
        created_by_user_id=principal.user_id,
    )
    session.add(reply)
    await session.flush()
    await record(
        session,
        actor,
        "saved_reply.create",
        dealership_id=dealership_id,
        resource_type="saved_reply",
        resource_id=reply.id,
        after=snapshot(reply),
    )
    return reply


async def update(session: AsyncSession, reply_id: uuid.UUID, data: SavedReplyUpdate, actor: Actor) -> SavedReply:
    reply = await get(session, reply_id)
    values = data.model_dump(exclude_unset=True)
    if "body" in values:
        _check_body(values["body"])
    if values.get("title"):
        await _check_title(session, values["title"], exclude=reply.id)
    await apply_update(
        session,
        reply,
        values,
        actor,
        action="saved_reply.update",
        resource_type="saved_reply",
        dealership_id=reply.dealership_id,
    )
    return reply


async def delete(session: AsyncSession, reply_id: uuid.UUID, actor: Actor) -> None:
    reply = await get(session, reply_id)
    before = snapshot(reply)
    await session.delete(reply)
    await session.flush()
    await record(
        session,
        actor,
        "saved_reply.delete",
        dealership_id=reply.dealership_id,
        resource_type="saved_reply",
        resource_id=reply_id,
        before=before,
    )


@dataclass(frozen=True)
class FilledReply:
    id: uuid.UUID
    title: str
    text: str
    missing: list[str]


def _vehicle(interest: VehicleInterest | None) -> str | None:
    if interest is None:
        return None
    words = [str(interest.year) if interest.year else None, interest.make, interest.model, interest.trim]
    return " ".join(word for word in words if word) or None


async def variables_for(
    session: AsyncSession, conversation: Conversation, principal: Principal
) -> dict[str, str | None]:
    """The values of ``brain.saved_replies.VARIABLES`` for this conversation and the person sending."""
    rows = await turn_rows(session, conversation)
    interest = await session.scalar(
        select(VehicleInterest)
        .where(VehicleInterest.lead_id == conversation.lead_id, VehicleInterest.interest.not_in(("trade-in", "sell")))
        .order_by(VehicleInterest.is_primary.desc(), VehicleInterest.created_at)
        .limit(1)
    )
    customer, dealership = rows.customer, rows.dealership
    agent_name = principal.name or None
    return {
        "customer.first_name": customer.first_name,
        "customer.last_name": customer.last_name,
        "customer.name": customer.full_name,
        "customer.email": customer.email,
        "customer.phone": customer.phone,
        "vehicle": _vehicle(interest),
        "agent.name": agent_name,
        "agent.first_name": agent_name.split()[0] if agent_name else None,
        "agent.email": principal.email,
        "dealership.name": dealership.name,
        "dealership.phone": dealership.contact_phone,
        "dealership.address": dealership.address,
        "dealership.website": dealership.website,
        "lead.number": rows.lead.lead_number,
    }


async def filled(session: AsyncSession, conversation: Conversation, principal: Principal) -> list[FilledReply]:
    """Every saved reply with its variables filled in for ``conversation`` (what the reply box inserts)."""
    replies = await list_replies(session)
    if not replies:
        return []
    values = await variables_for(session, conversation, principal)
    out = []
    for reply in replies:
        done = fill(reply.body, values)
        out.append(FilledReply(reply.id, reply.title, done.text, done.missing))
    return out
