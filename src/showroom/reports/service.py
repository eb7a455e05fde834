"""Scheduled reports: create, run when due (once per period, across workers and restarts), preview, send now.

The run is split so nothing leaves the building inside a transaction: ``advance`` (in the sweep's job) moves the
schedule to its next run with a conditional update and queues ``report.send`` for the period in the same
transaction, so the period's job exists iff the schedule advanced, and only one worker advances it. ``report.send``
reads the figures in a short transaction and sends with none open; its Message-ID is ``report-<schedule>-<period>``,
the idempotency key a re-run after a crash sends again.
"""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import Actor, record, snapshot
from showroom.errors import NotFound, ValidationFailed
from showroom.mail import Email, new_message_id
from showroom.models import Dealership, ReportSchedule, User
from showroom.queue import defer
from showroom.reports import figures, render
from showroom.reports.periods import Period, Schedule, due_period, next_run, period_of
from showroom.reports.schemas import ReportScheduleCreate
from showroom.vocabulary import ReportFrequency

SEND = "report.send"
QUEUE = "mail"


def schedule_of(row: ReportSchedule) -> Schedule:
    return Schedule(ReportFrequency(row.frequency), row.time_of_day, row.timezone, row.day_of_week, row.day_of_month)


async def create(session: AsyncSession, dealership_id: int, body: ReportScheduleCreate, actor: Actor) -> ReportSchedule:
    users = {u for u in body.recipients if isinstance(u, int)}
    if users:
        found = set((await session.scalars(select(User.id).where(User.id.in_(users), User.is_active))).all())
        if missing := sorted(users - found):
            raise ValidationFailed(f"no active user {missing[0]} in this dealership", field="recipients")
    dealership = await session.get(Dealership, dealership_id)
    assert dealership is not None
    row = ReportSchedule(
        dealership_id=dealership_id,
        name=body.name,
        report_type=body.report_type,
        recipients=[str(r) if not isinstance(r, int) else r for r in body.recipients],
        frequency=body.frequency,
        day_of_week=body.day_of_week,
        day_of_month=body.day_of_month,
        time_of_day=body.time_of_day,
        timezone=body.timezone or dealership.timezone,
        created_by_user_id=actor.user_id,
    )
    row.next_run_at = next_run(schedule_of(row), datetime.now(UTC))
    session.add(row)
    await session.flush()
    await record(session, actor, "report_schedule.create", dealership_id=dealership_id, resource_type="report_schedule",
                 resource_id=row.id, after=snapshot(row))  # fmt: skip
    return row


async def get(session: AsyncSession, schedule_id: int) -> ReportSchedule:
    row = await session.get(ReportSchedule, schedule_id)
    if row is None:
        raise NotFound(f"report schedule {schedule_id} not found")
    return row


async def delete(session: AsyncSession, schedule_id: int, actor: Actor) -> None:
    row = await get(session, schedule_id)
    await record(session, actor, "report_schedule.delete", dealership_id=row.dealership_id,
                 resource_type="report_schedule", resource_id=row.id, before=snapshot(row))  # fmt: skip
    await session.delete(row)


def last_complete_period(row: ReportSchedule, now: datetime) -> Period:
    """The period of the latest run at or before ``now``: what "send now" and the preview report."""
    schedule = schedule_of(row)
    back = {ReportFrequency.daily: 2, ReportFrequency.weekly: 8}.get(schedule.frequency, 32)
    run = next_run(schedule, now - timedelta(days=back))  # every frequency runs within its window
    while (following := next_run(schedule, run)) <= now:
        run = following
    return period_of(schedule, run)


async def advance(session: AsyncSession, schedule_id: int, now: datetime) -> Period | None:
    """Move a due schedule to its next run and queue the report of the period due (None: not due, or another worker
    has it). After downtime the latest missed period is sent, once."""
    row = (
        await session.scalars(
            select(ReportSchedule)
            .where(ReportSchedule.id == schedule_id, ReportSchedule.is_active, ReportSchedule.next_run_at <= now)
            .with_for_update(key_share=True, skip_locked=True)
        )
    ).one_or_none()
    if row is None or row.next_run_at is None:
        return None
    period, following = due_period(schedule_of(row), row.next_run_at, now)
    row.next_run_at, row.last_run_at = following, now
    key = f"report-{row.id}-{period.key}"
    await defer(session, SEND, queue=QUEUE, queueing_lock=key, schedule_id=row.id, dealership_id=row.dealership_id,
                start=period.start.isoformat(), end=period.end.isoformat(), key=key)  # fmt: skip
    return period


async def send_now(session: AsyncSession, row: ReportSchedule, actor: Actor) -> tuple[Period, list[str]]:
    period = last_complete_period(row, datetime.now(UTC))
    await defer(session, SEND, queue=QUEUE, schedule_id=row.id, dealership_id=row.dealership_id,
                start=period.start.isoformat(),
                end=period.end.isoformat(), key=f"report-{row.id}-now-{uuid.uuid4().hex[:12]}")  # fmt: skip
    await record(session, actor, "report_schedule.send_now", dealership_id=row.dealership_id,
                 resource_type="report_schedule", resource_id=row.id, details={"period": period.key})  # fmt: skip
    return period, await addresses(session, row)


async def addresses(session: AsyncSession, row: ReportSchedule) -> list[str]:
    ids = [r for r in row.recipients if isinstance(r, int)]
    emails = [str(r) for r in row.recipients if not isinstance(r, int)]
    if ids:
        emails += (await session.scalars(select(User.email).where(User.id.in_(ids), User.is_active))).all()
    return sorted(set(emails))


async def figures_for(session: AsyncSession, row: ReportSchedule, period: Period) -> tuple[figures.Figures, str]:
    dealership = await session.get(Dealership, row.dealership_id)
    assert dealership is not None
    return await figures.build(session, period), dealership.name


def preview_html(row: ReportSchedule, found: figures.Figures, dealership: str) -> str:
    images = {c.cid: c.data_uri() for c in render.charts(found)}
    return render.html(found, dealership, row.name, images)


def email(row: ReportSchedule, found: figures.Figures, dealership: str, to: list[str], key: str, sender: str) -> Email:
    drawn = render.charts(found)
    attachments = [
        {
            "filename": f"{c.cid}.png",
            "content_type": "image/png",
            "data": base64.b64encode(c.png).decode(),
            "cid": c.cid,
        }
        for c in drawn
    ]
    attachments.append(
        {"filename": f"report-{found.period.key}.csv", "content_type": "text/csv",
         "data": _b64(render.csv_bytes(found))}
    )  # fmt: skip
    return Email(
        to=to,
        subject=f"{row.name}: {dealership}, {found.period.label()}",
        text=render.text(found, dealership, row.name),
        html=render.html(found, dealership, row.name, {c.cid: f"cid:{c.cid}" for c in drawn}),
        headers={"Message-ID": new_message_id(sender, key=key)},
        attachments=attachments,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
