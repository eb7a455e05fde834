"""Admin page: inventory feed sources (add, fetch now, enable or disable, delete), their state and last error, and
the last import runs. Plain HTML forms calling the same services as the JSON API (``inventory.sources``)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from showroom.errors import AppError, ValidationFailed
from showroom.inventory import runs, sources
from showroom.inventory.schemas import FeedSourceCreate, FeedSourceUpdate
from showroom.web.deps import HtmlRoute, Staff, StaffForm, StaffPage

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
PAGE = "/app/settings/feeds"


async def feeds_page(staff: Staff, status_code: int = 200, error: str | None = None) -> HTMLResponse:
    staff.require("feed.manage")
    return staff.render(
        "feeds.html",
        status_code,
        sources=await sources.list_all(staff.session),
        runs=await runs.recent(staff.session, 20),
        error=error,
        saved=staff.request.query_params.get("saved"),
    )


def _back(saved: str) -> RedirectResponse:
    return RedirectResponse(f"{PAGE}?saved={saved}", status_code=303)


@router.get(PAGE)
async def feeds(staff: StaffPage) -> HTMLResponse:
    return await feeds_page(staff)


@router.post(PAGE)
async def add_source(staff: StaffForm) -> Response:
    staff.require("feed.manage")
    form = staff.request._form  # parsed (and cached) by the StaffForm dependency
    assert form is not None
    fields = {k: form.get(k) for k in ("name", "url", "host_key", "password", "interval_minutes", "stale_after_hours")}
    try:
        body = FeedSourceCreate.model_validate(
            {**{k: v for k, v in fields.items() if v not in (None, "")}, "full": form.get("full") != "partial"}
        )
        source = await sources.create(staff.session, staff.dealership.id, body, staff.actor, staff.services.settings)
        await sources.queue_fetch(staff.session, source.id, source.dealership_id)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return await feeds_page(staff, 422, ValidationFailed(f"{where}: {first.get('msg')}").detail)
    except AppError as exc:
        return await feeds_page(staff, exc.status_code, f"{exc.field}: {exc.detail}" if exc.field else exc.detail)
    return _back("added")


@router.post(PAGE + "/{source_id}/run")
async def run_now(source_id: uuid.UUID, staff: StaffForm) -> Response:
    staff.require("feed.manage")
    await sources.run_now(staff.session, source_id)
    return _back("queued")


@router.post(PAGE + "/{source_id}/enabled")
async def toggle(source_id: uuid.UUID, staff: StaffForm) -> Response:
    staff.require("feed.manage")
    form = staff.request._form
    assert form is not None
    update = FeedSourceUpdate(enabled=form.get("enabled") == "true")
    await sources.update(staff.session, source_id, update, staff.actor, staff.services.settings)
    return _back("saved")


@router.post(PAGE + "/{source_id}/delete")
async def delete(source_id: uuid.UUID, staff: StaffForm) -> Response:
    staff.require("feed.manage")
    await sources.delete(staff.session, source_id, staff.actor)
    return _back("deleted")
