"""Every API route x every role x same / other dealership, checked against the permission table.

The test walks the app's routes: a route without an example below fails the test, so a new route cannot
ship without its permission being checked. Expected statuses come from ``MINIMUM_ROLE`` and ``SCOPES``:
allowed → the example's success status; not allowed → 403; another dealership's row → 404, never 403.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from fastapi import FastAPI

from showroom.app import PUBLIC, api_routes, route_action
from showroom.auth.permissions import SCOPES, role_allows, scopes_allow
from showroom.db.engine import Database
from showroom.models import Appointment, ReportSchedule
from tests.factories import (
    create_conversation,
    create_customer,
    create_lead,
    create_message,
    create_vehicle,
    token_hash,
    unique,
)
from tests.helpers import Team, create_super_admin, create_team, sign_in


@dataclass
class Actors:
    team: Team
    outsider_team: Team
    clients: dict[str, httpx.AsyncClient]
    roles: dict[str, str]  # principal name -> role ("api_key" for the key)


Target = Callable[[Database, Team], Awaitable[tuple[str, Any]]]  # -> (path, json body)


async def _customer(db: Database, team: Team) -> Any:
    async with db.maint_session() as maint, maint.begin():
        return await create_customer(maint, team.id)


async def _report_schedule(db: Database, team: Team) -> Any:
    async with db.maint_session() as maint, maint.begin():
        row = ReportSchedule(
            dealership_id=team.id,
            name="Daily",
            report_type="lead_summary",
            recipients=["gm@inbox-mail.net"],
            frequency="daily",
            timezone="UTC",
            next_run_at=datetime.now(UTC) + timedelta(days=1),
        )
        maint.add(row)
        await maint.flush()
        return row


async def _flagged_customer(db: Database, team: Team) -> Any:
    async with db.maint_session() as maint, maint.begin():
        email = f"{unique('f')}@example.com"
        flag = {"value": email, "reason": "example.com is a reserved or example domain", "since": "2026-12-06"}
        return await create_customer(maint, team.id, email=email, contact_flags={"email": flag})


async def _two_customers(db: Database, team: Team) -> Any:
    from types import SimpleNamespace

    async with db.maint_session() as maint, maint.begin():
        one, other = await create_customer(maint, team.id), await create_customer(maint, team.id)
        return SimpleNamespace(id=one.id, other=other.id)


async def _two_sources(db: Database, team: Team) -> Any:
    from types import SimpleNamespace

    from showroom.models import LeadSource

    async with db.maint_session() as maint, maint.begin():
        one, other = (LeadSource(dealership_id=team.id, name=unique("s"), type="adf_email") for _ in range(2))
        maint.add_all([one, other])
        await maint.flush()
        return SimpleNamespace(id=one.id, other=other.id)


async def _lead(db: Database, team: Team) -> Any:
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        return await create_lead(maint, team.id, customer.id)


_SLOTS = itertools.count(1)


def _free_time() -> str:
    """A future slot inside the default working hours (New York), a new one each call (every role books one)."""
    zone = ZoneInfo("America/New_York")
    n = next(_SLOTS)
    day = (datetime.now(UTC).astimezone(zone) + timedelta(days=1 + n // 8)).date()
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime(day.year, day.month, day.day, 9 + n % 8, tzinfo=zone).isoformat()


async def _appointment(db: Database, team: Team, *, past: bool = False) -> Any:
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        lead = await create_lead(maint, team.id, customer.id)
        start = datetime.now(UTC) - timedelta(hours=1) if past else datetime.fromisoformat(_free_time())
        row = Appointment(
            dealership_id=team.id,
            lead_id=lead.id,
            customer_id=customer.id,
            kind="sales_visit",
            source="staff",
            starts_at=start,
            ends_at=start + timedelta(minutes=30),
        )
        maint.add(row)
        await maint.flush()
        return row


async def _past_appointment(db: Database, team: Team) -> Any:
    return await _appointment(db, team, past=True)


async def _saved_reply(db: Database, team: Team) -> Any:
    from showroom.models import SavedReply

    async with db.maint_session() as maint, maint.begin():
        row = SavedReply(dealership_id=team.id, title=unique("r"), body="Hi {{customer.first_name}}")
        maint.add(row)
        await maint.flush()
        return row


async def _follow_up(db: Database, team: Team) -> Any:
    """A task (a call to make) for the team's salesperson, due tomorrow."""
    from showroom.models import FollowUp

    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        lead = await create_lead(maint, team.id, customer.id)
        row = FollowUp(
            dealership_id=team.id,
            lead_id=lead.id,
            customer_id=customer.id,
            assigned_user_id=team.agent.id,
            kind="staff_reminder",
            channel="phone",
            scheduled_at=datetime.now(UTC) + timedelta(days=1),
            status="scheduled",
        )
        maint.add(row)
        await maint.flush()
        return row


def _tomorrow() -> str:
    return (datetime.now(UTC) + timedelta(days=1)).isoformat()


async def _conversation(db: Database, team: Team) -> Any:
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        lead = await create_lead(maint, team.id, customer.id)
        return await create_conversation(maint, lead)


async def _message(db: Database, team: Team) -> Any:
    conversation = await _conversation(db, team)
    async with db.maint_session() as maint, maint.begin():
        return await create_message(maint, conversation)


async def _vehicle(db: Database, team: Team) -> Any:
    async with db.maint_session() as maint, maint.begin():
        return await create_vehicle(maint, team.id)


