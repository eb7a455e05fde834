"""A report's bounced recipient is told to the owner once per period, whichever way the bounce came (refused at
RCPT time, a DSN later, a second copy), and a new recipient of the same period still is."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import text

from showroom.db.engine import Database
from showroom.models import ReportSchedule
from showroom.reports.periods import Period
from showroom.reports.service import report_bounces
from tests.helpers import create_team


async def notices(db: Database, schedule_id: int) -> list[tuple[list[str], str, str]]:
    """The owner notices queued for the schedule: (to, text, Message-ID)."""
    async with db.maint_session() as maint:
        rows = (
            await maint.execute(
                text(
                    "select args from procrastinate_jobs where task_name like '%mail.send' and args->>'subject' like :s"
                ),
                {"s": f'Report "Bounced {schedule_id}"%'},
            )
        ).all()
    return [(r.args["to"], r.args["text"], r.args["headers"]["Message-ID"]) for r in rows]


async def test_each_recipient_is_reported_once_per_period_whatever_the_path(db: Database) -> None:
    team = await create_team(db)
    async with db.maint_session() as maint, maint.begin():
        row = ReportSchedule(dealership_id=team.id, name="placeholder", report_type="lead_summary", frequency="daily",
                             recipients=["gm@inbox-mail.net"], timezone="UTC",
                             created_by_user_id=team.manager.id,
                             next_run_at=datetime.now(UTC) + timedelta(days=1))  # fmt: skip
        maint.add(row)
        await maint.flush()
        row.name = f"Bounced {row.id}"
    day = datetime.combine(datetime.now(UTC).date() - timedelta(days=1), time(), UTC)
    period, following = Period(day, day + timedelta(days=1)), Period(day + timedelta(days=1), day + timedelta(days=2))
    refused = {"gone@inbox-mail.net": "550 5.1.1 User unknown"}
    told = []
    for key, bounced, when in (
        (f"report-{row.id}-now-abc", refused, period),  # refused at RCPT time by "send now"
        (f"report-{row.id}-{period.key}", {"GONE@inbox-mail.net": "5.1.1 returned"}, period),  # its DSN, later
        (f"report-{row.id}-{period.key}", refused, period),  # a second copy of the DSN
        (f"report-{row.id}-{period.key}", {**refused, "old@inbox-mail.net": "5.2.1 disabled"}, period),
        (f"report-{row.id}-{following.key}", refused, following),  # the next period: told again
    ):
        async with db.session(team.id) as session, session.begin():
            told.append(await report_bounces(session, row.id, when, key, bounced, "no-reply@showroom.test"))
    assert told == [[team.manager.email], [], [], [team.manager.email], [team.manager.email]]
    sent = await notices(db, row.id)
    assert len(sent) == 3 and len({message_id for _, _, message_id in sent}) == 3
    assert ["old@inbox-mail.net" in body and "gone@" not in body for _, body, _ in sent].count(True) == 1
    async with db.maint_session() as maint:
        audits = await maint.scalar(
            text("select count(*) from audit_logs where action = 'report_schedule.bounce' and resource_id = :id"),
            {"id": str(row.id)},
        )
    assert audits == 3  # one audit row per notice
