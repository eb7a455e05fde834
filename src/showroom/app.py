"""FastAPI application factory: lifespan (pools), middleware, routers, error handlers."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as SATimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Route

from showroom.agent.routes import router as agent
from showroom.api.docs import document_errors
from showroom.api.middleware import (
    PublicTrafficGate,
    RequestContextMiddleware,
    TrustedProxyMiddleware,
    parse_networks,
)
from showroom.appointments.routes import router as appointments
from showroom.audit.routes import router as audit
from showroom.auth.permissions import MINIMUM_ROLE, SCOPES
from showroom.auth.routes import router as identity
from showroom.brain.escalation import learned
from showroom.conversations.handover_routes import router as handovers
from showroom.conversations.routes import router as conversations
from showroom.conversations.saved_reply_routes import router as saved_replies
from showroom.conversations.widget_routes import claims as contact_claims
from showroom.conversations.widget_routes import events, webhooks
from showroom.conversations.widget_routes import router as widget
from showroom.db import embedded
from showroom.db.engine import Database, open_database
from showroom.db.migrate import resolve
from showroom.db.urls import libpq
from showroom.dealerships.routes import router as dealerships
from showroom.errors import AppError, NotFound, Unauthorized
from showroom.events import EventHub
from showroom.experiments.routes import router as experiments
from showroom.exports.routes import router as exports
from showroom.followups.routes import router as follow_ups
from showroom.integrations.crm.routes import router as crm_handoff
from showroom.integrations.imap.routes import router as imap
from showroom.integrations.twilio.routes import router as twilio
from showroom.integrations.webhooks_out.routes import router as outbound_webhooks
from showroom.inventory.routes import router as inventory
from showroom.inventory.source_routes import router as feed_sources
from showroom.jobs import chat_queue, keep_running, queues_here
from showroom.leads.routes import router as leads
from showroom.ops import health, metrics, stats
from showroom.reports.routes import router as reports
from showroom.services import Services
from showroom.settings import Settings, get_settings
from showroom.web.api_docs import router as api_docs
from showroom.web.app_routes import router as staff_app
from showroom.web.deps import HEADINGS, NOT_HERE
from showroom.web.deps import error_page as web_error_page
from showroom.web.export_routes import router as staff_exports
from showroom.web.routes import router as web

log = logging.getLogger("showroom")

UNIQUE_FIELDS = {
    "uq_users_email": "email",
    "uq_users_username": "username",
    "uq_dealerships_subdomain": "subdomain",
    "uq_vehicles_dealership_id_vin": "vin",
    "uq_customers_dealership_id_email_normalized": "email",
    "uq_customers_dealership_id_phone_e164": "phone",
    "uq_personas_dealership_id_name": "name",
    "uq_lead_sources_dealership_id_name": "name",
    "uq_escalation_triggers_dealership_id_name": "name",
}


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """Build the app. ``database`` lets tests share their pools; otherwise the lifespan opens them."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = database is None
        if database is None:
            topo = resolve(settings)
            app.state.db = open_database(settings, topo.app, topo.maint)
        else:
            app.state.db = database
        app.state.services = Services.build(settings, app.state.db)
        await asyncio.to_thread(learned.warm)  # before the first customer message, off the event loop
        app.state.events = EventHub(libpq(app.state.db.app_url))
        await app.state.events.start()
        app.state.chat_queue = chat_queue(settings)
        queues = queues_here(settings, app.state.chat_queue)  # its chat turns here unless a worker process runs them
        worker = asyncio.create_task(keep_running(app.state.services, queues)) if queues != [] else None
        timings = (
            asyncio.create_task(stats.keep_writing(settings.data_dir, "web")) if settings.metrics_enabled else None
        )
        try:
            yield
        finally:
            if timings is not None:
                timings.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await timings
            if worker is not None:
                worker.cancel()  # a graceful stop: running jobs get SHOWROOM_JOB_SHUTDOWN_SECONDS to finish
                with contextlib.suppress(asyncio.CancelledError):
                    await worker
            await app.state.events.stop()
            if owned:
                await app.state.db.dispose()
                embedded.stop()  # pgserver's atexit hook does not run under uvicorn (DESIGN.md §8)

    app = FastAPI(
        title="Showroom",
        version="0.1.0",
        lifespan=lifespan,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # web.api_docs: server-rendered, no CDN scripts, with the pages' CSP
        redoc_url=None,
        description="The API of Showroom. Authenticate with the `showroom_session` cookie (staff, plus the "
        "`X-CSRF-Token` header on unsafe requests) or `Authorization: Bearer <api key>` "
        "(integrations). Errors are `{error, detail, field}` JSON.",
    )
    app.state.settings = settings
    app.add_middleware(
        PublicTrafficGate,
        limit=settings.public_max_concurrent,
        wait=settings.public_wait_seconds,
        max_lag=settings.public_max_lag_ms / 1000,
    )  # inner: runs after the client's address is known
    app.add_middleware(
        RequestContextMiddleware,
        max_body_bytes=settings.max_body_bytes,
        metrics=settings.metrics_enabled,
        uploads={
            "/api/v1/inventory/import": settings.max_upload_bytes,
            "/api/v1/inventory/imports": settings.max_upload_bytes,
        },
    )
    app.add_middleware(TrustedProxyMiddleware, trusted=parse_networks(settings.trusted_proxies))
    _install_error_handlers(app)
    _include_routers(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]

    @app.get(
        "/healthz",
        tags=["operations"],
        summary="Liveness and database reachability (no auth)",
        responses={503: {"description": "The database is unreachable", "content": _STATUS_BODY}},
    )
    async def healthz(request: Request) -> JSONResponse:
        db: Database = request.app.state.db
        try:
            async with db.app_engine.connect() as conn:
                await conn.execute(text("select 1"))
        except Exception as exc:
            log.warning("health check: database unreachable: %s", exc)
            return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok"})

    _install_operations_routes(app)
    return app


