"""Staff pages of scheduled reports (issue 20; managers and admins): the list with a form for a new schedule, one
schedule's page (edit, pause, delete, send now, the recipients its last sends bounced for) and the in-app preview.
Plain HTML forms calling the same services as the JSON API (``reports.service``), so every change is validated
and audited the same way."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select

from showroom.errors import AppError
from showroom.models import ReportSchedule, User
from showroom.reports import service
from showroom.reports.schemas import ReportScheduleCreate, ReportScheduleUpdate
from showroom.vocabulary import ReportFrequency
from showroom.web.admin_routes import form_values, invalid
from showroom.web.deps import HtmlRoute, Staff, StaffForm, StaffPage, page_int

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
PAGE = "/app/settings/reports"
DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
ACTION = "report.manage"


def body_from_form(form: dict[str, Any], users: list[str]) -> dict[str, Any]:
    """The API's JSON body from the form's fields: users ticked by id, other addresses one per line or comma."""
    frequency = form.get("frequency") or ""
    addresses = [a for a in re.split(r"[\s,;]+", form.get("addresses") or "") if a]
    return {
        "name": form.get("name") or "",
        "frequency": frequency,
        "day_of_week": int(form["day_of_week"]) if frequency == "weekly" and form.get("day_of_week") else None,
        "day_of_month": int(form["day_of_month"]) if frequency == "monthly" and form.get("day_of_month") else None,
        "time_of_day": form.get("time_of_day") or "08:00",
        "timezone": form.get("timezone") or None,
        "recipients": [int(u) for u in users if u.isdigit()] + addresses,
    }


def _users_ticked(staff: Staff) -> list[str]:
    form = staff.request._form  # parsed (and cached) by the StaffForm dependency
    assert form is not None
    return [u for u in form.getlist("users") if isinstance(u, str)]


async def _team(staff: Staff) -> list[User]:
    return list((await staff.session.scalars(select(User).where(User.is_active).order_by(User.name, User.email))).all())


async def list_page(
    staff: Staff, status_code: int = 200, error: str | None = None, values: dict[str, Any] | None = None
) -> HTMLResponse:
    staff.require(ACTION)
    rows = (await staff.session.scalars(select(ReportSchedule).order_by(ReportSchedule.id))).all()
    return staff.render(
        "reports.html",
        status_code,
        schedules=rows,
        team=await _team(staff),
        days=DAYS,
        frequencies=[f.value for f in ReportFrequency],
        error=error,
        values=values or {"timezone": staff.dealership.timezone},
        saved=staff.request.query_params.get("saved"),
    )


async def schedule_page(
    staff: Staff, schedule_id: int, status_code: int = 200, error: str | None = None
) -> HTMLResponse:
    staff.require(ACTION)
    row = await service.get(staff.session, schedule_id)
    now = datetime.now(UTC)
    return staff.render(
        "report_schedule.html",
        status_code,
        s=row,
        team=await _team(staff),
        days=DAYS,
        frequencies=[f.value for f in ReportFrequency],
        period=service.last_complete_period(row, now),
        bounces=await service.recent_bounces(staff.session, row.id),
        addresses=[r for r in row.recipients if not isinstance(r, int)],
        error=error,
        saved=staff.request.query_params.get("saved"),
    )


@router.get(PAGE)
async def reports(staff: StaffPage) -> HTMLResponse:
    return await list_page(staff)


@router.post(PAGE)
async def create(staff: StaffForm) -> Response:
    staff.require(ACTION)
    form = form_values(staff.request)
    try:
        body = ReportScheduleCreate.model_validate(body_from_form(form, _users_ticked(staff)))
        row = await service.create(staff.session, staff.dealership.id, body, staff.actor)
    except ValidationError as exc:
        return await list_page(staff, 422, invalid(exc).detail, form)
    except (AppError, ValueError) as exc:
        detail = exc.detail if isinstance(exc, AppError) else str(exc)
        return await list_page(staff, getattr(exc, "status_code", 422), detail, form)
    return RedirectResponse(f"{PAGE}/{row.id}?saved=created", status_code=303)


@router.get(PAGE + "/{schedule_id}")
async def schedule(schedule_id: str, staff: StaffPage) -> HTMLResponse:
    return await schedule_page(staff, page_int(schedule_id, "report schedule"))


@router.post(PAGE + "/{schedule_id}")
async def update(schedule_id: str, staff: StaffForm) -> Response:
    staff.require(ACTION)
    ident = page_int(schedule_id, "report schedule")
    form = form_values(staff.request)
    try:
        values = body_from_form(form, _users_ticked(staff))
        values["is_active"] = form.get("is_active") == "on"
        values["timezone"] = values["timezone"] or staff.dealership.timezone
        body = ReportScheduleUpdate.model_validate(values)
        await service.update(staff.session, ident, body, staff.actor)
    except ValidationError as exc:
        return await schedule_page(staff, ident, 422, invalid(exc).detail)
    except AppError as exc:
        return await schedule_page(staff, ident, exc.status_code, exc.detail)
    except ValueError as exc:
        return await schedule_page(staff, ident, 422, str(exc))
    return RedirectResponse(f"{PAGE}/{ident}?saved=updated", status_code=303)


@router.post(PAGE + "/{schedule_id}/delete")
async def delete(schedule_id: str, staff: StaffForm) -> Response:
    staff.require(ACTION)
    await service.delete(staff.session, page_int(schedule_id, "report schedule"), staff.actor)
    return RedirectResponse(f"{PAGE}?saved=deleted", status_code=303)


@router.post(PAGE + "/{schedule_id}/send-now")
async def send_now(schedule_id: str, staff: StaffForm) -> Response:
    staff.require(ACTION)
    ident = page_int(schedule_id, "report schedule")
    row = await service.get(staff.session, ident)
    await service.send_now(staff.session, row, staff.actor)
    return RedirectResponse(f"{PAGE}/{ident}?saved=sent", status_code=303)


@router.get(PAGE + "/{schedule_id}/preview")
async def preview(schedule_id: str, staff: StaffPage) -> HTMLResponse:
    """The report of the latest complete period as the e-mail shows it (charts inline as data URIs)."""
    staff.require(ACTION)
    row = await service.get(staff.session, page_int(schedule_id, "report schedule"))
    period = service.last_complete_period(row, datetime.now(UTC))
    found, dealership = await service.figures_for(staff.session, row, period)
    response = HTMLResponse(service.preview_html(row, found, dealership))
    response.headers["Content-Security-Policy"] = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    return response