async def _webhook_endpoint(db: Database, team: Team) -> Any:
    from showroom.integrations.webhooks_out.signing import new_secret
    from showroom.models import WebhookEndpoint

    async with db.maint_session() as maint, maint.begin():
        row = WebhookEndpoint(
            dealership_id=team.id, url="https://93.184.216.34/hook", event_types=["lead.created"], secret=new_secret()
        )
        maint.add(row)
        await maint.flush()
        return row


async def _feed_source(db: Database, team: Team) -> Any:
    from showroom.models import InventoryFeedSource

    async with db.maint_session() as maint, maint.begin():
        row = InventoryFeedSource(dealership_id=team.id, name="DMS", kind="https", url="https://93.184.216.34/f.csv")
        maint.add(row)
        await maint.flush()
        return row


async def _import_run(db: Database, team: Team) -> Any:
    from showroom.models import InventoryImport

    async with db.maint_session() as maint, maint.begin():
        row = InventoryImport(dealership_id=team.id, status="queued", content=b"vin\n", size_bytes=4)
        maint.add(row)
        await maint.flush()
        return row


async def _webhook_delivery(db: Database, team: Team) -> Any:
    from showroom.models import WebhookDelivery

    endpoint = await _webhook_endpoint(db, team)
    async with db.maint_session() as maint, maint.begin():
        row = WebhookDelivery(
            dealership_id=team.id,
            endpoint_id=endpoint.id,
            event_type="lead.created",
            payload={"type": "lead.created", "data": {}},
            status="failed",
        )
        maint.add(row)
        await maint.flush()
        return row


async def _invitation(db: Database, team: Team) -> Any:
    from showroom.models import UserInvitation

    async with db.maint_session() as maint, maint.begin():
        row = UserInvitation(
            dealership_id=team.id, email=f"{unique('inv')}@example.com", role="user", token_hash=token_hash()
        )
        maint.add(row)
        await maint.flush()
        return row


async def _api_key(db: Database, team: Team) -> Any:
    from showroom.models import ApiKey

    async with db.maint_session() as maint, maint.begin():
        row = ApiKey(dealership_id=team.id, name="k", key_prefix="shr_test0000", key_hash=token_hash())
        maint.add(row)
        await maint.flush()
        return row


async def _staff(db: Database, team: Team) -> Any:
    from tests.factories import create_user

    async with db.maint_session() as maint, maint.begin():
        return await create_user(maint, team.id, role="user")


async def _persona(db: Database, team: Team) -> Any:
    from showroom.models import Persona

    async with db.maint_session() as maint, maint.begin():
        row = Persona(dealership_id=team.id, name=unique("p"), prompt_template="Hi from {{persona_name}}")
        maint.add(row)
        await maint.flush()
        return row


async def _trigger(db: Database, team: Team) -> Any:
    from showroom.models import EscalationTrigger

    async with db.maint_session() as maint, maint.begin():
        row = EscalationTrigger(
            dealership_id=team.id, name=unique("t"), conditions=[{"type": "keyword", "value": ["lawsuit"]}]
        )
        maint.add(row)
        await maint.flush()
        return row


async def _handover(db: Database, team: Team) -> Any:
    from showroom.models import Handover

    conversation = await _conversation(db, team)
    async with db.maint_session() as maint, maint.begin():
        row = Handover(
            dealership_id=team.id,
            conversation_id=conversation.id,
            lead_id=conversation.lead_id,
            reason="customer_request",
        )
        maint.add(row)
        await maint.flush()
        return row


async def _suggestion(db: Database, team: Team) -> Any:
    from showroom.models import ResponseSuggestion

    message = await _message(db, team)
    async with db.maint_session() as maint, maint.begin():
        row = ResponseSuggestion(
            dealership_id=team.id,
            conversation_id=message.conversation_id,
            message_id=message.id,
            suggestion_type="general",
            content="Happy to help!",
            rank=1,
        )
        maint.add(row)
        await maint.flush()
        return row


async def _dead_letter(db: Database, team: Team) -> Any:
    from pathlib import Path

    from showroom.models import IntakeDeadLetter

    adf = (Path(__file__).resolve().parents[1] / "fixtures" / "adf" / "seorylie_minimal.xml").read_text()
    async with db.maint_session() as maint, maint.begin():
        row = IntakeDeadLetter(
            channel="adf_http",
            reason="no dealership",
            content_type="application/xml",
            payload=adf.replace("</adf>", f"<!-- {unique('x')} --></adf>"),
        )
        maint.add(row)
        await maint.flush()
        return row


def _experiment(status: str) -> Callable[[Database, Team], Awaitable[Any]]:
    async def make(db: Database, team: Team) -> Any:
        from tests.factories import create_experiment

        async with db.maint_session() as maint, maint.begin():
            return await create_experiment(maint, team.id, status=status, traffic_percentage=1)

    return make


def _new_experiment(r: Any, t: Team) -> dict[str, Any]:
    return {
        "name": unique("x"),
        "primary_metric": "customer_replied",
        "traffic_percentage": 1,
        "variants": [{"name": "A", "is_control": True, "weight": 50}, {"name": "B", "weight": 50}],
    }


