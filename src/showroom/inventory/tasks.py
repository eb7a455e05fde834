"""Background jobs of the inventory: an import run, and the feed sources' sweep and fetch."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor
from showroom.inventory import runs, sources
from showroom.jobs import services, tasks, tenant_task
from showroom.services import Services


@tenant_task(name=runs.TASK, queue=runs.QUEUE)
async def run_import(session: AsyncSession, s: Services, import_id: str, actor: dict[str, Any]) -> str:
    """Stage a stored feed in batches, then apply it in one transaction (``inventory.runs``)."""
    return await runs.process(session, uuid.UUID(import_id), Actor(**actor))


@tasks.periodic(cron="* * * * *", periodic_id="feeds.sweep")
@tasks.task(name="feeds.sweep", queue="maintenance")
async def sweep_feeds(timestamp: int) -> int:
    """The feed sources due (ids from a SECURITY DEFINER function, no tenant set), each fetched in a job of its
    dealership (one waiting job per source)."""
    async with services().db.session() as session, session.begin():
        due = (await session.execute(text("select id, dealership_id from due_feed_sources()"))).all()
        for source_id, dealership_id in due:
            await sources.queue_fetch(session, source_id, dealership_id)
    return len(due)


@tenant_task(name=sources.FETCH, queue=sources.QUEUE)
async def fetch_feed(session: AsyncSession, s: Services, source_id: str) -> str:
    """Fetch one source (no transaction open while fetching) and store a new file as an import run."""
    return await sources.fetch_and_queue(session, s.settings, uuid.UUID(source_id))
