"""HTTP: the dealership's IMAP mailbox (admins): set it up, see where it stands (last poll, last error), poll now."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Response

from showroom.api.docs import errors
from showroom.auth.deps import Context, require
from showroom.integrations.imap import service
from showroom.integrations.imap.schemas import Mailbox, MailboxIn

router = APIRouter(prefix="/api/v1/integrations/imap", tags=["imap"])
Admin = Annotated[Context, Depends(require("webhook.manage"))]


@router.get(
    "",
    response_model=Mailbox,
    summary="The mailbox leads and replies are collected from, with its last poll and last error",
    responses=errors(401, 403, 404),
)
async def get_mailbox(ctx: Admin) -> Any:
    return await service.out(ctx.session, await service.get_mailbox(ctx.session, ctx.dealership_id))


@router.delete("", status_code=204, summary="Stop collecting from the mailbox", responses=errors(401, 403, 404))
async def delete_mailbox(ctx: Admin) -> Response:
    await service.delete_mailbox(ctx.session, ctx.dealership_id, ctx.actor)
    return Response(status_code=204)


@router.post(
    "/poll",
    status_code=202,
    response_model=Mailbox,
    summary="Poll the mailbox now (it is also polled every minute)",
    responses=errors(401, 403, 404),
)
async def poll_now(ctx: Admin) -> Any:
    mailbox = await service.get_mailbox(ctx.session, ctx.dealership_id)
    await service.schedule(ctx.session, ctx.dealership_id)
    return await service.out(ctx.session, mailbox)


@router.put(
    "",
    response_model=Mailbox,
    summary="Set up or change the mailbox (the password comes from the worker's environment); polled at once",
    responses=errors(401, 403, 422),
)
async def put_mailbox(body: MailboxIn, ctx: Admin) -> Any:
    mailbox = await service.put_mailbox(ctx.session, ctx.dealership_id, body, ctx.actor, ctx.settings)
    return await service.out(ctx.session, mailbox)