async def _claimed(db: Database, team: Team) -> tuple[Any, str]:
    """A chat conversation with a visitor's unproven e-mail (conversations.contact_claims)."""
    from datetime import UTC, datetime, timedelta

    from showroom.models import Conversation

    conversation = await _conversation(db, team)
    claim_id = str(uuid.uuid4())
    entry = {
        "id": claim_id,
        "email": f"{unique('claim')}@example.com",
        "phone": None,
        "given": None,
        "name": None,
        "code_hash": "0" * 64,
        "attempts": 0,
        "created_at": datetime.now(UTC).isoformat(),
        "expires_at": (datetime.now(UTC) + timedelta(minutes=15)).isoformat(),
        "confirmed_at": None,
        "confirmed_by_user_id": None,
    }
    async with db.maint_session() as maint, maint.begin():
        row = await maint.get(Conversation, conversation.id)
        assert row is not None
        row.contact_claims = [entry]
    return conversation, claim_id


def claim_target(path: str) -> Target:
    async def target(db: Database, team: Team) -> tuple[str, Any]:
        conversation, claim_id = await _claimed(db, team)
        return path.format(id=conversation.id, claim=claim_id), None

    return target


async def _mailbox(db: Database, team: Team) -> Any:
    """The team's IMAP mailbox, made if an earlier example deleted it (one per dealership)."""
    from sqlalchemy import select

    from showroom.models import InboundMailbox

    async with db.maint_session() as maint, maint.begin():
        found = await maint.scalar(select(InboundMailbox).where(InboundMailbox.dealership_id == team.id))
        if found is None:
            found = InboundMailbox(
                dealership_id=team.id, host="93.184.216.34", port=993, username="leads", enabled=False
            )
            maint.add(found)
        return found


W = "/api/v1/integrations/webhooks"
F = "/api/v1/inventory/feed-sources"


def fixed(path: str, body: Any = None) -> Target:
    async def target(db: Database, team: Team) -> tuple[str, Any]:
        return path, body

    return target


def on(
    factory: Callable[[Database, Team], Awaitable[Any]], path: str, body: Callable[[Any, Team], Any] | None = None
) -> Target:
    async def target(db: Database, team: Team) -> tuple[str, Any]:
        row = await factory(db, team)
        return path.format(id=row.id), body(row, team) if body else None

    return target


@dataclass
class Example:
    target: Target
    ok: int = 200
    tenant_resource: bool = True  # the path names a row of the dealership (other tenants get 404)
    effective_action: str | None = None  # when the service asks for more than the route (editing others)


def _new_vehicle(row: Any, team: Team) -> dict[str, Any]:
    return {"vin": "1HGCM82633A004352", "make": "Honda", "model": "Accord", "year": 2024}


