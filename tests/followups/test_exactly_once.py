"""Exactly once, for real (issue 18): two worker processes send the same due follow-ups while one is killed with
SIGKILL mid-way; the survivor takes over the dead worker's jobs once its heartbeat is stale. Every step is written
once (one message per follow-up) and every message reaches the SMS relay, again at most for those in flight at the
kill, and then under the same idempotency key."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter

from sqlalchemy import select, update

from showroom.db.engine import Database
from showroom.followups import service as followups
from showroom.leads.consent import record
from showroom.models import Dealership, FollowUp, Message
from showroom.settings import Settings
from tests.appointments.support import create_shop
from tests.conftest import cli_env
from tests.factories import create_conversation, create_customer, create_lead
from tests.ops.test_faults import SlowRelay
from tests.servers import serve

STEPS = 16


async def _due_steps(db: Database, dealership_id: int) -> list[str]:
    """``STEPS`` leads, each texting with consent, each with one follow-up due now and its job queued."""
    ids = []
    async with db.maint_session() as maint, maint.begin():
        conversations = []
        for n in range(STEPS):
            customer = await create_customer(
                maint,
                dealership_id,
                first_name=f"Kay{n}",
                phone_e164=f"+1312555{3100 + n}",
                sms_consent=record("test", "I agree to receive text messages"),
            )
            lead = await create_lead(maint, dealership_id, customer.id, status="contacted")
            conversations.append(await create_conversation(maint, lead, channel="sms"))
    async with db.session(dealership_id) as session, session.begin():
        for conversation in conversations:
            [row] = await followups.enter(session, conversation, (0,))
            ids.append(str(row.id))
    return ids


async def test_two_workers_one_killed_send_each_step_once(settings: Settings, db: Database) -> None:
    shop = await create_shop(db)
    async with db.maint_session() as maint, maint.begin():
        d = await maint.get(Dealership, shop.team.id)
        assert d is not None
        await maint.execute(
            update(Dealership)
            .where(Dealership.id == d.id)
            .values(agent_config={**d.agent_config, "follow_up_gap_hours": 0})
        )
    steps = await _due_steps(db, shop.team.id)
    relay = SlowRelay()
    for base in serve(relay.app):
        env = cli_env(
            settings,
            SHOWROOM_SMS_WEBHOOK_URL=f"{base}/sms",
            SHOWROOM_JOB_STALLED_SECONDS="3",
            SHOWROOM_JOB_CONCURRENCY="4",
            SHOWROOM_LOG_LEVEL="warning",
        )
        command = [sys.executable, "-m", "showroom", "worker"]
        doomed = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        survivor = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 40
            while len(relay.keys) < 3 and time.monotonic() < deadline:
                await asyncio.sleep(0.05)
            os.kill(doomed.pid, signal.SIGKILL)  # with steps and sends in flight
            doomed.wait(timeout=10)
            deadline = time.monotonic() + 240  # a loaded CI machine: deliveries retried after the kill take a while
            while time.monotonic() < deadline:
                async with db.maint_session() as maint:
                    rows = (await maint.scalars(select(FollowUp).where(FollowUp.dealership_id == shop.team.id))).all()
                    messages = (
                        await maint.scalars(
                            select(Message).where(
                                Message.dealership_id == shop.team.id, Message.ai_model == "follow_up"
                            )
                        )
                    ).all()
                if (
                    len(rows) == STEPS
                    and all(r.status == "sent" for r in rows)
                    and len(messages) >= STEPS
                    and all(m.delivery_status == "sent" for m in messages)
                ):
                    break
                await asyncio.sleep(0.3)
        finally:
            survivor.send_signal(signal.SIGTERM)
            survivor.wait(timeout=40)
    written = Counter(str((m.entities or {}).get("follow_up")) for m in messages)
    assert sorted(written) == sorted(steps), "a step missed"  # zero misses
    assert set(written.values()) == {1}, written  # zero duplicates: each step written once
    assert [r.status for r in rows] == ["sent"] * STEPS
    assert sorted(m.delivery_status for m in messages) == ["sent"] * STEPS
    delivered = Counter(relay.keys)
    assert set(delivered) >= {str(m.id) for m in messages}  # every customer got it...
    assert sum(delivered.values()) - len(delivered) <= 4  # ...and at most the in-flight ones again, same key
