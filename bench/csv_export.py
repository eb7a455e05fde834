"""A 1,000,000-row CSV export of leads: rows per second and memory, against PostgreSQL's own CSV writer, same run.

    python -m bench.csv_export [--rows 1000000]
    python -m bench.csv_export --small      # a quick check that it runs: 50,000 rows

Target (issue 20): a 1,000,000-row export with flat memory; rows per second in the note.

Seeding (maintenance login, set-based SQL): one dealership, 100,000 customers, ``--rows`` leads spread over them
(with a comment, a campaign and a status each), a primary vehicle interest for every other lead. VACUUM ANALYZE.

Baseline: ``COPY (SELECT <the export's columns and joins>) TO STDOUT WITH CSV`` through psycopg as the maintenance
login: the database formats the CSV, no RLS, no Python per row; the fastest this data can leave PostgreSQL.
Service: ``exports.service.stream_csv(leads())`` through an app-role session with the tenant set (RLS), as
``GET /api/v1/exports/leads.csv`` streams it (the HTTP layer only forwards the chunks). Memory: the process's
resident set (``/proc/self/statm``) sampled at every chunk; flat means the peak after 10% of the rows is the peak
at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time

import psycopg
from sqlalchemy.dialects import postgresql

from bench.common import bench_database
from showroom.audit.service import SYSTEM
from showroom.db.engine import open_database
from showroom.db.urls import Topology, libpq
from showroom.dealerships import service as dealerships
from showroom.dealerships.schemas import DealershipCreate
from showroom.exports import service
from showroom.settings import Settings

_G = "FROM generate_series(1, %(n)s) AS g"
SEED = [
    (
        "customers",
        "INSERT INTO customers (id, dealership_id, full_name, email, phone) "
        "SELECT md5('c' || g)::uuid, %(d)s, 'Customer ' || g, 'c' || g || '@inbox-mail.net', '+1312555' || "
        "lpad((g %% 10000)::text, 4, '0') FROM generate_series(1, %(customers)s) AS g",
    ),
    (
        "leads",
        "INSERT INTO leads (id, dealership_id, customer_id, lead_number, source, source_key, status, campaign, "
        "description, lead_score, created_at) "
        "SELECT md5('l' || g)::uuid, %(d)s, md5('c' || (1 + g %% %(customers)s))::uuid, 'L-' || g, 'website_form', "
        "'k' || g, (ARRAY['new', 'contacted', 'qualified', 'appointment'])[1 + g %% 4], 'spring-sale', "
        "'Is the 2024 Tucson still available? I would like a test drive this weekend, please call me.', g %% 100, "
        f"now() - (g %% 100000) * interval '1 minute' {_G}",
    ),
    (
        "vehicle_interests",
        "INSERT INTO vehicle_interests (dealership_id, lead_id, is_primary, year, make, model, trim) "
        f"SELECT %(d)s, md5('l' || g)::uuid, true, 2024, 'Hyundai', 'Tucson', 'SEL' {_G} WHERE g %% 2 = 0",
    ),
]


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def seed(settings: Settings, topo: Topology, rows: int) -> int:
    db = open_database(settings, topo.app, topo.maint, process="bench")
    try:
        async with db.maint_session() as session, session.begin():
            d = await dealerships.create(
                session,
                DealershipCreate(name="Bench Motors", subdomain="bench-csv", contact_email="sales@bench.example"),
                SYSTEM,
            )
            dealership_id = d.id
    finally:
        await db.dispose()
    params = {"d": dealership_id, "n": rows, "customers": min(100_000, rows)}
    async with await psycopg.AsyncConnection.connect(libpq(topo.maint)) as conn:
        for name, sql in SEED:
            mark = time.perf_counter()
            await conn.execute(sql, params)
            print(f"  {name}: {time.perf_counter() - mark:.1f} s")
        await conn.commit()
    async with await psycopg.AsyncConnection.connect(libpq(topo.owner), autocommit=True) as conn:
        await conn.execute("VACUUM (ANALYZE) customers, leads, vehicle_interests")
    return dealership_id


async def baseline(topo: Topology) -> tuple[float, int]:
    query = service.leads().query
    sql = str(query.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    size = 0
    started = time.perf_counter()
    copy_sql = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, HEADER)"
    async with (
        await psycopg.AsyncConnection.connect(libpq(topo.maint)) as conn,
        conn.cursor().copy(copy_sql) as copy,  # type: ignore[arg-type]
    ):
        async for chunk in copy:
            size += len(chunk)
    return time.perf_counter() - started, size


async def exported(settings: Settings, topo: Topology, dealership_id: int, rows: int) -> None:
    db = open_database(settings, topo.app, topo.maint, process="bench")
    try:
        start_rss = rss_bytes()
        peak, peak_at_tenth, lines, size = start_rss, 0, 0, 0
        started = time.perf_counter()
        async for chunk in service.stream_csv(db, dealership_id, None, service.leads()):
            size += len(chunk)
            lines += chunk.count(b"\r\n")
            peak = max(peak, rss_bytes())
            if not peak_at_tenth and lines >= rows // 10:
                peak_at_tenth = peak
        seconds = time.perf_counter() - started
    finally:
        await db.dispose()
    base_seconds, base_size = await baseline(topo)
    mib = 1024 * 1024
    print(f"\n{'path':<58}{'rows/s':>10}{'seconds':>9}{'MiB out':>9}{'x time':>8}")
    print(f"{'COPY ... TO STDOUT CSV (psycopg, maint, no RLS)':<58}{rows / base_seconds:>10,.0f}"
          f"{base_seconds:>9.1f}{base_size / mib:>9.0f}{1.0:>8.2f}")  # fmt: skip
    print(f"{'exports.stream_csv(leads) (RLS, server-side cursor)':<58}{rows / seconds:>10,.0f}"
          f"{seconds:>9.1f}{size / mib:>9.0f}{seconds / base_seconds:>8.2f}")  # fmt: skip
    assert lines == rows + 1, f"{lines - 1} rows exported of {rows}"
    print(
        f"memory (resident): {start_rss / mib:.0f} MiB before, peak {peak_at_tenth / mib:.0f} MiB after 10% of the "
        f"rows, {peak / mib:.0f} MiB at the end (+{(peak - peak_at_tenth) / mib:.1f} MiB for the last 90%); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000, help="leads seeded and exported (default 1,000,000)")
    parser.add_argument("--small", action="store_true", help="a quick check that it runs: 50,000 rows")
    args = parser.parse_args()
    if args.small:
        args.rows = 50_000
    with bench_database() as (settings, topo):
        started = time.perf_counter()
        dealership_id = asyncio.run(seed(settings, topo, args.rows))
        print(f"seeded {args.rows:,} leads in {time.perf_counter() - started:.1f} s")
        asyncio.run(exported(settings, topo, dealership_id, args.rows))


if __name__ == "__main__":
    main()
