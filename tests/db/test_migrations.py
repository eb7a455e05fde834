"""Migrations: idempotent, reversible, and the result passes `db check` and the shared schema lint."""

from __future__ import annotations

import re
import subprocess
import sys
import uuid

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import URL

from showroom.db import migrate
from showroom.db.urls import Topology, libpq
from showroom.settings import Settings
from tests.conftest import SHARED


def all_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    return [rev.revision for rev in script.walk_revisions()][::-1]


def test_upgrade_is_idempotent(settings: Settings, topo: Topology) -> None:
    assert migrate.upgrade(settings, topo) == []


def test_check_reports_a_healthy_database(settings: Settings, topo: Topology) -> None:
    assert migrate.check(settings, topo) == []


def test_shared_schema_lint_finds_nothing(owner_url: str) -> None:
    lint = SHARED / "tools" / "schema_lint.py"
    if not lint.exists():
        pytest.skip(f"{lint} is not on this machine (CI runs it from .ci/run as well)")
    result = subprocess.run([sys.executable, str(lint), owner_url], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 findings; 29/29 tables present" in result.stdout


@pytest.fixture
def scratch_database(topo: Topology) -> URL:
    """A second, empty database on the same server, dropped afterwards."""
    name = f"scratch_{uuid.uuid4().hex[:8]}"
    admin = topo.owner
    with psycopg.connect(libpq(admin), autocommit=True) as conn:
        conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
    yield admin.set(database=name)
    with psycopg.connect(libpq(admin), autocommit=True) as conn:
        conn.execute(sql.SQL("drop database {} with (force)").format(sql.Identifier(name)))


def test_downgrade_to_nothing_and_back(settings: Settings, scratch_database: URL) -> None:
    """Every migration can be undone, and the schema comes back identical. Also the plain-URL path."""
    from alembic import command

    url = scratch_database.set(drivername="postgresql").render_as_string(hide_password=False)
    external = settings.model_copy(update={"database_url": url})
    topo = migrate.resolve(external)
    everything = all_revisions()
    assert migrate.upgrade(external, topo) == everything
    with migrate.owner_connection(topo) as conn, conn.begin():
        command.downgrade(migrate.alembic_config(conn), "base")
    with psycopg.connect(libpq(topo.owner)) as conn:
        left = conn.execute(
            "select count(*) from pg_tables where schemaname = 'public' and tablename <> 'alembic_version'"
        ).fetchone()
    assert left == (0,)
    assert migrate.upgrade(external, topo) == everything
    assert migrate.check(external, topo) == []


def test_check_names_a_missing_policy(settings: Settings, scratch_database: URL) -> None:
    url = scratch_database.render_as_string(hide_password=False)
    external = settings.model_copy(update={"database_url": url})
    topo = migrate.resolve(external)
    migrate.upgrade(external, topo)
    with psycopg.connect(libpq(topo.owner), autocommit=True) as conn:
        conn.execute("alter table leads no force row level security")
        conn.execute("drop policy pol_vehicles_tenant on vehicles")
    problems = migrate.check(external, topo)
    assert "leads: row-level security is not enabled and FORCEd" in problems
    assert "vehicles: no row-level security policy" in problems


def test_the_database_checks_allow_exactly_the_models_vocabularies(owner_url: str) -> None:
    """The migrations and the models (so showroom.vocabulary) agree on every enum column's values: `db check`
    does not compare CHECK constraints, so a vocabulary changed without a migration is caught here."""
    from tests.test_vocabulary import _in_checks

    with psycopg.connect(owner_url) as conn:
        rows = conn.execute(
            "select conrelid::regclass::text, conname, pg_get_constraintdef(oid) from pg_constraint "
            "where contype = 'c' and connamespace = 'public'::regnamespace"
        ).fetchall()
    in_list = re.compile(r"CHECK \(\(\((\w+)\)::text = ANY \(\(ARRAY\[(.*)\]\)::text\[\]\)\)\)")
    database: dict[tuple[str, str], set[str]] = {}
    for table, name, definition in rows:
        match = in_list.fullmatch(definition)
        if match is not None:
            assert name == f"ck_{table}_{match.group(1)}"
            database[(table, match.group(1))] = set(re.findall(r"'((?:[^']|'')*)'::character varying", match.group(2)))
    models = {key: set(values) for key, values in _in_checks().items()}
    assert database == models
