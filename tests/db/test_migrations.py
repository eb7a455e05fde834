"""Migrations: idempotent, reversible, and the result passes `db check` and the shared schema lint."""

from __future__ import annotations

import re
import uuid

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import URL

from showroom.db import migrate
from showroom.db.urls import Topology, libpq
from showroom.settings import Settings
from tests.conftest import SHARED
from tests.db.schema_lint import more_tenant_tables, run_lint


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
    result = run_lint(owner_url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"0 findings; {29 + len(more_tenant_tables())}/29 tables present" in result.stdout


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


def test_0014_brings_the_new_default_triggers_to_dealerships_created_before(
    settings: Settings, scratch_database: URL
) -> None:
    """New defaults are installed for every dealership; a changed default is updated only where the dealership
    left it as installed."""
    import importlib.util
    import json

    from alembic import command

    from showroom.brain.escalation.defaults import DEFAULT_TRIGGERS

    (path,) = (migrate.MIGRATIONS / "versions").glob("0014_*.py")  # a module name can't start with a digit
    spec = importlib.util.spec_from_file_location("m0014", path)
    assert spec is not None and spec.loader is not None
    m0014 = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m0014)

    url = scratch_database.render_as_string(hide_password=False)
    external = settings.model_copy(update={"database_url": url})
    topo = migrate.resolve(external)
    migrate.upgrade(external, topo)
    roles = {"app": topo.app_role, "maint": topo.maint_role}
    with migrate.owner_connection(topo) as conn, conn.begin():
        command.downgrade(migrate.alembic_config(conn, roles), "0013")
    old_legal = m0014.OLD["Legal or compliance"]
    edited = [{**old_legal[0], "value": [*old_legal[0]["value"], "ombudsman"]}, old_legal[1]]
    with psycopg.connect(libpq(topo.owner)) as conn:
        conn.execute(sql.SQL("set role {}").format(sql.Identifier(topo.maint_role)))
        ids = []
        for sub in ("kept-as-installed", "edited-its-triggers"):
            row = conn.execute(
                "insert into dealerships (name, subdomain, contact_email) values (%s, %s, %s) returning id",
                (sub, sub, f"{sub}@example.com"),
            ).fetchone()
            assert row is not None
            ids.append(row[0])
        for dealership_id, legal in zip(ids, (old_legal, edited), strict=True):
            for name, conditions in (("Legal or compliance", legal), ("Safety recall", m0014.OLD["Safety recall"])):
                conn.execute(
                    "insert into escalation_triggers (dealership_id, name, conditions) values (%s, %s, %s)",
                    (dealership_id, name, json.dumps(conditions)),
                )
    assert migrate.upgrade(external, topo)[:1] == ["0014"]  # later revisions follow
    with psycopg.connect(libpq(topo.owner)) as conn:
        conn.execute(sql.SQL("set role {}").format(sql.Identifier(topo.maint_role)))
        rows = conn.execute("select dealership_id, name, conditions from escalation_triggers").fetchall()
    found = {(d, name): conditions for d, name, conditions in rows}
    defaults = {t["name"]: json.loads(json.dumps(t["conditions"])) for t in DEFAULT_TRIGGERS}
    for dealership_id in ids:
        for name in m0014.NEW:
            assert found[(dealership_id, name)] == defaults[name]
        assert found[(dealership_id, "Safety recall")] == defaults["Safety recall"]
    assert (
        found[(ids[0], "Legal or compliance")]
        == defaults["Legal or compliance"]
        == [{"type": "custom", "value": "legal"}]
    )
    assert found[(ids[1], "Legal or compliance")] == edited  # the dealership's own edit is kept


