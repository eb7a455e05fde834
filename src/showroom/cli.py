"""The ``showroom`` command. Every failure the user can fix is one line on stderr and a non-zero exit."""

from __future__ import annotations

import errno
import logging
import os
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import psycopg
import typer
from pydantic import ValidationError
from sqlalchemy.exc import OperationalError

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


@app.command()
@friendly
def serve(
    demo: Annotated[bool, typer.Option(help="Seed a demo dealership when the database is empty.")] = False,
    host: Annotated[str | None, typer.Option(help="Interface to listen on [SHOWROOM_HOST].")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on [SHOWROOM_PORT].")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Server processes.")] = 1,
    worker: Annotated[
        bool,
        typer.Option(
            "--worker/--no-worker",
            help="Run the background jobs in the server process(es) too; --no-worker when `showroom worker` "
            "processes run them.",
        ),
    ] = True,
    migrate: Annotated[bool, typer.Option(help="Apply pending migrations first.")] = True,
) -> None:
    """Run the whole product: the web server and, unless --no-worker, the background jobs (migrating first; on
    the embedded database unless DATABASE_URL is set)."""
    import uvicorn

    from showroom import jobs, logs
    from showroom.db import embedded
    from showroom.db import migrate as migrations

    settings = load_settings(host=host, port=port, jobs_in_process=worker)
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
        if worker:
            each = "this process" if workers == 1 else f"each of the {workers} server processes"
            typer.echo(f"jobs: running in {each}, {len(jobs.registered())} tasks")
        else:
            typer.echo("jobs: not run here (--no-worker); start `showroom worker` processes to run them")
        typer.echo(f"Showroom is running at http://{settings.host}:{settings.port}/  (database: {where})")
        typer.echo("Press Ctrl+C to stop.")
        uvicorn.run(
            "showroom.app:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=workers,
            log_config=logs.logging_config(settings.log_level),
            proxy_headers=True,
        )
    finally:
        embedded.stop()


@app.command()
@friendly
def worker() -> None:
    """Run the background jobs (first AI replies, deliveries, e-mail, maintenance) in this process; as many
    `showroom worker` processes as you like may run beside `showroom serve --no-worker`."""
    from showroom import logs
    from showroom.db import embedded
    from showroom.jobs import run_worker

    settings = load_settings()
    logs.configure(settings.log_level)
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


# --- administration: bootstrap and script a fresh install ---------------------------------------------------

dealership_app = typer.Typer(help="Dealerships (tenants).", no_args_is_help=True)
user_app = typer.Typer(help="Staff accounts.", no_args_is_help=True)
api_key_app = typer.Typer(help="API keys for integrations.", no_args_is_help=True)
app.add_typer(dealership_app, name="dealership")
app.add_typer(user_app, name="user")
app.add_typer(api_key_app, name="api-key")

T = TypeVar("T")


def with_maintenance(work: Callable[[Any, Settings], Awaitable[T]]) -> T:
    """Run ``work(maint_session, settings)`` in one transaction on the maintenance login (the CLI is the
    platform's operator: it acts across dealerships, and every change it makes is audited as such)."""
    import asyncio

    from showroom.db import embedded, migrate
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


