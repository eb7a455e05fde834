"""HTTP: the CRM hand-off's settings (admins) and a lead's sends to the CRM, with a re-send (staff)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends

from showroom.api.docs import errors
from showroom.auth.deps import Context, require
from showroom.integrations.crm import service
from showroom.integrations.crm.schemas import CrmHandoff, CrmHandoffWithAdf, CrmSettings

router = APIRouter(tags=["crm"])
Admin = Annotated[Context, Depends(require("webhook.manage"))]
Reader = Annotated[Context, Depends(require("lead.read"))]
Writer = Annotated[Context, Depends(require("lead.write"))]


@router.get(
    "/api/v1/integrations/crm",
    response_model=CrmSettings,
    summary="The CRM hand-off's settings",
    responses=errors(401, 403),
)
async def get_settings(ctx: Admin) -> Any:
    return await service.get_settings(ctx.session, ctx.dealership_id)


@router.put(
    "/api/v1/integrations/crm",
    response_model=CrmSettings,
    summary="Set the CRM's lead-intake e-mail and when leads are sent (email null: no hand-off)",
    responses=errors(401, 403, 422),
)
async def put_settings(body: CrmSettings, ctx: Admin) -> Any:
    return await service.update_settings(ctx.session, ctx.dealership_id, body, ctx.actor)


@router.get(
    "/api/v1/leads/{lead_id}/crm-handoffs",
    response_model=list[CrmHandoffWithAdf],
    summary="The lead's sends to the CRM, newest first (status, attempts, error, the ADF sent)",
    responses=errors(401, 403, 404),
)
async def list_handoffs(lead_id: uuid.UUID, ctx: Reader) -> Any:
    return [service.out(h) for h in await service.list_handoffs(ctx.session, ctx.dealership_id, lead_id)]


@router.post(
    "/api/v1/leads/{lead_id}/crm-handoffs",
    status_code=202,
    response_model=CrmHandoff,
    summary="Send the lead to the CRM again (queued; ADF status resend, same id)",
    responses=errors(401, 403, 404, 409),
)
async def resend(lead_id: uuid.UUID, ctx: Writer) -> Any:
    return service.out(await service.resend(ctx.session, ctx.dealership_id, lead_id, ctx.actor))
