"""Scheduled reports: create, run when due (once per period, across workers and restarts), preview, send now.

The run is split so nothing leaves the building inside a transaction: ``advance`` (in the sweep's job) moves the
schedule to its next run with a conditional update and queues ``report.send`` for the period in the same
transaction, so the period's job exists iff the schedule advanced, and only one worker advances it. ``report.send``
reads the figures in a short transaction and sends with none open; its Message-ID is ``report-<schedule>-<period>``,
the idempotency key a re-run after a crash sends again.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.audit.service import SYSTEM, Actor, record, snapshot
from showroom.bounces.address import ReportRef, token_body
from showroom.errors import NotFound, ValidationFailed
from showroom.mail import Email, new_message_id, send_later
from showroom.models import AuditLog, Dealership, ReportSchedule, User
from showroom.queue import defer
from showroom.reports import figures, render
from showroom.reports.periods import Period, Schedule, due_period, next_run, period_of
from showroom.reports.schemas import ReportScheduleCreate, ReportScheduleUpdate
from showroom.vocabulary import ReportFrequency, UserRole

SEND = "report.send"
QUEUE = "mail"


def schedule_of(row: ReportSchedule) -> Schedule:
    return Schedule(ReportFrequency(row.frequency), row.time_of_day, row.timezone, row.day_of_week, row.day_of_month)


async def _check_users(session: AsyncSession, recipients: list[str | int]) -> None:
    users = {u for u in recipients if isinstance(u, int)}
    if users:
        found = set((await session.scalars(select(User.id).where(User.id.in_(users), User.is_active))).all())
        if missing := sorted(users - found):
            raise ValidationFailed(f"no active user {missing[0]} in this dealership", field="recipients")


async def create(session: AsyncSession, dealership_id: int, body: ReportScheduleCreate, actor: Actor) -> ReportSchedule:
    await _check_users(session, list(body.recipients))
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


async def update(session: AsyncSession, schedule_id: int, body: ReportScheduleUpdate, actor: Actor) -> ReportSchedule:
    """Change a schedule (audited): its next run is worked out again from now (none while inactive)."""
    row = await get(session, schedule_id)
    before = snapshot(row)
    values = body.model_dump(exclude_unset=True)
    if values.get("recipients") is not None:
        await _check_users(session, list(values["recipients"]))
        values["recipients"] = [r if isinstance(r, int) else str(r) for r in values["recipients"]]
    for name in ("name", "report_type", "frequency", "time_of_day", "timezone", "recipients", "is_active"):
        if values.get(name) is not None:
            setattr(row, name, values[name])
    frequency = ReportFrequency(row.frequency)
    row.day_of_week = values.get("day_of_week", row.day_of_week) if frequency == ReportFrequency.weekly else None
    row.day_of_month = values.get("day_of_month", row.day_of_month) if frequency == ReportFrequency.monthly else None
    if frequency == ReportFrequency.weekly and row.day_of_week is None:
        raise ValidationFailed("day_of_week is required for weekly reports (0 = Sunday … 6)", field="day_of_week")
    if frequency == ReportFrequency.monthly and row.day_of_month is None:
        raise ValidationFailed("day_of_month is required for monthly reports (1-28)", field="day_of_month")
    row.next_run_at = next_run(schedule_of(row), datetime.now(UTC)) if row.is_active else None
    await session.flush()
    await record(session, actor, "report_schedule.update", dealership_id=row.dealership_id,
                 resource_type="report_schedule", resource_id=row.id, before=before, after=snapshot(row))  # fmt: skip
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
        # A bounce that comes back later names the schedule and the period (bounces.address): its owner is told.
        bounce_token=token_body(
            ReportRef(row.dealership_id, row.id, found.period.start.date(), found.period.end.date())
        ),
    )


BOUNCE = "report_schedule.bounce"


async def owners(session: AsyncSession, row: ReportSchedule) -> list[str]:
    """Who hears about the schedule's problems: the user who made it, else (gone, or made by an API key) the
    dealership's admins."""
    if row.created_by_user_id is not None:
        owner = await session.scalar(select(User.email).where(User.id == row.created_by_user_id, User.is_active))
        if owner:
            return [owner]
    admins = select(User.email).where(User.role == UserRole.dealership_admin, User.is_active).order_by(User.id)
    return list((await session.scalars(admins)).all())


async def report_bounces(
    session: AsyncSession, schedule_id: int, period: Period, key: str, bounced: dict[str, str], sender: str
) -> list[str]:
    """Recipients whose mail failed for good (a 5xx at RCPT time, or a bounce that came back later:
    ``bounces.service``): audited on the schedule and told to its owner by e-mail, queued in this transaction, once
    per recipient and period (an address reported before for the period is left out, under a lock per schedule, so
    a retried job or a second copy of a bounce tells nobody twice). Returns who is told."""
    row = await session.get(ReportSchedule, schedule_id)
    if row is None or not bounced:
        return []
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtext(f"report-bounces:{row.id}"))))
    reported = await session.scalars(
        select(AuditLog.details["bounced"])
        .where(AuditLog.action == BOUNCE, AuditLog.resource_type == "report_schedule",
               AuditLog.resource_id == str(row.id), AuditLog.details["period"].astext == period.key)
    )  # fmt: skip
    seen = {address.lower() for found in reported if isinstance(found, dict) for address in found}
    bounced = {address: reason for address, reason in bounced.items() if address.lower() not in seen}
    if not bounced:
        return []
    await record(session, SYSTEM, BOUNCE, dealership_id=row.dealership_id, resource_type="report_schedule",
                 resource_id=row.id, details={"period": period.key, "message": key, "bounced": bounced})  # fmt: skip
    to = await owners(session, row)
    if not to:
        return []
    lines = "\n".join(f"- {address}: {reason}" for address, reason in sorted(bounced.items()))
    text = (
        f'The report "{row.name}" for {period.label()} could not be delivered to {len(bounced)} recipient(s); '
        f"their mail server refused it or sent it back:\n\n{lines}\n\nThe other recipients got it. Check these "
        f"addresses in the schedule's recipients (Settings → Reports)."
    )
    notice = Email(
        to=to,
        subject=f'Report "{row.name}" not delivered to {len(bounced)} recipient(s)',
        text=text,
        headers={"Message-ID": new_message_id(sender, key=f"{key}-bounces-{_digest(sorted(bounced))}")},
    )
    await send_later(session, notice, sender=sender)
    return to


async def recent_bounces(session: AsyncSession, schedule_id: int, limit: int = 10) -> list[tuple[datetime, str, str]]:
    """The schedule's latest refused recipients: (when, address, the server's words)."""
    rows = await session.execute(
        select(AuditLog.created_at, AuditLog.details)
        .where(AuditLog.action == BOUNCE, AuditLog.resource_type == "report_schedule",
               AuditLog.resource_id == str(schedule_id))
        .order_by(AuditLog.created_at.desc())
        .limit(limit)
    )  # fmt: skip
    return [
        (at, address, reason) for at, details in rows for address, reason in (details or {}).get("bounced", {}).items()
    ]


def _digest(addresses: list[str]) -> str:
    """A short stable digest of ``addresses``: the notice about them keeps its Message-ID when a job re-sends it."""
    return hashlib.sha256("\n".join(addresses).encode()).hexdigest()[:12]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
