"""The Citus rules (showroom.db.citus, docs/SCALING.md §4) on the migrated schema, and the distribution plan."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from showroom.db import citus, migrate
from showroom.db.urls import Topology
from showroom.models.placement import LOCAL_TABLES, REFERENCE_TABLES
from showroom.settings import Settings
from tests.conftest import cli_env


@pytest.fixture
def owner(topo: Topology) -> Iterator[Connection]:
    """An owner connection in a transaction rolled back at the end: a rule broken here is never committed."""
    with migrate.owner_connection(topo) as conn:
        conn.begin()
        try:
            yield conn
        finally:
            conn.rollback()


def test_the_migrated_schema_follows_every_rule(owner: Connection) -> None:
    schema = citus.inspect(owner)
    assert schema.problems == []
    kinds = {name: t.kind for name, t in schema.tables.items()}
    assert {n for n, k in kinds.items() if k == "reference"} == set(REFERENCE_TABLES)
    assert {"audit_logs", "intake_dead_letters", "rate_counters", "alembic_version", "procrastinate_jobs"} <= {
        n for n, k in kinds.items() if k == "local"
    }
    assert {"leads", "messages", "conversations", "customers", "appointments"} <= {
        n for n, k in kinds.items() if k == "distributed"
    }


def test_a_table_that_breaks_a_rule_is_named_with_the_rule(owner: Connection) -> None:
    owner.execute(text("create unique index probe_leads_id on leads (id)"))  # what a plain FK to leads would need
    owner.execute(
        text(
            "create table probes (id uuid primary key, dealership_id int not null, email text unique, "
            "lead_id uuid references leads (id))"
        )
    )
    owner.execute(text("create table loose (id int primary key)"))
    owner.execute(text("alter table vehicles drop constraint pk_vehicles cascade"))
    owner.execute(text("alter table leads drop constraint fk_leads_assigned_user_id"))
    owner.execute(text("alter table leads add foreign key (assigned_user_id) references users (id)"))
    problems = "\n".join(citus.verify(owner))
    assert "probes: primary key probes_pkey (id) lacks dealership_id" in problems
    assert "probes: unique key probes_email_key (email) lacks dealership_id" in problems
    assert "leads: unique key probe_leads_id (id) lacks dealership_id" in problems
    assert re.search(r"probes: foreign key \w+ \(lead_id\) → leads \(id\) does not carry dealership_id", problems)
    assert "loose: no dealership_id and not named a reference or coordinator-local table" in problems
    assert "vehicles: no primary key" in problems
    assert "leads: assigned_user_id names an assignee, who must be a member of the row's dealership" in problems
    with pytest.raises(ValueError, match="probes: primary key"):
        citus.plan(owner)


def test_the_plan_places_every_table_once_and_each_after_what_it_references(owner: Connection) -> None:
    lines = citus.plan(owner)
    calls = [re.match(r"SELECT create_(reference|distributed)_table\('(\w+)'", line) for line in lines]
    order = [(m.group(1), m.group(2)) for m in calls if m]
    names = [name for _, name in order]
    assert len(names) == len(set(names))
    schema = citus.inspect(owner)
    distributed = {n for n, t in schema.tables.items() if t.kind == "distributed"}
    assert set(names) == set(REFERENCE_TABLES) | distributed
    assert [kind for kind, _ in order] == sorted(kind for kind, _ in order)[::-1]  # every reference table first
    first = names[len(REFERENCE_TABLES)]
    assert f"SELECT create_distributed_table('{first}', 'dealership_id');" in lines
    dropped = {m.group(1) for line in lines if (m := re.match(r"ALTER TABLE \w+ DROP CONSTRAINT (\w+);", line))}
    readded = {m.group(1) for line in lines if (m := re.match(r"ALTER TABLE \w+ ADD CONSTRAINT (\w+) ", line))}
    assert dropped == readded == {"fk_prompt_experiments_winner_variant_id"}  # the one cycle
    position = {name: i for i, name in enumerate(names)}
    rows = owner.execute(
        text(
            "select c.conname, t.relname, p.relname from pg_constraint c join pg_class t on t.oid = c.conrelid "
            "join pg_class p on p.oid = c.confrelid where c.contype = 'f' and c.connamespace = 'public'::regnamespace"
        )
    )
    for name, table, parent in rows:
        if table in position and parent in position and table != parent and name not in dropped:
            assert position[parent] < position[table], f"{table} is distributed before {parent} ({name})"
    for local in ("audit_logs", "intake_dead_letters", "rate_counters"):
        assert f"--   {local}: {LOCAL_TABLES[local]}" in lines


def test_showroom_db_citus_plan_prints_the_plan(settings: Settings, topo: Topology) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "showroom", "db", "citus-plan"],
        env=cli_env(settings),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("-- reference tables")
    assert "SELECT create_reference_table('dealerships');" in done.stdout
    assert "SELECT create_distributed_table('messages', 'dealership_id', colocate_with => " in done.stdout


def test_the_calls_in_docs_scaling_are_the_ones_the_plan_prints(owner: Connection) -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "SCALING.md").read_text()
    documented = [line.split(";")[0] for line in doc.splitlines() if line.startswith("SELECT create_")]
    printed = [line.split(";")[0] for line in citus.plan(owner) if line.startswith("SELECT create_")]
    assert documented
    assert documented == printed[: len(documented)]