def validated(model: Any, options: dict[str, str] | None = None, **values: Any) -> Any:
    """Build a payload model; a validation error becomes one line naming the option."""
    try:
        return model(**{k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first.get("loc") else ""
        option = (options or {}).get(field) or ("--" + field.replace("_", "-") if field else "input")
        raise ShowroomError(f"{option}: {first['msg'].removeprefix('Value error, ')}") from None


async def dealership_by_subdomain(maint: Any, subdomain: str) -> Any:
    from sqlalchemy import select

    from showroom.models import Dealership

    dealership = await maint.scalar(select(Dealership).where(Dealership.subdomain == subdomain.lower()))
    if dealership is None:
        raise ShowroomError(f"no dealership with subdomain {subdomain!r} (see `showroom dealership list`)")
    return dealership


@dealership_app.command("create")
@friendly
def dealership_create(
    name: Annotated[str, typer.Option(help="Display name, e.g. 'Lakeside Honda'.")],
    subdomain: Annotated[str, typer.Option(help="Lower-case letters, digits and hyphens; 2-63 characters.")],
    contact_email: Annotated[str, typer.Option(help="Where the dealership is reached.")],
    timezone: Annotated[str, typer.Option(help="IANA time zone of the showroom.")] = "America/New_York",
    website: Annotated[str | None, typer.Option(help="The dealership's website.")] = None,
    phone: Annotated[str | None, typer.Option(help="Main phone number.")] = None,
) -> None:
    """Create a dealership with its defaults (lead sources, default persona)."""
    from showroom.audit.service import CLI
    from showroom.dealerships import service
    from showroom.dealerships.schemas import DealershipCreate

    data = validated(
        DealershipCreate,
        name=name,
        subdomain=subdomain,
        contact_email=contact_email,
        timezone=timezone,
        website=website,
        contact_phone=phone,
    )

    async def work(maint: Any, settings: Settings) -> Any:
        return await service.create(maint, data, CLI)

    dealership = with_maintenance(work)
    typer.echo(f"created dealership {dealership.id}: {dealership.name} (subdomain {dealership.subdomain})")


@dealership_app.command("list")
@friendly
def dealership_list() -> None:
    """List dealerships: id, subdomain, name, active, and any routing waiting for approval."""
    from showroom.dealerships import service
    from showroom.dealerships.routing import pending_routing

    async def work(maint: Any, settings: Settings) -> Any:
        return await service.list_all(maint)

    for d in with_maintenance(work):
        pending = pending_routing(d.settings, d.lead_routing, d.approved_routing)
        waiting = "\trouting waits for approval: " + ", ".join(pending) if pending else ""
        typer.echo(f"{d.id}\t{d.subdomain}\t{d.name}\t{'active' if d.is_active else 'inactive'}{waiting}")


@dealership_app.command("approve-routing")
@friendly
def dealership_approve_routing(
    subdomain: Annotated[str, typer.Argument(help="The dealership whose requested routing to approve.")],
) -> None:
    """Approve the texting number and ADF vendor names/ids a dealership requests: they route messages to it only
    once approved, so check first that they are really its own."""
    from showroom.audit.service import CLI
    from showroom.dealerships import service

    async def work(maint: Any, settings: Settings) -> dict[str, Any]:
        dealership = await dealership_by_subdomain(maint, subdomain)
        return dict((await service.approve_routing(maint, dealership.id, CLI)).approved_routing)

    approved = with_maintenance(work)
    if not approved:
        typer.echo(f"{subdomain} requests no routing (settings.sms_number, lead_routing.adf_vendor_names/ids)")
    for key, value in approved.items():
        typer.echo(f"approved {key}: {', '.join(value) if isinstance(value, list) else value}")


@user_app.command("create")
@friendly
def user_create(
    email: Annotated[str, typer.Option(help="Sign-in e-mail (unique across Showroom).")],
    role: Annotated[str, typer.Option(help="user, manager, dealership_admin or super_admin.")],
    dealership: Annotated[str | None, typer.Option(help="Subdomain of the dealership (not for super_admin).")] = None,
    name: Annotated[str | None, typer.Option(help="Full name.")] = None,
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin.")] = False,
    link: Annotated[bool, typer.Option("--link", help="No password: print a sign-in link instead.")] = False,
) -> None:
    """Create a staff account: prompts for a password (or prints a single-use sign-in link)."""
    from showroom.audit.service import CLI
    from showroom.auth import users
    from showroom.auth.passwords import password_problem
    from showroom.auth.schemas import UserCreate

    password: str | None = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif not link and sys.stdin.isatty():
        password = (
            typer.prompt(
                "Password (empty: print a sign-in link instead)",
                hide_input=True,
                default="",
                show_default=False,
                confirmation_prompt=True,
            )
            or None
        )
    if password is not None and (problem := password_problem(password, email=email)):
        raise ShowroomError(problem)
    data = validated(UserCreate, email=email, role=role, name=name, password=password)
    if (data.role == "super_admin") != (dealership is None):
        raise ShowroomError("--dealership is required, except for --role super_admin (which takes none)")

    async def work(maint: Any, settings: Settings) -> Any:
        dealership_id = (await dealership_by_subdomain(maint, dealership)).id if dealership else None
        return await users.create(maint, None, None, dealership_id, data, CLI, settings, email_link=False)  # type: ignore[arg-type]

    user, sign_in_link = with_maintenance(work)
    where = f"dealership {dealership}" if dealership else "the platform"
    typer.echo(f"created user {user.id}: {user.email} ({user.role}, {where})")
    if sign_in_link:
        typer.echo(f"sign-in link (single use, valid {load_settings().magic_link_hours} h): {sign_in_link}")


@api_key_app.command("create")
@friendly
def api_key_create(
    dealership: Annotated[str, typer.Option(help="Subdomain of the dealership the key acts for.")],
    name: Annotated[str, typer.Option(help="What the key is for, e.g. 'Cars.com ADF'.")],
    scope: Annotated[list[str], typer.Option(help="Repeat for each scope, e.g. --scope leads:write.")],
) -> None:
    """Create an API key; the key is printed once and never stored."""
    from showroom.audit.service import CLI
    from showroom.auth import api_keys
    from showroom.auth.schemas import ApiKeyCreate

    data = validated(ApiKeyCreate, {"scopes": "--scope"}, name=name, scopes=scope)

    async def work(maint: Any, settings: Settings) -> Any:
        d = await dealership_by_subdomain(maint, dealership)
        return await api_keys.create(maint, d.id, data, CLI)

    row, key = with_maintenance(work)
    typer.echo(f"created API key {row.id} ({row.key_prefix}…) for {dealership} with scopes {', '.join(row.scopes)}")
    typer.echo(f"key (shown once, store it now): {key}")


import_app = typer.Typer(help="Import leads and inventory from files.", no_args_is_help=True)
app.add_typer(import_app, name="import")

ADF_SUFFIXES = {
    ".xml": "application/xml",
    ".adf": "application/xml",
    ".eml": "message/rfc822",
    ".txt": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
}


def with_tenant(subdomain: str | None, work: Callable[[Any, int | None, Settings], Awaitable[T]]) -> T:
    """Run ``work(db, dealership_id, settings)`` as the service role: every write goes through RLS."""
    import asyncio

    from sqlalchemy import text as sql_text

    from showroom.db import embedded, migrate
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


def adf_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ADF_SUFFIXES)
        elif path.is_file():
            files.append(path)
        else:
            raise ShowroomError(f"{path}: no such file or directory")
    if not files:
        raise ShowroomError("no ADF files found (looked for .xml, .adf, .eml, .txt, .html)")
    return files


@import_app.command("adf")
@friendly
def import_adf(
    paths: Annotated[list[Path], typer.Argument(help="ADF files (.xml/.adf), e-mails (.eml) or directories.")],
    dealership: Annotated[
        str | None, typer.Option(help="Subdomain to file them under; default: by ADF vendor.")
    ] = None,
) -> None:
    """Import ADF/XML leads from files: each is deduplicated like an HTTP lead; a summary per file."""
    from showroom.audit.service import CLI
    from showroom.leads.adf_intake import process_payload

    files = adf_files(paths)

    async def work(db: Any, dealership_id: int | None, settings: Settings) -> list[tuple[Path, list[Any]]]:
        results = []
        with typer.progressbar(files, label="Importing", file=sys.stderr, show_pos=True) as bar:
            for path in bar:
                async with db.session(dealership_id) as session, session.begin():
                    outcomes = await process_payload(
                        session,
                        path.read_bytes(),
                        actor=CLI,
                        content_type=ADF_SUFFIXES.get(path.suffix.lower()),
                        dealership_id=dealership_id,
                        channel="cli",
                    )
                results.append((path, outcomes))
        return results

    counts = {"created": 0, "duplicate": 0, "rejected": 0}
    for path, outcomes in with_tenant(dealership, work):
        for outcome in outcomes:
            if outcome.result is None:
                counts["rejected"] += 1
                kept = f" (kept as dead letter {outcome.dead_letter_id})" if outcome.dead_letter_id else ""
                typer.echo(f"{path}: rejected: {outcome.error}{kept}")
            elif outcome.result.duplicate:
                counts["duplicate"] += 1
                typer.echo(f"{path}: duplicate of {outcome.result.lead.lead_number}")
            else:
                counts["created"] += 1
                typer.echo(f"{path}: created {outcome.result.lead.lead_number}")
    typer.echo(
        f"{len(files)} file(s): {counts['created']} created, {counts['duplicate']} duplicate, "
        f"{counts['rejected']} rejected"
    )
    if counts["rejected"]:
        raise typer.Exit(1)


@import_app.command("inventory")
@friendly
def import_inventory(
    path: Annotated[Path, typer.Argument(help="The feed: CSV or TSV with a header row.")],
    dealership: Annotated[str, typer.Option(help="Subdomain of the dealership.")],
    partial: Annotated[
        bool,
        typer.Option("--partial", help="Keep units the feed does not list (default: a full feed marks them inactive)."),
    ] = False,
) -> None:
    """Import an inventory feed: upsert by VIN, report added/updated/unchanged/deactivated and rejected rows."""
    from showroom.audit.service import CLI
    from showroom.inventory.feed import FeedFormatError
    from showroom.inventory.importer import import_feed

    if not path.is_file():
        raise ShowroomError(f"{path}: no such file")
    size = path.stat().st_size

    async def work(db: Any, dealership_id: int | None, settings: Settings) -> Any:
        assert dealership_id is not None
        with path.open("rb") as handle, typer.progressbar(length=size, label="Importing", file=sys.stderr) as bar:
            done = 0

            def progress(_: int) -> None:
                nonlocal done
                position = min(handle.tell(), size)
                bar.update(position - done)
                done = position

            try:
                async with db.session(dealership_id) as session, session.begin():
                    return await import_feed(
                        session,
                        dealership_id,
                        handle,
                        actor=CLI,
                        filename=path.name,
                        full=not partial,
                        progress=progress,
                    )
            except FeedFormatError as exc:
                where = f", line {exc.line}" if exc.line else ""
                raise ShowroomError(f"{path}{where}: {exc.reason}; nothing was imported") from None

    report = with_tenant(dealership, work)
    typer.echo(
        f"{path}: {report.rows} rows: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.deactivated} deactivated, {report.rejected} rejected "
        f"({report.seconds:.1f} s)"
    )
    for problem in report.rejected_rows[:50]:
        typer.echo(f"{path}:{problem.line}: {problem.field or 'row'}: {problem.reason}")
    if report.rejected > 50:
        typer.echo(f"... and {report.rejected - 50} more rejected rows")
    if report.rejected:
        raise typer.Exit(1)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
