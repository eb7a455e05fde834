"""Background jobs run by a real procrastinate worker on the test database."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from showroom import jobs
from showroom.db.engine import Database
from showroom.db.urls import Topology, libpq
from showroom.models import Session
from showroom.settings import Settings
from tests.factories import create_dealership, create_user, token_hash


async def test_worker_purges_expired_sessions(db: Database, topo: Topology, settings: Settings) -> None:
    db_settings = settings
    async with db.maint_session() as maint, maint.begin():
        dealer = await create_dealership(maint)
        user = await create_user(maint, dealer.id)
        expired, alive = token_hash(), token_hash()
        now = datetime.now(UTC)
        for sid, expires in ((expired, now - timedelta(minutes=1)), (alive, now + timedelta(hours=1))):
            maint.add(
                Session(
                    id=sid,
                    user_id=user.id,
                    dealership_id=dealer.id,
                    csrf_secret=secrets.token_hex(16),
                    expires_at=expires,
                )
            )

    app = jobs.build_app(libpq(topo.app))
    from showroom.services import Services

    token = jobs._services.set(Services.build(db_settings, db))
    try:
        async with jobs.opened(app):
            await app.configure_task("showroom:sessions.purge_expired").defer_async(timestamp=0)
            await app.run_worker_async(queues=["maintenance"], wait=False, install_signal_handlers=False)
    finally:
        jobs._services.reset(token)

    async with db.maint_session() as maint:
        left = set((await maint.scalars(select(Session.id).where(Session.user_id == user.id))).all())
    assert left == {alive}


async def test_a_job_a_customer_waits_on_runs_before_a_backlog(
    db: Database, topo: Topology, settings: Settings
) -> None:
    """Forty due maintenance jobs queued first, then a message on its way to a customer: the worker takes the
    customer's first (``queue.CUSTOMER_WAITING``), so a backlog of sweeps never holds up a reply."""
    import psycopg

    from showroom.queue import CUSTOMER_WAITING, defer
    from showroom.services import Services

    async with db.session() as session, session.begin():
        backlog = [
            await defer(session, "handover.sla_sweep", queue="maintenance", timestamp=1_000_000 + i) for i in range(40)
        ]
        waiting = await defer(
            session,
            "handover.flag_breach",  # any task: what matters is the order the worker takes them in
            queue="maintenance",
            priority=CUSTOMER_WAITING,
            handover_id="00000000-0000-0000-0000-000000000000",
            dealership_id=0,
        )
    await jobs.run_jobs(Services.build(settings, db), wait=False, queues=["maintenance"])
    async with await psycopg.AsyncConnection.connect(libpq(topo.owner)) as conn:
        started = await (
            await conn.execute(
                "select job_id from procrastinate_events where type = 'started' and job_id = any(%s) order by id",
                ([*backlog, waiting],),
            )
        ).fetchall()
    order = [row[0] for row in started]
    assert order and order[0] == waiting, order[:5]
