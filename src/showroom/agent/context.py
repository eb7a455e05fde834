"""What the agent knows, read from the database into the pure views the brain works on."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.agent import queries
from showroom.brain.guardrails import price_text
from showroom.brain.i18n import writes
from showroom.brain.nlu.understanding import Understanding
from showroom.brain.nlu.vehicles import Catalog
from showroom.brain.types import DealershipView, PersonaView, Turn, VehicleView
from showroom.cache import TenantCache
from showroom.inventory.service import (
    VehicleFilters,
    closest,
    filters_from_terms,
    filters_from_understanding,
    narrows,
    search_where,
)
from showroom.models import Dealership, Persona, VehicleInterest
from showroom.vocabulary import Language

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
        hours_es=hours_text(d.agent_config, "es"),
        timezone=d.timezone,
        closed_days=closed_days(d.agent_config),
    )


_WEEKDAYS = dict(zip(DAYS, ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"), strict=True))


def closed_days(agent_config: dict[str, Any] | None) -> tuple[str, ...]:
    """The weekdays the working hours leave closed (none when the hours are not set)."""
    hours = (agent_config or {}).get("working_hours")
    if not hours:
        return ()
    return tuple(_WEEKDAYS[day] for day in DAYS if not hours.get(day))


def agent_languages(dealership: Dealership) -> tuple[str, ...]:
    """The languages the dealership's agent answers in: those enabled (``AgentConfig.languages``; English when not
    set) that its provider writes. An LLM writes any; the builtin agent those it has a catalog for
    (``brain.i18n.WRITTEN``), so a message in another enabled language is handed over, never answered in
    English."""
    enabled = tuple((dealership.agent_config or {}).get("languages") or (Language.en,))
    if (dealership.ai_config or {}).get("provider") == "openai":
        return enabled
    return tuple(language for language in enabled if writes(language)) or (Language.en,)


def hours_text(agent_config: dict[str, Any], language: str = "en") -> str | None:
    """'Mon-Fri 9 AM-7 PM, Sat 9 AM-5 PM, Sun closed' ('lun-vie 9 a.m.-7 p.m., ...' in Spanish) from the working
    hours, as a customer reads them."""
    hours = (agent_config or {}).get("working_hours")
    if not hours:
        return None
    spanish = language == "es"
    spans: list[tuple[list[str], str]] = []
    for day in DAYS:
        slot = hours.get(day)
        label = (
            f"{_clock(slot['open'], spanish=spanish)}-{_clock(slot['close'], spanish=spanish)}"
            if slot
            else ("cerrado" if spanish else "closed")
        )
        if spans and spans[-1][1] == label:
            spans[-1][0].append(day)
        else:
            spans.append(([day], label))
    names = _DAYS_ES if spanish else {day: day.title() for day in DAYS}
    parts = []
    for days, label in spans:
        name = names[days[0]] if len(days) == 1 else f"{names[days[0]]}-{names[days[-1]]}"
        parts.append(f"{name} {label}")
    return ", ".join(parts)


_DAYS_ES = dict(zip(DAYS, ("lun", "mar", "mié", "jue", "vie", "sáb", "dom"), strict=True))


def _clock(value: str, *, spanish: bool = False) -> str:
    """'19:00' -> '7 PM' ('7 p.m.'), '09:30' -> '9:30 AM'; a value that is no clock time is said as it is."""
    try:
        hour, minute = (int(part) for part in str(value).split(":")[:2])
    except ValueError:
        return str(value)
    twelve = hour % 12 or 12
    time = f"{twelve}:{minute:02d}" if minute else str(twelve)
    if spanish:
        return f"{time} {'a.m.' if hour < 12 else 'p.m.'}"  # no space: "a. m." would end a sentence
    return f"{time} {'AM' if hour < 12 else 'PM'}"


def vehicle_view(row: dict[str, Any]) -> VehicleView:
    """The agent's view of a vehicle, from a row of ``agent.queries.VIEW_COLUMNS`` (and the ``level`` of the search
    that found it: 0 fits every wish); its listing text is cleaned (``VehicleView``)."""
    return VehicleView(
        id=row["id"],
        year=row["year"],
        make=row["make"],
        model=row["model"],
        trim=row["trim"],
        body_style=row["body_style"],
        exterior_color=row["exterior_color"],
        drivetrain=row["drivetrain"],
        fuel_type=row["fuel_type"],
        mileage=row["mileage"],
        price_cents=row["price"],
        condition=row["condition"],
        stock_number=row["stock_number"],
        vin=row["vin"],
        features=tuple(str(f) for f in row["features"] or ()),
        url=row["url"],
        fuel_economy=row.get("fuel_economy"),
        transmission=row.get("transmission"),
        exact=not row.get("level"),
        from_search="level" in row and not row["level"],
        matching=row.get("matching"),
        matching_new=row.get("matching_new"),
        new_from=row.get("new_from"),
        used_from=row.get("used_from"),
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
    variant_id: int | None = None  # the experiment arm that chose it (issue 17), written on the AI's messages
    experiment_id: int | None = None


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


async def history(session: AsyncSession, conversation_id: Any, *, exclude: Any = None) -> list[Turn]:
    """The last turns of the conversation, oldest first (internal notes and system records left out), without
    the message being answered (``exclude``)."""
    rows = await queries.last_turns(session, conversation_id, exclude or uuid.UUID(int=0), HISTORY_TURNS)
    return [Turn(sender=row["sender"], text=row["content"]) for row in reversed(rows)]


async def relevant_vehicles(
    session: AsyncSession,
    u: Understanding,
    lead_id: Any,
    catalog: Catalog,
    *,
    terms: dict[str, Any] | None = None,
    order: str = "cheapest",
    everything: bool = False,
) -> list[VehicleView]:
    """At most five available units: what the customer asks about now (``terms``: the conversation's criteria
    with this message's merged in, else this message's; when nothing fits every wish, the closest units instead,
    ``VehicleView.exact`` False), else what their lead is about (the units it is linked to, else the cheapest of the
    make and model it asked for). One statement either way (``queries.ladder_sql``)."""
    filters = filters_from_terms(terms) if terms is not None else filters_from_understanding(u)
    filters.status = "available"
    if narrows(filters) or order != "cheapest" or everything:  # "what's your cheapest car": of the whole lot
        if order == "cheapest" and len(filters.models) > 1:  # "palisade vs telluride": each model shows
            order = "per_model"
        elif order == "cheapest" and not everything and not (filters.models or filters.stock_number or filters.vin):
            # "a 3 row suv", "any hybrids": one of each model first, not the five cheapest of one; within a budget
            # the newest of each (a family with $45k sees this year's Palisade, not a 2015 Highlander alone)
            order = "per_model_newest" if filters.price_max else "per_model"
        return await _cheapest(session, filters, catalog, closest(filters), order=order)
    linked = await queries.linked_vehicles(session, lead_id, MAX_VEHICLES)
    if linked:
        return [vehicle_view(row) for row in linked]
    wanted = await queries.wanted_vehicle(session, lead_id)
    if wanted is not None and (wanted["make"] or wanted["model"]):
        filters = VehicleFilters(
            makes=[wanted["make"]] if wanted["make"] else [],
            models=[wanted["model"]] if wanted["model"] else [],
            status="available",
        )
        return await _cheapest(session, filters, catalog)
    return []


async def which_fit(session: AsyncSession, catalog: Catalog, terms: dict[str, Any], ids: Sequence[int]) -> set[int]:
    """Which of these units fit the search terms (do the cars shown fit a narrowing?): one statement, no fallbacks."""
    filters = filters_from_terms({**terms, "only_ids": list(ids)})
    filters.status = "available"
    found = queries.ladder_sql([search_where(filters, catalog)], MAX_VEHICLES)
    return {row["id"] for row in await queries.cheapest(session, found)}


async def vehicle_by_reference(session: AsyncSession, reference: str) -> VehicleView | None:
    """The active unit with this stock number or VIN (an LLM's ``vehicle_details`` tool)."""
    row = await queries.vehicle_by_reference(session, reference.strip())
    return vehicle_view(row) if row else None


async def vehicles_by_id(session: AsyncSession, ids: Sequence[int]) -> list[VehicleView]:
    """The units with these ids that are still listed, in the order of ``ids`` (a conversation's shown vehicles)."""
    rows = {row["id"]: row for row in await queries.vehicles_by_id(session, list(ids))}
    return [vehicle_view(rows[i]) for i in ids if i in rows]


async def _cheapest(
    session: AsyncSession,
    filters: VehicleFilters,
    catalog: Catalog,
    fallbacks: Sequence[VehicleFilters] = (),
    *,
    order: str = "cheapest",
) -> list[VehicleView]:
    levels = [search_where(f, catalog) for f in (filters, *fallbacks)]
    # What fits every wish first; the fallbacks (one statement, each level run only if those before found nothing)
    # only when nothing does: planning the fallbacks on every turn cost more than the rare second round trip.
    rows = await queries.cheapest(session, queries.ladder_sql(levels[:1], MAX_VEHICLES, order=order))
    if rows or len(levels) == 1:
        return [vehicle_view(row) for row in rows]
    rows = await queries.cheapest(session, queries.ladder_sql(levels[1:], MAX_VEHICLES, first=1, order=order))
    level = rows[0]["level"] if rows else 0
    if level and fallbacks[level - 1].models and fallbacks[level - 1].models != filters.models:
        # the models its buyers cross-shop ("a Sonata": the K5, Camry, Altima...): one of each first, not five of
        # one; and when they are few ("a Maverick": the one Santa Cruz), the next closest after them
        near = "per_model" if order == "cheapest" else order
        one_of_each = queries.ladder_sql(levels[level : level + 1], MAX_VEHICLES, first=level, order=near)
        rows = await queries.cheapest(session, one_of_each)
        if len(rows) < MAX_VEHICLES and level + 1 < len(levels):
            more = await queries.cheapest(
                session, queries.ladder_sql(levels[level + 1 :], MAX_VEHICLES, first=level + 1, order=near)
            )
            have = {row["id"] for row in rows}
            rows += [row for row in more if row["id"] not in have][: MAX_VEHICLES - len(rows)]
    return [vehicle_view(row) for row in rows]


def interest_title(v: VehicleInterest) -> str:
    """'2025 Hyundai Tucson SEL' from the parts of a lead's vehicle interest that are known."""
    return " ".join(str(p) for p in (v.year, v.make, v.model, v.trim) if p)


def summarise_inventory(vehicles: Sequence[VehicleView]) -> str:
    return "; ".join(
        f"{v.title}{' — ' + price_text(v.price_cents) if v.price_cents else ''}"
        f"{' (stock ' + v.stock_number + ')' if v.stock_number else ''}"
        for v in vehicles
    )
