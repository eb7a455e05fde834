"""HTTP: customers and leads."""

from __future__ import annotations

import uuid
from datetime import datetime
from email import message_from_bytes, policy
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select

from showroom.api.docs import errors
from showroom.api.listing import sort_key
from showroom.api.pagination import PageOut, paginate
from showroom.api.types import DbId, When
from showroom.auth.deps import Context, DbSession, Maint, request_actor, require
from showroom.bounces import service as bounces
from showroom.errors import UnsupportedMediaType
from showroom.insights.service import dealership_weights
from showroom.leads import dead_letters as letters
from showroom.leads import merge, service, sources
from showroom.leads.adf_intake import DocumentOutcome, process_payload
from showroom.leads.inbound import InboundEmailIn, check_inbound_secret
from showroom.leads.intake import take_lead
from showroom.leads.intake_model import IntakeResult
from showroom.leads.schemas import (
    ActivityOut,
    AdfDocumentOut,
    AdfIntakeOut,
    ConfirmContactIn,
    CustomerCreate,
    CustomerOut,
    CustomerUpdate,
    IntakeOut,
    LeadIntakeIn,
    LeadOut,
    LeadSourceOut,
    LeadSourceUpdate,
    LeadUpdate,
    MergeIn,
    MergeOut,
    SourceMergeIn,
    SourceMergeOut,
)
from showroom.models import Customer, Dealership, Lead
from showroom.vocabulary import IntakeChannel, LeadSourceType, LeadStatus

router = APIRouter(prefix="/api/v1", tags=["leads"])

CUSTOMER_SORTS = {
    "created_at": Customer.created_at,
    "full_name": Customer.full_name,
    "last_contact_date": func.coalesce(Customer.last_contact_date, Customer.created_at),
}
LEAD_SORTS = {"created_at": Lead.created_at, "updated_at": Lead.updated_at, "lead_score": Lead.lead_score}


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
    if q and q.strip():
        query = query.where(service.customer_search(q))
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


@router.post(
    "/customers/{customer_id}/confirm-contact",
    response_model=CustomerOut,
    summary="Confirm a flagged e-mail or phone: automated messages may use it from now on",
    responses=errors(401, 403, 404, 422),
)
async def confirm_contact(
    customer_id: uuid.UUID, body: ConfirmContactIn, ctx: Annotated[Context, Depends(require("customer.write"))]
) -> Any:
    return await merge.confirm_contact(ctx.session, customer_id, body.field, ctx.actor)


@router.post(
    "/customers/{customer_id}/merge",
    response_model=MergeOut,
    summary="Merge another customer into this one: their leads, conversations, follow-ups, insights and profile move",
    responses=errors(401, 403, 404, 422),
)
async def merge_customers(
    customer_id: uuid.UUID, body: MergeIn, ctx: Annotated[Context, Depends(require("customer.delete"))]
) -> Any:
    """The other customer is deleted once everything of theirs has moved; every opt-out of either stands. Audited
    as `customer.merge` with what moved (the customer's history shows it)."""
    customer, moved = await merge.merge_customers(ctx.session, customer_id, body.duplicate_id, ctx.actor)
    return {"customer": CustomerOut.model_validate(customer), "moved": moved}


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


# --- lead sources ---------------------------------------------------------------------------------------


def _source_out(f: sources.SourceFigures) -> LeadSourceOut:
    s = f.source
    return LeadSourceOut(
        id=s.id,
        name=s.name,
        type=LeadSourceType(s.type),
        provider_keys=list(s.provider_keys),
        monthly_cost=s.monthly_cost,
        total_leads=s.total_leads,
        is_active=s.is_active,
        leads_this_month=f.leads,
        cost_per_lead=f.cost_per_lead,
    )


async def _source_figures(ctx: Context, source_id: uuid.UUID) -> LeadSourceOut:
    dealership = await ctx.session.get(Dealership, ctx.dealership_id)
    assert dealership is not None
    found = await sources.figures(ctx.session, sources.month_start(dealership.timezone))
    return _source_out(next(f for f in found if f.source.id == source_id))


@router.get(
    "/lead-sources",
    response_model=list[LeadSourceOut],
    summary="Lead sources (one per provider) with this month's leads and cost per lead",
    responses=errors(401, 403),
)
async def list_sources(ctx: Annotated[Context, Depends(require("lead.read"))]) -> Any:
    dealership = await ctx.session.get(Dealership, ctx.dealership_id)
    assert dealership is not None
    return [_source_out(f) for f in await sources.figures(ctx.session, sources.month_start(dealership.timezone))]


