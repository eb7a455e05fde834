"""CSV exports: the list's filters, only the caller's dealership, audited, streamed with flat memory."""

from __future__ import annotations

import csv
import io
import tracemalloc
import uuid
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import insert, select

from showroom.db.engine import Database
from showroom.exports import service
from showroom.exports.csv_rows import CsvText, cell
from showroom.models import Appointment, AuditLog, FollowUp, Lead
from tests.conftest import new_client
from tests.factories import (
    create_conversation,
    create_customer,
    create_lead,
    create_message,
    create_vehicle,
    unique,
)
from tests.helpers import create_team, sign_in


def rows_of(body: bytes) -> list[dict[str, str]]:
    assert body.startswith("\ufeff".encode()), "Excel needs the BOM to read UTF-8"
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


async def test_leads_export_has_the_list_filters_only_this_dealership_and_is_audited(
    app: FastAPI, db: Database
) -> None:
    team, other = await create_team(db), await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        ann = await create_customer(maint, team.id, full_name="Ann Quinto", phone="+13125550100")
        bob = await create_customer(maint, team.id, full_name="=HYPERLINK(1) Bob")
        hot = await create_lead(maint, team.id, ann.id, status="qualified", lead_score=80)
        await create_lead(maint, team.id, bob.id, status="new", lead_score=20)
        stranger = await create_customer(maint, other.id, full_name="Ann Quinto")
        await create_lead(maint, other.id, stranger.id, status="qualified")
    manager = await sign_in(app, team.manager.email)

    everything = await manager.get("/api/v1/exports/leads.csv")
    assert everything.status_code == 200, everything.text
    assert everything.headers["content-type"].startswith("text/csv")
    assert "attachment" in everything.headers["content-disposition"]
    rows = rows_of(everything.content)
    assert sorted(r["customer_name"] for r in rows) == ["'=HYPERLINK(1) Bob", "Ann Quinto"]

    filtered = rows_of((await manager.get("/api/v1/exports/leads.csv?status=qualified&q=quinto&score_min=50")).content)
    assert [(r["lead_id"], r["customer_phone"], r["score"]) for r in filtered] == [(str(hot.id), "+13125550100", "80")]

    hot_only = rows_of((await manager.get("/api/v1/exports/leads.csv?hot=true")).content)
    assert [r["lead_id"] for r in hot_only] == [str(hot.id)]

    async with db.maint_session() as maint:
        audits = (
            await maint.scalars(
                select(AuditLog).where(AuditLog.dealership_id == team.id, AuditLog.action == "export.leads")
            )
        ).all()
    assert len(audits) == 3
    assert {a.user_id for a in audits} == {team.manager.id}
    assert {"status": ["qualified"], "q": "quinto", "score_min": 50} in [a.details["filters"] for a in audits]