EXAMPLES: dict[tuple[str, str], Example] = {
    ("GET", "/api/v1/invitations"): Example(fixed("/api/v1/invitations"), tenant_resource=False),
    ("POST", "/api/v1/invitations"): Example(
        on(_staff, "/api/v1/invitations", lambda r, t: {"email": f"{unique('x')}@example.com"}),
        201,
        tenant_resource=False,
    ),
    ("DELETE", "/api/v1/invitations/{invitation_id}"): Example(on(_invitation, "/api/v1/invitations/{id}")),
    ("GET", "/api/v1/users"): Example(fixed("/api/v1/users"), tenant_resource=False),
    ("POST", "/api/v1/users"): Example(
        on(_staff, "/api/v1/users", lambda r, t: {"email": f"{unique('new')}@example.com", "role": "user"}),
        201,
        tenant_resource=False,
    ),
    ("GET", "/api/v1/users/{user_id}"): Example(on(_staff, "/api/v1/users/{id}")),
    ("PATCH", "/api/v1/users/{user_id}"): Example(
        on(_staff, "/api/v1/users/{id}", lambda r, t: {"name": "Renamed"}), effective_action="user.manage"
    ),
    ("DELETE", "/api/v1/users/{user_id}"): Example(on(_staff, "/api/v1/users/{id}")),
    ("GET", "/api/v1/api-keys"): Example(fixed("/api/v1/api-keys"), tenant_resource=False),
    ("POST", "/api/v1/api-keys"): Example(
        fixed("/api/v1/api-keys", {"name": "site", "scopes": ["leads:write"]}), 201, tenant_resource=False
    ),
    ("DELETE", "/api/v1/api-keys/{key_id}"): Example(on(_api_key, "/api/v1/api-keys/{id}")),
    ("GET", "/api/v1/dealership"): Example(fixed("/api/v1/dealership"), tenant_resource=False),
    ("PATCH", "/api/v1/dealership"): Example(
        fixed("/api/v1/dealership", {"welcome_message": "Hi!"}), tenant_resource=False
    ),
    ("GET", "/api/v1/dealerships"): Example(fixed("/api/v1/dealerships"), tenant_resource=False),
    ("POST", "/api/v1/dealerships"): Example(
        on(
            _staff,
            "/api/v1/dealerships",
            lambda r, t: {"name": "New Lot", "subdomain": unique("lot"), "contact_email": "a@b.example"},
        ),
        201,
        tenant_resource=False,
    ),
    ("GET", "/api/v1/dealerships/{dealership_id}"): Example(fixed("/api/v1/dealerships/{team}"), tenant_resource=False),
    ("PATCH", "/api/v1/dealerships/{dealership_id}"): Example(
        fixed("/api/v1/dealerships/{team}", {"description": "Family owned"}), tenant_resource=False
    ),
    ("POST", "/api/v1/dealerships/{dealership_id}/routing/approve"): Example(
        fixed("/api/v1/dealerships/{team}/routing/approve"), tenant_resource=False
    ),
    ("POST", "/api/v1/dealerships/{dealership_id}/deactivate"): Example(
        fixed("/api/v1/dealerships/{spare}/deactivate"), tenant_resource=False
    ),
    ("POST", "/api/v1/dealerships/{dealership_id}/activate"): Example(
        fixed("/api/v1/dealerships/{spare}/activate"), tenant_resource=False
    ),
    ("GET", "/api/v1/vehicles"): Example(fixed("/api/v1/vehicles"), tenant_resource=False),
    ("POST", "/api/v1/inventory/import"): Example(fixed("/api/v1/inventory/import"), 422, tenant_resource=False),
    ("POST", "/api/v1/inventory/imports"): Example(fixed("/api/v1/inventory/imports"), 422, tenant_resource=False),
    ("GET", "/api/v1/inventory/imports"): Example(fixed("/api/v1/inventory/imports"), tenant_resource=False),
    ("GET", "/api/v1/inventory/imports/{import_id}"): Example(on(_import_run, "/api/v1/inventory/imports/{id}")),
    ("POST", "/api/v1/inventory/imports/{import_id}/cancel"): Example(
        on(_import_run, "/api/v1/inventory/imports/{id}/cancel")
    ),
    ("GET", F): Example(fixed(F), tenant_resource=False),
    ("POST", F): Example(fixed(F, {"name": "DMS", "url": "https://93.184.216.34/f.csv"}), 201, tenant_resource=False),
    ("GET", f"{F}/{{source_id}}"): Example(on(_feed_source, f"{F}/{{id}}")),
    ("PATCH", f"{F}/{{source_id}}"): Example(on(_feed_source, f"{F}/{{id}}", lambda r, t: {"name": "Export"})),
    ("POST", f"{F}/{{source_id}}/run"): Example(on(_feed_source, f"{F}/{{id}}/run"), 202),
    ("DELETE", f"{F}/{{source_id}}"): Example(on(_feed_source, f"{F}/{{id}}"), 204),
    ("POST", "/api/v1/vehicles"): Example(
        on(_staff, "/api/v1/vehicles", lambda r, t: {**_new_vehicle(r, t), "vin": _fresh_vin()}),
        201,
        tenant_resource=False,
    ),
    ("GET", "/api/v1/vehicles/{vehicle_id}"): Example(on(_vehicle, "/api/v1/vehicles/{id}")),
    ("PATCH", "/api/v1/vehicles/{vehicle_id}"): Example(
        on(_vehicle, "/api/v1/vehicles/{id}", lambda r, t: {"price": 2_500_000})
    ),
    ("DELETE", "/api/v1/vehicles/{vehicle_id}"): Example(on(_vehicle, "/api/v1/vehicles/{id}")),
    ("GET", "/api/v1/customers"): Example(fixed("/api/v1/customers"), tenant_resource=False),
    ("POST", "/api/v1/customers"): Example(
        on(_staff, "/api/v1/customers", lambda r, t: {"first_name": "Ann", "email": f"{unique('c')}@example.com"}),
        201,
        tenant_resource=False,
    ),
    ("GET", "/api/v1/customers/{customer_id}"): Example(on(_customer, "/api/v1/customers/{id}")),
    ("PATCH", "/api/v1/customers/{customer_id}"): Example(
        on(_customer, "/api/v1/customers/{id}", lambda r, t: {"city": "Joliet"})
    ),
    ("DELETE", "/api/v1/customers/{customer_id}"): Example(on(_customer, "/api/v1/customers/{id}"), 204),
    ("POST", "/api/v1/customers/{customer_id}/confirm-contact"): Example(
        on(_flagged_customer, "/api/v1/customers/{id}/confirm-contact", lambda r, t: {"field": "email"})
    ),
    ("POST", "/api/v1/customers/{customer_id}/merge"): Example(
        on(_two_customers, "/api/v1/customers/{id}/merge", lambda r, t: {"duplicate_id": str(r.other)})
    ),
    ("GET", "/api/v1/lead-sources"): Example(fixed("/api/v1/lead-sources"), tenant_resource=False),
    ("PATCH", "/api/v1/lead-sources/{source_id}"): Example(
        on(_two_sources, "/api/v1/lead-sources/{id}", lambda r, t: {"monthly_cost": 50000})
    ),
    ("POST", "/api/v1/lead-sources/{source_id}/merge"): Example(
        on(_two_sources, "/api/v1/lead-sources/{id}/merge", lambda r, t: {"source_id": str(r.other)})
    ),
    ("GET", "/api/v1/appointments"): Example(fixed("/api/v1/appointments"), tenant_resource=False),
    ("GET", "/api/v1/appointments/slots"): Example(fixed("/api/v1/appointments/slots"), tenant_resource=False),
    ("POST", "/api/v1/appointments"): Example(
        on(_lead, "/api/v1/appointments", lambda r, t: {"lead_id": str(r.id), "starts_at": _free_time()}), 201
    ),
    ("GET", "/api/v1/appointments/{appointment_id}"): Example(on(_appointment, "/api/v1/appointments/{id}")),
    ("POST", "/api/v1/appointments/{appointment_id}/reschedule"): Example(
        on(_appointment, "/api/v1/appointments/{id}/reschedule", lambda r, t: {"starts_at": _free_time()})
    ),
    ("POST", "/api/v1/appointments/{appointment_id}/cancel"): Example(
        on(_appointment, "/api/v1/appointments/{id}/cancel", lambda r, t: {})
    ),
    ("POST", "/api/v1/appointments/{appointment_id}/outcome"): Example(
        on(_past_appointment, "/api/v1/appointments/{id}/outcome", lambda r, t: {"shown": True})
    ),
    ("GET", "/api/v1/follow-ups"): Example(fixed("/api/v1/follow-ups"), tenant_resource=False),
    ("POST", "/api/v1/follow-ups"): Example(
        on(_lead, "/api/v1/follow-ups", lambda r, t: {"lead_id": str(r.id), "scheduled_at": _tomorrow()}), 201
    ),
    ("GET", "/api/v1/follow-ups/{follow_up_id}"): Example(on(_follow_up, "/api/v1/follow-ups/{id}")),
    ("PATCH", "/api/v1/follow-ups/{follow_up_id}"): Example(
        on(_follow_up, "/api/v1/follow-ups/{id}", lambda r, t: {"notes": "call after 5"})
    ),
    ("POST", "/api/v1/follow-ups/{follow_up_id}/skip"): Example(on(_follow_up, "/api/v1/follow-ups/{id}/skip")),
    ("POST", "/api/v1/follow-ups/{follow_up_id}/snooze"): Example(
        on(_follow_up, "/api/v1/follow-ups/{id}/snooze", lambda r, t: {"hours": 2})
    ),
    ("POST", "/api/v1/follow-ups/{follow_up_id}/send-now"): Example(on(_follow_up, "/api/v1/follow-ups/{id}/send-now")),
    ("POST", "/api/v1/follow-ups/{follow_up_id}/complete"): Example(on(_follow_up, "/api/v1/follow-ups/{id}/complete")),
    ("GET", "/api/v1/leads"): Example(fixed("/api/v1/leads"), tenant_resource=False),
    ("POST", "/api/v1/leads"): Example(on(_customer, "/api/v1/leads", lambda r, t: {"customer_id": str(r.id)}), 201),
    ("POST", "/api/v1/leads/adf"): Example(fixed("/api/v1/leads/adf"), 422, tenant_resource=False),
    ("GET", "/api/v1/leads/{lead_id}"): Example(on(_lead, "/api/v1/leads/{id}")),
    ("PATCH", "/api/v1/leads/{lead_id}"): Example(
        on(_lead, "/api/v1/leads/{id}", lambda r, t: {"status": "contacted"})
    ),
    ("DELETE", "/api/v1/leads/{lead_id}"): Example(on(_lead, "/api/v1/leads/{id}")),
    ("GET", "/api/v1/leads/{lead_id}/activities"): Example(on(_lead, "/api/v1/leads/{id}/activities")),
    ("GET", "/api/v1/conversations"): Example(fixed("/api/v1/conversations"), tenant_resource=False),
    ("POST", "/api/v1/conversations"): Example(
        on(_lead, "/api/v1/conversations", lambda r, t: {"lead_id": str(r.id)}), 201
    ),
    ("GET", "/api/v1/conversations/{conversation_id}"): Example(on(_conversation, "/api/v1/conversations/{id}")),
    ("PATCH", "/api/v1/conversations/{conversation_id}"): Example(
        on(_conversation, "/api/v1/conversations/{id}", lambda r, t: {"priority": "high"})
    ),
    ("DELETE", "/api/v1/conversations/{conversation_id}"): Example(on(_conversation, "/api/v1/conversations/{id}")),
    ("GET", "/api/v1/conversations/{conversation_id}/messages"): Example(
        on(_conversation, "/api/v1/conversations/{id}/messages")
    ),
    ("POST", "/api/v1/conversations/{conversation_id}/messages"): Example(
        on(_conversation, "/api/v1/conversations/{id}/messages", lambda r, t: {"content": "Hello there"}), 201
    ),
    ("PATCH", "/api/v1/messages/{message_id}"): Example(
        on(_message, "/api/v1/messages/{id}", lambda r, t: {"is_read": True})
    ),
    ("GET", "/api/v1/audit-logs"): Example(fixed("/api/v1/audit-logs"), tenant_resource=False),
    ("GET", "/api/v1/integrations/crm"): Example(fixed("/api/v1/integrations/crm"), tenant_resource=False),
    ("PUT", "/api/v1/integrations/crm"): Example(
        fixed("/api/v1/integrations/crm", {"email": None, "send_when": "qualified"}), tenant_resource=False
    ),
    ("GET", "/api/v1/leads/{lead_id}/crm-handoffs"): Example(on(_lead, "/api/v1/leads/{id}/crm-handoffs")),
    # No CRM address in these dealerships: 409 once the permission passed (tests/integrations has the sends).
    ("POST", "/api/v1/leads/{lead_id}/crm-handoffs"): Example(on(_lead, "/api/v1/leads/{id}/crm-handoffs"), 409),
    # The dealership's one mailbox (made again before each example that needs it); an outsider has none: 404 (the
    # routes are registered GET, DELETE, poll, then PUT, which is the one that gives the outsider a mailbox).
    ("GET", "/api/v1/integrations/imap"): Example(on(_mailbox, "/api/v1/integrations/imap")),
    ("PUT", "/api/v1/integrations/imap"): Example(
        fixed("/api/v1/integrations/imap", {"host": "93.184.216.34", "username": "leads", "enabled": False}),
        tenant_resource=False,
    ),
    ("DELETE", "/api/v1/integrations/imap"): Example(on(_mailbox, "/api/v1/integrations/imap"), 204),
    ("POST", "/api/v1/integrations/imap/poll"): Example(on(_mailbox, "/api/v1/integrations/imap/poll"), 202),
    ("GET", f"{W}/endpoints"): Example(fixed(f"{W}/endpoints"), tenant_resource=False),
    ("POST", f"{W}/endpoints"): Example(
        fixed(
            f"{W}/endpoints",
            {"url": "https://93.184.216.34/hook", "event_types": ["lead.created"]},
        ),
        201,
        tenant_resource=False,
    ),
    ("GET", "/api/v1/report-schedules"): Example(fixed("/api/v1/report-schedules"), tenant_resource=False),
    ("POST", "/api/v1/report-schedules"): Example(
        fixed(
            "/api/v1/report-schedules",
            {"name": "Daily", "frequency": "daily", "timezone": "UTC", "recipients": ["gm@inbox-mail.net"]},
        ),
        201,
        tenant_resource=False,
    ),
    ("GET", f"{W}/endpoints/{{endpoint_id}}"): Example(on(_webhook_endpoint, f"{W}/endpoints/{{id}}")),
    ("GET", f"{W}/endpoints/{{endpoint_id}}/secret"): Example(on(_webhook_endpoint, f"{W}/endpoints/{{id}}/secret")),
    ("PATCH", f"{W}/endpoints/{{endpoint_id}}"): Example(
        on(_webhook_endpoint, f"{W}/endpoints/{{id}}", lambda r, t: {"description": "CRM"})
    ),
    ("POST", f"{W}/endpoints/{{endpoint_id}}/rotate-secret"): Example(
        on(_webhook_endpoint, f"{W}/endpoints/{{id}}/rotate-secret")
    ),
    ("DELETE", f"{W}/endpoints/{{endpoint_id}}"): Example(on(_webhook_endpoint, f"{W}/endpoints/{{id}}"), 204),
    ("GET", f"{W}/deliveries"): Example(fixed(f"{W}/deliveries"), tenant_resource=False),
    ("GET", f"{W}/deliveries/{{delivery_id}}"): Example(on(_webhook_delivery, f"{W}/deliveries/{{id}}")),
    ("POST", f"{W}/deliveries/{{delivery_id}}/replay"): Example(on(_webhook_delivery, f"{W}/deliveries/{{id}}/replay")),
    ("GET", "/api/v1/report-schedules/{schedule_id}"): Example(on(_report_schedule, "/api/v1/report-schedules/{id}")),
    ("PATCH", "/api/v1/report-schedules/{schedule_id}"): Example(
        on(_report_schedule, "/api/v1/report-schedules/{id}", lambda r, t: {"time_of_day": "07:30"})
    ),
    ("GET", "/api/v1/report-schedules/{schedule_id}/preview"): Example(
        on(_report_schedule, "/api/v1/report-schedules/{id}/preview")
    ),
    ("POST", "/api/v1/report-schedules/{schedule_id}/send-now"): Example(
        on(_report_schedule, "/api/v1/report-schedules/{id}/send-now"), 202
    ),
    ("DELETE", "/api/v1/report-schedules/{schedule_id}"): Example(
        on(_report_schedule, "/api/v1/report-schedules/{id}"), 204
    ),
    ("GET", "/api/v1/exports/leads.csv"): Example(fixed("/api/v1/exports/leads.csv"), tenant_resource=False),
    ("GET", "/api/v1/exports/customers.csv"): Example(fixed("/api/v1/exports/customers.csv"), tenant_resource=False),
    ("GET", "/api/v1/exports/conversations.csv"): Example(
        fixed("/api/v1/exports/conversations.csv"), tenant_resource=False
    ),
    ("GET", "/api/v1/exports/follow-ups.csv"): Example(fixed("/api/v1/exports/follow-ups.csv"), tenant_resource=False),
    ("GET", "/api/v1/exports/appointments.csv"): Example(
        fixed("/api/v1/exports/appointments.csv"), tenant_resource=False
    ),
    ("GET", "/api/v1/personas"): Example(fixed("/api/v1/personas"), tenant_resource=False),
    ("GET", "/api/v1/dead-letters"): Example(fixed("/api/v1/dead-letters"), tenant_resource=False),
    ("POST", "/api/v1/dead-letters/{letter_id}/assign"): Example(
        on(_dead_letter, "/api/v1/dead-letters/{id}/assign", lambda r, t: {"dealership_id": t.id}),
        tenant_resource=False,
    ),
    ("POST", "/api/v1/personas"): Example(
        on(_staff, "/api/v1/personas", lambda r, t: {"name": unique("p"), "prompt_template": "I am {{persona_name}}"}),
        201,
        tenant_resource=False,
    ),
    ("POST", "/api/v1/personas/preview"): Example(
        fixed("/api/v1/personas/preview", {"message": "hi"}), tenant_resource=False
    ),
    ("POST", "/app/personas/test-chat"): Example(
        fixed("/app/personas/test-chat", {"messages": ["hi"]}), tenant_resource=False
    ),
    ("GET", "/api/v1/personas/{persona_id}"): Example(on(_persona, "/api/v1/personas/{id}")),
    ("PATCH", "/api/v1/personas/{persona_id}"): Example(
        on(_persona, "/api/v1/personas/{id}", lambda r, t: {"prompt_template": "Hello"})
    ),
    ("DELETE", "/api/v1/personas/{persona_id}"): Example(on(_persona, "/api/v1/personas/{id}"), 204),
    ("GET", "/api/v1/escalation-triggers"): Example(fixed("/api/v1/escalation-triggers"), tenant_resource=False),
    ("POST", "/api/v1/escalation-triggers"): Example(
        on(
            _staff,
            "/api/v1/escalation-triggers",
            lambda r, t: {"name": unique("t"), "conditions": [{"type": "keyword", "value": ["sue"]}]},
        ),
        201,
        tenant_resource=False,
    ),
    ("PATCH", "/api/v1/escalation-triggers/{trigger_id}"): Example(
        on(_trigger, "/api/v1/escalation-triggers/{id}", lambda r, t: {"priority": 5})
    ),
    ("DELETE", "/api/v1/escalation-triggers/{trigger_id}"): Example(
        on(_trigger, "/api/v1/escalation-triggers/{id}"), 204
    ),
    ("GET", "/api/v1/saved-replies"): Example(fixed("/api/v1/saved-replies"), tenant_resource=False),
    ("GET", "/api/v1/saved-replies/variables"): Example(
        fixed("/api/v1/saved-replies/variables"), tenant_resource=False
    ),
    ("POST", "/api/v1/saved-replies"): Example(
        on(_staff, "/api/v1/saved-replies", lambda r, t: {"title": unique("r"), "body": "Hi {{agent.name}}"}),
        201,
        tenant_resource=False,
    ),
    ("PATCH", "/api/v1/saved-replies/{reply_id}"): Example(
        on(_saved_reply, "/api/v1/saved-replies/{id}", lambda r, t: {"body": "Hello"})
    ),
    ("DELETE", "/api/v1/saved-replies/{reply_id}"): Example(on(_saved_reply, "/api/v1/saved-replies/{id}"), 204),
    ("POST", "/api/v1/conversations/{conversation_id}/contacts"): Example(
        on(_conversation, "/api/v1/conversations/{id}/contacts", lambda r, t: {"kind": "call", "summary": "Called"}),
        201,
    ),
    ("GET", "/api/v1/conversations/{conversation_id}/saved-replies"): Example(
        on(_conversation, "/api/v1/conversations/{id}/saved-replies")
    ),
    ("GET", "/api/v1/handovers"): Example(fixed("/api/v1/handovers"), tenant_resource=False),
    ("GET", "/api/v1/handovers/{handover_id}"): Example(on(_handover, "/api/v1/handovers/{id}")),
    ("POST", "/api/v1/handovers/{handover_id}/claim"): Example(
        on(_handover, "/api/v1/handovers/{id}/claim"), effective_action="staff"
    ),
    ("POST", "/api/v1/conversations/{conversation_id}/take-over"): Example(
        on(_conversation, "/api/v1/conversations/{id}/take-over"), effective_action="staff"
    ),
    ("POST", "/api/v1/conversations/{conversation_id}/hand-back"): Example(
        on(_conversation, "/api/v1/conversations/{id}/hand-back", lambda r, t: {}), 204
    ),
    ("GET", "/api/v1/conversations/{conversation_id}/suggestions"): Example(
        on(_conversation, "/api/v1/conversations/{id}/suggestions")
    ),
    ("GET", "/api/v1/conversations/{conversation_id}/contact-claims"): Example(
        claim_target("/api/v1/conversations/{id}/contact-claims")
    ),
    ("POST", "/api/v1/conversations/{conversation_id}/contact-claims/{claim_id}/confirm"): Example(
        claim_target("/api/v1/conversations/{id}/contact-claims/{claim}/confirm"), 204
    ),
    ("POST", "/api/v1/suggestions/{suggestion_id}/dismiss"): Example(
        on(_suggestion, "/api/v1/suggestions/{id}/dismiss")
    ),
    ("GET", "/api/v1/experiments"): Example(fixed("/api/v1/experiments"), tenant_resource=False),
    ("POST", "/api/v1/experiments"): Example(
        on(_staff, "/api/v1/experiments", _new_experiment), 201, tenant_resource=False
    ),
    ("GET", "/api/v1/experiments/{experiment_id}"): Example(on(_experiment("draft"), "/api/v1/experiments/{id}")),
    ("PATCH", "/api/v1/experiments/{experiment_id}"): Example(
        on(_experiment("draft"), "/api/v1/experiments/{id}", lambda r, t: {"hypothesis": "B sells more"})
    ),
    ("POST", "/api/v1/experiments/{experiment_id}/start"): Example(
        on(_experiment("draft"), "/api/v1/experiments/{id}/start")
    ),
    ("POST", "/api/v1/experiments/{experiment_id}/pause"): Example(
        on(_experiment("running"), "/api/v1/experiments/{id}/pause")
    ),
    ("POST", "/api/v1/experiments/{experiment_id}/stop"): Example(
        on(_experiment("paused"), "/api/v1/experiments/{id}/stop", lambda r, t: {"decision": "enough seen"})
    ),
    ("POST", "/api/v1/experiments/{experiment_id}/archive"): Example(
        on(_experiment("draft"), "/api/v1/experiments/{id}/archive")
    ),
    ("GET", "/api/v1/experiments/{experiment_id}/results"): Example(
        on(_experiment("paused"), "/api/v1/experiments/{id}/results")
    ),
}