@router.patch(
    "/lead-sources/{source_id}",
    response_model=LeadSourceOut,
    summary="Rename a lead source, set its monthly cost, or (de)activate it",
    responses=errors(401, 403, 404, 409, 422),
)
async def update_source(
    source_id: uuid.UUID, body: LeadSourceUpdate, ctx: Annotated[Context, Depends(require("dealership.update"))]
) -> Any:
    await sources.update_source(ctx.session, source_id, body, ctx.actor)
    return await _source_figures(ctx, source_id)


@router.post(
    "/lead-sources/{source_id}/merge",
    response_model=SourceMergeOut,
    summary="Merge another lead source into this one: its leads, providers and cost move here",
    responses=errors(401, 403, 404, 422),
)
async def merge_sources(
    source_id: uuid.UUID, body: SourceMergeIn, ctx: Annotated[Context, Depends(require("dealership.update"))]
) -> Any:
    _, moved = await sources.merge_sources(ctx.session, source_id, body.source_id, ctx.actor)
    return {"source": await _source_figures(ctx, source_id), "leads_moved": moved}


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
    source: LeadSourceType | None = None,
    assigned_user_id: DbId | None = None,
    unassigned: bool = False,
    customer_id: uuid.UUID | None = None,
    created_after: When | None = None,
    created_before: When | None = None,
    score_min: Annotated[int | None, Query(ge=0, le=100)] = None,
    score_max: Annotated[int | None, Query(ge=0, le=100)] = None,
    q: Annotated[str | None, Query(max_length=200, description="Customer name, e-mail or phone")] = None,
    hot: Annotated[bool, Query(description="Only hot leads: open, scored at or above the hot threshold")] = False,
    sort: Annotated[str, Query(max_length=30)] = "-created_at",
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Any:
    threshold = (await dealership_weights(ctx.session, ctx.dealership_id))["hot_threshold"] if hot else None
    query = select(Lead).where(
        *service.lead_filters(
            statuses=status,
            source=source,
            assigned_user_id=assigned_user_id,
            unassigned=unassigned,
            customer_id=customer_id,
            created_after=created_after,
            created_before=created_before,
            score_min=score_min,
            score_max=score_max,
            q=q,
            hot_threshold=threshold,
        )
    )
    items, next_cursor = await paginate(
        ctx.session, query, sort=sort_key(sort, LEAD_SORTS), id_column=Lead.id, cursor=cursor, limit=limit
    )
    return {"items": items, "next_cursor": next_cursor}


@router.post(
    "/leads",
    response_model=IntakeOut,
    status_code=201,
    summary="Take in a lead (website form, partner, staff): deduplicated, idempotent",
    responses={
        200: {"description": "Already here: the existing lead, duplicate=true", "model": IntakeOut},
        **errors(401, 403, 404, 422),
    },
)
async def create_lead(
    body: LeadIntakeIn,
    response: Response,
    ctx: Annotated[Context, Depends(require("lead.write"))],
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", min_length=1, max_length=255)] = None,
) -> Any:
    """One transaction: the customer (found by e-mail or phone, else created), the lead with its number, vehicle
    interests linked to inventory, the timeline entry, a conversation for the AI agent and the audit row. The
    same enquiry again (same `external_id`, same Idempotency-Key within 24 h, or the same customer and vehicle
    the same day) returns the existing lead with `duplicate: true` and HTTP 200."""
    result = await take_lead(ctx.session, ctx.dealership_id, body, ctx.actor, idempotency_key)
    if result.duplicate:
        response.status_code = 200
    return _intake_out(result)


def _intake_out(result: IntakeResult) -> IntakeOut:
    return IntakeOut(
        lead=LeadOut.model_validate(result.lead),
        duplicate=result.duplicate,
        customer_id=result.customer.id,
        notes=result.notes,
        conversation_id=result.conversation.id if result.conversation else None,
    )


ADF_TYPES = ("application/xml", "text/xml", "message/rfc822", "text/plain", "application/octet-stream", "text/html")


def _adf_response(outcomes: list[DocumentOutcome]) -> JSONResponse:
    results = [
        AdfDocumentOut(
            document=o.document,
            prospect=o.prospect,
            outcome=o.outcome,
            reason=o.why,
            source=o.source_name if o.result else None,
            lead=LeadOut.model_validate(o.result.lead) if o.result else None,
            duplicate=bool(o.result and o.result.duplicate),
            error=o.error,
            field=o.error_field,
            dead_letter_id=o.dead_letter_id,
            warnings=o.warnings,
        )
        for o in outcomes
    ]
    if any(o.result and not o.result.duplicate for o in outcomes):
        status = 201
    elif any(o.result for o in outcomes):
        status = 200
    else:
        status = 422  # committed anyway: dead letters stay for an admin
    body = AdfIntakeOut(results=results).model_dump(mode="json")
    if status == 422:
        first = results[0]  # nothing was taken in: the first rejection is the error
        body = {"error": "ValidationFailed", "detail": first.error, "field": first.field, **body}
    return JSONResponse(body, status_code=status)


