"""Who a new handover goes to: its conversation's (or lead's) person when they are here, otherwise the next member
of the dealership's handover team (``lead_routing.teams``), round robin, skipping anyone away or inactive."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.leads.queries import lock
from showroom.models import Dealership, Handover, User


def handover_team(lead_routing: dict[str, Any] | None) -> list[int]:
    """The members of the first team that takes handovers, or none."""
    team = next((t for t in (lead_routing or {}).get("teams") or () if t.get("handovers")), None)
    return [int(uid) for uid in team["user_ids"]] if team else []


async def handover_assignee(session: AsyncSession, dealership: Dealership, current: int | None) -> int | None:
    """``current`` if they are active and not away; else the team member given a handover longest ago (never
    first), under a transaction lock so two handovers at once take two turns; else ``current``."""
    if current is not None:
        here = await session.scalar(select(User.id).where(User.id == current, User.is_active, User.is_away.is_(False)))
        if here is not None:
            return current
    members = handover_team(dealership.lead_routing)
    if not members:
        return current
    await lock(session, dealership.id, "handover-round-robin")
    latest = select(func.max(Handover.requested_at)).where(Handover.to_user_id == User.id).scalar_subquery()
    chosen = await session.scalar(
        select(User.id)
        .where(User.id.in_(members), User.dealership_id == dealership.id, User.is_active, User.is_away.is_(False))
        .order_by(latest.asc().nulls_first(), User.id)
        .limit(1)
    )
    return chosen if chosen is not None else current
