"""Staff pages for issue 18: the appointments calendar (a day or a week, per salesperson, with their tasks), and the
lead page's follow-ups and appointments. Actions are plain form posts that call the same services as the API; a
time typed in a form is the dealership's local time (its time zone, whatever the browser's)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Any, TypeVar
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.api.types import Day
from showroom.appointments import service as appointments
from showroom.appointments.schemas import AppointmentCreate, AppointmentReschedule
from showroom.errors import ValidationFailed
from showroom.followups import staff as follow_ups
from showroom.followups.schemas import FollowUpCreate, FollowUpSnooze, FollowUpUpdate
from showroom.models import Appointment, Customer, Lead, User
from showroom.models.appointments import HOLDING
from showroom.vocabulary import AppointmentKind, AppointmentStatus, FollowUpKind, FollowUpStatus, LeadStatus
from showroom.web.admin_routes import form_values, invalid
from showroom.web.conversation_view import staff_names
from showroom.web.deps import AnyOption, HtmlRoute, StaffForm, StaffPage, page_id

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
OPEN_LEADS = [s for s in LeadStatus if s not in (LeadStatus.sold, LeadStatus.lost, LeadStatus.archived)]
SNOOZES = ((1, "1 hour"), (4, "4 hours"), (24, "1 day"), (72, "3 days"), (168, "1 week"))


class View(StrEnum):
    day = "day"
    week = "week"


@dataclass
class Booking:
    """An appointment as the calendar shows it."""

    row: Appointment
    customer: str
    lead_number: str
    salesperson: str
    starts: datetime  # local
    ends: datetime  # local
    started: bool
    open: bool


def local_input(value: str | None, zone: ZoneInfo, field: str) -> datetime:
    """A form's ``datetime-local`` value ("2026-12-12T10:00"), read in the dealership's time zone."""
    try:
        naive = datetime.fromisoformat((value or "").strip())
    except ValueError:
        raise ValidationFailed(f"{field}: give a date and time", field=field) from None
    return naive.replace(tzinfo=zone) if naive.tzinfo is None else naive


M = TypeVar("M", bound=BaseModel)


def _valid(model: type[M], **values: Any) -> M:
    """The payload, or a 422 page naming the field (as the API would)."""
    try:
        return model(**values)
    except ValidationError as exc:
        raise invalid(exc) from None


def _back(target: str | None, fallback: str) -> RedirectResponse:
    """Back to the page the form was on (a path of the staff app only)."""
    path = target if target and target.startswith("/app/") and "//" not in target else fallback
    return RedirectResponse(path, status_code=303)


async def _bookings(session: AsyncSession, rows: list[Appointment], zone: ZoneInfo) -> list[Booking]:
    customers = {
        c.id: c
        for c in (await session.scalars(select(Customer).where(Customer.id.in_({r.customer_id for r in rows})))).all()
    }
    numbers = dict(
        (await session.execute(select(Lead.id, Lead.lead_number).where(Lead.id.in_({r.lead_id for r in rows}))))
        .tuples()
        .all()
    )
    names = await staff_names(session)
    now = datetime.now(UTC)
    return [
        Booking(
            row=r,
            customer=(customers[r.customer_id].full_name if r.customer_id in customers else None) or "Customer",
            lead_number=numbers.get(r.lead_id, ""),
            salesperson=names.get(r.assigned_user_id, "nobody") if r.assigned_user_id else "nobody",
            starts=r.starts_at.astimezone(zone),
            ends=r.ends_at.astimezone(zone),
            started=r.starts_at <= now,
            open=r.status in HOLDING,
        )
        for r in rows
    ]


async def _salespeople(session: AsyncSession) -> list[Any]:
    rows = await session.execute(
        select(User.id, User.name, User.email)
        .where(User.is_active, User.dealership_id.is_not(None))
        .order_by(User.name)
    )
    return list(rows.all())


@router.get("/app/calendar")
async def calendar(
    staff: StaffPage,
    view: View = View.week,
    day: Annotated[Day | None, Query(alias="date")] = None,
    user: Annotated[int | None, AnyOption, Query(ge=1, le=2**31 - 1)] = None,
) -> HTMLResponse:
    """The appointments of a day or a week (Monday first), everyone's or one salesperson's, and that person's tasks."""
    staff.require("lead.read")
    zone = ZoneInfo(staff.dealership.timezone)
    today = datetime.now(UTC).astimezone(zone).date()
    chosen = day or today
    first = chosen if view == View.day else chosen - timedelta(days=chosen.weekday())
    days = [first + timedelta(days=n) for n in range(1 if view == View.day else 7)]
    start = datetime.combine(days[0], datetime.min.time(), zone)
    end = datetime.combine(days[-1] + timedelta(days=1), datetime.min.time(), zone)
    rows = await appointments.list_appointments(staff.session, start, end, assigned_user_id=user)
    booked = await _bookings(staff.session, rows, zone)
    by_day: dict[date, list[Booking]] = {d: [] for d in days}
    for b in booked:
        by_day.setdefault(b.starts.date(), []).append(b)
    who = user or staff.user_id
    tasks = await follow_ups.tasks_of(staff.session, who)
    leads = (
        await staff.session.execute(
            select(Lead.id, Lead.lead_number, Customer.full_name)
            .join(Customer, Customer.id == Lead.customer_id)
            .where(Lead.status.in_(OPEN_LEADS))
            .order_by(Lead.updated_at.desc())
            .limit(200)
        )
    ).all()
    step = timedelta(days=1 if view == View.day else 7)
    shown = [b for b in booked if b.row.status in (AppointmentStatus.completed,)]
    return staff.render(
        "calendar.html",
        view=view,
        days=days,
        by_day=by_day,
        today=today,
        chosen=chosen,
        previous=chosen - step,
        following=chosen + step,
        user=user,
        salespeople=await _salespeople(staff.session),
        tasks=tasks,
        task_leads=await _lead_labels(staff.session, [t.lead_id for t in tasks]),
        names=await staff_names(staff.session),
        leads=leads,
        kinds=list(AppointmentKind),
        zone=zone,
        counts={"set": len([b for b in booked if b.row.status != AppointmentStatus.cancelled]), "shown": len(shown)},
        here=str(staff.request.url.path) + (f"?{staff.request.url.query}" if staff.request.url.query else ""),
    )


