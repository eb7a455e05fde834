"""Dealerships: the tenants. Creating one is cross-tenant work, done on the maintenance session."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, record, snapshot
from showroom.dealerships.schemas import DealershipCreate
from showroom.errors import Conflict
from showroom.models import Dealership, LeadSource, Persona

DEFAULT_LEAD_SOURCES = (
    ("ADF Email", "adf_email", "Leads e-mailed or posted in ADF/XML by lead providers."),
    ("Website Form", "website_form", "Forms on the dealership's website."),
    ("Website Chat", "website_chat", "The chat widget on the dealership's website."),
    ("Phone Inquiry", "phone_call", "Calls logged by staff."),
)

DEFAULT_PERSONA_TEMPLATE = (
    "You are {{persona_name}}, a {{tone}} sales assistant for {{dealership_name}}. "
    "Answer from the dealership's real inventory only, keep replies short, never promise prices, payments, "
    "financing terms or delivery dates, and offer a next step: a test drive, a call or a visit."
)


async def create(maint: AsyncSession, data: DealershipCreate, actor: Actor) -> Dealership:
    """A new tenant with its defaults (lead sources, default persona), audited. Maintenance session only."""
    taken = await maint.scalar(
        select(func.count()).select_from(Dealership).where(Dealership.subdomain == data.subdomain)
    )
    if taken:
        raise Conflict(f"subdomain {data.subdomain!r} is already taken", field="subdomain")
    dealership = Dealership(**data.model_dump())
    maint.add(dealership)
    await maint.flush()
    for name, kind, description in DEFAULT_LEAD_SOURCES:
        maint.add(LeadSource(dealership_id=dealership.id, name=name, type=kind, description=description))
    maint.add(
        Persona(
            dealership_id=dealership.id,
            name=data.persona_name,
            is_default=True,
            prompt_template=DEFAULT_PERSONA_TEMPLATE,
            arguments={"tone": "friendly"},
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
