"""Prometheus metrics: what the processes count as they work, and what the database says at scrape time.

Counted in process (``prometheus_client``): HTTP requests by route and status with latency, the connection pool
(connections in use, time waited for one, timeouts), statement time, AI provider calls, handovers, outbound
messages sent or failed, leads ingested. With several processes on a machine, set ``PROMETHEUS_MULTIPROC_DIR`` to
an empty directory shared by all of them (``showroom serve --workers N`` does it for its own processes): any
process's ``/metrics`` then reports the sum of all of them.

Read from PostgreSQL when scraped (true across every process and machine): jobs per queue and state, the oldest
waiting job's age per queue, handovers past their SLA, the newest worker heartbeat (:func:`database_metrics`).
"""

from __future__ import annotations

import os
import time
from functools import lru_cache
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    start_http_server,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector

__all__ = ["CONTENT_TYPE_LATEST"]

_FAST = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_SLOW = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0, 60.0)

HTTP_REQUESTS = Counter(
    "showroom_http_requests", "HTTP requests answered, by route template and status", ["method", "route", "status"]
)
HTTP_LATENCY = Histogram(
    "showroom_http_request_duration_seconds", "Time to answer, by route template", ["method", "route"], buckets=_FAST
)
DB_POOL_IN_USE = Gauge(
    "showroom_db_pool_connections_in_use",
    "Connections checked out of the pool",
    ["pool"],
    multiprocess_mode="livesum",
)
DB_POOL_WAIT = Histogram(
    "showroom_db_pool_wait_seconds", "Time waited for a pooled connection", ["pool"], buckets=_FAST
)
DB_POOL_TIMEOUTS = Counter("showroom_db_pool_timeouts", "Requests for a connection that timed out", ["pool"])
DB_QUERY = Histogram("showroom_db_query_duration_seconds", "Statement time, by kind", ["kind"], buckets=_FAST)
AI_PROVIDER = Histogram(
    "showroom_ai_provider_duration_seconds",
    "AI provider calls, by provider and outcome",
    ["provider", "outcome"],
    buckets=_SLOW,
)
HANDOVERS = Counter("showroom_handovers", "Conversations handed over to staff, by reason", ["reason"])
SLA_BREACHES = Counter("showroom_handover_sla_breaches", "Handovers flagged unclaimed past their SLA")
OUTBOUND = Counter(
    "showroom_outbound_messages", "Outbound messages by channel and the state they reached", ["channel", "state"]
)
LEADS = Counter("showroom_leads_ingested", "Leads ingested (created), by channel", ["channel"])


@lru_cache(maxsize=4096)  # routes x methods x statuses: bounded; saves the label lookups on every request
def http_series(method: str, route: str, status: int) -> tuple[Any, Any]:
    """The request counter and latency histogram of one method, route template and status."""
    return HTTP_REQUESTS.labels(method, route, str(status)), HTTP_LATENCY.labels(method, route)


def multiprocess() -> bool:
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def statement_kind(sql: str) -> str:
    """select/insert/update/delete/other: a label of bounded cardinality for the statement-time histogram."""
    head = sql.lstrip()[:12].lower()
    for kind in ("select", "insert", "update", "delete", "with"):
        if head.startswith(kind):
            return "select" if kind == "with" else kind
    return "other"


def observe_statement(sql: str, seconds: float) -> None:
    DB_QUERY.labels(statement_kind(sql)).observe(seconds)


class Timer:
    """``with Timer() as t: ...; t.seconds``"""

    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        self.seconds = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start


class _Snapshot(Collector):
    """Gauges read from the database at scrape time (``database_metrics``)."""

    def __init__(self, families: list[GaugeMetricFamily]) -> None:
        self.families = families

    def collect(self) -> Any:
        return iter(self.families)


JOBS_SQL = """
select queue_name, status::text as status, count(*) as n from procrastinate_jobs group by 1, 2
"""
OLDEST_SQL = """
select j.queue_name,
       extract(epoch from now() - min(coalesce(j.scheduled_at, e.at))) as age
  from procrastinate_jobs j
  left join procrastinate_events e on e.job_id = j.id and e.type = 'deferred'
 where j.status = 'todo' and (j.scheduled_at is null or j.scheduled_at <= now())
 group by 1
"""
SLA_SQL = "select count(*) as n from handovers where status = 'pending' and sla_due_at < now()"
HEARTBEAT_SQL = (
    "select extract(epoch from now() - max(last_heartbeat)) as age, count(*) as n from procrastinate_workers"
)


def database_families(
    jobs: list[dict[str, Any]], oldest: list[dict[str, Any]], sla_breaches: int, heartbeat: dict[str, Any] | None
) -> list[GaugeMetricFamily]:
    by_state = GaugeMetricFamily(
        "showroom_jobs", "Jobs in the queue table, by queue and state", labels=["queue", "state"]
    )
    depth = GaugeMetricFamily("showroom_job_queue_depth", "Jobs waiting to run, by queue", labels=["queue"])
    age = GaugeMetricFamily(
        "showroom_job_oldest_waiting_seconds", "Age of the oldest job waiting to run, by queue", labels=["queue"]
    )
    waiting: dict[str, int] = {}
    for row in jobs:
        by_state.add_metric([row["queue_name"], row["status"]], row["n"])
        if row["status"] == "todo":
            waiting[row["queue_name"]] = row["n"]
    for queue, n in sorted(waiting.items()):
        depth.add_metric([queue], n)
    for row in oldest:
        age.add_metric([row["queue_name"]], float(row["age"] or 0))
    sla = GaugeMetricFamily("showroom_handovers_past_sla", "Handovers still pending after their SLA")
    sla.add_metric([], sla_breaches)
    beat = GaugeMetricFamily("showroom_worker_heartbeat_age_seconds", "Seconds since the newest job worker heartbeat")
    workers = GaugeMetricFamily("showroom_workers", "Job workers registered (live or not yet pruned)")
    if heartbeat and heartbeat["age"] is not None:
        beat.add_metric([], float(heartbeat["age"]))
    workers.add_metric([], (heartbeat or {}).get("n", 0))
    return [by_state, depth, age, sla, beat, workers]


def serve_process_metrics(host: str, port: int) -> None:
    """``/metrics`` of a process without a web server (``showroom worker --metrics-port``), on a thread."""
    if multiprocess():
        registry = CollectorRegistry()
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        start_http_server(port, addr=host, registry=registry)
    else:
        start_http_server(port, addr=host)


def exposition(families: list[GaugeMetricFamily]) -> bytes:
    """The text of ``/metrics``: this process's (or, in multiprocess mode, every process's) metrics, then the
    database's."""
    registry = CollectorRegistry()
    if multiprocess():
        MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        own = generate_latest(registry)
    else:
        own = generate_latest(REGISTRY)
    snapshot = CollectorRegistry()
    snapshot.register(_Snapshot(families))
    return own + generate_latest(snapshot)