async def test_a_sales_agent_may_not_export_and_bad_filters_are_a_422(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    agent = await sign_in(app, team.agent.email)
    refused = await agent.get("/api/v1/exports/customers.csv")
    assert refused.status_code == 403
    assert refused.json()["error"] == "Forbidden"
    manager = await sign_in(app, team.manager.email)
    bad = await manager.get("/api/v1/exports/leads.csv?score_min=90&score_max=10")
    assert bad.status_code == 422
    assert bad.json()["field"] == "score_min"
    backwards = await manager.get(
        "/api/v1/exports/follow-ups.csv?scheduled_after=2026-02-01T00:00:00Z&scheduled_before=2026-01-01T00:00:00Z"
    )
    assert backwards.status_code == 422
    assert backwards.json()["field"] == "scheduled_after"
    assert (await manager.get("/api/v1/exports/conversations.csv?status=bogus")).status_code == 422


async def test_conversations_export_one_line_per_message_and_follow_ups_by_due_date(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    now = datetime.now(UTC)
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id, full_name="Cora Lee")
        lead = await create_lead(maint, team.id, customer.id)
        talk = await create_conversation(maint, lead, channel="sms")
        await create_message(maint, talk, content="Is the Tucson still there?", created_at=now - timedelta(minutes=2))
        await create_message(
            maint,
            talk,
            type="outbound",
            sender="ai",
            content="Yes, it is.",
            delivery_status="delivered",
            created_at=now - timedelta(minutes=1),
        )
        await create_conversation(maint, lead, channel="chat")  # no messages yet: one line
        for days, status in ((1, "scheduled"), (-1, "completed")):
            maint.add(
                FollowUp(
                    dealership_id=team.id,
                    lead_id=lead.id,
                    customer_id=customer.id,
                    kind="staff_reminder",
                    channel="phone",
                    scheduled_at=now + timedelta(days=days),
                    status=status,
                    completed_at=now if status == "completed" else None,
                    notes="Call about the trade-in",
                )
            )
    manager = await sign_in(app, team.manager.email)
    sms = rows_of((await manager.get("/api/v1/exports/conversations.csv?channel=sms")).content)
    assert [(r["sender"], r["content"]) for r in sms] == [
        ("customer", "Is the Tucson still there?"),
        ("ai", "Yes, it is."),
    ]
    every = rows_of((await manager.get(f"/api/v1/exports/conversations.csv?lead_id={lead.id}")).content)
    assert len(every) == 3 and sum(r["message_id"] == "" for r in every) == 1
    due = rows_of((await manager.get("/api/v1/exports/follow-ups.csv?status=scheduled")).content)
    assert [(r["status"], r["customer_name"], r["lead_number"]) for r in due] == [
        ("scheduled", "Cora Lee", lead.lead_number)
    ]


async def test_appointments_export_has_the_appointment_lists_filters_only_this_dealership_and_is_audited(
    app: FastAPI, db: Database
) -> None:
    team, other = await create_team(db), await create_team(db)
    monday = datetime(2030, 3, 4, 15, 0, tzinfo=UTC)  # 10:00 in New York, the dealership's zone
    async with db.maint_session() as maint, maint.begin():
        dora = await create_customer(maint, team.id, full_name="Dora Visit")
        lead = await create_lead(maint, team.id, dora.id)
        car = await create_vehicle(maint, team.id, make="Kia", model="Sorento", year=2026, stock_number="K77")
        # 03:00 UTC on the 5th is the evening of the 4th in New York: the same local day.
        for hours, status, who in ((0, "confirmed", team.agent.id), (12, "completed", None), (26, "no_show", None),
                                   (28, "cancelled", None)):  # fmt: skip
            start = monday + timedelta(hours=hours)
            maint.add(Appointment(dealership_id=team.id, lead_id=lead.id, customer_id=dora.id, vehicle_id=car.id,
                                  assigned_user_id=who, kind="test_drive", source="agent", status=status,
                                  starts_at=start, ends_at=start + timedelta(minutes=30)))  # fmt: skip
        stranger = await create_customer(maint, other.id, full_name="Dora Visit")
        theirs = await create_lead(maint, other.id, stranger.id)
        maint.add(Appointment(dealership_id=other.id, lead_id=theirs.id, customer_id=stranger.id, kind="test_drive",
                              source="staff", starts_at=monday, ends_at=monday + timedelta(minutes=30)))  # fmt: skip
    manager = await sign_in(app, team.manager.email)
    every = rows_of((await manager.get("/api/v1/exports/appointments.csv")).content)
    assert [(r["status"], r["customer_name"], r["vehicle"], r["stock_number"]) for r in every] == [
        ("confirmed", "Dora Visit", "2026 Kia Sorento", "K77"),
        ("completed", "Dora Visit", "2026 Kia Sorento", "K77"),
        ("no_show", "Dora Visit", "2026 Kia Sorento", "K77"),
        ("cancelled", "Dora Visit", "2026 Kia Sorento", "K77"),
    ]
    assert every[0]["lead_number"] == lead.lead_number and every[0]["booked_by"] == "agent"
    one_day = rows_of((await manager.get("/api/v1/exports/appointments.csv?date=2030-03-04")).content)
    assert [r["status"] for r in one_day] == ["confirmed", "completed"]
    shown = await manager.get(f"/api/v1/exports/appointments.csv?status=no_show&lead_id={lead.id}")
    assert [r["status"] for r in rows_of(shown.content)] == ["no_show"]
    mine = rows_of((await manager.get(f"/api/v1/exports/appointments.csv?assigned_user_id={team.agent.id}")).content)
    assert [r["assigned_to"] for r in mine] == [team.agent.name]
    both = await manager.get("/api/v1/exports/appointments.csv?date=2030-03-04&from=2030-03-04T00:00:00Z")
    assert both.status_code == 422 and both.json()["field"] == "date"
    backwards = await manager.get("/api/v1/exports/appointments.csv?from=2030-03-05T00:00:00Z&to=2030-03-04T00:00:00Z")
    assert backwards.status_code == 422 and backwards.json()["field"] == "from"
    assert (await manager.get("/api/v1/exports/appointments.csv?status=bogus")).status_code == 422
    assert (await (await sign_in(app, team.agent.email)).get("/api/v1/exports/appointments.csv")).status_code == 403
    async with db.maint_session() as maint:
        filters = (
            await maint.scalars(
                select(AuditLog.details["filters"]).where(
                    AuditLog.dealership_id == team.id, AuditLog.action == "export.appointments"
                )
            )
        ).all()
    assert {"status": ["no_show"], "lead_id": str(lead.id)} in filters and len(filters) == 4
    page = await manager.get("/app/exports/appointments.csv")
    assert page.status_code == 200 and len(rows_of(page.content)) == 4


async def test_an_api_key_needs_the_exports_scope(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.admin.email)
    keys = {}
    for scope in ("leads:read", "exports:read"):
        made = await manager.post("/api/v1/api-keys", json={"name": unique("k"), "scopes": [scope]})
        assert made.status_code == 201, made.text
        keys[scope] = made.json()["key"]
    answers = {}
    for scope, key in keys.items():
        async with new_client(app) as client:
            answer = await client.get("/api/v1/exports/leads.csv", headers={"Authorization": f"Bearer {key}"})
        answers[scope] = answer.status_code
    assert answers == {"leads:read": 403, "exports:read": 200}


async def _measure(db: Database, team_id: int, user_id: int, export: service.Export) -> tuple[int, int, int, int]:
    """(chunks, bytes, lines, peak bytes allocated while streaming)."""
    chunks, size, lines = 0, 0, 0
    tracemalloc.start()
    try:
        async for chunk in service.stream_csv(db, team_id, user_id, export):
            chunks += 1
            size += len(chunk)
            lines += chunk.count(b"\r\n")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return chunks, size, lines, peak


async def test_many_rows_stream_in_batches_with_flat_memory(db: Database) -> None:
    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        few, many = await create_customer(maint, team.id), await create_customer(maint, team.id)
        for customer, count in ((few, 2 * service.BATCH), (many, 10 * service.BATCH + 7)):
            await maint.execute(
                insert(Lead),
                [
                    {
                        "id": uuid.uuid4(),
                        "dealership_id": team.id,
                        "customer_id": customer.id,
                        "lead_number": f"L{uuid.uuid4().hex[:12]}",
                        "source": "api",
                        "source_key": f"bulk-{uuid.uuid4().hex}",
                        "description": "x" * 200,
                    }
                    for _ in range(count)
                ],
            )
    user = team.manager.id
    await _measure(db, team.id, user, service.leads(customer_id=few.id))  # one-time costs (statement cache, imports)
    small = await _measure(db, team.id, user, service.leads(customer_id=few.id))
    big = await _measure(db, team.id, user, service.leads(customer_id=many.id))
    assert big[2] == 10 * service.BATCH + 7 + 1  # every row, and the header
    assert big[0] == 1 + 11  # the header, then one chunk per batch: never the whole file at once
    assert big[1] > 4 * small[1]
    assert big[3] < 1.5 * small[3], f"5x the rows took {big[3]} bytes at peak against {small[3]}: rows are held"


def test_cells_never_start_a_formula_but_numbers_and_phones_stay() -> None:
    assert cell("=1+1") == "'=1+1"
    assert cell("@SUM(A1)") == "'@SUM(A1)"
    assert cell("-cmd|' /C calc'!A0") == "'-cmd|' /C calc'!A0"
    assert cell("+1 (312) 555-0100") == "+1 (312) 555-0100"
    assert cell("-12.5") == "-12.5"
    assert cell(None) == "" and cell(True) == "true"
    assert cell(["a", "b"]) == "a; b"
    kinds = [str, bool, int, None]
    line = CsvText(kinds).rows([("=cmd()", True, 7, ["x"]), (None, None, None, None)])
    assert line == b"'=cmd(),true,7,x\r\n,,,\r\n"
