"""Inventory-driven follow-ups, the inventory's side (issue 18): which units arrived (new to the lot, or listed
again) and which got cheaper, handed to a ``followup.inventory`` job in the same transaction (the job exists iff the
change commits). The job (``conversations.inventory_tasks``) finds the unconverted leads each unit matches and writes
them once per unit."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.queue import defer

CHUNK = 500  # units per job


@dataclass
class Changes:
    arrived: list[str] = field(default_factory=list)  # VINs new to the lot (or listed again)
    cheaper: list[int] = field(default_factory=list)  # ids of units whose price dropped


async def queue(session: AsyncSession, dealership_id: int, changes: Changes, *, first_feed: bool = False) -> None:
    """Defer the matching; a dealership's first feed is its stock, not arrivals (no message about it)."""
    arrived = [] if first_feed else changes.arrived
    for start in range(0, max(len(arrived), len(changes.cheaper)), CHUNK):
        await defer(
            session,
            "followup.inventory",
            queue="followups",
            vins=arrived[start : start + CHUNK],
            cheaper=changes.cheaper[start : start + CHUNK],
            dealership_id=dealership_id,
        )
