"""Background jobs of scheduled reports: the minute sweep, each due schedule's run, and the send."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.errors import ServiceUnavailable
from showroom.jobs import services, tasks, tenant_task
from showroom.models import ReportSchedule
from showroom.queue import defer
from showroom.reports import service
from showroom.reports.periods import Period
from showroom.services import Services

log = logging.getLogger(__name__)


@tasks.periodic(cron="* * * * *", periodic_id="report.sweep")
@tasks.task(name="report.sweep", queue="maintenance")
async def sweep(timestamp: int) -> int:
    """The schedules due (ids from a SECURITY DEFINER function, no tenant set), each run in a job of its dealership."""
    async with services().db.session() as session, session.begin():
        due = (await session.execute(text("select id, dealership_id from due_report_schedules()"))).all()
        for schedule_id, dealership_id in due:
            await defer(session, "report.run", queue="maintenance", queueing_lock=f"report-run:{schedule_id}",
                        schedule_id=schedule_id, dealership_id=dealership_id)  # fmt: skip
    return len(due)


@tenant_task(name="report.run", queue="maintenance")
async def run(session: AsyncSession, s: Services, schedule_id: int) -> str:
    async with session.begin():
        period = await service.advance(session, schedule_id, datetime.now(UTC))
    return period.key if period else "not due"


@tenant_task(name=service.SEND, queue=service.QUEUE, retry=5)
async def send(session: AsyncSession, s: Services, schedule_id: int, start: str, end: str, key: str) -> str:
    """Read the figures in one short transaction, send with none open. ``key`` is the Message-ID: a re-run after a
    crash between sending and finishing sends the same message again, which mail clients recognise."""
    period = Period(datetime.fromisoformat(start), datetime.fromisoformat(end))
    async with session.begin():
        row = await session.get(ReportSchedule, schedule_id)
        if row is None:
            return "schedule deleted"
        found, dealership = await service.figures_for(session, row, period)
        to = await service.addresses(session, row)
    email = service.email(row, found, dealership, to, key, s.mailer.sender)
    try:
        sent = await s.mailer.deliver(email, permanent_refusals_ok=True)
    except ServiceUnavailable:
        log.warning("report %s for %s not sent yet: the mail server failed; retrying", schedule_id, period.key)
        raise
    if sent.bounced:  # refused for good at RCPT time: the schedule's owner is told (after the send, a new transaction)
        async with session.begin():
            await service.report_bounces(session, schedule_id, period, key, sent.bounced, s.mailer.sender)
    return sent.message_id
