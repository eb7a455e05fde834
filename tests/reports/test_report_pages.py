"""The report schedules' staff pages (managers and admins: list, create, edit, pause, delete, preview, send now),
the API's edit, the appointments set and shown in the report, and a recipient refused at RCPT time reported to the
schedule's owner (a real SMTP server that refuses one address)."""

from __future__ import annotations

import email
import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from email.message import EmailMessage
from email.policy import default
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import Appointment, AuditLog, ReportSchedule
from showroom.reports import figures as report_figures
from showroom.reports.periods import Period
from showroom.settings import Settings
from tests.conftest import Worker
from tests.factories import create_conversation, create_customer, create_lead, create_message, unique
from tests.helpers import Team, create_team, sign_in
from tests.reports.test_schedules import sent_with
from tests.web.test_staff_pages import csrf_of, page_client

PAGE = "/app/settings/reports"


def _form(token: str, name: str, **extra: Any) -> dict[str, Any]:
    return {
        "csrf_token": token,
        "name": name,
        "frequency": "weekly",
        "day_of_week": "1",
        "day_of_month": "1",
        "time_of_day": "07:00",
        "timezone": "America/Chicago",
        "addresses": "gm@inbox-mail.net",
        **extra,
    }


async def _schedule(db: Database, team: Team, **kw: Any) -> ReportSchedule:
    async with db.maint_session() as maint, maint.begin():
        row = ReportSchedule(dealership_id=team.id, name=kw.pop("name", unique("Daily")), report_type="lead_summary",
                             recipients=kw.pop("recipients", ["gm@inbox-mail.net"]), frequency="daily",
                             timezone="UTC", next_run_at=datetime.now(UTC) + timedelta(days=1), **kw)  # fmt: skip
        maint.add(row)
        await maint.flush()
        return row


async def test_only_managers_and_admins_open_the_pages_and_another_dealerships_schedule_is_a_404(
    app: FastAPI, db: Database
) -> None:
    team, outsider = await create_team(db), await create_team(db)
    row = await _schedule(db, team, name="Private numbers")
    agent = await page_client(app, team.agent.email)
    for path in (PAGE, f"{PAGE}/{row.id}", f"{PAGE}/{row.id}/preview"):
        assert (await agent.get(path)).status_code == 403, path
    assert "/app/settings/reports" not in (await agent.get("/app/settings/triggers")).text
    for email_ in (team.manager.email, team.admin.email):
        client = await page_client(app, email_)
        listed = await client.get(PAGE)
        assert listed.status_code == 200 and "Private numbers" in listed.text
        assert (await client.get(f"{PAGE}/{row.id}")).status_code == 200
    stranger = await page_client(app, outsider.admin.email)
    for path in (f"{PAGE}/{row.id}", f"{PAGE}/{row.id}/preview", f"{PAGE}/x"):
        response = await stranger.get(path)
        assert response.status_code == 404 and "Private numbers" not in response.text, path
    token = csrf_of((await stranger.get(PAGE)).text)
    for action in ("", "/delete", "/send-now"):
        response = await stranger.post(f"{PAGE}/{row.id}{action}", data=_form(token, "Mine now"))
        assert response.status_code == 404, action
    async with db.maint_session() as maint:
        still = await maint.get(ReportSchedule, row.id)
    assert still is not None and still.name == "Private numbers"


