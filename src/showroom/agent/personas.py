"""Personas: the AI's name, voice and prompt per dealership. One default, which cannot be deleted."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.agent.context import (
    PERSONAS,
    dealership_view,
    interest_title,
    persona_for,
    relevant_vehicles,
    summarise_inventory,
)
from showroom.agent.providers import BuiltinProvider, ReplyRequest
from showroom.agent.schemas import PersonaCreate, PersonaUpdate, PreviewIn, PreviewOut
from showroom.audit.service import Actor, apply_update, record, snapshot
from showroom.brain import prompts
from showroom.brain.guardrails import allowed_links, customer_cars, enforce
from showroom.brain.nlu.intents import understand
from showroom.brain.types import PersonaView
from showroom.errors import Conflict, NotFound, ValidationFailed
from showroom.inventory.service import catalog
from showroom.models import Customer, Dealership, Lead, Persona, VehicleInterest
from showroom.vocabulary import Channel


def check_template(template: str, arguments: dict[str, Any], field: str = "prompt_template") -> None:
    unknown = prompts.unknown_variables(template, arguments)
    if unknown:
        names = ", ".join("{{" + n + "}}" for n in unknown)
        raise ValidationFailed(
            f"unknown variable(s) {names}; known: {', '.join(sorted(prompts.STANDARD_VARIABLES | set(arguments)))}",
            field=field,
        )


async def get(session: AsyncSession, persona_id: int) -> Persona:
    persona = await session.get(Persona, persona_id)
    if persona is None:
        raise NotFound(f"persona {persona_id} not found")
    return persona


async def list_all(session: AsyncSession) -> list[Persona]:
    """The dealership's personas, the default first, then by name."""
    return list((await session.scalars(select(Persona).order_by(Persona.is_default.desc(), Persona.name))).all())


async def _clear_default(session: AsyncSession, dealership_id: int, keep: int | None, actor: Actor) -> None:
    """No persona but ``keep`` is the default any more (one statement; an audit row for each one changed)."""
    query = update(Persona).where(Persona.is_default).values(is_default=False).returning(Persona.id)
    if keep is not None:
        query = query.where(Persona.id != keep)
    for persona_id in (await session.scalars(query)).all():
        await record(
            session,
            actor,
            "persona.update",
            dealership_id=dealership_id,
            resource_type="persona",
            resource_id=persona_id,
            before={"is_default": True},
            after={"is_default": False},
        )


async def create(session: AsyncSession, dealership_id: int, data: PersonaCreate, actor: Actor) -> Persona:
    arguments = data.arguments.model_dump(exclude_none=True, mode="json")
    check_template(data.prompt_template, arguments)
    if await session.scalar(select(Persona.id).where(Persona.name == data.name)) is not None:
        raise Conflict(f"a persona named {data.name!r} already exists", field="name")
    PERSONAS.changed(session, dealership_id)
    has_default = await session.scalar(select(Persona.id).where(Persona.is_default)) is not None
    if data.is_default:
        await _clear_default(session, dealership_id, None, actor)
    persona = Persona(
        dealership_id=dealership_id,
        name=data.name,
        prompt_template=data.prompt_template,
        arguments=arguments,
        is_default=data.is_default or not has_default,
    )
    session.add(persona)
    await session.flush()
    await record(
        session,
        actor,
        "persona.create",
        dealership_id=dealership_id,
        resource_type="persona",
        resource_id=persona.id,
        after=snapshot(persona),
    )
    return persona


async def update_persona(session: AsyncSession, persona_id: int, data: PersonaUpdate, actor: Actor) -> Persona:
    persona = await get(session, persona_id)
    values = data.model_dump(exclude_unset=True, mode="json")
    if "arguments" in values:
        values["arguments"] = {k: v for k, v in (values["arguments"] or {}).items() if v is not None}
    for key in ("name", "prompt_template", "is_default", "arguments"):
        if key in values and values[key] is None:
            raise ValidationFailed(f"{key} cannot be null", field=key)
    check_template(values.get("prompt_template", persona.prompt_template), values.get("arguments", persona.arguments))
    if values.get("is_default") is False and persona.is_default:
        raise Conflict("make another persona the default instead", field="is_default")
    PERSONAS.changed(session, persona.dealership_id)
    if values.get("is_default"):
        await _clear_default(session, persona.dealership_id, persona.id, actor)
    try:
        await apply_update(
            session,
            persona,
            values,
            actor,
            action="persona.update",
            resource_type="persona",
            dealership_id=persona.dealership_id,
        )
    except IntegrityError:
        raise Conflict(f"a persona named {values.get('name')!r} already exists", field="name") from None
    return persona


