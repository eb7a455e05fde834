"""What every ``showroom`` command shares: one-line errors, settings from the environment and options, the
port check, and the runners that give a command a database (maintenance login or tenant service role)."""

from __future__ import annotations

import asyncio
import errno
import os
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any, TypeVar

import psycopg
import typer
from pydantic import ValidationError
from sqlalchemy import text as sql_text
from sqlalchemy.exc import OperationalError

from showroom.db import embedded
from showroom.errors import ConfigError, ShowroomError
from showroom.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"showroom: error: {message}", err=True)
    raise typer.Exit(code)


def friendly(func: F) -> F:
    """Turn the errors a user can fix into one line (and keep tracebacks for real bugs)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ShowroomError as exc:
            fail(str(exc), 2 if isinstance(exc, ConfigError) else 1)
        except (OperationalError, psycopg.OperationalError) as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            fail(f"database error: {reason}", 2)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            name = f" SHOWROOM_{where.upper()}" if where else ""
            fail(f"invalid configuration{name}: {first.get('msg')}", 2)

    return wrapper  # type: ignore[return-value]


def exit_on_sigterm() -> None:
    """uvicorn and procrastinate re-raise SIGTERM after a graceful stop; make it an exit, so ``finally``
    blocks (stopping the embedded database) run instead of the process dying on the spot."""
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment; CLI options win and are exported so worker processes agree."""
    for key, value in overrides.items():
        if value is not None:
            os.environ[f"SHOWROOM_{key.upper()}"] = str(value)
    return Settings()


def check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ConfigError(
                    f"port {port} on {host} is already in use; stop the other server or pass --port / set SHOWROOM_PORT"
                ) from None
            raise ConfigError(
                f"cannot listen on {host}:{port} ({exc.strerror}); check --host / SHOWROOM_HOST"
            ) from None


def validated(model: Any, options: dict[str, str] | None = None, **values: Any) -> Any:
    """Build a payload model; a validation error becomes one line naming the option."""
    try:
        return model(**{k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first.get("loc") else ""
        option = (options or {}).get(field) or ("--" + field.replace("_", "-") if field else "input")
        raise ShowroomError(f"{option}: {first['msg'].removeprefix('Value error, ')}") from None


def with_maintenance(work: Callable[[Any, Settings], Awaitable[T]]) -> T:
    """Run ``work(maint_session, settings)`` in one transaction on the maintenance login (the CLI is the
    platform's operator: it acts across dealerships, and every change it makes is audited as such)."""
    # lazy: migrations and the engine pull in alembic and the models; keeps `showroom --help` fast
    from showroom.db import migrate
    from showroom.db.engine import open_database

    settings = load_settings()

    async def run() -> T:
        topo = migrate.resolve(settings)
        migrate.upgrade(settings, topo)  # a fresh install can start with any command
        db = open_database(settings, topo.app, topo.maint, process="cli")
        try:
            async with db.maint_session() as maint, maint.begin():
                return await work(maint, settings)
        finally:
            await db.dispose()

    try:
        return asyncio.run(run())
    finally:
        embedded.stop()


def with_tenant(subdomain: str | None, work: Callable[[Any, int | None, Settings], Awaitable[T]]) -> T:
    """Run ``work(db, dealership_id, settings)`` as the service role: every write goes through RLS."""
    # lazy: migrations and the engine pull in alembic and the models; keeps `showroom --help` fast
    from showroom.db import migrate
    from showroom.db.engine import open_database

    settings = load_settings()

    async def run() -> T:
        topo = migrate.resolve(settings)
        migrate.upgrade(settings, topo)
        db = open_database(settings, topo.app, topo.maint, process="cli")
        try:
            dealership_id = None
            if subdomain:
                async with db.session() as session:
                    dealership_id = await session.scalar(sql_text("select resolve_dealership(:s)"), {"s": subdomain})
                if dealership_id is None:
                    raise ShowroomError(
                        f"no active dealership with subdomain {subdomain!r} (see `showroom dealership list`)"
                    )
            return await work(db, dealership_id, settings)
        finally:
            await db.dispose()

    try:
        return asyncio.run(run())
    finally:
        embedded.stop()