# /healthz and /readyz answer their checks, as JSON, whether they pass or not (not the API's error body)
_STATUS_BODY = {"application/json": {"schema": {"type": "object", "additionalProperties": True}}}


def _install_operations_routes(app: FastAPI) -> None:
    @app.get(
        "/readyz",
        tags=["operations"],
        summary="Ready to serve: database, migrations, a job worker (no auth)",
        responses={503: {"description": "Not ready: the checks say which failed", "content": _STATUS_BODY}},
    )
    async def readyz(request: Request) -> JSONResponse:
        db: Database = request.app.state.db
        result = await health.readiness(db.app_engine, request.app.state.settings.ready_heartbeat_seconds)
        if not result.ready:
            log.warning("not ready: %s", "; ".join(result.problems))
        return JSONResponse(result.body(), status_code=200 if result.ready else 503)

    @app.get(
        "/metrics",
        tags=["operations"],
        summary="Prometheus metrics (SHOWROOM_METRICS_TOKEN: bearer)",
        response_class=PlainTextResponse,
        responses={200: {"description": "The Prometheus text format", "content": {"text/plain": {}}}},
    )
    async def prometheus(request: Request) -> Response:
        if not request.app.state.settings.metrics_enabled:
            raise NotFound("metrics are off (SHOWROOM_METRICS_ENABLED=false)")
        token = request.app.state.settings.metrics_token
        if token is not None:
            sent = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
            if not hmac.compare_digest(sent.encode(), token.get_secret_value().encode()):
                raise Unauthorized("send 'Authorization: Bearer <SHOWROOM_METRICS_TOKEN>'", field="Authorization")
        db: Database = request.app.state.db
        body = metrics.exposition(await health.database_families(db.maint_engine))
        return Response(body, media_type=metrics.CONTENT_TYPE_LATEST)


