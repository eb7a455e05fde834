"""Staff pages: leads (pipeline board, table, detail), inventory (search, import) and personas (editor, test chat)."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from showroom.agent import personas as persona_service
from showroom.agent.personas import SAMPLE
from showroom.errors import NotFound
from showroom.insights.service import dealership_weights
from showroom.integrations.crm import service as crm_handoffs
from showroom.inventory import service as inventory
from showroom.leads import sources
from showroom.leads.service import customer_search, lead_filters
from showroom.models import (
    AuditLog,
    Conversation,
    Customer,
    Lead,
    LeadActivity,
    LeadSource,
    Persona,
    User,
    Vehicle,
    VehicleInterest,
)
from showroom.vocabulary import LeadSourceType, LeadStatus, Tone
from showroom.web import customer_view
from showroom.web.conversation_view import staff_names
from showroom.web.deps import AnyOption, HtmlRoute, StaffPage, page_id, page_int
from showroom.web.schedule_pages import lead_schedule
from showroom.web.score_view import score_view

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
PIPELINE = tuple(s for s in LeadStatus if s != LeadStatus.archived)  # the board's columns
BOARD_CARDS = 15
TABLE_PAGE = 50
Text = Annotated[str | None, Query(max_length=200)]


class View(StrEnum):
    board = "board"
    table = "table"


LEAD_SORTS: dict[str, Any] = {
    "-created_at": Lead.created_at.desc(),
    "created_at": Lead.created_at.asc(),
    "-lead_score": Lead.lead_score.desc(),
    "lead_score": Lead.lead_score.asc(),
    "-updated_at": Lead.updated_at.desc(),
}


def _filtered(
    query: Select[Any],
    status: LeadStatus | None,
    source: LeadSourceType | None,
    assigned: str | None,
    q: str | None,
    hot_threshold: int | None = None,
) -> Select[Any]:
    return query.where(  # the API's lead filters, shared
        *lead_filters(
            statuses=[status] if status else None,
            source=source,
            assigned_user_id=int(assigned) if assigned and assigned.isdigit() else None,
            unassigned=assigned == "none",
            q=q,
            hot_threshold=hot_threshold,
        )
    )


@router.get("/app/leads")
async def leads(
    staff: StaffPage,
    view: View = View.board,
    status: Annotated[LeadStatus | None, AnyOption] = None,
    source: Annotated[LeadSourceType | None, AnyOption] = None,
    assigned: Annotated[str | None, Query(max_length=10)] = None,
    q: Text = None,
    hot: bool = False,
    sort: Annotated[str, Query(max_length=20)] = "-created_at",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> HTMLResponse:
    staff.require("lead.read")
    threshold = (await dealership_weights(staff.session, staff.dealership.id))["hot_threshold"] if hot else None
    primary = aliased(VehicleInterest)
    vehicle = func.concat_ws(" ", primary.year, primary.make, primary.model).label("vehicle")
    columns = (
        Lead.id,
        Lead.lead_number,
        Lead.status,
        Lead.lead_score,
        Lead.source,
        Lead.created_at,
        Lead.assigned_user_id,
        Customer.full_name,
        vehicle,
    )
    base = (
        select(*columns)
        .join(Customer, Customer.id == Lead.customer_id)
        .outerjoin(primary, (primary.lead_id == Lead.id) & primary.is_primary)
    )
    base = _filtered(base, status, source, assigned, q, threshold)
    context: dict[str, Any] = {}
    if view == View.board:
        counted = _filtered(
            select(Lead.status, func.count()).join(Customer, Customer.id == Lead.customer_id),
            status,
            source,
            assigned,
            q,
            threshold,
        ).group_by(Lead.status)
        context["counts"] = {row[0]: int(row[1]) for row in (await staff.session.execute(counted)).all()}
        ranked = base.add_columns(
            func.row_number().over(partition_by=Lead.status, order_by=Lead.created_at.desc()).label("rn")
        ).subquery()
        rows = (await staff.session.execute(select(ranked).where(ranked.c.rn <= BOARD_CARDS))).all()
        columns_by_status: dict[str, list[Any]] = {s: [] for s in PIPELINE}
        for row in rows:
            columns_by_status.setdefault(row.status, []).append(row)
        context["board"] = columns_by_status
    else:
        total = await staff.session.scalar(select(func.count()).select_from(base.subquery()))
        order = LEAD_SORTS.get(sort, Lead.created_at.desc())
        rows = (
            await staff.session.execute(base.order_by(order, Lead.id).limit(TABLE_PAGE).offset((page - 1) * TABLE_PAGE))
        ).all()
        context.update(rows=rows, total=total or 0, pages=max(1, math.ceil((total or 0) / TABLE_PAGE)))
    return staff.render(
        "leads.html",
        view=view,
        status=status,
        source=source,
        assigned=assigned or "",
        q=q or "",
        sort=sort,
        page=page,
        hot=hot,
        hot_threshold=threshold,
        export_query=urlencode(
            {
                k: v
                for k, v in {"status": status, "source": source, "assigned": assigned, "q": q, "hot": hot}.items()
                if v
            }
        ),
        sorts={
            "-created_at": "Newest",
            "created_at": "Oldest",
            "-lead_score": "Score, high first",
            "lead_score": "Score, low first",
            "-updated_at": "Recently updated",
        },
        statuses=list(LeadStatus),
        sources=list(LeadSourceType),
        pipeline=PIPELINE,
        users=await staff_names(staff.session),
        **context,
    )


@router.get("/app/leads/{lead_id}")
async def lead_detail(lead_id: str, staff: StaffPage) -> HTMLResponse:
    staff.require("lead.read")
    lead = await staff.session.get(Lead, page_id(lead_id, "lead"))
    if lead is None:
        raise NotFound("lead not found")
    customer = await staff.session.get(Customer, lead.customer_id)
    interests = (await staff.session.scalars(select(VehicleInterest).where(VehicleInterest.lead_id == lead.id))).all()
    activities = (
        await staff.session.scalars(
            select(LeadActivity)
            .where(LeadActivity.lead_id == lead.id)
            .order_by(LeadActivity.created_at.desc(), LeadActivity.id.desc())
            .limit(200)
        )
    ).all()
    conversations = (
        await staff.session.scalars(
            select(Conversation).where(Conversation.lead_id == lead.id).order_by(Conversation.created_at.desc())
        )
    ).all()
    staff_rows = (
        await staff.session.execute(
            select(User.id, User.name, User.email)
            .where(User.is_active, User.dealership_id.is_not(None))
            .order_by(User.name)
        )
    ).all()
    return staff.render(
        "lead.html",
        lead=lead,
        customer=customer,
        duplicates=await existing_duplicates(staff.session, customer) if customer else [],
        source_name=await staff.session.scalar(select(LeadSource.name).where(LeadSource.id == lead.source_id))
        if lead.source_id
        else None,
        interests=interests,
        activities=activities,
        conversations=conversations,
        staff_rows=staff_rows,
        users=await staff_names(staff.session),
        statuses=[s for s in LeadStatus],
        score=await score_view(staff.session, lead.id),
        **await lead_schedule(staff.session, lead, staff.dealership.timezone),  # issue 18: follow-ups, appointments
        crm_handoffs=await crm_handoffs.list_handoffs(staff.session, staff.dealership.id, lead.id),
        crm_notice=staff.request.query_params.get("crm"),
    )


@router.get("/app/customers/{customer_id}")
async def customer_detail(customer_id: str, staff: StaffPage, find: Text = None) -> HTMLResponse:
    """A customer: their contacts (flagged ones with why, to confirm), consent to texts, possible duplicates to
    merge, other customers found by name, e-mail or phone (``find``) to merge, their leads, and their history (the
    audit rows about them: merges, confirmations, edits)."""
    staff.require("customer.read")
    customer = await staff.session.get(Customer, page_id(customer_id, "customer"))
    if customer is None:
        raise NotFound("customer not found")
    found: list[Customer] = []
    if find and find.strip():
        found = list(
            (
                await staff.session.scalars(
                    select(Customer)
                    .where(customer_search(find), Customer.id != customer.id)
                    .order_by(Customer.full_name)
                    .limit(10)
                )
            ).all()
        )
    history = (
        await staff.session.scalars(
            select(AuditLog)
            .where(AuditLog.resource_type == "customer", AuditLog.resource_id == str(customer.id))
            .order_by(AuditLog.created_at.desc())
            .limit(100)
        )
    ).all()
    view = await customer_view.load(staff.session, customer)
    return staff.render(
        "customer.html",
        customer=customer,
        v=view,
        find=find or "",
        found=found,
        leads=view.leads,
        history=history,
        duplicates=await existing_duplicates(staff.session, customer),
        users=await staff_names(staff.session),
    )


async def existing_duplicates(session: AsyncSession, customer: Customer) -> list[dict[str, Any]]:
    """The customer's possible duplicates that still exist (a merged-away one is gone)."""
    listed = customer.possible_duplicates or []
    ids = [page_id(str(e.get("customer_id")), "customer") for e in listed if e.get("customer_id")]
    alive = {str(i) for i in (await session.scalars(select(Customer.id).where(Customer.id.in_(ids)))).all()}
    return [e for e in listed if str(e.get("customer_id")) in alive]


