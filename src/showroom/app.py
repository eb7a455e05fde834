"""FastAPI application factory: lifespan (pools), middleware, routers, error handlers."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as SATimeoutError

from showroom.db.engine import Database, open_database
from showroom.errors import AppError
from showroom.settings import Settings, get_settings

log = logging.getLogger("showroom")


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    """Build the app. ``database`` lets tests share their pools; otherwise the lifespan opens them."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = database is None
        if database is None:
            from showroom.db.migrate import resolve

            topo = resolve(settings)
            app.state.db = open_database(settings, topo.app, topo.maint)
        else:
            app.state.db = database
        try:
            yield
        finally:
            if owned:
                await app.state.db.dispose()
                from showroom.db import embedded

                embedded.stop()  # pgserver's atexit hook does not run under uvicorn (DESIGN.md §8)

    app = FastAPI(
        title="Showroom",
        version="0.1.0",
        lifespan=lifespan,
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    _install_error_handlers(app)

    @app.get("/healthz", tags=["operations"], summary="Liveness and database reachability (no auth)")
    async def healthz(request: Request) -> JSONResponse:
        db: Database = request.app.state.db
        try:
            async with db.app_engine.connect() as conn:
                await conn.execute(text("select 1"))
        except Exception as exc:
            log.warning("health check: database unreachable: %s", exc)
            return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok"})

    return app


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def app_error(request: Request, exc: AppError) -> JSONResponse:
        log.info(
            "%s %s -> %s %s: %s", request.method, request.url.path, exc.status_code, type(exc).__name__, exc.detail
        )
        return JSONResponse(exc.body(), status_code=exc.status_code)

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
        field = ".".join(str(p) for p in first.get("loc", ()) if p != "body") or None
        log.info("%s %s -> 422 %s", request.method, request.url.path, errors)
        return JSONResponse(
            {
                "error": "ValidationFailed",
                "detail": first.get("msg", "invalid request"),
                "field": field,
                "errors": [
                    {"field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"), "detail": e.get("msg")}
                    for e in errors
                ],
            },
            status_code=422,
        )