def _include_routers(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "web" / "static"), name="static")
    routers = (
        identity,
        dealerships,
        inventory,
        feed_sources,
        leads,
        appointments,
        follow_ups,
        conversations,
        contact_claims,
        handovers,
        saved_replies,
        agent,
        experiments,
        exports,
        reports,
        widget,
        webhooks,
        events,
        audit,
        outbound_webhooks,
        crm_handoff,
        twilio,
        imap,
        web,
        staff_app,
        staff_exports,
        api_docs,
    )
    for router in routers:
        # The routers carry their full prefix already; adding their routes flat (rather than include_router,
        # which since FastAPI 0.16x matches through a per-request wrapper for each route) measured ~15% of the
        # CPU of a simple authenticated GET (bench/api_get_lead.py).
        app.router.routes.extend(router.routes)
    app.router.routes[:0] = _shadowed_methods(app)


def _shadowed_methods(app: FastAPI) -> list[Route]:
    """`PATCH /api/v1/leads/adf` must be a 405 (that path takes POST), not a 422 from `PATCH /leads/{lead_id}`
    trying to read "adf" as an id: for each fixed path, the methods a parameterised route would take it for get a
    405 route of their own, placed first."""
    routes = [r for r in app.router.routes if isinstance(r, APIRoute)]
    refusals: list[Route] = []
    for fixed in (r for r in routes if "{" not in r.path):
        stolen: set[str] = set()
        for other in (r for r in routes if "{" in r.path):
            for method in (other.methods or set()) - (fixed.methods or set()):
                scope = {"type": "http", "path": fixed.path, "method": method, "root_path": ""}
                if other.matches(scope)[0] is Match.FULL:
                    stolen.add(method)
        if stolen:
            refusals.append(Route(fixed.path, _method_not_allowed(sorted(fixed.methods or ())), methods=sorted(stolen)))
    return refusals


def _method_not_allowed(allowed: list[str]) -> Any:
    async def refuse(request: Request) -> JSONResponse:
        detail = f"{request.url.path} takes {', '.join(allowed)}, not {request.method}"
        return JSONResponse(
            {"error": "MethodNotAllowed", "detail": detail, "field": None},
            status_code=405,
            headers={"Allow": ", ".join(allowed)},
        )

    return refuse


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The generated schema, plus the two ways to authenticate and, per route, the permission it checks."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    schema.setdefault("components", {})["securitySchemes"] = {
        "session": {
            "type": "apiKey",
            "in": "cookie",
            "name": "showroom_session",
            "description": "Staff sign-in (POST /api/v1/auth/login); unsafe methods need X-CSRF-Token.",
        },
        "apiKey": {"type": "http", "scheme": "bearer", "description": "Integration key `shr_…` with scopes."},
    }
    public: set[tuple[str, str]] = set()
    for route, path, methods in api_routes(app):
        action = route_action(route)
        for method in methods:
            op = schema["paths"].get(path, {}).get(method.lower())
            if op is None:
                continue
            if action is PUBLIC:
                op["security"] = []
                public.add((method, path))
                continue
            op["security"] = [{"session": []}, {"apiKey": []}]
            if isinstance(action, str):
                scopes = sorted(s for s, acts in SCOPES.items() if action in acts)
                via = f"; API keys with scope {' or '.join(scopes)}" if scopes else "; not available to API keys"
                note = f"**Requires** `{action}` (role {MINIMUM_ROLE[action].value} or above{via})."
                op["description"] = f"{op.get('description', '')}\n\n{note}".strip()
    document_errors(schema, public)
    app.openapi_schema = schema
    return schema


PUBLIC = object()


def api_routes(app: FastAPI) -> list[tuple[APIRoute, str, set[str]]]:
    """Every API route with its full path (routers are included lazily since FastAPI 0.16x)."""
    out = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and context.path_format:
            out.append((route, context.path_format, set(route.methods or ())))
    return out


