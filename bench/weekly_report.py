"""A weekly report for a dealership with 100,000 leads and 1,000,000 messages, against a bare COUNT, same run.

    python -m bench.weekly_report [--leads 100000] [--runs 5]
    python -m bench.weekly_report --small      # a quick check that it runs: 10,000 leads, 100,000 messages

Target (issue 20): the weekly report of a dealership with 100,000 leads and 1,000,000 messages built in under 2 s.

Seeding (maintenance login, set-based SQL; the dealerships through ``dealerships.service.create``): 8 salespeople,
6 lead sources with a monthly cost, one customer, lead and chat conversation per lead spread evenly over the last
91 days (so a week holds ~7,700 leads), 10 messages per conversation (customer and AI in turn; a salesperson answers
first in one conversation in seven), a handover for one conversation in ten (claimed within 0-3 h, SLA 2 h), an
appointment for one lead in twenty (completed, no-show or confirmed); a second dealership a fifth that size, so
RLS has other tenants' rows to skip. Then VACUUM ANALYZE, as autovacuum would have done by then.

Service: ``reports.figures.build`` for the last seven local days through an app-role session acting for the
dealership (RLS), as the ``report.send`` job reads them; then the e-mail built from them (``reports.service.email``:
the matplotlib PNGs, the HTML, the CSV), as the job sends it. Each step is timed on its own (the profile), and the
whole; the median of ``--runs`` runs after a warm-up (which pays matplotlib's import).

Baseline: the bare counts of the rows the report reads, as the BYPASSRLS maintenance login: the week's leads, and
the messages of the week's conversations (``count(*)`` with the same date conditions, no RLS, no grouping).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import psycopg

from bench.common import bench_database
from showroom.audit.service import SYSTEM
from showroom.db.engine import Database, open_database
from showroom.db.urls import Topology, libpq
from showroom.dealerships import service as dealerships
from showroom.dealerships.schemas import DealershipCreate
from showroom.models import ReportSchedule
from showroom.reports import figures, queries, service
from showroom.reports.periods import Period
from showroom.settings import Settings

TZ = "America/Chicago"
DAYS = 91
MESSAGES_PER_CONVERSATION = 10
TARGET_SECONDS = 2.0

# t(g): the g-th lead's time, evenly spread over the last DAYS days
_T = "now() - (g::float8 * %(span)s / %(leads)s) * interval '1 second'"
_G = "FROM generate_series(1, %(leads)s) AS g"
SEED = [
    (
        "users",
        "INSERT INTO users (dealership_id, email, name, role) SELECT %(d)s, 'rep' || g || '-' || %(d)s || "
        "'@bench.example', 'Rep ' || g, 'user' FROM generate_series(1, 8) AS g",
    ),
    (
        "lead_sources",
        "INSERT INTO lead_sources (id, dealership_id, name, type, monthly_cost) SELECT md5(%(d)s || ':s:' || g)::uuid,"
        " %(d)s, (ARRAY['Cars.com', 'AutoTrader', 'CarGurus', 'Website', 'Facebook', 'Walk-in'])[g], "
        "(ARRAY['adf_email', 'adf_email', 'adf_email', 'website_form', 'website_form', 'walk_in'])[g], 50000 * g "
        "FROM generate_series(1, 6) AS g",
    ),
    (
        "customers",
        "INSERT INTO customers (id, dealership_id, full_name, email) SELECT md5(%(d)s || ':c:' || g)::uuid, %(d)s, "
        f"'Customer ' || g, 'c' || g || '-' || %(d)s || '@inbox-mail.net' {_G}",
    ),
    (
        "leads",
        "INSERT INTO leads (id, dealership_id, customer_id, lead_number, source, source_id, source_key, status, "
        "assigned_user_id, created_at) SELECT md5(%(d)s || ':l:' || g)::uuid, %(d)s, md5(%(d)s || ':c:' || g)::uuid, "
        "'L-' || g, (ARRAY['adf_email', 'adf_email', 'adf_email', 'website_form', 'website_form', 'walk_in'])"
        "[1 + g %% 6], md5(%(d)s || ':s:' || (1 + g %% 6))::uuid, 'k' || g, "
        "(ARRAY['new', 'contacted', 'qualified', 'appointment', 'negotiation', 'sold', 'new', 'contacted'])"
        "[1 + g %% 8], CASE WHEN g %% 5 = 0 THEN NULL ELSE (%(users)s::int[])[1 + g %% 8] END, "
        f"{_T} {_G}",
    ),
    (
        "conversations",
        "INSERT INTO conversations (id, dealership_id, lead_id, customer_id, status, channel, message_count, "
        "created_at) SELECT md5(%(d)s || ':v:' || g)::uuid, %(d)s, md5(%(d)s || ':l:' || g)::uuid, "
        f"md5(%(d)s || ':c:' || g)::uuid, 'active', 'chat', {MESSAGES_PER_CONVERSATION}, {_T} {_G}",
    ),
    (
        "messages",
        "INSERT INTO messages (dealership_id, conversation_id, type, sender, channel, content, delivery_status, "
        "created_at) SELECT %(d)s, md5(%(d)s || ':v:' || g)::uuid, "
        "CASE WHEN s %% 2 = 0 THEN 'inbound' ELSE 'outbound' END, "
        "CASE WHEN s %% 2 = 0 THEN 'customer' WHEN s = 1 AND g %% 7 = 0 THEN 'agent' ELSE 'ai' END, 'chat', "
        "CASE WHEN s %% 2 = 0 THEN 'Is the Tucson still available?' ELSE 'Yes, it is. When can you come by?' END, "
        "CASE WHEN s %% 2 = 0 THEN 'received' ELSE 'delivered' END, "
        f"{_T} + (s * 2 + CASE WHEN s = 1 AND g %% 7 = 0 THEN 40 ELSE 0 END) * interval '1 minute' "
        f"{_G}, generate_series(0, {MESSAGES_PER_CONVERSATION - 1}) AS s",
    ),
    (
        "handovers",
        "INSERT INTO handovers (dealership_id, conversation_id, lead_id, reason, status, requested_at, sla_due_at, "
        "claimed_at) SELECT %(d)s, md5(%(d)s || ':v:' || g)::uuid, md5(%(d)s || ':l:' || g)::uuid, "
        f"'customer_request', 'accepted', {_T} + interval '5 minutes', {_T} + interval '125 minutes', "
        f"{_T} + (5 + g %% 180) * interval '1 minute' {_G} WHERE g %% 10 = 0",
    ),
    (
        "appointments",
        "INSERT INTO appointments (dealership_id, lead_id, customer_id, assigned_user_id, kind, status, source, "
        "starts_at, ends_at, created_at) SELECT %(d)s, md5(%(d)s || ':l:' || g)::uuid, "
        "md5(%(d)s || ':c:' || g)::uuid, (%(users)s::int[])[1 + g %% 8], 'test_drive', "
        "(ARRAY['completed', 'no_show', 'confirmed'])[1 + g %% 3], 'agent', "
        f"{_T} + interval '2 days', {_T} + interval '2 days 30 minutes', {_T} + interval '10 minutes' {_G} "
        "WHERE g %% 20 = 0",
    ),
]
TABLES = ("users", "lead_sources", "customers", "leads", "conversations", "messages", "handovers", "appointments")


async def create_dealerships(db: Database) -> list[int]:
    ids = []
    async with db.maint_session() as session, session.begin():
        for sub in ("bench-report", "bench-other"):
            d = await dealerships.create(
                session,
                DealershipCreate(name=f"Bench {sub}", subdomain=sub, contact_email=f"sales@{sub}.example"),
                SYSTEM,
            )
            d.timezone = TZ
            ids.append(d.id)
    return ids


async def seed(settings: Settings, topo: Topology, leads: int) -> int:
    db = open_database(settings, topo.app, topo.maint, process="bench")
    try:
        ids = await create_dealerships(db)
    finally:
        await db.dispose()
    async with await psycopg.AsyncConnection.connect(libpq(topo.maint)) as conn:
        for d, n in ((ids[0], leads), (ids[1], leads // 5)):
            params: dict[str, Any] = {"d": d, "leads": n, "span": DAYS * 86400, "users": []}
            for name, sql in SEED:
                mark = time.perf_counter()
                await conn.execute(sql, params)
                if name == "users":
                    rows = await conn.execute("SELECT id FROM users WHERE dealership_id = %s ORDER BY id", (d,))
                    params["users"] = [r[0] for r in await rows.fetchall()]
                if d == ids[0]:
                    print(f"  {name}: {time.perf_counter() - mark:.1f} s")
            await conn.commit()
    async with await psycopg.AsyncConnection.connect(libpq(topo.owner), autocommit=True) as conn:
        await conn.execute(f"VACUUM (ANALYZE) {', '.join(TABLES)}")
    return ids[0]


def last_week(now: datetime) -> Period:
    zone = ZoneInfo(TZ)
    today = now.astimezone(zone).replace(hour=0, minute=0, second=0, microsecond=0)
    return Period(today - timedelta(days=7), today)


BASELINE = [
    "SELECT count(*) FROM leads WHERE dealership_id = %(d)s AND created_at >= %(start)s AND created_at < %(end)s",
    "SELECT count(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE c.dealership_id = %(d)s "
    "AND c.created_at >= %(start)s AND c.created_at < %(end)s",
]


async def baseline(topo: Topology, d: int, period: Period) -> tuple[float, list[int]]:
    params = {"d": d, "start": period.start, "end": period.end}
    async with await psycopg.AsyncConnection.connect(libpq(topo.maint)) as conn:
        started = time.perf_counter()
        counts = []
        for sql in BASELINE:
            row = await (await conn.execute(sql, params)).fetchone()  # type: ignore[arg-type]
            counts.append(int(row[0]) if row else 0)
        return time.perf_counter() - started, counts


Step = Callable[[Any, figures.Figures], Awaitable[None]]


def steps() -> list[tuple[str, Step]]:
    async def sources(session: Any, f: figures.Figures) -> None:
        f.sources = await queries.breakdown(session, queries.BY_SOURCE, f.period.start, f.period.end)

    async def salespeople(session: Any, f: figures.Figures) -> None:
        f.salespeople = await queries.breakdown(session, queries.BY_SALESPERSON, f.period.start, f.period.end)

    return [
        ("leads: by source, cost, salesperson, funnel", figures._leads),
        ("first response times (AI, staff)", figures._response_times),
        ("handled / handed over, SLA, experiments", figures._handling),
        ("appointments set and shown", figures._appointments),
        ("breakdown per source", sources),
        ("breakdown per salesperson", salespeople),
    ]


async def measure(settings: Settings, topo: Topology, d: int, runs: int) -> None:
    db = open_database(settings, topo.app, topo.maint, process="bench")
    period = last_week(datetime.now(UTC))
    row = ReportSchedule(id=1, dealership_id=d, name="Weekly numbers", frequency="weekly", timezone=TZ)
    parts: dict[str, list[float]] = {name: [] for name, _ in steps()}
    builds, renders, totals, bases = [], [], [], []
    try:
        for run in range(runs + 1):  # the first is the warm-up
            started = time.perf_counter()
            async with db.session(d) as session, session.begin():
                found = await figures.build(session, period)
            built = time.perf_counter()
            email = service.email(row, found, "Bench", ["gm@bench.example"], "report-1-bench", "bench@showroom.test")
            done = time.perf_counter()
            base, counts = await baseline(topo, d, period)
            profile = figures.Figures(period)
            async with db.session(d) as session, session.begin():
                for name, step in steps():
                    mark = time.perf_counter()
                    await step(session, profile)
                    parts[name].append(time.perf_counter() - mark)
            if run == 0:
                print(
                    f"the week {period.label()}: {found.leads:,} leads ({counts[0]:,} counted), "
                    f"{found.conversations:,} conversations with {counts[1]:,} messages, {found.handovers:,} "
                    f"handovers, {found.appointments.set:,} appointments set; e-mail {len(email.html or ''):,} "
                    f"characters of HTML, {len(email.attachments)} attachments"
                )
                for name in parts:
                    parts[name].clear()
                continue
            builds.append(built - started)
            renders.append(done - built)
            totals.append(done - started)
            bases.append(base)
    finally:
        await db.dispose()
    base = statistics.median(bases)
    print(f"\n{'path (median of ' + str(runs) + ' runs)':<52}{'seconds':>9}{'x baseline':>12}")
    print(f"{'baseline: bare COUNTs of those rows (maint, no RLS)':<52}{base:>9.3f}{1.0:>12.2f}")
    for name, values in (("figures (SQL aggregates, RLS)", builds), ("e-mail (charts, HTML, CSV)", renders)):
        print(f"{name:<52}{statistics.median(values):>9.3f}{statistics.median(values) / base:>12.2f}")
    total = statistics.median(totals)
    print(f"{'the weekly report, built':<52}{total:>9.3f}{total / base:>12.2f}")
    print("\nprofile of the figures, step by step (median):")
    for name, values in parts.items():
        print(f"  {name:<50}{statistics.median(values):>9.3f}")
    print(
        f"\nweekly report < {TARGET_SECONDS:g} s: {total:.2f} s -> {'PASS' if total < TARGET_SECONDS else 'FAIL'} "
        f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leads", type=int, default=100_000, help="leads seeded (10 messages each; default 100,000)")
    parser.add_argument("--runs", type=int, default=5, help="measured runs after a warm-up (default 5)")
    parser.add_argument("--small", action="store_true", help="a quick check that it runs: 10,000 leads")
    args = parser.parse_args()
    if args.small:
        args.leads, args.runs = 10_000, 2
    with bench_database() as (settings, topo):
        started = time.perf_counter()
        d = asyncio.run(seed(settings, topo, args.leads))
        print(
            f"seeded {args.leads:,} leads and {args.leads * MESSAGES_PER_CONVERSATION:,} messages (and a second "
            f"dealership a fifth that size) in {time.perf_counter() - started:.1f} s"
        )
        asyncio.run(measure(settings, topo, d, args.runs))


if __name__ == "__main__":
    main()
