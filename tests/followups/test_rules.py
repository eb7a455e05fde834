"""When a follow-up step may go: working days and hours, the per-customer gap, quiet hours in the customer's time
zone (rules.next_allowed, pure), and what the send job does with them: a step postponed with its job, a text
without consent cancelled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, text, update

from showroom.conversations.followup_tasks import send_step
from showroom.db.engine import Database
from showroom.followups.rules import next_allowed
from showroom.models import Customer, Dealership, FollowUp, Message
from showroom.services import Services
from showroom.settings import Settings
from tests.appointments.support import create_shop
from tests.factories import create_message
from tests.followups.test_followups import _due, _enrolled, _rows

CHICAGO = ZoneInfo("America/Chicago")
WEEKDAYS = {d: {"open": "09:00", "close": "18:00"} for d in ("mon", "tue", "wed", "thu", "fri")}


def never_quiet(at: datetime) -> datetime | None:
    return None


def test_a_step_due_on_a_closed_day_waits_for_the_next_opening() -> None:
    saturday_noon = datetime(2026, 12, 12, 12, 0, tzinfo=CHICAGO)
    at = next_allowed(
        saturday_noon, hours=WEEKDAYS, zone=CHICAGO, last_automated=None, gap=timedelta(0), quiet_until=never_quiet
    )
    assert at == datetime(2026, 12, 14, 9, 0, tzinfo=CHICAGO)
    evening = datetime(2026, 12, 14, 19, 0, tzinfo=CHICAGO)
    assert next_allowed(
        evening, hours=WEEKDAYS, zone=CHICAGO, last_automated=None, gap=timedelta(0), quiet_until=never_quiet
    ) == datetime(2026, 12, 15, 9, 0, tzinfo=CHICAGO)
    monday = datetime(2026, 12, 14, 10, 0, tzinfo=CHICAGO)
    assert (
        next_allowed(
            monday, hours=WEEKDAYS, zone=CHICAGO, last_automated=None, gap=timedelta(0), quiet_until=never_quiet
        )
        is None
    )
    assert (
        next_allowed(
            saturday_noon,
            hours=WEEKDAYS,
            zone=CHICAGO,
            last_automated=None,
            gap=timedelta(0),
            quiet_until=never_quiet,
            working_days=False,
        )
        is None
    )


def test_never_two_automated_messages_within_the_gap_then_the_next_opening() -> None:
    monday_10 = datetime(2026, 12, 14, 12, 0, tzinfo=CHICAGO)
    last = monday_10 - timedelta(hours=2)
    at = next_allowed(
        monday_10, hours=WEEKDAYS, zone=CHICAGO, last_automated=last, gap=timedelta(hours=24), quiet_until=never_quiet
    )
    assert at == last + timedelta(hours=24)
    friday_17 = datetime(2026, 12, 18, 17, 0, tzinfo=CHICAGO)  # +24 h is Saturday: Monday's opening
    at = next_allowed(
        friday_17 + timedelta(minutes=30),
        hours=WEEKDAYS,
        zone=CHICAGO,
        last_automated=friday_17,
        gap=timedelta(hours=24),
        quiet_until=never_quiet,
    )
    assert at == datetime(2026, 12, 21, 9, 0, tzinfo=CHICAGO)


def test_quiet_hours_of_the_customer_move_it_past_them() -> None:
    la = ZoneInfo("America/Los_Angeles")

    def quiet(at: datetime) -> datetime | None:  # 21:00-10:00 in Los Angeles
        local = at.astimezone(la)
        if local.hour < 10:
            return local.replace(hour=10, minute=0)
        return None

    monday_9_chicago = datetime(2026, 12, 14, 9, 30, tzinfo=CHICAGO)  # 7:30 in Los Angeles
    at = next_allowed(
        monday_9_chicago, hours=WEEKDAYS, zone=CHICAGO, last_automated=None, gap=timedelta(0), quiet_until=quiet
    )
    assert at == datetime(2026, 12, 14, 10, 0, tzinfo=la)


async def test_the_job_postpones_a_step_inside_the_gap_and_moves_its_job(db: Database, settings: Settings) -> None:
    shop = await create_shop(db)
    conversation = await _enrolled(db, shop)
    async with db.maint_session() as maint, maint.begin():
        await create_message(
            maint,
            conversation,
            sender="ai",
            type="outbound",
            content="Here it is",
            delivery_status="delivered",
            created_at=datetime.now(UTC),
        )
        d = await maint.get(Dealership, shop.team.id)
        assert d is not None
        d.agent_config = {**d.agent_config, "follow_up_gap_hours": 12}
    step = (await _rows(db, shop.lead.id))[0]
    await _due(db, step)
    async with db.session(shop.team.id) as session:
        outcome = await send_step(session, Services.build(settings, db), step.id)
    assert outcome.startswith("postponed to"), outcome
    [moved, *_] = await _rows(db, shop.lead.id)
    assert moved.status == "scheduled"
    assert timedelta(hours=11) < moved.scheduled_at - datetime.now(UTC) <= timedelta(hours=12)
    async with db.maint_session() as maint:
        jobs = (
            await maint.execute(
                text(
                    "select scheduled_at from procrastinate_jobs where task_name = 'showroom:followup.send' "
                    "and args->>'follow_up_id' = :id"
                ),
                {"id": str(step.id)},
            )
        ).all()
    assert any(abs((j.scheduled_at - moved.scheduled_at).total_seconds()) < 1 for j in jobs)


async def test_a_text_without_consent_is_not_written(db: Database, settings: Settings) -> None:
    shop = await create_shop(db)
    conversation = await _enrolled(db, shop)
    async with db.maint_session() as maint, maint.begin():  # no e-mail address to fall back on either
        await maint.execute(text("update conversations set channel = 'sms' where id = :id"), {"id": conversation.id})
        await maint.execute(
            update(Customer)
            .where(Customer.id == shop.customer.id)
            .values(phone_e164="+13125550188", sms_consent={}, email=None, email_normalized=None)
        )
    step = (await _rows(db, shop.lead.id))[0]
    await _due(db, step)
    async with db.session(shop.team.id) as session:
        outcome = await send_step(session, Services.build(settings, db), step.id)
    assert outcome.startswith("cancelled:") and "agreed to automated texts" in outcome, outcome
    async with db.maint_session() as maint:
        written = (
            await maint.scalars(
                select(Message).where(Message.conversation_id == conversation.id, Message.sender == "ai")
            )
        ).all()
        row = await maint.get(FollowUp, step.id)
    assert written == [] and row is not None and row.status == "cancelled"
