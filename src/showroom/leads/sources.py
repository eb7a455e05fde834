"""Lead sources as staff see them (docs/identity.md): one per provider, renamed, merged and priced by staff, with
leads and cost per lead by source for the dashboard and the API."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from showroom.audit.service import Actor, apply_update, record, snapshot
from showroom.errors import Conflict, NotFound, ValidationFailed
from showroom.leads.schemas import LeadSourceUpdate
from showroom.models import Lead, LeadSource


@dataclass(frozen=True)
class SourceFigures:
    source: LeadSource
    leads: int  # in the period asked for
    cost_per_lead: int | None  # cents: the monthly cost over the period's leads

    @property
    def name(self) -> str:
        return self.source.name


def month_start(timezone: str, now: datetime | None = None) -> datetime:
    """The first instant of this month in the dealership's time zone: a monthly cost's period."""
    local = (now or datetime.now(UTC)).astimezone(ZoneInfo(timezone))
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


async def get_source(session: AsyncSession, source_id: uuid.UUID) -> LeadSource:
    source = await session.get(LeadSource, source_id)
    if source is None:
        raise NotFound(f"lead source {source_id} not found", field="source_id")
    return source


async def figures(session: AsyncSession, since: datetime) -> list[SourceFigures]:
    """Every source with its leads since ``since`` (a month's start: the monthly cost's leads) and cost per lead,
    most leads first."""
    counts = (
        select(Lead.source_id, func.count().label("n"))
        .where(Lead.created_at >= since, Lead.source_id.is_not(None))
        .group_by(Lead.source_id)
        .subquery()
    )
    rows = (
        await session.execute(
            select(LeadSource, func.coalesce(counts.c.n, 0))
            .outerjoin(counts, counts.c.source_id == LeadSource.id)
            .order_by(func.coalesce(counts.c.n, 0).desc(), LeadSource.name)
        )
    ).all()
    return [
        SourceFigures(source, int(n), round(source.monthly_cost / n) if source.monthly_cost is not None and n else None)
        for source, n in rows
    ]


async def update_source(
    session: AsyncSession, source_id: uuid.UUID, data: LeadSourceUpdate, actor: Actor
) -> LeadSource:
    """Rename (the providers' keys stay: their next leads still land here), price or (de)activate a source."""
    source = await get_source(session, source_id)
    values = data.model_dump(exclude_unset=True)
    if "name" in values and values["name"] != source.name:
        taken = await session.scalar(select(LeadSource.id).where(LeadSource.name == values["name"]))
        if taken is not None:
            raise Conflict(f"another source is named {values['name']!r}: merge them instead", field="name")
    for key in ("name", "is_active"):
        if key in values and values[key] is None:
            raise ValidationFailed(f"{key} cannot be null", field=key)
    await apply_update(
        session,
        source,
        values,
        actor,
        action="lead_source.update",
        resource_type="lead_source",
        dealership_id=source.dealership_id,
    )
    return source


async def merge_sources(
    session: AsyncSession, keep_id: uuid.UUID, other_id: uuid.UUID, actor: Actor
) -> tuple[LeadSource, int]:
    """Source ``other_id`` into ``keep_id``: its leads are counted under the kept source, its providers' keys go
    with them (their next leads land there too), its monthly cost is added, and it is deleted. How many leads moved."""
    if keep_id == other_id:
        raise ValidationFailed("a source cannot be merged into itself", field="source_id")
    keep, other = await get_source(session, keep_id), await get_source(session, other_id)
    gone = snapshot(other)
    moved = len(
        (
            await session.execute(
                update(Lead).where(Lead.source_id == other.id).values(source_id=keep.id).returning(Lead.id)
            )
        ).all()
    )
    keys = [*keep.provider_keys, *(k for k in other.provider_keys if k not in keep.provider_keys)]
    costs = [c for c in (keep.monthly_cost, other.monthly_cost) if c is not None]
    added = other.total_leads
    await session.delete(other)
    await session.flush()
    keep.provider_keys = keys
    keep.monthly_cost = sum(costs) if costs else None
    await session.flush()
    total = await session.scalar(  # a counter is the database's: leads may be counted on it meanwhile
        update(LeadSource)
        .where(LeadSource.id == keep.id)
        .values(total_leads=LeadSource.total_leads + added)
        .returning(LeadSource.total_leads)
        .execution_options(synchronize_session=False)
    )
    set_committed_value(keep, "total_leads", total)
    await record(
        session,
        actor,
        "lead_source.merge",
        dealership_id=keep.dealership_id,
        resource_type="lead_source",
        resource_id=keep.id,
        details={"merged_source": gone, "leads_moved": moved},
    )
    return keep, moved
