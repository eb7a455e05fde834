"""Dealerships: the tenants. Creating, listing and (de)activating them is platform work on the maintenance
session (super admins only, each call audited); a dealership admin edits its own row through RLS."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.agent.triggers import install_defaults as install_default_triggers
from showroom.audit.service import Actor, changes, record, snapshot
from showroom.dealerships.routing import requested_routing
from showroom.dealerships.schemas import (
    AgentConfig,
    AiConfig,
    DealershipCreate,
    DealershipSettings,
    DealershipUpdate,
    LeadRouting,
)
from showroom.errors import Conflict, NotFound, ValidationFailed
from showroom.leads.service import INTAKE_RULES
from showroom.models import Dealership, LeadSource, Persona, User
from showroom.vocabulary import LeadSourceType, Tone

DEFAULT_LEAD_SOURCES = (
    ("ADF Email", LeadSourceType.adf_email, "Leads e-mailed or posted in ADF/XML by lead providers."),
    ("Website Form", LeadSourceType.website_form, "Forms on the dealership's website."),
    ("Website Chat", LeadSourceType.website_chat, "The chat widget on the dealership's website."),
    ("Phone Inquiry", LeadSourceType.phone_call, "Calls logged by staff."),
)

DEFAULT_PERSONA_TEMPLATE = (
    "You are {{persona_name}}, a {{tone}} sales assistant for {{dealership_name}}. "
    "Answer from the dealership's real inventory only, keep replies short, never promise prices, payments, "
    "financing terms or delivery dates, and offer a next step: a test drive, a call or a visit."
)


async def create(maint: AsyncSession, data: DealershipCreate, actor: Actor) -> Dealership:
    """A new tenant with its defaults (lead sources, default persona), audited. Maintenance session only."""
    if await maint.scalar(select(func.count()).select_from(Dealership).where(Dealership.subdomain == data.subdomain)):
        raise Conflict(f"subdomain {data.subdomain!r} is already taken", field="subdomain")
    dealership = Dealership(
        **data.model_dump(),
        ai_config=AiConfig().model_dump(),
        agent_config=AgentConfig().model_dump(mode="json"),
        lead_routing=LeadRouting().model_dump(),
        settings=DealershipSettings().model_dump(),
    )
    maint.add(dealership)
    await maint.flush()
    for name, kind, description in DEFAULT_LEAD_SOURCES:
        maint.add(LeadSource(dealership_id=dealership.id, name=name, type=kind, description=description))
    install_default_triggers(maint, dealership.id)
    maint.add(
        Persona(
            dealership_id=dealership.id,
            name=data.persona_name,
            is_default=True,
            prompt_template=DEFAULT_PERSONA_TEMPLATE,
            arguments={"tone": Tone.friendly},
        )
    )
    await record(
        maint,
        actor,
        "dealership.create",
        dealership_id=dealership.id,
        resource_type="dealership",
        resource_id=dealership.id,
        after=snapshot(dealership),
    )
    await maint.flush()
    return dealership


async def get(session: AsyncSession, dealership_id: int) -> Dealership:
    dealership = await session.get(Dealership, dealership_id)
    if dealership is None:
        raise NotFound(f"dealership {dealership_id} not found")
    return dealership


async def list_all(maint: AsyncSession, *, include_inactive: bool = True) -> list[Dealership]:
    query = select(Dealership).order_by(Dealership.name, Dealership.id)
    if not include_inactive:
        query = query.where(Dealership.is_active)
    return list((await maint.scalars(query)).all())


async def approve_routing(maint: AsyncSession, dealership_id: int, actor: Actor) -> Dealership:
    """A super admin approves what the dealership requests (and only that: approvals it no longer requests are
    dropped). Identifiers that route to another dealership are a 409, as for the request itself."""
    dealership = await get(maint, dealership_id)
    requested = requested_routing(dealership.settings, dealership.lead_routing)
    await _check_unclaimed(maint, dealership.id, {"settings": dealership.settings, "lead_routing": requested})
    before = dict(dealership.approved_routing or {})
    if requested != before:
        dealership.approved_routing = requested
        await record(
            maint,
            actor,
            "dealership.routing_approve",
            dealership_id=dealership.id,
            resource_type="dealership",
            resource_id=dealership.id,
            before={"approved_routing": before},
            after={"approved_routing": requested},
        )
    return dealership


async def _check_unclaimed(session: AsyncSession, dealership_id: int, values: dict[str, Any]) -> None:
    """A texting number and ADF vendor names/ids route other parties' messages, across tenants: one that routes
    to another dealership already is a 409 (both would match, so the resolvers would route to neither). The
    lookups go through the SECURITY DEFINER resolvers, which see every dealership. Whoever asks first still gets
    nothing routed until a super admin approves it (:func:`approve_routing`)."""
    number = (values.get("settings") or {}).get("sms_number")
    if number:
        other = await session.scalar(text("select resolve_dealership_by_sms(:n)"), {"n": number})
        if other is not None and other != dealership_id:
            raise Conflict(f"another dealership already texts from {number}", field="settings.sms_number")
    routing = values.get("lead_routing") or {}
    for key, name, vendor_id in (
        *(("adf_vendor_names", n, None) for n in routing.get("adf_vendor_names") or ()),
        *(("adf_vendor_ids", None, i) for i in routing.get("adf_vendor_ids") or ()),
    ):
        other = await session.scalar(text("select resolve_adf_vendor(:n, :i)"), {"n": name, "i": vendor_id})
        if other is not None and other != dealership_id:
            raise Conflict(
                f"another dealership already receives the ADF leads of vendor {name or vendor_id!r}",
                field=f"lead_routing.{key}",
            )


async def _check_team_members(session: AsyncSession, dealership_id: int, teams: list[dict[str, Any]]) -> None:
    """Every member of an assignment team is an active user of this dealership (422 naming the team otherwise)."""
    wanted = {int(uid) for team in teams for uid in team["user_ids"]}
    if not wanted:
        return
    found = set(
        await session.scalars(
            select(User.id).where(User.id.in_(wanted), User.dealership_id == dealership_id, User.is_active)
        )
    )
    for i, team in enumerate(teams):
        unknown = [uid for uid in team["user_ids"] if uid not in found]
        if unknown:
            raise ValidationFailed(
                f"team {team['name']!r}: no active staff member with id {unknown[0]}",
                field=f"lead_routing.teams.{i}.user_ids",
            )


_JSON_SETTINGS: dict[str, type[AiConfig | AgentConfig | LeadRouting | DealershipSettings]] = {
    "ai_config": AiConfig,
    "agent_config": AgentConfig,
    "lead_routing": LeadRouting,
    "settings": DealershipSettings,
}


async def update(session: AsyncSession, dealership_id: int, data: DealershipUpdate, actor: Actor) -> Dealership:
    """Apply the fields present in ``data``, audited. A JSON settings object is merged into the stored one (as a
    JSON merge patch does at its top level): ``{"agent_config": {"quiet_hours": ...}}`` changes the quiet hours and
    keeps the languages."""
    dealership = await get(session, dealership_id)
    before = snapshot(dealership)
    values = data.model_dump(exclude_unset=True, mode="json")
    for key, schema in _JSON_SETTINGS.items():
        if key in values:
            merged = {**(getattr(dealership, key) or {}), **values[key]}
            values[key] = schema.model_validate(merged).model_dump(mode="json")
    if "lead_routing" in values:
        await _check_team_members(session, dealership_id, values["lead_routing"].get("teams") or [])
    if "subdomain" in values and values["subdomain"] != dealership.subdomain:
        taken = await session.scalar(
            select(func.count()).select_from(Dealership).where(Dealership.subdomain == values["subdomain"])
        )
        if taken:
            raise Conflict(f"subdomain {values['subdomain']!r} is already taken", field="subdomain")
    # A requested number or vendor that routes to another dealership is not refused here: saying so would tell this
    # dealership who the other's number or lead provider is. It waits as requested (``routing_pending``); the
    # super admin's approval refuses it (:func:`approve_routing`).
    for key, value in values.items():
        setattr(dealership, key, value)
    INTAKE_RULES.changed(session, dealership.id)
    await session.flush()
    b, a = changes(before, snapshot(dealership))
    if a:
        await record(
            session,
            actor,
            "dealership.update",
            dealership_id=dealership.id,
            resource_type="dealership",
            resource_id=dealership.id,
            before=b,
            after=a,
        )
    return dealership


async def set_active(maint: AsyncSession, dealership_id: int, active: bool, actor: Actor) -> Dealership:
    """Deactivating keeps every row; its users can no longer sign in and their sessions stop working."""
    dealership = await get(maint, dealership_id)
    if dealership.is_active != active:
        dealership.is_active = active
        await record(
            maint,
            actor,
            "dealership.activate" if active else "dealership.deactivate",
            dealership_id=dealership.id,
            resource_type="dealership",
            resource_id=dealership.id,
            before={"is_active": not active},
            after={"is_active": active},
        )
    return dealership