def _fresh_vin() -> str:
    from tests.factories import vin

    return vin()


@pytest.fixture(scope="module")
async def actors(app: FastAPI, db: Database) -> Actors:
    team = await create_team(db)
    outsider_team = await create_team(db)
    root = await create_super_admin(db)
    clients = {role: await sign_in(app, team.by_role(role).email) for role in ("user", "manager", "dealership_admin")}
    clients["outsider"] = await sign_in(app, outsider_team.admin.email)
    clients["super_admin"] = await sign_in(app, root.email)
    switched = await clients["super_admin"].post("/api/v1/auth/switch", json={"dealership_id": team.id})
    assert switched.status_code == 200
    admin = clients["dealership_admin"]
    key = await admin.post("/api/v1/api-keys", json={"name": "all", "scopes": sorted(SCOPES)})
    api = httpx.AsyncClient(
        transport=admin._transport,
        base_url="http://testserver",
        headers={"Authorization": f"Bearer {key.json()['key']}"},
    )
    clients["api_key"] = api
    roles = {
        "user": "user",
        "manager": "manager",
        "dealership_admin": "dealership_admin",
        "outsider": "dealership_admin",
        "super_admin": "super_admin",
        "api_key": "api_key",
    }
    return Actors(team, outsider_team, clients, roles)


