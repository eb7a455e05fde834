"""/metrics in Prometheus format (requests by route and status, pool, statements, jobs, leads...) and /readyz."""

from __future__ import annotations

import psycopg
from fastapi import FastAPI
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr
from sqlalchemy.engine import URL

from showroom.app import create_app
from showroom.audit.service import SYSTEM
from showroom.auth import api_keys
from showroom.auth.schemas import ApiKeyCreate
from showroom.db.engine import Database, make_engine
from showroom.ops import health, stats
from showroom.queue import defer
from showroom.settings import Settings
from tests.conftest import cli_env, new_client
from tests.factories import create_dealership, unique
from tests.test_cli import showroom


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def value(found: dict[tuple[str, tuple[tuple[str, str], ...]], float], name: str, **labels: str) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


async def _key(db: Database) -> tuple[int, str]:
    async with db.maint_session() as maint, maint.begin():
        dealer = await create_dealership(maint)
        _, key = await api_keys.create(
            maint, dealer.id, ApiKeyCreate(name="m", scopes=["leads:read", "leads:write"]), SYSTEM
        )
    return dealer.id, key


async def test_metrics_count_requests_by_route_template_and_status_with_latency(app: FastAPI, db: Database) -> None:
    _, key = await _key(db)
    async with new_client(app) as http:
        http.headers["Authorization"] = f"Bearer {key}"
        before = samples((await http.get("/metrics")).text)
        created = await http.post("/api/v1/leads", json={"customer": {"first_name": "Mo", "email": f"{unique()}@x.io"}})
        assert created.status_code == 201, created.text
        lead_url = f"/api/v1/leads/{created.json()['lead']['id']}"
        for _ in range(3):
            assert (await http.get(lead_url)).status_code == 200
        assert (await http.get("/api/v1/leads/not-a-uuid")).status_code == 422
        assert (await http.get("/no/such/page")).status_code == 404
        response = await http.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    after = samples(response.text)

    def grew(name: str, by: float, **labels: str) -> None:
        assert value(after, name, **labels) - value(before, name, **labels) == by, (name, labels)

    route = "/api/v1/leads/{lead_id}"
    grew("showroom_http_requests_total", 3, method="GET", route=route, status="200")
    grew("showroom_http_requests_total", 1, method="GET", route=route, status="422")
    grew("showroom_http_requests_total", 1, method="GET", route="(unmatched)", status="404")
    grew("showroom_http_request_duration_seconds_count", 4, method="GET", route=route)
    grew("showroom_leads_ingested_total", 1, channel="api")
    assert value(after, "showroom_db_query_duration_seconds_count", kind="select") > 0
    assert value(after, "showroom_db_pool_wait_seconds_count", pool="test") > 0
    assert ("showroom_db_pool_connections_in_use", (("pool", "test"),)) in after
    assert ("showroom_handovers_past_sla", ()) in after


async def test_metrics_show_each_queues_depth_and_oldest_waiting_job(
    app: FastAPI, db: Database, owner_url: str
) -> None:
    queue = unique("ops-queue")
    async with db.session() as session, session.begin():
        for _ in range(2):
            await defer(session, "sessions.purge_expired", queue=queue, timestamp=0)
    try:
        async with new_client(app) as http:
            found = samples((await http.get("/metrics")).text)
    finally:
        async with await psycopg.AsyncConnection.connect(owner_url, autocommit=True) as conn:
            await conn.execute("delete from procrastinate_jobs where queue_name = %s", (queue,))
    assert value(found, "showroom_job_queue_depth", queue=queue) == 2
    assert value(found, "showroom_jobs", queue=queue, state="todo") == 2
    assert 0 <= value(found, "showroom_job_oldest_waiting_seconds", queue=queue) < 60


async def test_metrics_can_require_a_bearer_token(settings: Settings, db: Database) -> None:
    guarded = create_app(settings.model_copy(update={"metrics_token": SecretStr("scrape-me-please")}), database=db)
    async with guarded.router.lifespan_context(guarded), new_client(guarded) as http:
        refused = await http.get("/metrics")
        assert refused.status_code == 401 and refused.json()["field"] == "Authorization"
        assert (await http.get("/metrics", headers={"Authorization": "Bearer nope"})).status_code == 401
        ok = await http.get("/metrics", headers={"Authorization": "Bearer scrape-me-please"})
        assert ok.status_code == 200 and "showroom_http_requests_total" in ok.text


async def test_readyz_wants_a_recent_worker_heartbeat(app: FastAPI, owner_url: str) -> None:
    async with await psycopg.AsyncConnection.connect(owner_url, autocommit=True) as conn:
        await conn.execute("update procrastinate_workers set last_heartbeat = now() - interval '1 hour'")
        async with new_client(app) as http:
            stale = await http.get("/readyz")
            await conn.execute("insert into procrastinate_workers default values")
            ready = await http.get("/readyz")
        await conn.execute("delete from procrastinate_workers where last_heartbeat > now() - interval '1 minute'")
    assert stale.status_code == 503
    assert stale.json()["checks"]["database"] == "ok"
    assert any("heartbeat" in p or "no job worker" in p for p in stale.json()["problems"])
    assert ready.status_code == 200, ready.json()
    checks = ready.json()["checks"]
    assert checks["migrations"]["database"] == checks["migrations"]["code"] == health.code_head()


async def test_readyz_says_the_database_is_unreachable(settings: Settings) -> None:
    nowhere = URL.create("postgresql+psycopg", username="x", password="y", host="127.0.0.1", port=1, database="x")
    engine = make_engine(nowhere, settings, application_name="showroom-probe")
    try:
        result = await health.readiness(engine, 60)
    finally:
        await engine.dispose()
    assert not result.ready and result.checks["database"] == "unreachable"
    assert result.problems[0].startswith("database unreachable: ")


async def test_db_stats_shows_the_processes_own_statement_timings_without_pg_stat_statements(
    app: FastAPI, settings: Settings, db: Database
) -> None:
    _, key = await _key(db)
    async with new_client(app) as http:
        for _ in range(3):
            assert (await http.get("/api/v1/leads", headers={"Authorization": f"Bearer {key}"})).status_code == 200
    stats.write_snapshot(settings.data_dir, "web")
    shown = showroom("db", "stats", "--limit", "50", env=cli_env(settings))
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    if settings.embedded:
        assert "pg_stat_statements: the embedded PostgreSQL does not ship it" in lines[0]
        assert lines[0].startswith("source: Showroom's own statement timings, ")  # other tests' servers count too
        assert "slowest (total time)" in lines and "most frequent" in lines
        auth = [line for line in lines if "select k.id, k.dealership_id, k.name, k.scopes" in line]
        assert len(auth) == 2  # the API key lookup, in both lists
        assert int(auth[0].split()[0]) >= 3
