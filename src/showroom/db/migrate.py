"""Resolve the database, run migrations (``showroom db upgrade``) and check it (``showroom db check``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, create_engine, pool, text
from sqlalchemy.exc import OperationalError

from showroom.db import bootstrap, citus, embedded
from showroom.db.urls import Topology, parse_url, topology
from showroom.errors import ConfigError
from showroom.models import RLS_TABLES, Base
from showroom.settings import Settings

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
_LOCK_KEY = 0x5348_524D  # "SHRM": one upgrade at a time, whatever the number of processes starting


def resolve(settings: Settings) -> Topology:
    """Work out (and for the embedded database, start) the database this process uses."""
    secret = settings.secret_key.get_secret_value()
    if settings.embedded:
        owner = bootstrap.ensure_embedded_database(embedded.start(settings.data_dir))
        return topology(
            owner,
            app_url=settings.app_database_url,
            maint_url=settings.maint_database_url,
            secret=secret,
            embedded=True,
        )
    assert settings.database_url is not None
    owner = parse_url(settings.database_url)
    return topology(owner, app_url=settings.app_database_url, maint_url=settings.maint_database_url, secret=secret)


def alembic_config(connection: Connection | None = None, roles: dict[str, str] | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    cfg.attributes["roles"] = roles or {}
    return cfg


@contextmanager
def owner_connection(topo: Topology, owner_role: str | None = None) -> Iterator[Connection]:
    engine = create_engine(
        topo.owner, poolclass=pool.NullPool, connect_args={"application_name": "showroom-migrate", "connect_timeout": 5}
    )
    try:
        try:
            connection = engine.connect()
        except OperationalError as exc:
            raise bootstrap.unreachable(exc, topo.owner) from None
        with connection as conn:
            if owner_role:
                conn.execute(text("select set_config('role', :r, false)"), {"r": owner_role})
                conn.commit()  # the role stays for the session; every migration then runs as the owner
            yield conn
    finally:
        engine.dispose()


def upgrade(settings: Settings, topo: Topology | None = None) -> list[str]:
    """Prepare roles, then apply every pending migration as the owner. Returns the revisions applied."""
    topo = topo or resolve(settings)
    prepared = bootstrap.prepare(topo, settings.secret_key.get_secret_value(), embedded=settings.embedded)
    set_role = prepared.owner_role if prepared.owner_role != prepared.login_role else None
    roles = {"app": topo.app_role, "maint": topo.maint_role, "owner": prepared.owner_role}
    with owner_connection(topo, set_role) as conn, conn.begin():
        conn.execute(text("select pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
        before = MigrationContext.configure(conn).get_current_revision()
        command.upgrade(alembic_config(conn, roles), "head")
        after = MigrationContext.configure(conn).get_current_revision()
    if before == after:
        return []
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in script.iterate_revisions(after, before)][::-1]


def check(settings: Settings, topo: Topology | None = None) -> list[str]:
    """Everything that differs from what the code expects, one line each; empty means healthy."""
    topo = topo or resolve(settings)
    problems: list[str] = []
    script = ScriptDirectory.from_config(alembic_config())
    with owner_connection(topo) as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        if current != script.get_current_head():
            problems.append(
                f"migrations: database at {current or 'nothing'}, code at {script.get_current_head()}; "
                "run `showroom db upgrade`"
            )
            return problems
        mc = MigrationContext.configure(conn, opts={"include_name": include_name, "compare_type": True})
        for diff in compare_metadata(mc, Base.metadata):
            problems.append(f"schema differs from the models: {_describe(diff)}")
        problems += [f"citus: {p}" for p in citus.verify(conn)]
        rows = conn.execute(
            text(
                "select c.relname, c.relrowsecurity, c.relforcerowsecurity, "
                "exists (select 1 from pg_policies p where p.schemaname = 'public' and p.tablename = c.relname) "
                "from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'"
            )
        ).all()
        rls = {r[0]: (r[1], r[2], r[3]) for r in rows}
        for table in RLS_TABLES:
            enabled, forced, has_policy = rls.get(table, (False, False, False))
            if not (enabled and forced):
                problems.append(f"{table}: row-level security is not enabled and FORCEd")
            if not has_policy:
                problems.append(f"{table}: no row-level security policy")
        row = conn.execute(
            text("select rolsuper, rolbypassrls from pg_roles where rolname = :r"), {"r": topo.app_role}
        ).first()
        if row is None:
            problems.append(f"role {topo.app_role} does not exist")
        elif row[0] or row[1]:
            problems.append(f"role {topo.app_role} is SUPERUSER or BYPASSRLS: tenant isolation is off")
    return problems


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """procrastinate's tables live beside ours but are its own (applied from its schema file)."""
    return not (type_ == "table" and (name or "").startswith("procrastinate"))


def _describe(diff: Any) -> str:
    if isinstance(diff, list):  # column modifications come as a list of tuples
        return "; ".join(_describe(d) for d in diff)
    kind, *rest = diff
    names = [getattr(x, "name", None) or str(x) for x in rest[:3] if x is not None]
    return f"{kind} {' '.join(str(n) for n in names)}"


__all__ = ["ConfigError", "check", "resolve", "upgrade"]
