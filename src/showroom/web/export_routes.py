"""Staff pages: CSV exports from the staff app (the leads list's filters, and a page of all exports)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, StreamingResponse

from showroom.db.engine import Database
from showroom.exports import service
from showroom.exports.service import Export
from showroom.insights.service import dealership_weights
from showroom.vocabulary import LeadSourceType, LeadStatus
from showroom.web.deps import AnyOption, HtmlRoute, Staff, StaffPage

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
EXPORTS = {
    "leads": "Leads: one line per lead, with its customer, source, assignee and vehicle",
    "customers": "Customers: contact details, consent and opt-outs",
    "conversations": "Conversations with their messages: one line per message",
    "appointments": "Appointments: visits booked by the agent, staff or the customer, with their outcome",
    "follow-ups": "Follow-ups: AI nudges and staff reminders, by when they are due",
}


async def _streamed(staff: Staff, export: Export) -> StreamingResponse:
    staff.require("data.export")
    await service.audit_export(staff.session, staff.actor, staff.dealership.id, export)
    db: Database = staff.request.app.state.db
    return StreamingResponse(
        service.stream_csv(db, staff.dealership.id, staff.user_id, export),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{export.filename}"', "Cache-Control": "no-store"},
    )


@router.get("/app/exports")
async def exports_page(staff: StaffPage) -> HTMLResponse:
    staff.require("data.export")
    return staff.render("exports.html", sub="exports", exports=EXPORTS)


@router.get("/app/exports/leads.csv")
async def export_leads(
    staff: StaffPage,
    status: Annotated[LeadStatus | None, AnyOption] = None,
    source: Annotated[LeadSourceType | None, AnyOption] = None,
    assigned: Annotated[str | None, Query(max_length=10)] = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    hot: bool = False,
) -> StreamingResponse:
    """The leads page's filters, as the page reads them."""
    threshold = (await dealership_weights(staff.session, staff.dealership.id))["hot_threshold"] if hot else None
    export = service.leads(
        hot_threshold=threshold,
        statuses=[status] if status else None,
        source=source,
        assigned_user_id=int(assigned) if assigned and assigned.isdigit() else None,
        unassigned=assigned == "none",
        q=q,
    )
    return await _streamed(staff, export)


@router.get("/app/exports/customers.csv")
async def export_customers(staff: StaffPage) -> StreamingResponse:
    return await _streamed(staff, service.customers())


@router.get("/app/exports/conversations.csv")
async def export_conversations(staff: StaffPage) -> StreamingResponse:
    return await _streamed(staff, service.conversations())


@router.get("/app/exports/appointments.csv")
async def export_appointments(staff: StaffPage) -> StreamingResponse:
    return await _streamed(staff, service.appointments())


@router.get("/app/exports/follow-ups.csv")
async def export_follow_ups(staff: StaffPage) -> StreamingResponse:
    return await _streamed(staff, service.follow_ups())
