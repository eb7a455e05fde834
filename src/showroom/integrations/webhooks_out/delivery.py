"""Delivering one outbox row: read it (short transaction), POST it signed (no transaction open), record the
outcome (short transaction) and, on failure, schedule the next attempt with exponential back-off for ~28 hours
(the Standard Webhooks schedule). An endpoint that has been failing for ``webhook_disable_after_hours`` is
disabled and the dealership's admins are told by e-mail."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from showroom.integrations.webhooks_out import signing
from showroom.integrations.webhooks_out.outbox import QUEUE
from showroom.integrations.webhooks_out.targets import TargetRefused, check_target
from showroom.mail import Email, send_later
from showroom.models import User, WebhookDelivery, WebhookEndpoint
from showroom.queue import defer
from showroom.services import Services
from showroom.vocabulary import UserRole, WebhookDeliveryStatus

# After the first attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (27.6 h in all), then the delivery fails.
RETRY_DELAYS = tuple(timedelta(seconds=s) for s in (5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600))
LOG_KEEP = 20
LEASE_MARGIN_SECONDS = 30
USER_AGENT = "Showroom-Webhooks/1"


@dataclass
class _Request:
    url: str
    body: bytes
    headers: dict[str, str]


@dataclass
class _Outcome:
    status_code: int | None
    error: str | None
    seconds: float

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


async def deliver(session: AsyncSession, services: Services, delivery_id: uuid.UUID) -> str:
    """The ``webhooks.deliver`` job (``session`` acts for the dealership, no transaction open).

    Any job of a delivery may run it once it is due (``next_attempt_at`` passed): the first takes a lease (moves
    ``next_attempt_at`` past the request's timeout, under a row lock), so a second job of the same delivery (a
    replay, a stalled job run again) finds it not due and does nothing; the outcome is recorded only if the lease
    is still the delivery's (a replay meanwhile supersedes it)."""
    async with session.begin():
        delivery = await session.get(WebhookDelivery, delivery_id, with_for_update=True, populate_existing=True)
        now = datetime.now(UTC)
        if delivery is None or delivery.status != WebhookDeliveryStatus.pending:
            return "nothing to do"
        if delivery.next_attempt_at is not None and delivery.next_attempt_at > now:
            return "not due"
        endpoint = await session.get(WebhookEndpoint, delivery.endpoint_id)
        if endpoint is None or not endpoint.enabled:
            delivery.status, delivery.next_attempt_at = WebhookDeliveryStatus.failed, None
            delivery.last_error = "the endpoint is disabled"
            return "endpoint disabled"
        lease = now + timedelta(seconds=services.settings.webhook_timeout + LEASE_MARGIN_SECONDS)
        delivery.next_attempt_at = lease
        request, endpoint_id = _request(endpoint, delivery), endpoint.id
    outcome = await _post(services, request)  # no transaction is open here
    async with session.begin():
        delivery = await session.get(WebhookDelivery, delivery_id, with_for_update=True, populate_existing=True)
        endpoint = await session.get(WebhookEndpoint, endpoint_id, populate_existing=True)
        if delivery is None or endpoint is None or delivery.status != WebhookDeliveryStatus.pending:
            return "gone"
        if delivery.next_attempt_at != lease:
            return "superseded"
        return await _record(session, services, endpoint, delivery, outcome)


def _request(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> _Request:
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()
    keys = [endpoint.secret]
    now = datetime.now(UTC)
    if endpoint.previous_secret and endpoint.previous_secret_expires_at and endpoint.previous_secret_expires_at > now:
        keys.append(endpoint.previous_secret)
    headers = signing.headers(keys, f"msg_{delivery.id.hex}", int(time.time()), body)
    headers["user-agent"] = USER_AGENT
    return _Request(endpoint.url, body, headers)


_clients: dict[int, httpx.AsyncClient] = {}


def _client(services: Services) -> httpx.AsyncClient:
    """One pooled client per services object (the worker's), so deliveries reuse connections."""
    key = id(services)
    if key not in _clients:
        _clients.clear()  # a new worker (tests build several): drop the old pools' references
        _clients[key] = httpx.AsyncClient(
            timeout=services.settings.webhook_timeout, follow_redirects=False, limits=httpx.Limits(max_connections=50)
        )
    return _clients[key]


async def _post(services: Services, request: _Request) -> _Outcome:
    started = time.perf_counter()
    try:
        await check_target(request.url, services.settings)
        response = await _client(services).post(request.url, content=request.body, headers=request.headers)
    except TargetRefused as exc:
        return _Outcome(None, f"refused: {exc}", time.perf_counter() - started)
    except httpx.HTTPError as exc:
        return _Outcome(None, f"{type(exc).__name__}: {exc}"[:500], time.perf_counter() - started)
    error = None if 200 <= response.status_code < 300 else f"HTTP {response.status_code}: {response.text[:200]}"
    return _Outcome(response.status_code, error, time.perf_counter() - started)


async def _record(
    session: AsyncSession, services: Services, endpoint: WebhookEndpoint, delivery: WebhookDelivery, outcome: _Outcome
) -> str:
    now = datetime.now(UTC)
    attempt = delivery.attempts + 1
    entry = {"at": now.isoformat(), "status_code": outcome.status_code, "error": outcome.error}
    entry["ms"] = round(outcome.seconds * 1000)
    delivery.attempts = attempt
    delivery.attempt_log = [*delivery.attempt_log, entry][-LOG_KEEP:]
    delivery.last_status_code, delivery.last_error = outcome.status_code, outcome.error
    if outcome.ok:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = WebhookDeliveryStatus.delivered, now, None
        endpoint.failing_since = None
        return "delivered"
    endpoint.failing_since = endpoint.failing_since or now
    if now - endpoint.failing_since >= timedelta(hours=services.settings.webhook_disable_after_hours):
        await _disable(session, services, endpoint, now)
    if attempt > len(RETRY_DELAYS) or not endpoint.enabled:
        delivery.status, delivery.next_attempt_at = WebhookDeliveryStatus.failed, None
        return "failed"
    delivery.next_attempt_at = now + RETRY_DELAYS[attempt - 1]
    await schedule(session, delivery)
    return "failed, retrying"


async def schedule(session: AsyncSession, delivery: WebhookDelivery) -> None:
    await defer(
        session,
        "webhooks.deliver",
        queue=QUEUE,
        at=delivery.next_attempt_at,
        dealership_id=delivery.dealership_id,
        delivery_id=str(delivery.id),
    )


async def _disable(session: AsyncSession, services: Services, endpoint: WebhookEndpoint, now: datetime) -> None:
    since = endpoint.failing_since or now
    endpoint.enabled = False
    endpoint.disabled_reason = f"every delivery failed since {since:%Y-%m-%d %H:%M} UTC; disabled {now:%Y-%m-%d %H:%M}"
    admins = (
        await session.scalars(
            select(User.email).where(
                User.dealership_id == endpoint.dealership_id,
                User.role == UserRole.dealership_admin,
                User.is_active.is_(True),
            )
        )
    ).all()
    if admins:
        text = (
            f"Showroom disabled the webhook endpoint {endpoint.url}: {endpoint.disabled_reason}.\n\n"
            "Fix the receiver, then enable it again under Settings > Webhooks (failed deliveries can be replayed)."
        )
        await send_later(session, Email(to=list(admins), subject="A webhook endpoint was disabled", text=text))
