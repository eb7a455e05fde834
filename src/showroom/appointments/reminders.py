"""Reminders before a visit (issue 18): ``agent_config.appointment_reminder_hours`` (default 24 and 2 hours before),
one ``appointment.remind`` job each, deferred when the appointment is booked or moved. A job carries the start time
it was made for, so the reminders of a moved or cancelled appointment find it changed and send nothing; the job
itself (``conversations.visit_tasks``) writes at most one message per appointment, start time and reminder."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from showroom.models import Appointment
from showroom.queue import defer

DEFAULT_HOURS = (24, 2)
QUEUE = "followups"


def hours_of(agent_config: Mapping[str, Any] | None) -> tuple[int, ...]:
    value = (agent_config or {}).get("appointment_reminder_hours")
    return tuple(int(h) for h in value) if isinstance(value, list) else DEFAULT_HOURS


async def schedule(
    session: AsyncSession, appointment: Appointment, agent_config: Mapping[str, Any] | None, now: datetime | None = None
) -> int:
    """Defer the reminders still ahead of ``appointment``; how many. No procrastinate ``lock``: it would hold a
    moved-earlier visit's reminders behind the old ones, days later; the job locks the appointment's row and writes
    one message per appointment, start and reminder, so a second job sends nothing."""
    now = now or datetime.now(UTC)
    count = 0
    for hours in hours_of(agent_config):
        at = appointment.starts_at - timedelta(hours=hours)
        if at <= now:
            continue
        await defer(
            session,
            "appointment.remind",
            queue=QUEUE,
            at=at,
            appointment_id=str(appointment.id),
            hours=hours,
            starts_at=appointment.starts_at.isoformat(),
            dealership_id=appointment.dealership_id,
        )
        count += 1
    return count