async def delete(session: AsyncSession, persona_id: int, actor: Actor) -> None:
    persona = await get(session, persona_id)
    if persona.is_default:
        raise Conflict("the default persona cannot be deleted; make another one the default first")
    before = snapshot(persona)
    PERSONAS.changed(session, persona.dealership_id)
    try:
        async with session.begin_nested():
            await session.delete(persona)
            await session.flush()
    except IntegrityError:
        raise Conflict("this persona is an arm of an experiment; remove it from the experiment first") from None
    await record(
        session,
        actor,
        "persona.delete",
        dealership_id=persona.dealership_id,
        resource_type="persona",
        resource_id=persona_id,
        before=before,
    )


SAMPLE = {
    "customer_name": "Jordan Rivera",
    "customer_first_name": "Jordan",
    "vehicle_of_interest": "2025 Hyundai Tucson SEL AWD",
}


ANONYMOUS = "Unknown"  # the full name intake gives a customer who did not say who they are


def greeting_name(customer: Customer) -> str | None:
    """The name to greet the customer by: their first name, else the first word of their full name; None for an
    anonymous customer. Replies print it only if ``compose.safe_name`` finds it fit to print."""
    first = (customer.first_name or "").strip()
    if first:
        return first
    full = (customer.full_name or "").strip()
    return full.split()[0] if full and full != ANONYMOUS else None


async def prompt_values(
    session: AsyncSession,
    dealership: Dealership,
    view_args: dict[str, Any],
    persona_name: str,
    tone: str,
    lead: Lead | None,
    customer: Customer | None,
    inventory: str,
    channel: str,
) -> dict[str, Any]:
    """Every ``{{variable}}`` a template may use, for this lead (or the sample one)."""
    d = dealership_view(dealership)
    values: dict[str, Any] = {
        **view_args,
        "persona_name": persona_name,
        "tone": tone,
        "dealership_name": d.name,
        "dealership_phone": d.phone or "",
        "dealership_address": d.location or "",
        "dealership_website": d.website or "",
        "dealership_hours": d.hours_text or "",
        "inventory": inventory,
        "channel": channel,
        **SAMPLE,
    }
    if customer is not None:
        values["customer_name"] = customer.full_name
        values["customer_first_name"] = greeting_name(customer) or ""
    if lead is not None:
        wanted = await session.scalar(
            select(VehicleInterest).where(VehicleInterest.lead_id == lead.id, VehicleInterest.is_primary)
        )
        values["vehicle_of_interest"] = interest_title(wanted) if wanted else ""
    return values


async def preview(session: AsyncSession, dealership_id: int, data: PreviewIn) -> PreviewOut:

    dealership = await session.get(Dealership, dealership_id)
    assert dealership is not None
    choice = await persona_for(session, dealership, data.persona_id)
    if data.persona_id is not None and choice.persona_id != data.persona_id:
        raise NotFound(f"persona {data.persona_id} not found", field="persona_id")
    arguments = dict(choice.view.arguments)
    if data.arguments is not None:
        arguments = data.arguments.model_dump(exclude_none=True, mode="json")
    template = data.prompt_template or choice.template
    check_template(template, arguments)
    lead = customer = None
    if data.lead_id is not None:
        lead = await session.get(Lead, data.lead_id)
        if lead is None:
            raise NotFound(f"lead {data.lead_id} not found", field="lead_id")
        customer = await session.get(Customer, lead.customer_id)
    known = await catalog(session)
    u = understand(data.message, known)
    vehicles = await relevant_vehicles(session, u, lead.id if lead else None, known)
    tone = str(arguments.get("tone") or choice.view.tone)
    values = await prompt_values(
        session,
        dealership,
        arguments,
        choice.view.name,
        tone,
        lead,
        customer,
        summarise_inventory(vehicles),
        Channel.chat,
    )
    view = PersonaView(name=choice.view.name, tone=tone, arguments=arguments)
    d = dealership_view(dealership)
    draft = await BuiltinProvider().reply(
        ReplyRequest(
            u, view, d, vehicles, channel=Channel.chat, customer_first_name=values["customer_first_name"] or None
        )
    )
    reply = enforce(
        draft.text,
        vehicles=vehicles,
        dealership=d,
        allowed_urls=allowed_links(arguments, d),
        channel=Channel.chat,
        owned=customer_cars(u),
    ).text
    return PreviewOut(
        prompt=prompts.render(template, values),
        variables=values,
        sample_reply=reply,
        vehicles=[v.title for v in vehicles],
    )
