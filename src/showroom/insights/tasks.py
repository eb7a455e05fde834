"""Background jobs of lead scoring: the daily decay of quiet leads, one job per dealership."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.insights import queries
from showroom.insights.service import dealership_weights
from showroom.jobs import services, tasks, tenant_task
from showroom.queue import defer
from showroom.services import Services

log = logging.getLogger(__name__)


@tenant_task(name="scores.decay", queue="maintenance", retry=3)
async def decay_scores(session: AsyncSession, s: Services) -> int:
    """Lower the scores of this dealership's leads that went quiet (``scoring.decayed``; safe to run twice)."""
    async with session.begin():
        weights = await dealership_weights(session, session.info["dealership_id"])
        return await queries.decay_quiet_leads(session, weights)


@tasks.periodic(cron="41 4 * * *", periodic_id="scores.decay_sweep")
@tasks.task(name="scores.decay_sweep", queue="maintenance")
async def decay_sweep(timestamp: int) -> int:
    """Every day: a decay job for each active dealership (ids from a SECURITY DEFINER function, no tenant set)."""
    day = datetime.fromtimestamp(timestamp, UTC).date().isoformat()
    async with services().db.session() as session, session.begin():
        ids = (await session.scalars(text("select active_dealership_ids()"))).all()
        for dealership_id in ids:
            await defer(
                session,
                "scores.decay",
                queue="maintenance",
                queueing_lock=f"score-decay:{dealership_id}:{day}",
                dealership_id=dealership_id,
            )
    log.info("score decay queued for %d dealerships", len(ids))
    return len(ids)
