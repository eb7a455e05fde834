"""HTTP: conversations and their messages."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Response
from sqlalchemy import func, select

from showroom.api.docs import errors
from showroom.api.listing import sort_key
from showroom.api.pagination import PageOut, SortKey, paginate
from showroom.api.types import DbId
from showroom.auth.deps import Context, require
from showroom.conversations import service, turn
from showroom.conversations.schemas import (
    ConversationCreate,
    ConversationOut,
    ConversationUpdate,
    MessageCreate,
    MessageOut,
    MessageUpdate,
)
from showroom.errors import ValidationFailed
from showroom.models import Conversation, Message
from showroom.services import services
from showroom.vocabulary import Channel, ConversationStatus, MessageType

router = APIRouter(prefix="/api/v1", tags=["conversations"])


SORTS = {
    "last_message_at": func.coalesce(Conversation.last_message_at, Conversation.created_at),
    "created_at": Conversation.created_at,
}


@router.get(
    "/conversations",
    response_model=PageOut[ConversationOut],
    summary="Conversations, most recent first",
    responses=errors(401, 403, 422),
)
async def list_conversations(
    ctx: Annotated[Context, Depends(require("conversation.read"))],
    status: Annotated[list[ConversationStatus] | None, Query()] = None,
    channel: Channel | None = None,
    assigned_user_id: DbId | None = None,
    unassigned: bool = False,
    lead_id: uuid.UUID | None = None,
    customer_id: uuid.UUID | None = None,
    sort: Annotated[str, Query(max_length=30)] = "-last_message_at",
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Any:
    query = select(Conversation)
    if status:
        query = query.where(Conversation.status.in_([s.value for s in status]))
    if channel:
        query = query.where(Conversation.channel == channel.value)
    if assigned_user_id is not None:
        query = query.where(Conversation.assigned_user_id == assigned_user_id)
    if unassigned:
        query = query.where(Conversation.assigned_user_id.is_(None))
    if lead_id is not None:
        query = query.where(Conversation.lead_id == lead_id)
    if customer_id is not None:
        query = query.where(Conversation.customer_id == customer_id)
    items, next_cursor = await paginate(
        ctx.session, query, sort=sort_key(sort, SORTS), id_column=Conversation.id, cursor=cursor, limit=limit
    )
    return {"items": items, "next_cursor": next_cursor}


@router.post(
    "/conversations",
    response_model=ConversationOut,
    status_code=201,
    summary="Open a conversation on a lead",
    responses=errors(401, 403, 404, 409, 422),
)
async def create_conversation(
    body: ConversationCreate, ctx: Annotated[Context, Depends(require("conversation.write"))]
) -> Any:
    return await service.create(ctx.session, ctx.dealership_id, body, ctx.actor)


@router.get(
    "/conversations/{conversation_id}",
    response_model=ConversationOut,
    summary="One conversation",
    responses=errors(401, 403, 404),
)
async def get_conversation(
    conversation_id: uuid.UUID, ctx: Annotated[Context, Depends(require("conversation.read"))]
) -> Any:
    return await service.get(ctx.session, conversation_id)


@router.patch(
    "/conversations/{conversation_id}",
    response_model=ConversationOut,
    summary="Change status, assignee, priority, AI switch or tags",
    responses=errors(401, 403, 404, 422),
)
async def update_conversation(
    conversation_id: uuid.UUID,
    body: ConversationUpdate,
    ctx: Annotated[Context, Depends(require("conversation.write"))],
) -> Any:
    return await service.update(ctx.session, conversation_id, body, ctx.actor)


@router.delete(
    "/conversations/{conversation_id}",
    response_model=ConversationOut,
    summary="Archive a conversation (messages are kept)",
    responses=errors(401, 403, 404),
)
async def archive_conversation(
    conversation_id: uuid.UUID, ctx: Annotated[Context, Depends(require("conversation.delete"))]
) -> Any:
    return await service.update(
        ctx.session, conversation_id, ConversationUpdate(status=ConversationStatus.archived), ctx.actor
    )


@router.get(
    "/conversations/{conversation_id}/messages",
    response_model=PageOut[MessageOut],
    summary="Messages in order (internal notes included for staff)",
    responses=errors(401, 403, 404, 422),
)
async def list_messages(
    conversation_id: uuid.UUID,
    ctx: Annotated[Context, Depends(require("message.read"))],
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 100,
) -> Any:
    await service.get(ctx.session, conversation_id)
    query = select(Message).where(Message.conversation_id == conversation_id)
    if ctx.principal.kind == "api_key":
        query = query.where(Message.type != MessageType.internal_note)
    items, next_cursor = await paginate(
        ctx.session,
        query,
        sort=SortKey(Message.created_at, descending=False),
        id_column=Message.id,
        cursor=cursor,
        limit=limit,
    )
    return {"items": items, "next_cursor": next_cursor}


@router.post(
    "/conversations/{conversation_id}/messages",
    response_model=MessageOut,
    status_code=201,
    summary="Add a message: staff reply or internal note; an integration's inbound customer message",
    responses={
        200: {"description": "Already received (same idempotency key): the first message", "model": MessageOut},
        **errors(401, 403, 404, 409, 422),
    },
)
async def add_message(
    conversation_id: uuid.UUID,
    body: MessageCreate,
    response: Response,
    ctx: Annotated[Context, Depends(require("message.write"))],
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", max_length=255)] = None,
) -> Any:
    if idempotency_key and body.idempotency_key and idempotency_key != body.idempotency_key:
        raise ValidationFailed("the Idempotency-Key header and body field differ", field="idempotency_key")
    if idempotency_key:
        body = body.model_copy(update={"idempotency_key": idempotency_key})
    message, created = await turn.add_message(
        ctx.session, services(ctx.request), conversation_id, body, ctx.principal, ctx.actor
    )
    if not created:
        response.status_code = 200
    return message


@router.patch(
    "/messages/{message_id}",
    response_model=MessageOut,
    summary="Mark a message read or unread",
    responses=errors(401, 403, 404, 422),
)
async def update_message(
    message_id: uuid.UUID, body: MessageUpdate, ctx: Annotated[Context, Depends(require("message.write"))]
) -> Any:
    return await service.mark_read(ctx.session, message_id, body.is_read, ctx.actor)
