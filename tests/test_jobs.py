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


async def test_finished_jobs_are_purged_after_the_retention_with_their_events(
    db: Database, topo: Topology, settings: Settings
) -> None:
    """Jobs hold what they were given (a widget message, an e-mail address): those that ended over
    SHOWROOM_JOB_RETENTION_DAYS ago go, with their events, whatever their end; recent ones and those still to do or
    running stay, however old; a periodic task's last job (named by procrastinate_periodic_defers) goes too."""
    import psycopg

    from showroom.services import Services

    async def owner(sql: str, **params: object) -> list[tuple[object, ...]]:
        async with await psycopg.AsyncConnection.connect(libpq(topo.owner), autocommit=True) as conn:
            cursor = await conn.execute(sql, params)
            return await cursor.fetchall() if cursor.description else []

    ages = {"old-ok": ("succeeded", 8), "old-failed": ("failed", 8), "old-cancelled": ("cancelled", 9),
            "old-periodic": ("succeeded", 30), "recent-ok": ("succeeded", 6), "old-todo": ("todo", 20),
            "old-doing": ("doing", 20)}  # fmt: skip
    ids = {}
    for name, (status, days) in ages.items():
        rows = await owner(
            "insert into procrastinate_jobs (queue_name, task_name, args, status) "
            "values ('mail', 'showroom:mail.send', %(args)s, 'todo') returning id",
            args=f'{{"to": ["{name}@example.com"]}}',
        )
        ids[name] = rows[0][0]
        await owner("update procrastinate_jobs set status = %(s)s where id = %(id)s", s=status, id=ids[name])
        await owner(
            "update procrastinate_events set at = now() - make_interval(days => %(d)s) where job_id = %(id)s",
            d=days,
            id=ids[name],
        )
    await owner(
        "insert into procrastinate_periodic_defers (task_name, periodic_id, defer_timestamp, job_id) "
        "values ('showroom:renamed.task', '', 1, %(id)s)",
        id=ids["old-periodic"],
    )

    app = jobs.build_app(libpq(topo.app))
    token = jobs._services.set(Services.build(settings.model_copy(update={"job_retention_days": 7}), db))
    try:
        async with jobs.opened(app):
            await app.configure_task("showroom:jobs.purge_finished").defer_async(timestamp=0)
            await app.run_worker_async(queues=["maintenance"], wait=False, install_signal_handlers=False)
    finally:
        jobs._services.reset(token)

    found = await owner("select id from procrastinate_jobs where id = any(%(ids)s)", ids=[*ids.values()])
    left = {row[0] for row in found}
    assert {name for name, job in ids.items() if job in left} == {"recent-ok", "old-todo", "old-doing"}
    gone = [job for job in ids.values() if job not in left]
    assert await owner("select count(*) from procrastinate_events where job_id = any(%(ids)s)", ids=gone) == [(0,)]
    purge = await owner("select status::text from procrastinate_jobs where task_name = 'showroom:jobs.purge_finished'")
    assert purge and {status for (status,) in purge} == {"succeeded"}
