"""The cost of the metrics (HTTP middleware, pool and statement timing) on the API read benchmark: the same
authenticated GET of one lead against two servers of the same build, one with ``SHOWROOM_METRICS_ENABLED=false``
(the baseline), one with the metrics on, measured in alternating rounds so drift hits both alike.

    python -m bench.metrics_cost [--seconds 5] [--rounds 3] [--concurrency 32]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
from typing import Any

import httpx
import psutil

from bench.api_get_lead import seed
from bench.common import Result, bench_database, free_port, load, report, server
from showroom.db.urls import libpq


def merged(name: str, runs: list[Result]) -> Result:
    return Result(
        name,
        sum(r.requests for r in runs),
        sum(r.seconds for r in runs),
        [ms for r in runs for ms in r.latencies_ms],
        sum(r.errors for r in runs),
    )


def server_process(port: int) -> psutil.Process:
    """The child process listening on ``port``."""
    for child in psutil.Process().children(recursive=True):
        if any(c.laddr and c.laddr.port == port and c.status == "LISTEN" for c in child.net_connections("tcp")):
            return child
    raise RuntimeError(f"no server process listens on {port}")


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def measured(name: str, port: int, path: str, headers: dict[str, str], run: dict[str, Any]) -> tuple[Result, float]:
    """One load run and the server's CPU time per request (µs): steadier than req/s on a shared machine."""
    process = server_process(port)
    before = cpu_seconds(process)
    result = load(name, port, path, headers, **run)
    return result, (cpu_seconds(process) - before) / max(1, result.requests) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    with bench_database() as (settings, topo):
        lead_id, key, _ = asyncio.run(seed(settings, topo, 200))
        base = {
            "SHOWROOM_DATA_DIR": str(settings.data_dir),
            "BENCH_MAINT_URL": libpq(topo.maint),
            "SHOWROOM_DB_POOL_SIZE": "10",
        }
        if settings.database_url:
            base["DATABASE_URL"] = settings.database_url
        off_port, on_port = free_port(), free_port()
        path, headers = f"/api/v1/leads/{lead_id}", {"Authorization": f"Bearer {key}"}
        run = {"concurrency": args.concurrency, "seconds": args.seconds}
        with (
            server("bench.api_server", {**base, "SHOWROOM_METRICS_ENABLED": "false"}, off_port),
            server("bench.api_server", {**base, "SHOWROOM_METRICS_ENABLED": "true"}, on_port),
        ):
            for port in (off_port, on_port):
                load("warm-up", port, path, headers, concurrency=args.concurrency, seconds=2.0)
            off: list[Result] = []
            on: list[Result] = []
            cpu_off: list[float] = []
            cpu_on: list[float] = []
            for _ in range(args.rounds):
                result, cpu = measured("metrics off", off_port, path, headers, run)
                off.append(result)
                cpu_off.append(cpu)
                result, cpu = measured("metrics on", on_port, path, headers, run)
                on.append(result)
                cpu_on.append(cpu)
            scraped = httpx.get(f"http://127.0.0.1:{on_port}/metrics").text
            assert 'route="/api/v1/leads/{lead_id}"' in scraped, "the metrics server did not count the reads"
    print(
        f"\nGET /api/v1/leads/{{id}} with an API key, {args.concurrency} keep-alive clients, {args.rounds} rounds of "
        f"{args.seconds:.0f} s per server, {os.cpu_count()} CPUs, client and servers on the same machine"
    )
    report(merged("metrics off (baseline)", off), [merged("metrics on", on)])
    ratios = [b.rps / a.rps for a, b in zip(off, on, strict=True)]
    print(
        f"per-round throughput ratio on/off: {', '.join(f'{r:.3f}' for r in ratios)}; "
        f"median {statistics.median(ratios):.3f}"
    )
    a, b = statistics.median(cpu_off), statistics.median(cpu_on)
    print(f"server CPU per request (median of rounds): off {a:.0f} µs, on {b:.0f} µs, ratio on/off {b / a:.3f}")


if __name__ == "__main__":
    main()