# Endless server-sent event streams cannot be awaited through the in-process transport; their permission is
# checked by test_event_stream_needs_conversation_read below and the stream itself by the browser tests.
STREAMS = {"/api/v1/events"}


def protected_routes(app: FastAPI) -> list[tuple[str, str, str | None]]:
    out = []
    for route, path, methods in api_routes(app):
        action = route_action(route)
        if action is PUBLIC or path in STREAMS:
            continue
        out.extend((method, path, action) for method in sorted(methods))
    return out


def test_every_protected_route_has_an_example(app: FastAPI) -> None:
    routes = {(m, p) for m, p, a in protected_routes(app) if a is not None}
    missing = routes - set(EXAMPLES)
    assert not missing, f"add these routes to EXAMPLES: {sorted(missing)}"
    assert not set(EXAMPLES) - routes, "EXAMPLES names routes that no longer exist"


@pytest.mark.parametrize("principal", ["user", "manager", "dealership_admin", "super_admin", "outsider", "api_key"])
async def test_route_permissions_for(principal: str, app: FastAPI, db: Database, actors: Actors) -> None:
    spare = await create_team(db)  # a dealership super admins may (de)activate freely
    mismatches = []
    for method, path, action in protected_routes(app):
        if action is None:
            continue
        example = EXAMPLES[(method, path)]
        url, body = await example.target(db, actors.team)
        url = url.replace("{team}", str(actors.team.id)).replace("{spare}", str(spare.id))
        role = actors.roles[principal]
        allowed = scopes_allow(frozenset(SCOPES), action) if role == "api_key" else role_allows(role, action)
        # a person claims conversations, not an API key
        staff_only = allowed and example.effective_action == "staff" and role == "api_key"
        expected_override = 400 if staff_only else None
        if allowed and example.effective_action and example.effective_action != "staff" and role != "api_key":
            allowed = role_allows(role, example.effective_action)
        if not allowed:
            expected = 403
        elif principal == "outsider" and example.tenant_resource:
            expected = 404
        else:
            expected = expected_override or example.ok
        response = await actors.clients[principal].request(method, url, json=body)
        if response.status_code != expected:
            mismatches.append(
                f"{method} {url} [{action}]: expected {expected}, got {response.status_code} {response.text[:160]}"
            )
    assert not mismatches, "\n".join(mismatches)


