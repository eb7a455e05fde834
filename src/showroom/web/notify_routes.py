"""What a desktop notification says about an event of the live stream (ids only): a new lead's conversation or a
new handover, read through RLS and permissions like any fragment, so an event never reveals anything by itself."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import select

from showroom.errors import NotFound
from showroom.models import Conversation, Customer, Handover, Lead
from showroom.web.deps import HtmlRoute, StaffPage, page_id

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
FRESH = timedelta(minutes=10)  # an older row's event is an update seen late, not news


def _json(body: dict[str, str]) -> JSONResponse:
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


@router.get("/app/notify/conversation/{conversation_id}")
async def new_lead_notice(conversation_id: str, staff: StaffPage) -> JSONResponse:
    staff.require("conversation.read")
    row = (
        await staff.session.execute(
            select(Conversation.id, Conversation.created_at, Conversation.channel, Customer.full_name, Lead.source)
            .join(Customer, Customer.id == Conversation.customer_id)
            .join(Lead, Lead.id == Conversation.lead_id)
            .where(Conversation.id == page_id(conversation_id, "conversation"))
        )
    ).one_or_none()
    if row is None:
        raise NotFound("conversation not found")
    if row.created_at < datetime.now(UTC) - FRESH:
        return _json({})
    return _json(
        {
            "title": f"New lead: {row.full_name}",
            "body": f"{row.source.replace('_', ' ')} · {row.channel}",
            "url": f"/app/conversations/{row.id}",
        }
    )


@router.get("/app/notify/handover/{handover_id}")
async def handover_notice(handover_id: str, staff: StaffPage) -> JSONResponse:
    staff.require("handover.read")
    handover = await staff.session.get(Handover, page_id(handover_id, "handover"))
    if handover is None:
        raise NotFound("handover not found")
    if handover.claimed_at is not None or handover.requested_at < datetime.now(UTC) - FRESH:
        return _json({})
    name = ((handover.dossier or {}).get("customer") or {}).get("name") or "A customer"
    return _json(
        {
            "title": f"Needs a person: {name}",
            "body": f"{handover.reason.replace('_', ' ')} · {handover.urgency} urgency",
            "url": f"/app/conversations/{handover.conversation_id}",
        }
    )
