"""HTTP: saved replies (kept by managers), their variables, and the replies filled in for one conversation; a call
or visit logged from a conversation."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from showroom.api.docs import errors
from showroom.auth.deps import Context, require
from showroom.brain.saved_replies import VARIABLES
from showroom.conversations import saved_replies
from showroom.conversations.contact_log import log_contact
from showroom.conversations.schemas import (
    ContactLog,
    ContactLogOut,
    FilledReplyOut,
    SavedReplyCreate,
    SavedReplyOut,
    SavedReplyUpdate,
)
from showroom.conversations.service import get as get_conversation

router = APIRouter(prefix="/api/v1", tags=["saved replies"])

Reader = Annotated[Context, Depends(require("conversation.read"))]
Manager = Annotated[Context, Depends(require("saved_reply.manage"))]


@router.get(
    "/saved-replies", response_model=list[SavedReplyOut], summary="Saved replies, by title", responses=errors(401, 403)
)
async def list_saved_replies(ctx: Reader) -> Any:
    return await saved_replies.list_replies(ctx.session)


@router.get(
    "/saved-replies/variables",
    response_model=dict[str, str],
    summary="The `{{variables}}` a saved reply may use, with what each becomes",
    responses=errors(401, 403),
)
async def saved_reply_variables(ctx: Reader) -> Any:
    return VARIABLES


@router.post(
    "/saved-replies",
    status_code=201,
    response_model=SavedReplyOut,
    summary="Save a reply (an unknown variable is a 422 naming it)",
    responses=errors(401, 403, 409, 422),
)
async def create_saved_reply(body: SavedReplyCreate, ctx: Manager) -> Any:
    return await saved_replies.create(ctx.session, ctx.dealership_id, body, ctx.principal, ctx.actor)


@router.patch(
    "/saved-replies/{reply_id}",
    response_model=SavedReplyOut,
    summary="Edit a saved reply",
    responses=errors(401, 403, 404, 409, 422),
)
async def update_saved_reply(reply_id: uuid.UUID, body: SavedReplyUpdate, ctx: Manager) -> Any:
    return await saved_replies.update(ctx.session, reply_id, body, ctx.actor)


@router.delete(
    "/saved-replies/{reply_id}", status_code=204, summary="Delete a saved reply", responses=errors(401, 403, 404)
)
async def delete_saved_reply(reply_id: uuid.UUID, ctx: Manager) -> Response:
    await saved_replies.delete(ctx.session, reply_id, ctx.actor)
    return Response(status_code=204)


@router.get(
    "/conversations/{conversation_id}/saved-replies",
    response_model=list[FilledReplyOut],
    summary="The saved replies with this conversation's values filled in (what the reply box inserts)",
    responses=errors(401, 403, 404),
)
async def filled_saved_replies(conversation_id: uuid.UUID, ctx: Reader) -> Any:
    conversation = await get_conversation(ctx.session, conversation_id)
    return await saved_replies.filled(ctx.session, conversation, ctx.principal)


@router.post(
    "/conversations/{conversation_id}/contacts",
    status_code=201,
    response_model=ContactLogOut,
    summary="Log a call or a visit with the customer (the lead's timeline and the customer's interactions)",
    responses=errors(401, 403, 404, 422),
)
async def log_call_or_visit(
    conversation_id: uuid.UUID, body: ContactLog, ctx: Annotated[Context, Depends(require("lead.write"))]
) -> Any:
    return await log_contact(ctx.session, conversation_id, body, ctx.actor)
