"""Staff pages: the customer list (with search) and entering a walk-in or phone lead by hand.

The new-lead form posts to the leads API from the page's script (``POST /api/v1/leads``), so a hand-entered lead
gets the same customer dedupe, lead number, timeline entry and audit row as any other intake.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select

from showroom.leads.service import customer_search
from showroom.models import Customer
from showroom.vocabulary import LeadSourceType
from showroom.web.conversation_view import staff_names
from showroom.web.deps import HtmlRoute, StaffPage

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
PAGE_SIZE = 50
MAX_PAGE = 200
# what a person at the desk or on the phone enters; the others come from integrations
HAND_SOURCES = (LeadSourceType.walk_in, LeadSourceType.phone_call, LeadSourceType.referral, LeadSourceType.manual)


@router.get("/app/customers")
async def customers(
    staff: StaffPage,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
) -> HTMLResponse:
    """Customers, most recently in touch first (then newest); ``q`` finds by name, e-mail or phone digits."""
    staff.require("customer.read")
    query = select(Customer)
    if q and q.strip():
        query = query.where(customer_search(q))
    rows = (
        await staff.session.scalars(
            query.order_by(func.coalesce(Customer.last_contact_date, Customer.created_at).desc(), Customer.id.desc())
            .offset((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE + 1)
        )
    ).all()
    return staff.render(
        "customers.html",
        rows=rows[:PAGE_SIZE],
        more=len(rows) > PAGE_SIZE and page < MAX_PAGE,
        page=page,
        q=q or "",
    )


@router.get("/app/leads/new")
async def new_lead(staff: StaffPage) -> HTMLResponse:
    staff.require("lead.write")
    return staff.render("lead_new.html", sources=HAND_SOURCES, users=await staff_names(staff.session))
