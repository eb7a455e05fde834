"""Send a car from the conversation: the staff picks a unit of the inventory, its card text (with the link to its
page on the dealer's site) goes into the reply box, and the reply goes out on the conversation's channel as any
staff reply does (consent, quiet hours and delivery unchanged)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse
from sqlalchemy import select

from showroom.api.types import is_http_url
from showroom.brain.dialogue import DialogueState
from showroom.errors import NotFound
from showroom.inventory import service as inventory
from showroom.models import Conversation, Vehicle
from showroom.vocabulary import VehicleStatus
from showroom.web.deps import HtmlRoute, StaffPage, page_id
from showroom.web.filters import miles, money

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
SHOWN = 8


def car_label(v: Vehicle) -> str:
    return " ".join(str(p) for p in (v.year, v.make, v.model, v.trim) if p)


def car_text(v: Vehicle) -> str:
    """The message a customer gets: what it is, the price, the miles, the stock number, and the link (http(s)
    only: a feed's odd value is left out rather than sent)."""
    facts = [car_label(v)]
    price = v.sale_price or v.price or v.msrp
    if price:
        facts.append(money(price))
    if v.mileage is not None and v.condition != "new":
        facts.append(miles(v.mileage))
    if v.stock_number:
        facts.append(f"stock #{v.stock_number}")
    line = " · ".join(facts)
    return f"{line}\n{v.url}" if is_http_url(v.url) else line


def card(v: Vehicle) -> dict[str, Any]:
    return {
        "id": v.id,
        "label": car_label(v),
        "details": car_text(v).split("\n")[0],
        "url": v.url if is_http_url(v.url) else None,
        "text": car_text(v),
    }


@router.get("/app/conversations/{conversation_id}/cars")
async def cars(
    conversation_id: str, staff: StaffPage, q: Annotated[str | None, Query(max_length=200)] = None
) -> JSONResponse:
    """Available units matching ``q`` (as the inventory page searches: "blue tucson", a stock number), newest
    first; without ``q``, the ones the agent showed this customer first."""
    staff.require("vehicle.read")
    conversation = await staff.session.get(Conversation, page_id(conversation_id, "conversation"))
    if conversation is None:
        raise NotFound("conversation not found")
    known = await inventory.catalog(staff.session)
    filters = inventory.filters_from_text(q, known) if q and q.strip() else inventory.VehicleFilters()
    filters.active = True
    query = inventory.search_query(filters, known).where(Vehicle.status == VehicleStatus.available)
    rows = list((await staff.session.scalars(query.order_by(Vehicle.created_at.desc()).limit(SHOWN))).all())
    if not (q and q.strip()):
        shown = DialogueState.from_json(conversation.dialogue_state).shown[:SHOWN]
        if shown:
            found = (
                await staff.session.scalars(
                    select(Vehicle).where(Vehicle.id.in_(shown), Vehicle.status == VehicleStatus.available)
                )
            ).all()
            first = sorted(found, key=lambda v: shown.index(v.id))
            rows = [*first, *(r for r in rows if r.id not in shown)][:SHOWN]
    return JSONResponse({"cars": [card(v) for v in rows]}, headers={"Cache-Control": "no-store"})
