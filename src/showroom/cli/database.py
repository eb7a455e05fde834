"""``showroom db``: apply migrations and check the schema and row-level security."""

from __future__ import annotations

import typer

from showroom.cli.common import fail, friendly, load_settings
from showroom.db import embedded

db_app = typer.Typer(help="Database: migrations and health.", no_args_is_help=True)


@db_app.command("upgrade")
@friendly
def db_upgrade() -> None:
    """Create roles if needed and apply pending migrations (safe to repeat)."""
    from showroom.db import migrate  # lazy: pulls in alembic and the models; keeps `showroom --help` fast

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
    from showroom.db import migrate  # lazy: pulls in alembic and the models; keeps `showroom --help` fast

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
