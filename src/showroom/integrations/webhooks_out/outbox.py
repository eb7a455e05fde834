"""The outbox: a change that a webhook reports writes its deliveries in the change's own transaction.

Mapper events note what happened (a lead created or updated, a message received, sent or failed, a handover) on the
session while it flushes; once the flush is written (``after_flush_postexec``), the subscribed enabled endpoints
of the dealership get one ``webhook_deliveries`` row each (a Core INSERT on the same session) and one
``webhooks.deliver`` job each (same connection). So every writer of these rows (the turn, intake, the staff API,
the delivery job) emits without knowing about webhooks, and an event exists iff its change commits: a savepoint
or transaction rolled back takes its deliveries and jobs with it.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, insert, inspect, select
from sqlalchemy.orm import Mapper, Session, object_session
from sqlalchemy.orm.attributes import get_history

from showroom.db.engine import OrderedSession
from showroom.integrations.webhooks_out.kinds import WebhookEventType
from showroom.models import Handover, Lead, Message, WebhookDelivery, WebhookEndpoint
from showroom.vocabulary import DeliveryStatus, Sender

QUEUE = "webhooks"
PENDING = "webhook_events"
# The dealership's enabled endpoints, read once per session (a request's, a job's) rather than at every flush: a
# chat turn flushes several times in two transactions. Forgotten when the session writes an endpoint.
ENDPOINTS = "webhook_endpoints"
VERSION = 1
SENT = (DeliveryStatus.sent.value, DeliveryStatus.delivered.value)
FAILED = (DeliveryStatus.failed.value, DeliveryStatus.undelivered.value)
QUIET_LEAD_FIELDS = frozenset({"updated_at", "created_at"})

LEAD_FIELDS = (
    "id",
    "lead_number",
    "status",
    "priority",
    "source",
    "customer_id",
    "assigned_user_id",
    "request_type",
    "external_id",
    "lead_score",
)
MESSAGE_FIELDS = ("id", "conversation_id", "type", "sender", "channel", "content", "delivery_status", "created_at")
FAILED_FIELDS = (*MESSAGE_FIELDS, "delivery_error")
HANDOVER_FIELDS = ("id", "conversation_id", "lead_id", "reason", "urgency", "status", "description")

_DEFER_MANY = (
    "select count(*) as n from unnest(procrastinate_defer_jobs_v1(array(select row(%(queue)s::text, "
    "%(task)s::text, 0, null::text, null::text, jsonb_build_object('dealership_id', %(dealership_id)s::int, "
    "'delivery_id', d), null::timestamptz)::procrastinate_job_to_defer_v1 from unnest(%(ids)s::text[]) as d)))"
)


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "as_integer_ratio") and not isinstance(value, int | float):
        return float(value)  # Decimal
    return value


def _snapshot(target: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    """The row's loaded values (never a lazy load in the middle of a flush)."""
    loaded = inspect(target).dict
    return {name: _plain(loaded.get(name)) for name in fields}


def _note(target: Any, kind: WebhookEventType, data: dict[str, Any]) -> None:
    session = object_session(target)
    if session is None:
        return
    dealership_id = inspect(target).dict.get("dealership_id")
    if dealership_id is not None:
        session.info.setdefault(PENDING, []).append((int(dealership_id), kind, data))


@event.listens_for(Lead, "after_insert")
def _lead_created(mapper: Mapper[Any], connection: Any, target: Lead) -> None:
    _note(target, WebhookEventType.lead_created, {"lead": _snapshot(target, LEAD_FIELDS)})


@event.listens_for(Lead, "after_update")
def _lead_updated(mapper: Mapper[Any], connection: Any, target: Lead) -> None:
    state = inspect(target)
    changed = sorted(
        attr.key for attr in state.attrs if attr.key not in QUIET_LEAD_FIELDS and attr.history.has_changes()
    )
    if changed:
        data = {"lead": _snapshot(target, LEAD_FIELDS), "changed": changed}
        _note(target, WebhookEventType.lead_updated, data)


