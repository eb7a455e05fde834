"""Conversations and messages: CRUD, counters and the status rules."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, apply_update, record, snapshot
from showroom.auth.principal import Principal
from showroom.conversations.schemas import ConversationCreate, ConversationUpdate, MessageCreate
from showroom.errors import Conflict, NotFound, ValidationFailed
from showroom.leads.service import check_assignee, get_lead
from showroom.models import Conversation, Message

CLOSED = ("resolved", "archived")


async def get(session: AsyncSession, conversation_id: uuid.UUID) -> Conversation:
    conversation = await session.get(Conversation, conversation_id)
    if conversation is None:
        raise NotFound(f"conversation {conversation_id} not found")
    return conversation


async def create(session: AsyncSession, dealership_id: int, data: ConversationCreate, actor: Actor) -> Conversation:
    lead = await get_lead(session, data.lead_id)  # through RLS: another tenant's lead is a 404
    await check_assignee(session, data.assigned_user_id)
    if data.external_thread_id:
        taken = await session.scalar(
            select(Conversation.id).where(
                Conversation.channel == data.channel, Conversation.external_thread_id == data.external_thread_id
            )
        )
        if taken is not None:
            raise Conflict(f"conversation {taken} already has this thread id", field="external_thread_id")
    conversation = Conversation(
        dealership_id=dealership_id, customer_id=lead.customer_id, **data.model_dump(mode="json")
    )
    session.add(conversation)
    await session.flush()
    await record(
        session,
        actor,
        "conversation.create",
        dealership_id=dealership_id,
        resource_type="conversation",
        resource_id=conversation.id,
        after=snapshot(conversation),
    )
    return conversation


async def update(
    session: AsyncSession, conversation_id: uuid.UUID, data: ConversationUpdate, actor: Actor
) -> Conversation:
    conversation = await get(session, conversation_id)
    values = data.model_dump(exclude_unset=True, mode="json")
    for key in ("status", "priority", "is_ai_assisted", "ai_paused", "tags"):
        if key in values and values[key] is None:
            raise ValidationFailed(f"{key} cannot be null", field=key)
    if "assigned_user_id" in values:
        await check_assignee(session, values["assigned_user_id"])
    if "status" in values:
        closing = values["status"] in CLOSED
        values["closed_at"] = (conversation.closed_at or datetime.now(UTC)) if closing else None
    await apply_update(
        session,
        conversation,
        values,
        actor,
        action="conversation.update",
        resource_type="conversation",
        dealership_id=conversation.dealership_id,
    )
    return conversation


async def get_message(session: AsyncSession, message_id: uuid.UUID) -> Message:
    message = await session.get(Message, message_id)
    if message is None:
        raise NotFound(f"message {message_id} not found")
    return message


async def add_message(
    session: AsyncSession, conversation_id: uuid.UUID, data: MessageCreate, principal: Principal, actor: Actor
) -> tuple[Message, bool]:
    """Store a message; returns (message, created). A repeated idempotency key returns the first message."""
    conversation = await get(session, conversation_id)
    if data.idempotency_key:
        first = await session.scalar(
            select(Message).where(
                Message.conversation_id == conversation.id, Message.idempotency_key == data.idempotency_key
            )
        )
        if first is not None:
            return first, False
    now = datetime.now(UTC)
    if principal.kind == "api_key":
        if data.type is not None:
            raise ValidationFailed("integrations post the customer's messages; leave type out", field="type")
        if conversation.status == "archived":
            raise Conflict("this conversation is archived; start a new one", field="conversation_id")
        message = Message(type="inbound", sender="customer", delivery_status="received", sender_name=data.sender_name)
        conversation.last_customer_message_at = now
        if conversation.status == "resolved":
            conversation.status, conversation.closed_at = "active", None
    else:
        if conversation.status in CLOSED:
            raise Conflict(f"this conversation is {conversation.status}; reopen it first", field="conversation_id")
        kind = data.type or "outbound"
        message = Message(
            type=kind,
            sender="agent",
            sender_user_id=principal.user_id,
            sender_name=principal.name or principal.email,
            delivery_status="queued" if kind == "outbound" else None,
        )
    message.dealership_id = conversation.dealership_id
    message.conversation_id = conversation.id
    message.channel = conversation.channel
    message.content = data.content
    message.external_message_id = data.external_message_id
    message.idempotency_key = data.idempotency_key
    session.add(message)
    conversation.message_count += 1
    conversation.last_message_at = now
    await session.flush()
    await record(
        session,
        actor,
        "message.create",
        dealership_id=conversation.dealership_id,
        resource_type="message",
        resource_id=message.id,
        after={"type": message.type, "conversation_id": str(conversation.id)},
    )
    return message, True


async def mark_read(session: AsyncSession, message_id: uuid.UUID, is_read: bool, actor: Actor) -> Message:
    message = await get_message(session, message_id)
    values = {"is_read": is_read, "read_at": datetime.now(UTC) if is_read else None}
    await apply_update(
        session,
        message,
        values,
        actor,
        action="message.update",
        resource_type="message",
        dealership_id=message.dealership_id,
    )
    return message
