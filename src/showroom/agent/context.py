"""What the agent knows, read from the database into the pure views the brain works on."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.agent.nlu import Catalog, Understanding
from showroom.agent.types import DealershipView, PersonaView, Turn, VehicleView
from showroom.cache import TenantCache
from showroom.db.engine import fetch_all
from showroom.inventory.service import VehicleFilters, filters_from_understanding, narrows, search_query
from showroom.models import Dealership, Persona, Vehicle, VehicleInterest

MAX_VEHICLES = 5
HISTORY_TURNS = 12
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def dealership_view(d: Dealership) -> DealershipView:
    return DealershipView(
        name=d.name,
        phone=d.contact_phone,
        address=d.address,
        city=d.city,
        state=d.state,
        website=d.website,
        hours_text=hours_text(d.agent_config),
        timezone=d.timezone,
    )


def hours_text(agent_config: dict[str, Any]) -> str | None:
    """'Mon-Fri 9:00-19:00, Sat 9:00-17:00, Sun closed' from the working hours."""
    hours = (agent_config or {}).get("working_hours")
    if not hours:
        return None
    spans: list[tuple[list[str], str]] = []
    for day in DAYS:
        slot = hours.get(day)
        label = f"{slot['open']}-{slot['close']}" if slot else "closed"
        if spans and spans[-1][1] == label:
            spans[-1][0].append(day)
        else:
            spans.append(([day], label))
    parts = []
    for days, label in spans:
        name = days[0].title() if len(days) == 1 else f"{days[0].title()}-{days[-1].title()}"
        parts.append(f"{name} {label}")
    return ", ".join(parts)


VIEW_COLUMNS = (
    Vehicle.id,
    Vehicle.year,
    Vehicle.make,
    Vehicle.model,
    Vehicle.trim,
    Vehicle.body_style,
    Vehicle.exterior_color,
    Vehicle.drivetrain,
    Vehicle.fuel_type,
    Vehicle.mileage,
    Vehicle.price,
    Vehicle.condition,
    Vehicle.stock_number,
    Vehicle.vin,
    Vehicle.features,
    Vehicle.url,
)  # what vehicle_view reads: loading whole Vehicle objects cost more than the search itself


def vehicle_view(v: Vehicle | Row[Any]) -> VehicleView:
    return VehicleView(
        id=v.id,
        year=v.year,
        make=v.make,
        model=v.model,
        trim=v.trim,
        body_style=v.body_style,
        exterior_color=v.exterior_color,
        drivetrain=v.drivetrain,
        fuel_type=v.fuel_type,
        mileage=v.mileage,
        price_cents=v.price,
        condition=v.condition,
        stock_number=v.stock_number,
        vin=v.vin,
        features=tuple(str(f) for f in v.features or ()),
        url=v.url,
    )


@dataclass(frozen=True)
class PersonaRow:
    id: int
    name: str
    prompt_template: str
    arguments: dict[str, Any]
    is_default: bool


@dataclass
class PersonaChoice:
    persona_id: int | None  # None: no persona row, the dealership's own persona fields
    view: PersonaView
    template: str


PERSONAS: TenantCache[dict[int, PersonaRow]] = TenantCache("personas")


async def personas(session: AsyncSession) -> dict[int, PersonaRow]:
    """The dealership's personas by id (cached, see ``showroom.cache``; do not change the dict)."""

    async def load() -> dict[int, PersonaRow]:
        rows = await session.execute(
            select(Persona.id, Persona.name, Persona.prompt_template, Persona.arguments, Persona.is_default)
        )
        return {row.id: PersonaRow(*row) for row in rows}

    return await PERSONAS.get(session, load)


async def persona_for(session: AsyncSession, dealership: Dealership, persona_id: int | None) -> PersonaChoice:
    """The conversation's persona, else the dealership's default, else the dealership's persona fields."""
    known = await personas(session)
    persona = known.get(persona_id) if persona_id else None
    if persona is None:
        persona = next((p for p in known.values() if p.is_default), None)
    if persona is None:
        view = PersonaView(name=dealership.persona_name, tone=dealership.persona_tone, arguments={})
        return PersonaChoice(None, view, dealership.persona_template or "")
    arguments = dict(persona.arguments or {})
    tone = str(arguments.get("tone") or dealership.persona_tone)
    return PersonaChoice(
        persona.id, PersonaView(name=persona.name, tone=tone, arguments=arguments), persona.prompt_template
    )


_HISTORY = (
    "select sender, content from messages where conversation_id = %(c)s and type in ('inbound', 'outbound') "
    "and id <> %(x)s order by created_at desc, id desc limit %(n)s"
)


async def history(session: AsyncSession, conversation_id: Any, *, exclude: Any = None) -> list[Turn]:
    """The last turns of the conversation, oldest first (internal notes and system records left out), without
    the message being answered (``exclude``). One fixed statement through psycopg (read on every turn); nothing
    pending is flushed for it: earlier turns are written already, and the one pending is the one excluded."""
    params = {"c": conversation_id, "x": exclude or uuid.UUID(int=0), "n": HISTORY_TURNS}
    rows = await fetch_all(session, _HISTORY, params)
    return [Turn(sender=row["sender"], text=row["content"]) for row in reversed(rows)]


async def relevant_vehicles(
    session: AsyncSession, u: Understanding, lead_id: Any, catalog: Catalog
) -> list[VehicleView]:
    """At most five active units: what the customer asks about now, else what their lead is about. Reads only
    what ``vehicle_view`` needs, and never flushes (nothing pending changes which vehicles match)."""
    filters = filters_from_understanding(u)
    filters.status = "available"
    with session.no_autoflush:
        if narrows(filters):
            query = search_query(filters, catalog).with_only_columns(*VIEW_COLUMNS)
            rows = await session.execute(
                query.order_by(Vehicle.price.asc().nulls_last(), Vehicle.id).limit(MAX_VEHICLES)
            )
            return [vehicle_view(v) for v in rows]
        linked = (
            await session.execute(
                select(*VIEW_COLUMNS)
                .join(VehicleInterest, VehicleInterest.vehicle_id == Vehicle.id)
                .where(VehicleInterest.lead_id == lead_id, Vehicle.is_active)
                .limit(MAX_VEHICLES)
            )
        ).all()
        if linked:
            return [vehicle_view(v) for v in linked]
        wanted = (
            await session.execute(
                select(VehicleInterest.make, VehicleInterest.model).where(
                    VehicleInterest.lead_id == lead_id, VehicleInterest.is_primary
                )
            )
        ).first()
        if wanted is not None and (wanted.make or wanted.model):
            filters = VehicleFilters(
                makes=[wanted.make] if wanted.make else [],
                models=[wanted.model] if wanted.model else [],
                status="available",
            )
            query = search_query(filters, catalog).with_only_columns(*VIEW_COLUMNS)
            return [vehicle_view(v) for v in await session.execute(query.limit(MAX_VEHICLES))]
    return []


def interest_title(v: VehicleInterest) -> str:
    """'2025 Hyundai Tucson SEL' from the parts of a lead's vehicle interest that are known."""
    return " ".join(str(p) for p in (v.year, v.make, v.model, v.trim) if p)


def summarise_inventory(vehicles: Sequence[VehicleView]) -> str:
    from showroom.agent.guardrails import price_text

    return "; ".join(
        f"{v.title}{' — ' + price_text(v.price_cents) if v.price_cents else ''}"
        f"{' (stock ' + v.stock_number + ')' if v.stock_number else ''}"
        for v in vehicles
    )