@router.post(
    "/leads/adf",
    response_model=AdfIntakeOut,
    status_code=201,
    summary="Take in ADF/XML leads: the XML itself, or a MIME e-mail carrying it (body or attachment)",
    responses={
        200: {"description": "Every document was a duplicate", "model": AdfIntakeOut},
        **errors(401, 403, 413, 415, 422),
    },
)
async def create_adf_lead(request: Request, ctx: Annotated[Context, Depends(require("lead.write"))]) -> JSONResponse:
    """Send `Content-Type: application/xml` (or `message/rfc822` for a whole e-mail). Each ADF document is
    parsed safely (no entities, no DTDs, 1 MiB, 32 levels), routed to the caller's dealership and taken in."""
    content_type = (request.headers.get("content-type") or "application/xml").split(";")[0].strip().lower()
    if content_type not in ADF_TYPES:
        raise UnsupportedMediaType(
            f"send ADF as application/xml or a MIME e-mail as message/rfc822, not {content_type}", field="Content-Type"
        )
    outcomes = await process_payload(
        ctx.session,
        await request.body(),
        content_type=content_type,
        actor=ctx.actor,
        dealership_id=ctx.dealership_id,
        channel="adf_http",
    )
    return _adf_response(outcomes)


@router.post(
    "/inbound/email",
    response_model=AdfIntakeOut,
    status_code=201,
    tags=["intake"],
    summary="Inbound e-mail webhook: ADF leads e-mailed to leads+<subdomain>@your-inbound-domain",
    responses={
        200: {"description": "Every document was a duplicate", "model": AdfIntakeOut},
        202: {"description": "A bounce: acted on (`bounce: true`, `outcome`), no lead"},
        **errors(401, 413, 422, 503),
    },
)
async def inbound_email(
    request: Request,
    body: InboundEmailIn,
    session: DbSession,
    token: Annotated[str | None, Query(max_length=200)] = None,
) -> JSONResponse:
    """The shape e-mail-to-webhook services post (docs/inbound-email.md): recipients, sender, subject, text and
    HTML bodies, base64 attachments, or the whole `raw` message. Authenticated by the shared secret
    (`Authorization: Bearer …` or `?token=…`). Routed by the recipient address, else by the ADF vendor; an
    unroutable lead is kept as a dead letter and answered 422."""
    check_inbound_secret(request, token)
    raw = body.mime()
    message = message_from_bytes(raw, policy=policy.default)
    bounce = await bounces.take(session, request.app.state.settings, message, body.recipients())
    if bounce is not None:  # a returned e-mail (an ADF hand-off's included) is never a lead
        return JSONResponse({"bounce": True, "outcome": bounce}, status_code=202)
    outcomes = await process_payload(
        session,
        raw,
        content_type="message/rfc822",
        actor=request_actor(request),
        dealership_id=None,
        channel="inbound_email",
        recipients=body.recipients(),
        sender=body.sender,
    )
    return _adf_response(outcomes)


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


class DeadLetterOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    channel: IntakeChannel
    reason: str
    content_type: str | None
    sender: str | None
    recipient: str | None
    vendor_name: str | None
    provider_name: str | None
    payload: str
    received_at: datetime
    resolved_at: datetime | None
    resolved_dealership_id: int | None
    resolved_lead_id: uuid.UUID | None


class AssignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dealership_id: int


@router.get(
    "/dead-letters",
    response_model=list[DeadLetterOut],
    tags=["intake"],
    summary="Leads no dealership matched (super admins)",
    responses=errors(401, 403),
)
async def dead_letters(
    ctx: Annotated[Context, Depends(require("dealership.manage"))], maint: Maint, resolved: bool | None = False
) -> Any:
    return await letters.list_letters(maint, resolved=resolved)


@router.post(
    "/dead-letters/{letter_id}/assign",
    response_model=IntakeOut,
    tags=["intake"],
    summary="File a dead letter under a dealership: it becomes that dealership's lead (super admins)",
    responses=errors(401, 403, 404, 409),
)
async def assign_dead_letter(
    letter_id: uuid.UUID, body: AssignIn, maint: Maint, ctx: Annotated[Context, Depends(require("dealership.manage"))]
) -> Any:
    _, outcome = await letters.assign(maint, ctx.db, letter_id, body.dealership_id, ctx.actor)
    assert outcome.result is not None
    return _intake_out(outcome.result)
