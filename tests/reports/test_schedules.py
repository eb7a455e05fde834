"""Scheduled reports end to end: schedules, the in-app preview, the e-mail (charts inline, CSV attached), each
period sent once whatever the workers, send now."""

from __future__ import annotations

import email
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default
from zoneinfo import ZoneInfo

from fastapi import FastAPI
from sqlalchemy import update

from showroom.db.engine import Database
from showroom.mail import outbox_messages
from showroom.models import ReportSchedule
from showroom.queue import defer
from showroom.settings import Settings
from tests.conftest import Worker
from tests.factories import create_customer, create_lead, unique
from tests.helpers import create_team, sign_in


def sent_with(settings: Settings, subject_part: str) -> list[EmailMessage]:
    found = []
    for path in outbox_messages(settings.data_dir):
        message = email.message_from_bytes(path.read_bytes(), policy=default)
        if subject_part in str(message["Subject"]):
            found.append(message)  # type: ignore[arg-type]
    return found


async def test_schedules_are_checked_and_only_managers_may_make_them(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    weekly = {"name": "Monday numbers", "frequency": "weekly", "day_of_week": 1, "time_of_day": "07:00",
              "timezone": "America/Chicago", "recipients": [team.admin.id, "gm@inbox-mail.net"]}  # fmt: skip
    made = await manager.post("/api/v1/report-schedules", json=weekly)
    assert made.status_code == 201, made.text
    next_run = datetime.fromisoformat(made.json()["next_run_at"]).astimezone(ZoneInfo("America/Chicago"))
    assert (next_run.isoweekday(), next_run.hour, next_run.minute) == (1, 7, 0)
    bad_zone = await manager.post("/api/v1/report-schedules", json={**weekly, "timezone": "Mars/Olympus"})
    assert bad_zone.status_code == 422 and "time zone" in bad_zone.text
    no_day = await manager.post("/api/v1/report-schedules", json={**weekly, "day_of_week": None})
    assert no_day.status_code == 422 and "day_of_week" in no_day.text
    stranger = await manager.post("/api/v1/report-schedules", json={**weekly, "recipients": [2_000_000_000]})
    assert stranger.status_code == 422 and stranger.json()["field"] == "recipients"
    agent = await sign_in(app, team.agent.email)
    assert (await agent.post("/api/v1/report-schedules", json=weekly)).status_code == 403


async def test_the_preview_shows_the_figures_and_an_empty_period_says_so(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    daily = {"name": "Daily", "frequency": "daily", "time_of_day": "00:05", "timezone": "UTC",
             "recipients": ["gm@inbox-mail.net"]}  # fmt: skip
    schedule = (await manager.post("/api/v1/report-schedules", json=daily)).json()
    empty = await manager.get(f"/api/v1/report-schedules/{schedule['id']}/preview")
    assert empty.status_code == 200 and "nothing to report" in empty.text
    now = datetime.now(UTC)
    start = datetime(now.year, now.month, now.day, tzinfo=UTC) - timedelta(days=1 if now.minute >= 5 or now.hour else 2)
    async with db.maint_session() as maint, maint.begin():
        customer = await create_customer(maint, team.id)
        for _ in range(3):
            await create_lead(
                maint, team.id, customer.id, created_at=start + timedelta(hours=12), source="website_form"
            )
    page = await manager.get(f"/api/v1/report-schedules/{schedule['id']}/preview")
    assert page.status_code == 200
    assert "<strong>3</strong>" in page.text and 'src="data:image/png;base64,' in page.text
    assert "website_form" in page.text


async def test_a_due_period_is_sent_once_with_charts_and_csv(
    app: FastAPI, db: Database, worker: Worker, settings: Settings
) -> None:
    team = await create_team(db)
    manager = await sign_in(app, team.manager.email)
    name = unique("Numbers")
    daily = {"name": name, "frequency": "daily", "time_of_day": "06:00", "timezone": "America/Chicago",
             "recipients": [team.admin.id, "gm@inbox-mail.net"]}  # fmt: skip
    schedule = (await manager.post("/api/v1/report-schedules", json=daily)).json()
    async with db.maint_session() as maint, maint.begin():  # down for three days: three runs missed
        await maint.execute(
            update(ReportSchedule)
            .where(ReportSchedule.id == schedule["id"])
            .values(next_run_at=datetime.now(UTC) - timedelta(days=3))
        )
        customer = await create_customer(maint, team.id)
        # the period sent is the last local day whose 06:00 run is due: a lead 25 hours ago is in it from 06:00
        # Chicago on, one two days ago before 06:00 (it failed between 00:00 and 06:00 there with the first alone)
        for ago in (timedelta(days=1, hours=1), timedelta(days=2)):
            await create_lead(maint, team.id, customer.id, created_at=datetime.now(UTC) - ago)
    for stamp in (0, 60):  # the sweep twice (two workers, a restart): the period goes once
        async with db.maint_session() as maint, maint.begin():
            await defer(maint, "report.sweep", queue="maintenance", timestamp=stamp)
        await worker("maintenance", "mail")
    sent = sent_with(settings, name)
    assert len(sent) == 1
    message = sent[0]
    assert sorted(message["To"].addresses[i].addr_spec for i in range(2)) == sorted(
        [team.admin.email, "gm@inbox-mail.net"]
    )
    assert message["Message-ID"].startswith(f"<report-{schedule['id']}-")
    parts = {part.get_content_type(): part for part in message.walk()}
    html = parts["text/html"].get_content()
    image = parts["image/png"]
    assert image["Content-ID"].strip("<>") in html and image.get_content().startswith(b"\x89PNG")
    csv_text = parts["text/csv"].get_content()
    assert "total,leads," in csv_text
    async with db.maint_session() as maint:
        row = await maint.get(ReportSchedule, schedule["id"])
    assert row is not None and row.next_run_at is not None and row.next_run_at > datetime.now(UTC)

    queued = await manager.post(f"/api/v1/report-schedules/{schedule['id']}/send-now")
    assert queued.status_code == 202
    assert sorted(queued.json()["recipients"]) == sorted([team.admin.email, "gm@inbox-mail.net"])
    await worker("mail")
    assert len(sent_with(settings, name)) == 2