@router.get("/app/settings/sources")
async def lead_sources_page(staff: StaffPage) -> HTMLResponse:
    staff.require("dealership.update")
    costs = await sources.figures(staff.session, sources.month_start(staff.dealership.timezone))
    return staff.render("sources.html", costs=costs)


@router.get("/app/inventory")
async def inventory_page(
    staff: StaffPage, q: Text = None, page: Annotated[int, Query(ge=1, le=10_000)] = 1, inactive: bool = False
) -> HTMLResponse:
    staff.require("vehicle.read")
    known = await inventory.catalog(staff.session)
    filters = inventory.filters_from_text(q, known) if q and q.strip() else inventory.VehicleFilters()
    filters.active = None if inactive else True
    query = inventory.search_query(filters, known)
    total = await staff.session.scalar(select(func.count()).select_from(query.subquery()))
    per_page = 24
    vehicles = (
        await staff.session.scalars(
            query.order_by(Vehicle.created_at.desc(), Vehicle.id.desc()).limit(per_page).offset((page - 1) * per_page)
        )
    ).all()
    return staff.render(
        "inventory.html",
        vehicles=vehicles,
        total=total or 0,
        q=q or "",
        page=page,
        pages=max(1, math.ceil((total or 0) / per_page)),
        inactive=inactive,
    )


@router.get("/app/personas")
async def personas(staff: StaffPage) -> HTMLResponse:
    staff.require("persona.read")
    rows = await persona_service.list_all(staff.session)
    return staff.render("personas.html", personas=rows)


@router.get("/app/personas/{persona_id}")
async def persona_editor(persona_id: str, staff: StaffPage) -> HTMLResponse:
    staff.require("persona.read")
    persona = None
    if persona_id != "new":
        persona = await staff.session.get(Persona, page_int(persona_id, "persona"))
        if persona is None:
            raise NotFound("persona not found")
    else:
        staff.require("persona.write")
    return staff.render("persona.html", persona=persona, tones=list(Tone), sample=SAMPLE)
