"""Follow-ups at volume (issue 18): 10,000 due steps sent by two worker processes, counted for duplicates and misses,
against a bare baseline measured in the same run; and the agent's slot lookup per turn.

    python -m bench.followups [--steps 10000] [--workers 2]
    python -m bench.followups --small        # a quick check that it runs: 1,000 steps

Seeding (maintenance login, set-based SQL): one dealership (every day open, no quiet hours, no gap between automated
messages, so every step may go at once), ``--steps`` customers with a lead, a chat conversation and one follow-up due
now, and one ``followup.send`` job per step (``procrastinate_defer_jobs_v1``, as ``queue.defer`` calls it).

Baseline: the bare writes of a step (lock the row, insert the message, mark it sent: one transaction per step, raw
psycopg on one connection, no checks, no wording, no delivery decision), on a copy of the same number of rows.
Measured: ``showroom worker`` processes started from the command line, from the moment they start until every step is
sent; then each step's messages are counted (duplicates: more than one; misses: none).

Slot lookup: what a booking turn adds (``appointments.rules_for`` + ``free_slots`` over two weeks + ``slots.choose``),
through an app-role session with the tenant set, with 2,000 appointments booked; baseline: the bare read of those
appointments' times (raw psycopg, maintenance login). Target: under 5 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import psycopg
from sqlalchemy import select

from bench.common import bench_database
from showroom.appointments import service as appointments
from showroom.appointments import slots
from showroom.audit.service import SYSTEM
from showroom.db.engine import open_database
from showroom.db.urls import Topology, libpq
from showroom.dealerships import service as dealerships
from showroom.dealerships.schemas import DealershipCreate
from showroom.settings import Settings

SLOT_TARGET_MS = 5.0
EVERY_DAY = {d: {"open": "09:00", "close": "19:00"} for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
CONFIG = {
    "working_hours": EVERY_DAY,
    "quiet_hours": {"start": "00:00", "end": "00:00"},
    "follow_up_gap_hours": 0,
    "follow_up_working_days": False,
    "appointment_capacity": 3,
}
_G = "FROM generate_series(1, %(n)s) AS g"


def seed_sql(tag: str) -> list[str]:
    return [
        "INSERT INTO customers (id, dealership_id, full_name, first_name, email) "
        f"SELECT md5('{tag}c' || g)::uuid, %(d)s, 'Customer ' || g, 'Kim', 'kim' || g || '@inbox-mail.net' {_G}",
        "INSERT INTO leads (id, dealership_id, customer_id, lead_number, source, source_key, status) "
        f"SELECT md5('{tag}l' || g)::uuid, %(d)s, md5('{tag}c' || g)::uuid, '{tag}L-' || g, 'website_chat', "
        f"'{tag}k' || g, 'contacted' {_G}",
        "INSERT INTO conversations (id, dealership_id, lead_id, customer_id, channel) "
        f"SELECT md5('{tag}v' || g)::uuid, %(d)s, md5('{tag}l' || g)::uuid, md5('{tag}c' || g)::uuid, 'chat' {_G}",
        "INSERT INTO follow_ups (id, dealership_id, lead_id, conversation_id, customer_id, kind, channel, "
        "scheduled_at, template, status) "
        f"SELECT md5('{tag}f' || g)::uuid, %(d)s, md5('{tag}l' || g)::uuid, md5('{tag}v' || g)::uuid, "
        f"md5('{tag}c' || g)::uuid, 'ai_nudge', 'chat', now() - interval '1 minute', 'cadence:day1', 'scheduled' {_G}",
    ]


DEFER = (
    "SELECT procrastinate_defer_jobs_v1(array(SELECT row('followups', 'showroom:followup.send', 0, "
    "'followup:' || id, NULL, jsonb_build_object('follow_up_id', id::text, 'dealership_id', dealership_id), "
    "now())::procrastinate_job_to_defer_v1 FROM follow_ups WHERE dealership_id = %(d)s AND template = 'cadence:day1'))"
)


async def dealership(settings: Settings, topo: Topology, subdomain: str) -> int:
    db = open_database(settings, topo.app, topo.maint, process="bench")
    try:
        async with db.maint_session() as session, session.begin():
            d = await dealerships.create(
                session,
                DealershipCreate(name=f"Bench {subdomain}", subdomain=subdomain, contact_email="sales@bench.example"),
                SYSTEM,
            )
            d.agent_config = {**(d.agent_config or {}), **CONFIG}
            d.timezone = "America/Chicago"
            return d.id
    finally:
        await db.dispose()


async def seed(topo: Topology, dealership_id: int, steps: int, tag: str, jobs: bool) -> None:
    async with await psycopg.AsyncConnection.connect(libpq(topo.maint)) as conn:
        for sql in seed_sql(tag):
            await conn.execute(sql, {"d": dealership_id, "n": steps})
        if jobs:
            await conn.execute(DEFER, {"d": dealership_id})
        await conn.commit()


async def baseline(topo: Topology, dealership_id: int) -> float:
    """Steps per second of the bare writes, one transaction per step, one connection."""
    async with await psycopg.AsyncConnection.connect(libpq(topo.maint)) as conn:
        ids = [
            r[0]
            for r in await (
                await conn.execute("SELECT id FROM follow_ups WHERE dealership_id = %s ORDER BY id", (dealership_id,))
            ).fetchall()
        ]
        started = time.perf_counter()
        for follow_up_id in ids:
            async with conn.transaction():
                row = await (
                    await conn.execute(
                        "SELECT conversation_id FROM follow_ups WHERE id = %s AND status = 'scheduled' "
                        "FOR NO KEY UPDATE",
                        (follow_up_id,),
                    )
                ).fetchone()
                assert row is not None
                await conn.execute(
                    "INSERT INTO messages (dealership_id, conversation_id, type, sender, channel, content, "
                    "delivery_status) VALUES (%s, %s, 'outbound', 'ai', 'chat', 'Hi! Still thinking about it?', "
                    "'delivered')",
                    (dealership_id, row[0]),
                )
                await conn.execute("UPDATE follow_ups SET status = 'sent' WHERE id = %s", (follow_up_id,))
        return len(ids) / (time.perf_counter() - started)


def run_workers(settings: Settings, count: int) -> list[subprocess.Popen[bytes]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOWROOM_") and k != "DATABASE_URL"}
    env.update(
        SHOWROOM_DATA_DIR=str(settings.data_dir),
        SHOWROOM_ENVIRONMENT="test",
        SHOWROOM_LOG_LEVEL="warning",
        **({"DATABASE_URL": settings.database_url} if settings.database_url else {}),
    )
    command = [sys.executable, "-m", "showroom", "worker"]
    return [subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL) for _ in range(count)]


async def wait_sent(topo: Topology, dealership_id: int, steps: int, limit: float) -> float:
    started = time.perf_counter()
    async with await psycopg.AsyncConnection.connect(libpq(topo.maint), autocommit=True) as conn:
        while time.perf_counter() - started < limit:
            row = await (
                await conn.execute(
                    "SELECT count(*) FILTER (WHERE status <> 'scheduled') FROM follow_ups WHERE dealership_id = %s",
                    (dealership_id,),
                )
            ).fetchone()
            done = int(row[0]) if row else 0
            if done >= steps:
                break
            await asyncio.sleep(0.2)
    return time.perf_counter() - started


async def counted(topo: Topology, dealership_id: int) -> tuple[int, int, int]:
    """(steps sent, duplicates, misses) from the messages themselves."""
    async with await psycopg.AsyncConnection.connect(libpq(topo.maint)) as conn:
        row = await (
            await conn.execute(
                "SELECT count(*) FILTER (WHERE n = 1), coalesce(sum(n - 1) FILTER (WHERE n > 1), 0), "
                "count(*) FILTER (WHERE n = 0) FROM (SELECT f.id, count(m.id) AS n FROM follow_ups f "
                "LEFT JOIN messages m ON m.conversation_id = f.conversation_id "
                "AND m.entities->>'follow_up' = f.id::text "
                "WHERE f.dealership_id = %s GROUP BY f.id) per_step",
                (dealership_id,),
            )
        ).fetchone()
        assert row is not None
        return int(row[0]), int(row[1]), int(row[2])


async def slot_lookup(settings: Settings, topo: Topology, repeat: int) -> None:
    d = await dealership(settings, topo, "bench-slots")
    async with await psycopg.AsyncConnection.connect(libpq(topo.maint)) as conn:
        for sql in seed_sql("s")[:3]:
            await conn.execute(sql, {"d": d, "n": 2000})
        await conn.execute(
            "INSERT INTO appointments (dealership_id, lead_id, customer_id, kind, status, source, starts_at, ends_at) "
            "SELECT %(d)s, md5('sl' || g)::uuid, md5('sc' || g)::uuid, 'sales_visit', 'confirmed', 'staff', "
            "date_trunc('day', now()) + (g %% 30) * interval '1 day' + interval '15 hours' + (g %% 20) * interval "
            "'30 minutes', date_trunc('day', now()) + (g %% 30) * interval '1 day' + interval '15 hours 30 minutes' "
            "+ (g %% 20) * interval '30 minutes' FROM generate_series(1, 2000) AS g",
            {"d": d},
        )
        await conn.commit()
    bare: list[float] = []
    async with await psycopg.AsyncConnection.connect(libpq(topo.maint)) as conn:
        for i in range(repeat + 3):
            started = time.perf_counter()
            await (
                await conn.execute(
                    "SELECT starts_at, ends_at FROM appointments WHERE dealership_id = %s AND status IN "
                    "('requested', 'confirmed', 'rescheduled') AND starts_at < now() + interval '15 days' "
                    "AND ends_at > now()",
                    (d,),
                )
            ).fetchall()
            if i >= 3:
                bare.append((time.perf_counter() - started) * 1000)
    db = open_database(settings, topo.app, topo.maint, process="bench")
    lookups: list[float] = []
    parts: dict[str, list[float]] = {"rules": [], "booked that day (SQL)": [], "free + choose (Python)": []}
    try:
        for i in range(repeat + 3):
            async with db.session(d) as session, session.begin():
                await session.execute(select(1))  # the turn's transaction is open already
                started = time.perf_counter()
                rules = await appointments.rules_for(session, d)
                t1 = time.perf_counter()
                now = datetime.now(UTC)
                wanted = (now + timedelta(days=3)).astimezone(rules.zone).replace(hour=15, minute=0, second=0)
                wanted = wanted.replace(microsecond=0)
                day = wanted.date()
                start = datetime.combine(day, datetime.min.time(), rules.zone)
                taken = await appointments.booked(session, start, start + timedelta(days=1))
                t2 = time.perf_counter()
                slots.choose(wanted, slots.free(rules, day, day, taken, now))
                done = time.perf_counter()
                if i >= 3:
                    lookups.append((done - started) * 1000)
                    for name, ms in zip(parts, (t1 - started, t2 - t1, done - t2), strict=True):
                        parts[name].append(ms * 1000)
        wide: list[float] = []
        for i in range(repeat + 3):
            async with db.session(d) as session, session.begin():
                await session.execute(select(1))
                started = time.perf_counter()
                rules = await appointments.rules_for(session, d)
                now = datetime.now(UTC)
                day = (now + timedelta(days=3)).astimezone(rules.zone).date()
                free = await appointments.free_slots(
                    session, rules, day - timedelta(days=7), day + timedelta(days=7), now
                )
                slots.nearest(free, datetime.combine(day, datetime.min.time(), rules.zone) + timedelta(hours=15))
                if i >= 3:
                    wide.append((time.perf_counter() - started) * 1000)
    finally:
        await db.dispose()
    b, s = statistics.median(bare), statistics.median(lookups)
    print(f"\n{'slot lookup per turn (2,000 appointments)':<58}{'median ms':>11}{'x bare':>9}")
    print(f"{'bare read of the booked times of the day (psycopg, maint)':<58}{b:>11.2f}{1.0:>9.2f}")
    print(f"{'rules_for + free slots of the day + choose (RLS, ORM)':<58}{s:>11.2f}{s / b:>9.2f}")
    w = statistics.median(wide)
    print(f"{'... then the nearest over two weeks, when it is full':<58}{w:>11.2f}{w / b:>9.2f}")
    for name, values in parts.items():
        print(f"{'  of which ' + name:<58}{statistics.median(values):>11.2f}")
    print(f"slot lookup < {SLOT_TARGET_MS:.0f} ms: {s:.2f} ms -> {'PASS' if s < SLOT_TARGET_MS else 'FAIL'}")


async def sending(settings: Settings, topo: Topology, steps: int, workers: int) -> None:
    base = await dealership(settings, topo, "bench-base")
    await seed(topo, base, steps, "b", jobs=False)
    bare = await baseline(topo, base)
    d = await dealership(settings, topo, "bench-followups")
    mark = time.perf_counter()
    await seed(topo, d, steps, "w", jobs=True)
    print(f"seeded {steps:,} due follow-ups and their jobs in {time.perf_counter() - mark:.1f} s")
    procs = run_workers(settings, workers)
    try:
        seconds = await wait_sent(topo, d, steps, limit=max(300.0, steps / 5))
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=60)
    once, duplicates, misses = await counted(topo, d)
    rate = steps / seconds
    print(f"\n{'sending ' + format(steps, ',') + ' due follow-ups':<58}{'steps/s':>11}{'x bare':>9}")
    print(f"{'bare writes (psycopg, one connection, no checks)':<58}{bare:>11.0f}{1.0:>9.2f}")
    print(f"{f'{workers} worker processes (checks, wording, delivery, job)':<58}{rate:>11.0f}{rate / bare:>9.2f}")
    print(f"sent once: {once:,}; duplicates: {duplicates}; misses: {misses} -> {'PASS' if once == steps else 'FAIL'}")
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; workers include their start-up)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=10_000, help="due follow-ups (default 10,000)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--repeat", type=int, default=50, help="measured slot lookups (default 50)")
    parser.add_argument("--small", action="store_true", help="a quick check that it runs: 1,000 steps")
    parser.add_argument("--slots-only", action="store_true", help="only the slot lookup")
    args = parser.parse_args()
    if args.small:
        args.steps, args.repeat = 1_000, 20
    with bench_database() as (settings, topo):
        if not args.slots_only:
            asyncio.run(sending(settings, topo, args.steps, args.workers))
        asyncio.run(slot_lookup(settings, topo, args.repeat))


if __name__ == "__main__":
    main()