def test_0017_gives_customers_who_texted_first_their_consent_and_nobody_else(
    settings: Settings, scratch_database: URL
) -> None:
    from alembic import command

    url = scratch_database.render_as_string(hide_password=False)
    external = settings.model_copy(update={"database_url": url})
    topo = migrate.resolve(external)
    migrate.upgrade(external, topo)
    roles = {"app": topo.app_role, "maint": topo.maint_role}
    with migrate.owner_connection(topo) as conn, conn.begin():
        command.downgrade(migrate.alembic_config(conn, roles), "0016")
    with psycopg.connect(libpq(topo.owner)) as conn:
        conn.execute(sql.SQL("set role {}").format(sql.Identifier(topo.maint_role)))
        row = conn.execute(
            "insert into dealerships (name, subdomain, contact_email) values ('d', 'texted', 'd@x.example') "
            "returning id"
        ).fetchone()
        assert row is not None
        d = row[0]
        customers = {}
        for name, channel in (("Texter", "sms"), ("Mailer", "email")):
            c = conn.execute(
                "insert into customers (dealership_id, full_name) values (%s, %s) returning id", (d, name)
            ).fetchone()
            assert c is not None
            lead = conn.execute(
                "insert into leads (dealership_id, customer_id, lead_number, source, source_key) "
                "values (%s, %s, %s, 'api', %s) returning id",
                (d, c[0], f"LEAD-26-{len(customers) + 1:05d}", f"k{name}"),
            ).fetchone()
            assert lead is not None
            v = conn.execute(
                "insert into conversations (dealership_id, lead_id, customer_id, channel) values (%s, %s, %s, %s) "
                "returning id",
                (d, lead[0], c[0], channel),
            ).fetchone()
            assert v is not None
            conn.execute(
                "insert into messages (dealership_id, conversation_id, type, sender, channel, content, "
                "delivery_status) values (%s, %s, 'inbound', 'customer', %s, 'hi', 'received')",
                (d, v[0], channel),
            )
            customers[name] = c[0]
    migrate.upgrade(external, topo)
    with psycopg.connect(libpq(topo.owner)) as conn:
        conn.execute(sql.SQL("set role {}").format(sql.Identifier(topo.maint_role)))
        consent = dict(conn.execute("select full_name, sms_consent from customers where dealership_id = %s", (d,)))
    assert consent["Texter"]["granted"] is True and consent["Texter"]["source"] == "customer texted first"
    assert consent["Mailer"] is None


def test_0023_gives_dealerships_created_before_the_learned_trigger(settings: Settings, scratch_database: URL) -> None:
    """The learned detector's default trigger reaches dealerships that existed before it, as the defaults define
    it; a dealership that already has a trigger of that name keeps its own."""
    import json

    from alembic import command

    from showroom.brain.escalation.defaults import DEFAULT_TRIGGERS

    name = "Reads like a message for a person"
    url = scratch_database.render_as_string(hide_password=False)
    external = settings.model_copy(update={"database_url": url})
    topo = migrate.resolve(external)
    migrate.upgrade(external, topo)
    with migrate.owner_connection(topo) as conn, conn.begin():
        command.downgrade(migrate.alembic_config(conn, {"app": topo.app_role, "maint": topo.maint_role}), "0022")
    with psycopg.connect(libpq(topo.owner)) as conn:
        conn.execute(sql.SQL("set role {}").format(sql.Identifier(topo.maint_role)))
        ids = []
        for sub in ("older", "has-its-own"):
            row = conn.execute(
                "insert into dealerships (name, subdomain, contact_email) values (%s, %s, %s) returning id",
                (sub, sub, f"{sub}@example.com"),
            ).fetchone()
            assert row is not None
            ids.append(row[0])
        own = [{"type": "keyword", "value": ["manager"]}]
        conn.execute(
            "insert into escalation_triggers (dealership_id, name, conditions) values (%s, %s, %s)",
            (ids[1], name, json.dumps(own)),
        )
    assert "0023" in migrate.upgrade(external, topo)
    with psycopg.connect(libpq(topo.owner)) as conn:
        conn.execute(sql.SQL("set role {}").format(sql.Identifier(topo.maint_role)))
        rows = conn.execute(
            "select dealership_id, conditions, priority, action from escalation_triggers where name = %s", (name,)
        ).fetchall()
    found = {d: (conditions, priority, action) for d, conditions, priority, action in rows}
    default = next(t for t in DEFAULT_TRIGGERS if t["name"] == name)
    assert found[ids[0]] == (default["conditions"], default["priority"], "handover")
    assert found[ids[1]][0] == own