async def test_a_manager_schedules_edits_pauses_sends_and_deletes_a_report_from_the_pages(
    app: FastAPI, db: Database, worker: Worker, settings: Settings
) -> None:
    team = await create_team(db)
    manager = await page_client(app, team.manager.email)
    token = csrf_of((await manager.get(PAGE)).text)
    name = unique("Monday numbers")
    bad = await manager.post(PAGE, data=_form(token, name, timezone="Mars/Olympus"))
    assert bad.status_code == 422 and "time zone" in bad.text and name in bad.text  # the form comes back, filled
    made = await manager.post(PAGE, data={**_form(token, name), "users": [str(team.admin.id)]})
    assert made.status_code == 303, made.text
    page_path = made.headers["location"].split("?")[0]
    async with db.maint_session() as maint:
        row = await maint.scalar(select(ReportSchedule).where(ReportSchedule.name == name))
    assert row is not None and row.recipients == [team.admin.id, "gm@inbox-mail.net"]
    assert row.created_by_user_id == team.manager.id and row.day_of_week == 1
    page = await manager.get(page_path)
    assert page.status_code == 200 and 'value="gm@inbox-mail.net"' not in page.text and "gm@inbox-mail.net" in page.text

    monthly = {**_form(token, name), "frequency": "monthly", "day_of_month": "3", "time_of_day": "06:30"}
    paused = await manager.post(page_path, data=monthly)  # no "is_active": the box unticked pauses it
    assert paused.status_code == 303, paused.text
    async with db.maint_session() as maint:
        row = await maint.get(ReportSchedule, row.id)
    assert row is not None and (row.frequency, row.day_of_month, row.day_of_week) == ("monthly", 3, None)
    assert not row.is_active and row.next_run_at is None
    active = await manager.post(page_path, data={**monthly, "is_active": "on"})
    assert active.status_code == 303
    async with db.maint_session() as maint:
        row = await maint.get(ReportSchedule, row.id)
        audited = (
            await maint.scalars(
                select(AuditLog.action).where(AuditLog.resource_type == "report_schedule",
                                              AuditLog.resource_id == str(row.id if row else 0))
            )
        ).all()  # fmt: skip
    assert row is not None and row.next_run_at is not None and row.next_run_at.astimezone(UTC).day in range(1, 5)
    assert sorted(audited) == ["report_schedule.create", "report_schedule.update", "report_schedule.update"]

    preview = await manager.get(f"{page_path}/preview")
    assert preview.status_code == 200 and name in preview.text and "nothing to report" in preview.text
    assert "img-src data:" in preview.headers["content-security-policy"]
    sent = await manager.post(f"{page_path}/send-now", data={"csrf_token": token})
    assert sent.status_code == 303
    await worker("mail")
    assert len(sent_with(settings, name)) == 1
    deleted = await manager.post(f"{page_path}/delete", data={"csrf_token": token})
    assert deleted.status_code == 303
    async with db.maint_session() as maint:
        assert await maint.get(ReportSchedule, row.id) is None


async def test_the_api_edits_a_schedule_and_says_which_field_is_wrong(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    daily = {"name": "Daily", "frequency": "daily", "timezone": "UTC", "recipients": ["gm@inbox-mail.net"]}
    made = await manager.post("/api/v1/report-schedules", json=daily)
    path = f"/api/v1/report-schedules/{made.json()['id']}"
    weekly = await manager.patch(path, json={"frequency": "weekly"})
    assert weekly.status_code == 422 and weekly.json()["field"] == "day_of_week"
    stranger = await manager.patch(path, json={"recipients": [2_000_000_000]})
    assert stranger.status_code == 422 and stranger.json()["field"] == "recipients"
    changed = await manager.patch(path, json={"frequency": "weekly", "day_of_week": 5, "time_of_day": "18:15"})
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["frequency"], body["day_of_week"], body["time_of_day"]) == ("weekly", 5, "18:15:00")
    run = datetime.fromisoformat(body["next_run_at"])
    assert (run.isoweekday() % 7, run.hour, run.minute) == (5, 18, 15)
    assert (await manager.get(path)).json()["name"] == "Daily"


async def test_the_report_counts_appointments_set_and_shown(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    # run at midnight: the last complete period is yesterday at any hour (at 08:00, before 08:00 UTC it was the day
    # before, and the test failed between midnight and 08:00 UTC)
    row = await _schedule(db, team, time_of_day=time(0, 0))
    now = datetime.now(UTC)
    yesterday = datetime(now.year, now.month, now.day, 12, tzinfo=UTC) - timedelta(days=1)
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        lead = await create_lead(maint, team.id, customer.id, created_at=yesterday)
        for status, source in (("completed", "agent"), ("completed", "staff"), ("no_show", "agent"),
                               ("cancelled", "agent"), ("confirmed", "customer_link")):  # fmt: skip
            maint.add(Appointment(dealership_id=team.id, lead_id=lead.id, customer_id=customer.id,
                                  kind="test_drive", source=source, status=status, starts_at=yesterday,
                                  ends_at=yesterday + timedelta(minutes=30), created_at=yesterday))  # fmt: skip
    manager = await sign_in(app, team.manager.email)
    page = (await manager.get(f"/api/v1/report-schedules/{row.id}/preview")).text
    assert "data-appointments-set>5 (agent 3, customer link 1, staff 1)" in page
    assert "data-appointments-shown>4 / 2 / 1<" in page  # due (not cancelled) / shown / no-show
    assert "data-show-rate>67%<" in page


class RefusingInbox:
    """An SMTP server that refuses ``refused`` for good at RCPT time (550) and keeps what it accepts."""

    def __init__(self, refused: str) -> None:
        self.refused = refused
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address == self.refused:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=default)
        self.messages.append((list(envelope.rcpt_tos), parsed))  # type: ignore[arg-type]
        return "250 OK"


