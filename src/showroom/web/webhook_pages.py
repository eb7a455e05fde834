"""Admin page: outbound webhook endpoints (add, enable or disable, rotate the secret, delete) and the delivery log
with replay. Plain HTML forms calling the same services as the JSON API (``integrations.webhooks_out``)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import select

from showroom.errors import AppError, ValidationFailed
from showroom.integrations.webhooks_out import service
from showroom.integrations.webhooks_out.kinds import WebhookEventType
from showroom.integrations.webhooks_out.schemas import WebhookEndpointCreate, WebhookEndpointUpdate
from showroom.models import WebhookDelivery
from showroom.web.deps import HtmlRoute, Staff, StaffForm, StaffPage

router = APIRouter(route_class=HtmlRoute, include_in_schema=False)
PAGE = "/app/settings/webhooks"
LOG_ROWS = 50


async def webhooks_page(
    staff: Staff, status_code: int = 200, error: str | None = None, secret: str | None = None
) -> HTMLResponse:
    staff.require("webhook.manage")
    endpoints = await service.list_endpoints(staff.session, staff.dealership.id)
    deliveries = (
        await staff.session.scalars(
            select(WebhookDelivery)
            .where(WebhookDelivery.dealership_id == staff.dealership.id)
            .order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc())
            .limit(LOG_ROWS)
        )
    ).all()
    return staff.render(
        "webhooks.html",
        status_code,
        endpoints=endpoints,
        urls={e.id: e.url for e in endpoints},
        deliveries=deliveries,
        kinds=[k.value for k in WebhookEventType],
        error=error,
        secret=secret,
        saved=staff.request.query_params.get("saved"),
    )


def _back(saved: str) -> RedirectResponse:
    return RedirectResponse(f"{PAGE}?saved={saved}", status_code=303)


@router.get(PAGE)
async def webhooks(staff: StaffPage) -> HTMLResponse:
    return await webhooks_page(staff)


@router.post(PAGE)
async def add_endpoint(staff: StaffForm) -> HTMLResponse:
    staff.require("webhook.manage")
    form = staff.request._form  # parsed (and cached) by the StaffForm dependency
    assert form is not None
    kinds = [k for k in form.getlist("event_types") if isinstance(k, str)]
    try:
        body = WebhookEndpointCreate.model_validate(
            {"url": form.get("url") or "", "description": form.get("description") or None, "event_types": kinds}
        )
        endpoint = await service.create_endpoint(
            staff.session, staff.dealership.id, body, staff.actor, staff.services.settings
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return await webhooks_page(staff, 422, ValidationFailed(f"{where}: {first.get('msg')}").detail)
    except AppError as exc:
        return await webhooks_page(staff, exc.status_code, exc.detail)
    return await webhooks_page(staff, 201, secret=endpoint.secret)


@router.post(PAGE + "/{endpoint_id}/enabled")
async def toggle(endpoint_id: uuid.UUID, staff: StaffForm) -> Response:
    staff.require("webhook.manage")
    form = staff.request._form
    assert form is not None
    update = WebhookEndpointUpdate(enabled=form.get("enabled") == "true")
    await service.update_endpoint(
        staff.session, staff.dealership.id, endpoint_id, update, staff.actor, staff.services.settings
    )
    return _back("endpoint")


@router.post(PAGE + "/{endpoint_id}/rotate")
async def rotate(endpoint_id: uuid.UUID, staff: StaffForm) -> HTMLResponse:
    staff.require("webhook.manage")
    endpoint = await service.rotate_secret(staff.session, staff.dealership.id, endpoint_id, staff.actor)
    return await webhooks_page(staff, secret=endpoint.secret)


@router.post(PAGE + "/{endpoint_id}/delete")
async def delete(endpoint_id: uuid.UUID, staff: StaffForm) -> Response:
    staff.require("webhook.manage")
    await service.delete_endpoint(staff.session, staff.dealership.id, endpoint_id, staff.actor)
    return _back("deleted")


@router.post(PAGE + "/deliveries/{delivery_id}/replay")
async def replay(delivery_id: uuid.UUID, staff: StaffForm) -> Response:
    staff.require("webhook.manage")
    try:
        await service.replay(staff.session, staff.dealership.id, delivery_id, staff.actor)
    except AppError as exc:
        return await webhooks_page(staff, exc.status_code, exc.detail)
    return _back("replayed")