@event.listens_for(Message, "after_insert")
def _message_created(mapper: Mapper[Any], connection: Any, target: Message) -> None:
    if target.sender == Sender.customer:
        _note(target, WebhookEventType.message_received, {"message": _snapshot(target, MESSAGE_FIELDS)})
    elif target.sender in (Sender.ai, Sender.agent) and target.delivery_status in SENT:
        _note(target, WebhookEventType.message_sent, {"message": _snapshot(target, MESSAGE_FIELDS)})
    elif target.sender in (Sender.ai, Sender.agent) and target.delivery_status in FAILED:
        _note(target, WebhookEventType.message_failed, {"message": _snapshot(target, FAILED_FIELDS)})


@event.listens_for(Message, "after_update")
def _message_updated(mapper: Mapper[Any], connection: Any, target: Message) -> None:
    history = get_history(target, "delivery_status")
    if target.sender == Sender.customer or not history.added:
        return
    if history.added[0] in FAILED:  # refused, undelivered, or bounced after it was sent: once, with the reason
        if not any(before in FAILED for before in history.deleted):
            _note(target, WebhookEventType.message_failed, {"message": _snapshot(target, FAILED_FIELDS)})
        return
    if history.added[0] not in SENT:
        return
    if any(before in SENT for before in history.deleted):
        return  # sent -> delivered is not a second send
    _note(target, WebhookEventType.message_sent, {"message": _snapshot(target, MESSAGE_FIELDS)})


@event.listens_for(Handover, "after_insert")
def _handed_over(mapper: Mapper[Any], connection: Any, target: Handover) -> None:
    _note(target, WebhookEventType.conversation_handed_over, {"handover": _snapshot(target, HANDOVER_FIELDS)})


def envelope(kind: str, data: dict[str, Any], at: datetime) -> dict[str, Any]:
    """The versioned JSON body every endpoint receives (Standard Webhooks: type, timestamp, data)."""
    return {"type": kind, "timestamp": at.isoformat(), "version": VERSION, "data": data}


@event.listens_for(OrderedSession, "after_flush_postexec")
def _write_deliveries(session: Session, flush_context: Any) -> None:
    noted = session.info.pop(PENDING, None)
    if not noted:
        return
    now = datetime.now(UTC)
    by_dealership: dict[int, list[tuple[WebhookEventType, dict[str, Any]]]] = {}
    for dealership_id, kind, data in noted:
        by_dealership.setdefault(dealership_id, []).append((kind, data))
    known = session.info.setdefault(ENDPOINTS, {})
    with session.no_autoflush:
        for dealership_id, events in by_dealership.items():
            endpoints = known.get(dealership_id)
            if endpoints is None:
                endpoints = known[dealership_id] = session.execute(
                    select(WebhookEndpoint.id, WebhookEndpoint.event_types).where(
                        WebhookEndpoint.dealership_id == dealership_id, WebhookEndpoint.enabled.is_(True)
                    )
                ).all()
            rows = [
                {
                    "id": uuid.uuid4(),
                    "dealership_id": dealership_id,
                    "endpoint_id": endpoint_id,
                    "event_type": kind.value,
                    "payload": envelope(kind.value, data, now),
                    "next_attempt_at": now,
                }
                for kind, data in events
                for endpoint_id, subscribed in endpoints
                if kind.value in subscribed
            ]
            if not rows:
                continue
            session.execute(insert(WebhookDelivery), rows)
            session.connection().exec_driver_sql(
                _DEFER_MANY,
                {
                    "queue": QUEUE,
                    "task": "showroom:webhooks.deliver",
                    "dealership_id": dealership_id,
                    "ids": [str(row["id"]) for row in rows],
                },
            )


@event.listens_for(WebhookEndpoint, "after_insert")
@event.listens_for(WebhookEndpoint, "after_update")
@event.listens_for(WebhookEndpoint, "after_delete")
def _endpoints_changed(mapper: Mapper[Any], connection: Any, target: WebhookEndpoint) -> None:
    session = object_session(target)
    if session is not None:
        session.info.pop(ENDPOINTS, None)


@event.listens_for(OrderedSession, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(PENDING, None)
