"""``showroom db``: apply migrations and check the schema and row-level security."""

from __future__ import annotations

from typing import Annotated

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
    """Report whether the database matches the models, every tenant table has its RLS policy, and the keys follow
    the Citus rules (docs/SCALING.md §4)."""
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
    typer.echo(
        "ok: schema matches the models; row-level security is on for every tenant table; "
        "keys and tenant foreign keys follow the Citus rules"
    )


@db_app.command("citus-plan")
@friendly
def db_citus_plan() -> None:
    """Print the create_reference_table / create_distributed_table calls that move this database onto Citus
    (docs/SCALING.md §4); fails naming each table that breaks a rule of a distributed table."""
    from showroom.db import citus, migrate  # lazy: pulls in alembic and the models; keeps `--help` fast

    settings = load_settings()
    try:
        topo = migrate.resolve(settings)
        with migrate.owner_connection(topo) as conn:
            problems = citus.verify(conn)
            lines = [] if problems else citus.plan(conn)
    finally:
        embedded.stop()
    for line in problems:
        typer.echo(line, err=True)
    if problems:
        fail(f"{len(problems)} table rule(s) broken: the schema is not ready for Citus")
    for line in lines:
        typer.echo(line)


@db_app.command("stats")
@friendly
def db_stats(
    limit: Annotated[int, typer.Option(min=1, max=100, help="Statements per list.")] = 10,
    since_hours: Annotated[
        float, typer.Option(min=0.01, help="Own timings: processes that wrote them within this many hours.")
    ] = 24.0,
) -> None:
    """The slowest and the most frequent statements: from pg_stat_statements where the server has it, else from
    the timings the Showroom processes of this machine keep of their own statements."""
    from showroom.db import bootstrap, migrate  # lazy: pulls in alembic and the models; keeps `--help` fast
    from showroom.ops import stats

    settings = load_settings()
    try:
        topo = migrate.resolve(settings)
        with bootstrap.connect(topo.owner) as conn:
            present = stats.has_pg_stat_statements(conn)
            statements = stats.from_pg_stat_statements(conn) if present else []
    finally:
        embedded.stop()
    if present:
        typer.echo("source: pg_stat_statements (every client of this database, since its last reset)")
    else:
        why = (
            "the embedded PostgreSQL does not ship it" if settings.embedded else "it is not installed in this database"
        )
        statements, processes = stats.from_snapshots(settings.data_dir, since_hours * 3600)
        typer.echo(
            f"source: Showroom's own statement timings, {processes} process(es) of this machine in the last "
            f"{since_hours:g} h (pg_stat_statements: {why})"
        )
        if not statements:
            typer.echo("no timings yet: they are written every 30 s by running `showroom serve` / `showroom worker`")
            return
    slowest, frequent = stats.top(statements, limit)
    for title, rows in (("slowest (total time)", slowest), ("most frequent", frequent)):
        typer.echo(f"\n{title}")
        typer.echo(f"{'calls':>10} {'total ms':>11} {'mean ms':>9} {'max ms':>9}  statement")
        for s in rows:
            query = s.query if len(s.query) <= 90 else s.query[:87] + "..."
            typer.echo(f"{s.calls:>10} {s.total_ms:>11.1f} {s.mean_ms:>9.2f} {s.max_ms:>9.1f}  {query}")
