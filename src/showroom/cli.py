"""The ``showroom`` command. Every failure the user can fix is one line on stderr and a non-zero exit."""

from __future__ import annotations

import errno
import logging
import os
import signal
import socket
import sys
from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any, TypeVar

import typer
from pydantic import ValidationError

from showroom.errors import ConfigError, ShowroomError
from showroom.settings import Settings

app = typer.Typer(
    help="Showroom: the open platform for car dealerships' AI sales agents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database: migrations and health.", no_args_is_help=True)
app.add_typer(db_app, name="db")

F = TypeVar("F", bound=Callable[..., Any])


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


@app.command()
@friendly
def serve(
    demo: Annotated[bool, typer.Option(help="Seed a demo dealership when the database is empty.")] = False,
    host: Annotated[str | None, typer.Option(help="Interface to listen on [SHOWROOM_HOST].")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on [SHOWROOM_PORT].")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Server processes.")] = 1,
    migrate: Annotated[bool, typer.Option(help="Apply pending migrations first.")] = True,
) -> None:
    """Run the web server (migrating first; on the embedded database unless DATABASE_URL is set)."""
    import uvicorn

    from showroom.db import embedded
    from showroom.db import migrate as migrations

    settings = load_settings(host=host, port=port)
    check_port(settings.host, settings.port)
    exit_on_sigterm()
    try:
        topo = migrations.resolve(settings)
        if migrate:
            migrations.upgrade(settings, topo)
        if demo:
            from showroom.demo import seed_demo

            for line in seed_demo(settings, topo):
                typer.echo(line)
        where = f"embedded PostgreSQL in {settings.data_dir}" if settings.embedded else "DATABASE_URL"
        typer.echo(f"Showroom is running at http://{settings.host}:{settings.port}/  (database: {where})")
        typer.echo("Press Ctrl+C to stop.")
        uvicorn.run(
            "showroom.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=workers,
            log_level=settings.log_level,
            proxy_headers=True,
        )
    finally:
        embedded.stop()


@app.command()
@friendly
def worker() -> None:
    """Run the background job worker (follow-ups, reports, deliveries)."""
    from showroom.db import embedded
    from showroom.jobs import run_worker

    settings = load_settings()
    exit_on_sigterm()
    try:
        run_worker(settings)
    finally:
        embedded.stop()


@db_app.command("upgrade")
@friendly
def db_upgrade() -> None:
    """Create roles if needed and apply pending migrations (safe to repeat)."""
    from showroom.db import embedded, migrate

    settings = load_settings()
    try:
        applied = migrate.upgrade(settings)
    finally:
        embedded.stop()
    typer.echo(f"applied {', '.join(applied)}" if applied else "database is up to date")


@db_app.command("check")
@friendly
def db_check() -> None:
    """Report whether the database matches the models and every tenant table has its RLS policy."""
    from showroom.db import embedded, migrate

    settings = load_settings()
    try:
        problems = migrate.check(settings)
    finally:
        embedded.stop()
    for line in problems:
        typer.echo(line)
    if problems:
        fail(f"{len(problems)} problem(s) found")
    typer.echo("ok: schema matches the models; row-level security is on for every tenant table")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
