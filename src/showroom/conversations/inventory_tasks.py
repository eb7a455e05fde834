"""The ``followup.inventory`` job (issue 18): units that arrived or got cheaper, matched against what unconverted
leads asked for (make, model and year of their vehicle interests; a price drop also reaches the leads that asked
about that very unit). Each match becomes one follow-up about that unit, written with the unit's facts and sent by
the usual ``followup.send`` job (consent, opt-outs, quiet hours, working days, the per-customer gap, stopped by a
reply). A unique index on (dealership, lead, ``unit:<id>``) makes it once per unit per lead, whatever the jobs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, func, literal, or_, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.followups import service as followups
from showroom.jobs import tenant_task
from showroom.models import Conversation, FollowUp, Lead, Vehicle, VehicleInterest
from showroom.services import Services
from showroom.vocabulary import FollowUpKind, FollowUpStatus, LeadStatus, VehicleStatus

UNCONVERTED_NOT = (LeadStatus.sold, LeadStatus.lost, LeadStatus.archived)
MAX_LEADS_PER_UNIT = 200


def _title(v: Vehicle) -> str:
    return " ".join(str(p) for p in (v.year, v.make, v.model, v.trim) if p)


def unit_text(v: Vehicle, cheaper: bool) -> str:
    price = f"${v.price / 100:,.0f}" if v.price else None
    stock = f" (stock {v.stock_number})" if v.stock_number else ""
    if cheaper and price:
        return (
            f"Good news: the {_title(v)}{stock} is now {price}. Would you like to come and see it? Reply with a day "
            "and time and I'll set it up."
        )
    listed = f", listed at {price}" if price else ""
    return (
        f"A {_title(v)}{stock} just arrived{listed}, like the one you asked about. Would you like to see it before "
        "it goes? Reply with a day and time and I'll set it up."
    )


async def _leads_for(session: AsyncSession, v: Vehicle, cheaper: bool) -> list[Any]:
    """The unconverted leads ``v`` matches, each with its latest conversation."""
    latest = (
        select(Conversation.id, Conversation.channel, Conversation.lead_id)
        .distinct(Conversation.lead_id)
        .order_by(Conversation.lead_id, Conversation.created_at.desc())
        .subquery()
    )
    same_kind = and_(
        func.lower(VehicleInterest.make) == func.lower(literal(v.make)),
        or_(
            VehicleInterest.model.is_(None), func.lower(literal(v.model)).startswith(func.lower(VehicleInterest.model))
        ),
        or_(VehicleInterest.year.is_(None), VehicleInterest.year == v.year),
        or_(VehicleInterest.vehicle_id.is_(None), VehicleInterest.vehicle_id != v.id),
    )
    matched = or_(same_kind, VehicleInterest.vehicle_id == v.id) if cheaper else same_kind
    rows = await session.execute(
        select(Lead.id, Lead.customer_id, latest.c.id.label("conversation_id"), latest.c.channel)
        .join(VehicleInterest, VehicleInterest.lead_id == Lead.id)
        .join(latest, latest.c.lead_id == Lead.id)
        .where(Lead.status.not_in(UNCONVERTED_NOT), VehicleInterest.make.is_not(None), matched)
        .distinct()
        .limit(MAX_LEADS_PER_UNIT)
    )
    return list(rows.all())


async def match_units(session: AsyncSession, vins: list[str], cheaper: list[int]) -> int:
    """Write one follow-up per (matching lead, unit) not written before; how many were new."""
    made = 0
    async with session.begin():
        units = (
            await session.scalars(
                select(Vehicle).where(
                    or_(Vehicle.vin.in_(vins), Vehicle.id.in_(cheaper)),
                    Vehicle.is_active,
                    Vehicle.status == VehicleStatus.available,
                    Vehicle.make.is_not(None),
                )
            )
        ).all()
        now = datetime.now(UTC)
        for v in units:
            dropped = v.id in cheaper
            for lead in await _leads_for(session, v, dropped):
                row_id = await session.scalar(
                    insert(FollowUp)
                    .values(
                        dealership_id=v.dealership_id,
                        lead_id=lead.id,
                        conversation_id=lead.conversation_id,
                        customer_id=lead.customer_id,
                        kind=FollowUpKind.ai_nudge,
                        channel=followups.channel_of_name(lead.channel),
                        scheduled_at=now,
                        template=f"unit:{v.id}",
                        notes=unit_text(v, dropped),
                        status=FollowUpStatus.scheduled,
                    )
                    .on_conflict_do_nothing(
                        index_elements=["dealership_id", "lead_id", "template"],
                        index_where=FollowUp.template.like("unit:%"),
                    )
                    .returning(FollowUp.id)
                )
                if row_id is None:
                    continue  # this lead already heard about this unit
                row = await session.get(FollowUp, row_id)
                assert row is not None
                await followups.schedule(session, row)
                await followups.sync_lead(session, lead.id)
                made += 1
    return made


@tenant_task(name="followup.inventory", queue=followups.QUEUE, retry=3)
async def inventory_follow_ups(session: AsyncSession, s: Services, vins: list[str], cheaper: list[int]) -> str:
    return f"{await match_units(session, vins, cheaper)} follow-ups about new or cheaper units"
