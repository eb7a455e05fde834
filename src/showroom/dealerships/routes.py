"""HTTP: the dealership's own profile, and the platform's list of dealerships (super admins)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends

from showroom.api.docs import errors
from showroom.api.types import DbId
from showroom.auth.deps import Context, Maint, Platform, require
from showroom.dealerships import service
from showroom.dealerships.schemas import DealershipCreate, DealershipOut, DealershipUpdate, PlatformDealershipUpdate

router = APIRouter(prefix="/api/v1", tags=["dealerships"])


@router.get("/dealership", response_model=DealershipOut, summary="Your dealership", responses=errors(401, 403))
async def own(ctx: Annotated[Context, Depends(require("dealership.read"))]) -> Any:
    return await service.get(ctx.session, ctx.dealership_id)


@router.patch(
    "/dealership",
    response_model=DealershipOut,
    summary="Edit your dealership: profile, branding, persona defaults, hours, settings",
    responses=errors(401, 403, 422),
)
async def update_own(body: DealershipUpdate, ctx: Annotated[Context, Depends(require("dealership.update"))]) -> Any:
    return await service.update(ctx.session, ctx.dealership_id, body, ctx.actor)


@router.get(
    "/dealerships",
    response_model=list[DealershipOut],
    summary="All dealerships (super admins)",
    responses=errors(401, 403),
)
async def list_all(ctx: Platform, maint: Maint, include_inactive: bool = True) -> Any:
    return await service.list_all(maint, include_inactive=include_inactive)


@router.post(
    "/dealerships",
    response_model=DealershipOut,
    status_code=201,
    summary="Create a dealership with its defaults (super admins)",
    responses=errors(401, 403, 409, 422),
)
async def create(body: DealershipCreate, ctx: Platform, maint: Maint) -> Any:
    return await service.create(maint, body, ctx.actor)


@router.get(
    "/dealerships/{dealership_id}",
    response_model=DealershipOut,
    summary="One dealership (super admins)",
    responses=errors(401, 403, 404),
)
async def get_one(dealership_id: DbId, ctx: Platform, maint: Maint) -> Any:
    return await service.get(maint, dealership_id)


@router.patch(
    "/dealerships/{dealership_id}",
    response_model=DealershipOut,
    summary="Edit any dealership (super admins)",
    responses=errors(401, 403, 404, 409, 422),
)
async def update_one(dealership_id: DbId, body: PlatformDealershipUpdate, ctx: Platform, maint: Maint) -> Any:
    return await service.update(maint, dealership_id, body, ctx.actor)


@router.post(
    "/dealerships/{dealership_id}/routing/approve",
    response_model=DealershipOut,
    summary="Approve the texting number and ADF vendor names/ids the dealership requests (super admins)",
    responses=errors(401, 403, 404, 409),
)
async def approve_routing(dealership_id: DbId, ctx: Platform, maint: Maint) -> Any:
    """Until approved, a dealership's requested routing identifiers route nothing: one dealership cannot take
    another's number or lead provider. `routing_pending` in a dealership shows what waits for approval."""
    return await service.approve_routing(maint, dealership_id, ctx.actor)


@router.post(
    "/dealerships/{dealership_id}/deactivate",
    response_model=DealershipOut,
    summary="Deactivate: no sign-in, intake or AI; data kept (super admins)",
    responses=errors(401, 403, 404),
)
async def deactivate(dealership_id: DbId, ctx: Platform, maint: Maint) -> Any:
    return await service.set_active(maint, dealership_id, False, ctx.actor)


@router.post(
    "/dealerships/{dealership_id}/activate",
    response_model=DealershipOut,
    summary="Reactivate a dealership (super admins)",
    responses=errors(401, 403, 404),
)
async def activate(dealership_id: DbId, ctx: Platform, maint: Maint) -> Any:
    return await service.set_active(maint, dealership_id, True, ctx.actor)