async def _lead_labels(session: AsyncSession, lead_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    if not lead_ids:
        return {}
    rows = await session.execute(
        select(Lead.id, Lead.lead_number, Customer.full_name)
        .join(Customer, Customer.id == Lead.customer_id)
        .where(Lead.id.in_(set(lead_ids)))
    )
    return {r.id: f"{r.full_name or 'Customer'} · {r.lead_number}" for r in rows}


async def lead_schedule(session: AsyncSession, lead: Lead, timezone: str) -> dict[str, Any]:
    """What the lead page shows of issue 18: follow-ups to do and done, and the lead's appointments."""
    rows = await follow_ups.list_follow_ups(session, lead_id=lead.id)
    to_do = [
        r
        for r in rows
        if r.status == FollowUpStatus.scheduled
        or (r.kind == FollowUpKind.staff_reminder and r.status == FollowUpStatus.sent)
    ]
    past = sorted((r for r in rows if r not in to_do), key=lambda r: r.scheduled_at, reverse=True)
    booked = (
        await session.scalars(
            select(Appointment).where(Appointment.lead_id == lead.id).order_by(Appointment.starts_at.desc()).limit(50)
        )
    ).all()
    zone = ZoneInfo(timezone)
    return {
        "follow_ups_to_do": to_do,
        "follow_ups_past": past,
        "lead_appointments": await _bookings(session, list(booked), zone),
        "snoozes": SNOOZES,
        "zone": zone,
        "local_value": local_value,
        "default_time": default_time(zone),
        "appointment_kinds": list(AppointmentKind),
    }


# --- actions -------------------------------------------------------------------------------------------------------


@router.post("/app/calendar/book")
async def book(staff: StaffForm) -> Response:
    staff.require("lead.write")
    form = form_values(staff.request)
    zone = ZoneInfo(staff.dealership.timezone)
    lead_id = page_id(form.get("lead_id") or "", "lead")
    assignee = form.get("assigned_user_id")
    data = _valid(
        AppointmentCreate,
        lead_id=lead_id,
        kind=AppointmentKind(form.get("kind") or AppointmentKind.sales_visit),
        starts_at=local_input(form.get("starts_at"), zone, "starts_at"),
        assigned_user_id=int(assignee) if assignee and assignee.isdigit() else None,
        notes=(form.get("notes") or "").strip() or None,
    )
    await appointments.create(staff.session, data, staff.actor, settings=staff.request.app.state.settings)
    return _back(form.get("next"), "/app/calendar")


@router.post("/app/appointments/{appointment_id}/{action}")
async def appointment_action(appointment_id: str, action: str, staff: StaffForm) -> Response:
    staff.require("lead.write")
    form = form_values(staff.request)
    key = page_id(appointment_id, "appointment")
    if action == "reschedule":
        zone = ZoneInfo(staff.dealership.timezone)
        body = _valid(AppointmentReschedule, starts_at=local_input(form.get("starts_at"), zone, "starts_at"))
        await appointments.reschedule(staff.session, key, body, staff.actor, settings=staff.request.app.state.settings)
    elif action == "cancel":
        await appointments.cancel(staff.session, key, (form.get("reason") or "").strip() or None, staff.actor)
    elif action in ("shown", "no-show"):
        await appointments.record_outcome(staff.session, key, action == "shown", staff.actor)
    else:
        raise ValidationFailed(f"unknown action {action!r}", field="action")
    return _back(form.get("next"), "/app/calendar")


@router.post("/app/leads/{lead_id}/follow-ups")
async def add_task(lead_id: str, staff: StaffForm) -> Response:
    """A task for a person (a call to make), or a message to the customer, on this lead."""
    staff.require("lead.write")
    form = form_values(staff.request)
    key = page_id(lead_id, "lead")
    assignee = form.get("assigned_user_id")
    data = _valid(
        FollowUpCreate,
        lead_id=key,
        kind=FollowUpKind(form.get("kind") or FollowUpKind.staff_reminder),
        scheduled_at=local_input(form.get("scheduled_at"), ZoneInfo(staff.dealership.timezone), "scheduled_at"),
        assigned_user_id=int(assignee) if assignee and assignee.isdigit() else None,
        notes=(form.get("notes") or "").strip() or None,
    )
    await follow_ups.create(staff.session, data, staff.actor)
    return _back(form.get("next"), f"/app/leads/{key}")


@router.post("/app/follow-ups/{follow_up_id}/{action}")
async def follow_up_action(follow_up_id: str, action: str, staff: StaffForm) -> Response:
    staff.require("lead.write")
    form = form_values(staff.request)
    key = page_id(follow_up_id, "follow-up")
    session, actor = staff.session, staff.actor
    if action == "skip":
        row = await follow_ups.skip(session, key, actor)
    elif action == "send-now":
        row = await follow_ups.send_now(session, key, actor)
    elif action == "done":
        row = await follow_ups.complete(session, key, actor)
    elif action == "snooze":
        hours = form.get("hours") or ""
        if not hours.isdigit():
            raise ValidationFailed("hours: choose how long to snooze", field="hours")
        row = await follow_ups.snooze(session, key, _valid(FollowUpSnooze, hours=int(hours)), actor)
    elif action == "edit":
        zone = ZoneInfo(staff.dealership.timezone)
        assignee = form.get("assigned_user_id")
        values: dict[str, Any] = {"scheduled_at": local_input(form.get("scheduled_at"), zone, "scheduled_at")}
        if notes := (form.get("notes") or "").strip():
            values["notes"] = notes
        if assignee and assignee.isdigit():
            values["assigned_user_id"] = int(assignee)
        row = await follow_ups.update_follow_up(session, key, _valid(FollowUpUpdate, **values), actor)
    else:
        raise ValidationFailed(f"unknown action {action!r}", field="action")
    return _back(form.get("next"), f"/app/leads/{row.lead_id}")


def local_value(value: datetime, zone: ZoneInfo) -> str:
    """A time as a ``datetime-local`` input's value, in the dealership's zone."""
    return value.astimezone(zone).strftime("%Y-%m-%dT%H:%M")


def default_time(zone: ZoneInfo, hours: int = 24) -> str:
    return local_value((datetime.now(UTC) + timedelta(hours=hours)).replace(minute=0, second=0, microsecond=0), zone)
