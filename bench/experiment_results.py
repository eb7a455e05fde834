"""An experiment's results with 1,000,000 metric events: the service (SQL aggregates under RLS plus the pure
statistics, the daily history for the chart) vs the bare aggregate it needs, same run.

    python -m bench.experiment_results [--events 1000000] [--repeat 20]
    python -m bench.experiment_results --small      # a quick check that it runs: 50,000 events

Target (issue 17): results for an experiment with 1,000,000 metric events in under 200 ms.

Seeding (maintenance login, set-based SQL): one dealership, conversations (with their customers and leads), one
for every 4.3 events, all assigned to a running four-variant experiment (25% each); the events: a
``response_sent`` per agent reply (repeats, 2 to 4 per conversation) and the once-per-conversation conversions
(replied, contact given, visit booked, handover, lead converted, opt-out) at rates that differ a little by variant,
spread over 60 days. Then VACUUM ANALYZE, as autovacuum would have done by then.

Baseline: the two bare ``GROUP BY`` counts (assigned per variant; events per variant and metric), raw psycopg as
the maintenance login (no ORM, no RLS, no statistics). Service: ``experiments.results.compute`` through an app-role
session with the tenant set, as ``GET /api/v1/experiments/{id}/results`` runs it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time

import psycopg

from bench.common import bench_database
from showroom.audit.service import SYSTEM
from showroom.db.engine import open_database
from showroom.db.urls import Topology, libpq
from showroom.dealerships import service as dealerships
from showroom.dealerships.schemas import DealershipCreate
from showroom.experiments import results
from showroom.experiments.service import get
from showroom.settings import Settings

TARGET_MS = 200.0
_G = "FROM generate_series(1, %(n)s) AS g"
METRICS_INSERT = (
    "INSERT INTO prompt_metrics (dealership_id, experiment_id, variant_id, conversation_id, metric_name, created_at)"
)
SEED = [
    (
        "customers",
        "INSERT INTO customers (id, dealership_id, full_name) "
        f"SELECT md5('c' || g)::uuid, %(d)s, 'Customer ' || g {_G}",
    ),
    (
        "leads",
        "INSERT INTO leads (id, dealership_id, customer_id, lead_number, source, source_key) "
        f"SELECT md5('l' || g)::uuid, %(d)s, md5('c' || g)::uuid, 'L-' || g, 'website_chat', 'k' || g {_G}",
    ),
    (
        "conversations",
        "INSERT INTO conversations (id, dealership_id, lead_id, customer_id, channel, created_at) "
        f"SELECT md5('v' || g)::uuid, %(d)s, md5('l' || g)::uuid, md5('c' || g)::uuid, 'chat', "
        f"now() - interval '60 days' + (g %% 1440) * interval '1 hour' {_G}",
    ),
    (
        "experiment_variants",
        "INSERT INTO experiment_variants (dealership_id, experiment_id, variant_id, conversation_id, assigned_at) "
        "SELECT %(d)s, %(e)s, (%(variants)s::int[])[1 + (g %% 4)], md5('v' || g)::uuid, "
        f"now() - interval '60 days' + (g %% 1440) * interval '1 hour' {_G}",
    ),
    (
        "prompt_metrics (response_sent)",
        f"{METRICS_INSERT} SELECT %(d)s, %(e)s, (%(variants)s::int[])[1 + (g %% 4)], md5('v' || g)::uuid, "
        "'response_sent', "
        f"now() - interval '60 days' + (g %% 1440) * interval '1 hour' + r * interval '3 minutes' {_G}, "
        "generate_series(1, 2 + (g %% 3)) AS r",
    ),
    (
        "prompt_metrics (conversions)",
        f"{METRICS_INSERT} SELECT %(d)s, %(e)s, (%(variants)s::int[])[1 + (g %% 4)], md5('v' || g)::uuid, m.name, "
        f"now() - interval '60 days' + (g %% 1440) * interval '1 hour' + interval '1 hour' {_G}, "
        "(VALUES ('customer_replied', 0.55), ('contact_given', 0.30), ('appointment_booked', 0.12), "
        "('handover', 0.20), ('lead_converted', 0.08), ('opt_out', 0.03)) AS m(name, rate) "
        "WHERE (abs(hashtext(m.name || g)) %% 10000) < 10000 * m.rate * (1 + 0.05 * (g %% 4))",
    ),
]
BASELINE = [
    "SELECT variant_id, count(*) FROM experiment_variants WHERE experiment_id = %(e)s GROUP BY variant_id",
    "SELECT variant_id, metric_name, count(*) FROM prompt_metrics WHERE experiment_id = %(e)s "
    "AND metric_name = any(%(metrics)s) GROUP BY variant_id, metric_name",
]  # the totals only: no days, no RLS


async def seed(settings: Settings, topo: Topology, events: int) -> tuple[int, int, int]:
    db = open_database(settings, topo.app, topo.maint, process="bench")
    try:
        async with db.maint_session() as session, session.begin():
            d = await dealerships.create(
                session,
                DealershipCreate(name="Bench Motors", subdomain="bench-exp", contact_email="sales@bench.example"),
                SYSTEM,
            )
            dealership_id = d.id
    finally:
        await db.dispose()
    n = max(1, int(events / 4.3))  # 3 replies and ~1.3 conversions per conversation
    async with await psycopg.AsyncConnection.connect(libpq(topo.maint)) as conn:
        row = await (
            await conn.execute(
                "INSERT INTO prompt_experiments (dealership_id, name, status, start_date, primary_metric, "
                "guardrail_metrics, traffic_percentage) VALUES (%s, 'bench', 'running', now() - interval '61 days', "
                "'customer_replied', '[\"opt_out\", \"handover\"]', 100) RETURNING id",
                (dealership_id,),
            )
        ).fetchone()
        assert row is not None
        experiment_id = row[0]
        variants = []
        for name, control, weight in (("A", True, 25), ("B", False, 25), ("C", False, 25), ("D", False, 25)):
            v = await (
                await conn.execute(
                    "INSERT INTO prompt_variants (dealership_id, experiment_id, name, is_control, traffic_allocation) "
                    "VALUES (%s, %s, %s, %s, %s) RETURNING id",
                    (dealership_id, experiment_id, name, control, weight),
                )
            ).fetchone()
            assert v is not None
            variants.append(v[0])
        params = {"d": dealership_id, "e": experiment_id, "variants": variants, "n": n}
        for name, sql in SEED:
            mark = time.perf_counter()
            await conn.execute(sql, params)
            print(f"  {name}: {time.perf_counter() - mark:.1f} s")
        await conn.commit()
        count = await (await conn.execute("SELECT count(*) FROM prompt_metrics")).fetchone()
    async with await psycopg.AsyncConnection.connect(libpq(topo.owner), autocommit=True) as conn:
        await conn.execute("VACUUM (ANALYZE) experiment_variants, prompt_metrics, conversations")
    assert count is not None
    return dealership_id, experiment_id, int(count[0])


async def measure(settings: Settings, topo: Topology, dealership_id: int, experiment_id: int, repeat: int) -> None:
    metrics = ["customer_replied", "opt_out", "handover"]
    baseline: list[float] = []
    async with await psycopg.AsyncConnection.connect(libpq(topo.maint)) as conn:
        for i in range(repeat + 2):
            started = time.perf_counter()
            for sql in BASELINE:
                await (await conn.execute(sql, {"e": experiment_id, "metrics": metrics})).fetchall()
            if i >= 2:  # warm-up
                baseline.append((time.perf_counter() - started) * 1000)
    db = open_database(settings, topo.app, topo.maint, process="bench")
    service: list[float] = []
    try:
        for i in range(repeat + 2):
            started = time.perf_counter()
            async with db.session(dealership_id) as session:
                out = await results.compute(session, await get(session, experiment_id))
                await session.commit()
            if i >= 2:
                service.append((time.perf_counter() - started) * 1000)
    finally:
        await db.dispose()
    b, s = statistics.median(baseline), statistics.median(service)
    worst = max(service)
    print(f"\n{'path':<58}{'median ms':>11}{'max ms':>9}{'x median':>10}")
    print(f"{'bare GROUP BY counts (psycopg, maint, no RLS)':<58}{b:>11.1f}{max(baseline):>9.1f}{1.0:>10.2f}")
    print(f"{'results.compute (RLS, statistics, daily history)':<58}{s:>11.1f}{worst:>9.1f}{s / b:>10.2f}")
    print(f"verdict: {out['verdict']}")
    load = os.getloadavg()[0]
    print(
        f"results < {TARGET_MS:.0f} ms (median of {repeat}): {s:.1f} ms -> {'PASS' if s < TARGET_MS else 'FAIL'} "
        f"(load average {load:.1f} on {os.cpu_count()} CPUs; the ratio to the bare counts is the steadier figure)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000, help="metric events seeded (default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=20, help="measured runs of each path (default 20)")
    parser.add_argument("--small", action="store_true", help="a quick check that it runs: 50,000 events, 5 runs")
    args = parser.parse_args()
    if args.small:
        args.events, args.repeat = 50_000, 5
    with bench_database() as (settings, topo):
        started = time.perf_counter()
        d, e, count = asyncio.run(seed(settings, topo, args.events))
        print(f"seeded {count:,} metric events in {time.perf_counter() - started:.1f} s")
        asyncio.run(measure(settings, topo, d, e, args.repeat))


if __name__ == "__main__":
    main()