async def test_another_dealerships_row_is_404_on_every_id_route(app: FastAPI, db: Database, actors: Actors) -> None:
    """Read the outsider's own rows' ids from the first tenant's side: invisible, so 404 (and nothing changes)."""
    outsider = actors.outsider_team
    insider = actors.clients["dealership_admin"]
    for (method, path), example in EXAMPLES.items():
        if not example.tenant_resource or "{" not in path:
            continue
        url, body = await example.target(db, outsider)
        response = await insider.request(method, url, json=body)
        assert response.status_code == 404, f"{method} {url}: {response.status_code} {response.text[:200]}"


def test_the_permission_table_is_the_one_we_reviewed() -> None:
    """The policy itself, spelled out: changing who may do what must change this test too."""
    from showroom.auth.permissions import PERMISSIONS, Role

    staff_everywhere = {
        "dealership.read",
        "user.read",
        "vehicle.read",
        "customer.read",
        "customer.write",
        "lead.read",
        "lead.write",
        "conversation.read",
        "conversation.write",
        "message.read",
        "message.write",
        "persona.read",
        "trigger.read",
        "handover.read",
        "handover.write",
        "experiment.read",
    }
    managers_add = {
        "vehicle.write",
        "customer.delete",
        "lead.delete",
        "conversation.delete",
        "persona.write",
        "experiment.write",
        "data.export",  # issue 20: CSV exports of the dealership's data
        "report.manage",  # issue 20: scheduled reports
        "saved_reply.manage",  # issue 21: the dealership's saved replies
    }
    admins_add = {
        "dealership.update",
        "user.manage",
        "invitation.manage",
        "api_key.manage",
        "audit.read",
        "trigger.write",
        "webhook.manage",
        "feed.manage",  # issue 19: inventory feed sources
    }
    assert PERMISSIONS[Role.user] == staff_everywhere
    assert PERMISSIONS[Role.manager] == staff_everywhere | managers_add
    assert PERMISSIONS[Role.dealership_admin] == staff_everywhere | managers_add | admins_add
    assert PERMISSIONS[Role.super_admin] == staff_everywhere | managers_add | admins_add | {"dealership.manage"}
    key_actions = set().union(*SCOPES.values())
    assert not key_actions & (admins_add | {"dealership.manage", "user.read"})


async def test_event_stream_needs_conversation_read(app: FastAPI, db: Database) -> None:
    from tests.conftest import new_client

    assert (await new_client(app).get("/api/v1/events")).status_code == 401
    team = await create_team(db)
    admin = await sign_in(app, team.admin.email)
    key = (await admin.post("/api/v1/api-keys", json={"name": "k", "scopes": ["leads:read"]})).json()["key"]
    client = new_client(app)
    client.headers["Authorization"] = f"Bearer {key}"
    assert (await client.get("/api/v1/events")).status_code == 403