@pytest.fixture
async def refusing_smtp(settings: Settings) -> AsyncIterator[tuple[Settings, RefusingInbox]]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = RefusingInbox("gone@inbox-mail.net")
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        configured = settings.model_copy(update={"smtp_url": f"smtp://127.0.0.1:{port}",
                                                 "mail_from": "Showroom <no-reply@showroom.test>"})  # fmt: skip
        yield Settings.model_validate(configured.model_dump()), inbox
    finally:
        controller.stop()


async def test_a_recipient_refused_at_rcpt_time_is_reported_to_the_schedules_owner(
    app: FastAPI, db: Database, worker: Worker, refusing_smtp: tuple[Settings, RefusingInbox]
) -> None:
    smtp_settings, inbox = refusing_smtp
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    name = unique("Weekly")
    made = await manager.post("/api/v1/report-schedules", json={
        "name": name, "frequency": "daily", "timezone": "UTC",
        "recipients": ["gm@inbox-mail.net", "gone@inbox-mail.net"]})  # fmt: skip
    schedule_id = made.json()["id"]
    assert (await manager.post(f"/api/v1/report-schedules/{schedule_id}/send-now")).status_code == 202
    await worker("mail", settings=smtp_settings)
    reports = [
        (to, m) for to, m in inbox.messages if name in str(m["Subject"]) and "not delivered" not in str(m["Subject"])
    ]
    assert [to for to, _ in reports] == [["gm@inbox-mail.net"]]  # sent once, to the address that exists
    notices = [(to, m) for to, m in inbox.messages if "not delivered" in str(m["Subject"])]
    assert [to for to, _ in notices] == [[team.manager.email]]  # the owner: who made the schedule
    body = notices[0][1].get_body(preferencelist=("plain",))
    assert body is not None and "gone@inbox-mail.net: 550" in body.get_content()
    page = await (await page_client(app, team.admin.email)).get(f"{PAGE}/{schedule_id}")
    assert "gone@inbox-mail.net" in page.text and "User unknown" in page.text


async def test_first_response_times_count_the_first_reply_after_the_first_customer_message(db: Database) -> None:
    team = await create_team(db)
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        for replies in ([("ai", 30)], [("ai", 90), ("agent", 120)], [("agent", 600)], [("system", 5), ("ai", 60)]):
            lead = await create_lead(maint, team.id, customer.id, created_at=start)
            conversation = await create_conversation(maint, lead, created_at=start)
            before = start - timedelta(minutes=1)  # an AI message before the question: not a reply
            await create_message(maint, conversation, sender="ai", type="outbound", delivery_status="delivered",
                                 created_at=before)  # fmt: skip
            await create_message(maint, conversation, created_at=start)
            for sender, after in replies:
                kind = (
                    {"type": "outbound", "delivery_status": "delivered"}
                    if sender != "system"
                    else {"type": "system", "delivery_status": None}
                )
                await create_message(maint, conversation, sender=sender, created_at=start + timedelta(seconds=after),
                                     **kind)  # fmt: skip
        await create_lead(maint, team.id, customer.id, created_at=start - timedelta(days=3))  # outside
    async with db.session(team.id) as session, session.begin():
        found = await report_figures.build(session, Period(start - timedelta(hours=1), start + timedelta(hours=1)))
    ai, staff = found.first_response["ai"], found.first_response["staff"]
    assert (ai.replies, ai.median_seconds) == (3, 60.0) and ai.p90_seconds == pytest.approx(84.0)
    assert (staff.replies, staff.median_seconds) == (1, 600.0)
    assert found.conversations == 4 and found.leads == 4
