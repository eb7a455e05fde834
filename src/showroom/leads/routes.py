"""HTTP: customers and leads."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response
from sqlalchemy import ColumnElement, func, or_, select

from showroom.api.docs import errors
from showroom.api.listing import sort_key
from showroom.api.pagination import PageOut, paginate
from showroom.auth.deps import Context, require
from showroom.leads import service
from showroom.leads.schemas import (
    ActivityOut,
    CustomerCreate,
    CustomerOut,
    CustomerUpdate,
    LeadCreate,
    LeadOut,
    LeadStatus,
    LeadUpdate,
    SourceType,
)
from showroom.models import Customer, Lead

router = APIRouter(prefix="/api/v1", tags=["leads"])

CUSTOMER_SORTS = {
    "created_at": Customer.created_at,
    "full_name": Customer.full_name,
    "last_contact_date": func.coalesce(Customer.last_contact_date, Customer.created_at),
}
LEAD_SORTS = {"created_at": Lead.created_at, "updated_at": Lead.updated_at, "lead_score": Lead.lead_score}


def _matches(q: str) -> Any:
    like = f"%{q.strip()}%"
    digits = "".join(c for c in q if c.isdigit())
    conditions: list[ColumnElement[bool]] = [Customer.full_name.ilike(like), Customer.email.ilike(like)]
    if len(digits) >= 3:
        conditions.append(Customer.phone_e164.contains(digits))
    return or_(*conditions)


# --- customers ------------------------------------------------------------------------------------------


@router.get(
    "/customers",
    response_model=PageOut[CustomerOut],
    summary="Customers, searchable by name/e-mail/phone",
    responses=errors(401, 403, 422),
)
async def list_customers(
    ctx: Annotated[Context, Depends(require("customer.read"))],
    q: Annotated[str | None, Query(max_length=200)] = None,
    sort: Annotated[str, Query(max_length=30)] = "-created_at",
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Any:
    query = select(Customer)
    if q:
        query = query.where(_matches(q))
    items, next_cursor = await paginate(
        ctx.session, query, sort=sort_key(sort, CUSTOMER_SORTS), id_column=Customer.id, cursor=cursor, limit=limit
    )
    return {"items": items, "next_cursor": next_cursor}


@router.post(
    "/customers",
    response_model=CustomerOut,
    status_code=201,
    summary="Add a customer",
    responses=errors(401, 403, 409, 422),
)
async def create_customer(body: CustomerCreate, ctx: Annotated[Context, Depends(require("customer.write"))]) -> Any:
    return await service.create_customer(ctx.session, ctx.dealership_id, body, ctx.actor)


@router.get(
    "/customers/{customer_id}", response_model=CustomerOut, summary="One customer", responses=errors(401, 403, 404)
)
async def get_customer(customer_id: uuid.UUID, ctx: Annotated[Context, Depends(require("customer.read"))]) -> Any:
    return await service.get_customer(ctx.session, customer_id)


@router.patch(
    "/customers/{customer_id}",
    response_model=CustomerOut,
    summary="Edit a customer",
    responses=errors(401, 403, 404, 409, 422),
)
async def update_customer(
    customer_id: uuid.UUID, body: CustomerUpdate, ctx: Annotated[Context, Depends(require("customer.write"))]
) -> Any:
    return await service.update_customer(ctx.session, customer_id, body, ctx.actor)


@router.delete(
    "/customers/{customer_id}",
    status_code=204,
    summary="Erase a customer and everything about them (right to erasure)",
    responses=errors(401, 403, 404),
)
async def erase_customer(
    customer_id: uuid.UUID, ctx: Annotated[Context, Depends(require("customer.delete"))]
) -> Response:
    await service.erase_customer(ctx.session, customer_id, ctx.actor)
    return Response(status_code=204)


# --- leads ----------------------------------------------------------------------------------------------


@router.get(
    "/leads",
    response_model=PageOut[LeadOut],
    summary="Leads with filters; newest first by default",
    responses=errors(401, 403, 422),
)
async def list_leads(
    ctx: Annotated[Context, Depends(require("lead.read"))],
    status: Annotated[list[LeadStatus] | None, Query()] = None,
    source: SourceType | None = None,
    assigned_user_id: int | None = None,
    unassigned: bool = False,
    customer_id: uuid.UUID | None = None,
    created_after: datetime | None = None,
    created_before: datetime | None = None,
    score_min: Annotated[int | None, Query(ge=0, le=100)] = None,
    score_max: Annotated[int | None, Query(ge=0, le=100)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Customer name, e-mail or phone")] = None,
    sort: Annotated[str, Query(max_length=30)] = "-created_at",
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Any:
    query = select(Lead)
    if status:
        query = query.where(Lead.status.in_([s.value for s in status]))
    if source:
        query = query.where(Lead.source == source.value)
    if assigned_user_id is not None:
        query = query.where(Lead.assigned_user_id == assigned_user_id)
    if unassigned:
        query = query.where(Lead.assigned_user_id.is_(None))
    if customer_id is not None:
        query = query.where(Lead.customer_id == customer_id)
    if created_after:
        query = query.where(Lead.created_at >= created_after)
    if created_before:
        query = query.where(Lead.created_at < created_before)
    if score_min is not None:
        query = query.where(Lead.lead_score >= score_min)
    if score_max is not None:
        query = query.where(Lead.lead_score <= score_max)
    if q:
        query = query.where(Lead.customer_id.in_(select(Customer.id).where(_matches(q))))
    items, next_cursor = await paginate(
        ctx.session, query, sort=sort_key(sort, LEAD_SORTS), id_column=Lead.id, cursor=cursor, limit=limit
    )
    return {"items": items, "next_cursor": next_cursor}


@router.post(
    "/leads",
    response_model=LeadOut,
    status_code=201,
    summary="Create a lead for an existing customer",
    responses=errors(401, 403, 404, 409, 422),
)
async def create_lead(body: LeadCreate, ctx: Annotated[Context, Depends(require("lead.write"))]) -> Any:
    return await service.create_lead(ctx.session, ctx.dealership_id, body, ctx.actor)


@router.get("/leads/{lead_id}", response_model=LeadOut, summary="One lead", responses=errors(401, 403, 404))
async def get_lead(lead_id: uuid.UUID, ctx: Annotated[Context, Depends(require("lead.read"))]) -> Any:
    return await service.read_lead(ctx.session, lead_id)


@router.patch(
    "/leads/{lead_id}",
    response_model=LeadOut,
    summary="Change status (validated lifecycle), assignment, details, or add a note",
    responses=errors(401, 403, 404, 409, 422),
)
async def update_lead(
    lead_id: uuid.UUID, body: LeadUpdate, ctx: Annotated[Context, Depends(require("lead.write"))]
) -> Any:
    return await service.update_lead(ctx.session, lead_id, body, ctx.actor)


@router.delete(
    "/leads/{lead_id}",
    response_model=LeadOut,
    summary="Archive a lead (history is kept)",
    responses=errors(401, 403, 404),
)
async def archive_lead(lead_id: uuid.UUID, ctx: Annotated[Context, Depends(require("lead.delete"))]) -> Any:
    return await service.archive_lead(ctx.session, lead_id, ctx.actor)


@router.get(
    "/leads/{lead_id}/activities",
    response_model=list[ActivityOut],
    summary="The lead's timeline",
    responses=errors(401, 403, 404),
)
async def lead_activities(lead_id: uuid.UUID, ctx: Annotated[Context, Depends(require("lead.read"))]) -> Any:
    return await service.activities(ctx.session, lead_id)