def route_action(route: Any) -> Any:
    """The action a route's ``require(...)`` checks; None for any signed-in caller; PUBLIC for no auth."""
    stack = list(route.dependant.dependencies)
    while stack:
        dep = stack.pop()
        if dep.call is not None and hasattr(dep.call, "action"):
            return dep.call.action
        stack.extend(dep.dependencies)
    return PUBLIC


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def app_error(request: Request, exc: AppError) -> JSONResponse:
        log.info(
            "%s %s -> %s %s: %s", request.method, request.url.path, exc.status_code, type(exc).__name__, exc.detail
        )
        headers = {"Retry-After": str(exc.extra["retry_after"])} if "retry_after" in exc.extra else None
        return JSONResponse(exc.body(), status_code=exc.status_code, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """Framework-level refusals (unknown route, wrong method, body too large) in the same JSON shape."""
        if exc.status_code == 404 and (request.url.path == "/app" or request.url.path.startswith("/app/")):
            return web_error_page(request, 404, HEADINGS[404], NOT_HERE)  # the staff app's own page, not JSON
        names = {404: "NotFound", 405: "MethodNotAllowed", 413: "PayloadTooLarge", 400: "BadRequest"}
        detail = str(exc.detail)
        field = None
        if exc.status_code == 413:
            field = "body"
        log.info("%s %s -> %s %s", request.method, request.url.path, exc.status_code, detail)
        return JSONResponse(
            {"error": names.get(exc.status_code, "HTTPError"), "detail": detail, "field": field},
            status_code=exc.status_code,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(IntegrityError)
    async def integrity_error(request: Request, exc: IntegrityError) -> JSONResponse:
        """A race the service's own check could not see (two requests at once): still a 409, never a 500."""
        constraint = getattr(getattr(exc.orig, "diag", None), "constraint_name", None) or ""
        if not constraint.startswith("uq_") and "unique" not in str(exc.orig).lower():
            raise exc
        field = UNIQUE_FIELDS.get(constraint)
        log.info("%s %s -> 409 unique %s", request.method, request.url.path, constraint)
        return JSONResponse(
            {"error": "Conflict", "detail": f"this {field or 'record'} already exists", "field": field}, status_code=409
        )

    @app.exception_handler(DataError)
    async def data_error(request: Request, exc: DataError) -> JSONResponse:
        """A value the database refuses (SQLSTATE class 22: out of range, malformed, a NUL in text) that request
        validation let through: the caller's input, so a 422, never a 500. Validation should catch it first."""
        sqlstate = getattr(exc.orig, "sqlstate", None)
        if sqlstate is not None and not sqlstate.startswith("22"):
            raise exc
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else "invalid value"
        log.warning("%s %s -> 422 data error %s: %s", request.method, request.url.path, sqlstate, reason)
        return JSONResponse(
            {"error": "ValidationFailed", "detail": f"a value is not valid for the database: {reason}", "field": None},
            status_code=422,
        )

    @app.exception_handler(DBAPIError)
    @app.exception_handler(SATimeoutError)
    async def database_unavailable(request: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, DBAPIError) and not exc.connection_invalidated and not isinstance(exc, OperationalError):
            raise exc  # a bug, not an outage: let it surface as a 500 with its traceback in the log
        log.error("%s %s -> 503 database unavailable: %s", request.method, request.url.path, exc)
        return JSONResponse(
            {"error": "ServiceUnavailable", "detail": "the database is unavailable; retry shortly"},
            status_code=503,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        first = errors[0] if errors else {}
        log.info("%s %s -> 422 %s", request.method, request.url.path, errors)

        def where(e: Any) -> str:
            return ".".join(str(p) for p in e.get("loc", ()) if p != "body") or "body"

        detail = first.get("msg", "invalid request")
        if first.get("type") == "json_invalid":
            detail = f"malformed JSON: {first.get('ctx', {}).get('error', 'cannot parse the body')}"
        return JSONResponse(
            {
                "error": "ValidationFailed",
                "detail": detail,
                "field": where(first),
                "errors": [{"field": where(e), "detail": e.get("msg")} for e in errors],
            },
            status_code=422,
        )
