"""The Citus rules, checked on a live schema, and the calls that distribute it (docs/SCALING.md §4).

``verify`` reads the catalog of a migrated database and names every table that breaks a rule of a distributed
table (or that no list places); ``plan`` prints the ``create_reference_table`` / ``create_distributed_table``
sequence for that schema. Which table goes where is ``models/placement.py``, nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from showroom.models.placement import (
    DISTRIBUTION_COLUMN,
    MEMBER_USER_COLUMNS,
    REFERENCE_TABLES,
    placement,
    reason,
)

_TABLES = """
select c.relname, exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = :col
                          and not a.attisdropped) as tenant,
       coalesce((select a.attnotnull from pg_attribute a where a.attrelid = c.oid and a.attname = :col), false)
from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') order by c.relname
"""
# Primary keys, unique constraints and unique indexes: the key's columns by name (an expression is NULL).
_KEYS = """
select t.relname, i.relname, x.indisprimary,
       array(select a.attname from unnest(x.indkey::int2[]) with ordinality k(n, o)
             left join pg_attribute a on a.attrelid = t.oid and a.attnum = k.n
             where o <= x.indnkeyatts order by o)::text[]
from pg_index x join pg_class t on t.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
where t.relnamespace = 'public'::regnamespace and x.indisunique
"""
# Foreign keys with their columns paired in order.
_FKS = """
select c.conname, t.relname, p.relname,
       array(select a.attname from unnest(c.conkey) with ordinality k(n, o)
             join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by o)::text[],
       array(select a.attname from unnest(c.confkey) with ordinality k(n, o)
             join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by o)::text[]
from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class p on p.oid = c.confrelid
where c.contype = 'f' and c.connamespace = 'public'::regnamespace
order by t.relname, c.conname
"""


@dataclass
class Table:
    name: str
    kind: str  # reference, local, distributed, unplaced
    not_null: bool
    references: list[str] = field(default_factory=list)  # the tables its foreign keys point to


@dataclass
class Schema:
    tables: dict[str, Table]
    problems: list[str]


def inspect(conn: Connection) -> Schema:
    """The placement of every table of ``public`` and every broken rule, one sentence each."""
    tables: dict[str, Table] = {}
    for name, tenant, not_null in conn.execute(text(_TABLES), {"col": DISTRIBUTION_COLUMN}):
        tables[name] = Table(name, placement(name, tenant), not_null)
    problems: list[str] = []
    for name in sorted(REFERENCE_TABLES):
        if name not in tables:
            problems.append(f"{name}: named a reference table in models/placement.py but not in the database")
    for t in tables.values():
        if t.kind == "unplaced":
            problems.append(
                f"{t.name}: no {DISTRIBUTION_COLUMN} and not named a reference or coordinator-local table "
                "(models/placement.py): say where it lives"
            )
        elif t.kind == "distributed" and not t.not_null:
            problems.append(f"{t.name}: {DISTRIBUTION_COLUMN} is nullable; a distributed table's must be NOT NULL")
    problems += _key_problems(conn, tables)
    problems += _fk_problems(conn, tables)
    return Schema(tables, problems)


def verify(conn: Connection) -> list[str]:
    return inspect(conn).problems


def _key_problems(conn: Connection, tables: dict[str, Table]) -> list[str]:
    problems: list[str] = []
    has_pk: set[str] = set()
    for table, index, primary, columns in conn.execute(text(_KEYS)):
        if table not in tables or tables[table].kind != "distributed":
            continue
        if primary:
            has_pk.add(table)
        if DISTRIBUTION_COLUMN not in columns:
            what = "primary key" if primary else "unique key"
            cols = ", ".join(c or "(expression)" for c in columns)
            problems.append(
                f"{table}: {what} {index} ({cols}) lacks {DISTRIBUTION_COLUMN}; "
                f"a distributed table's keys must include it, e.g. ({DISTRIBUTION_COLUMN}, {cols})"
            )
    for t in tables.values():
        if t.kind == "distributed" and t.name not in has_pk:
            problems.append(f"{t.name}: no primary key; make it ({DISTRIBUTION_COLUMN}, id)")
    return problems


def _members() -> list[tuple[str, str]]:
    return [(table, column) for table, columns in MEMBER_USER_COLUMNS.items() for column in columns]


def _fk_problems(conn: Connection, tables: dict[str, Table]) -> list[str]:
    problems: list[str] = []
    members: set[tuple[str, str]] = set()
    for name, table, parent, columns, parent_columns in conn.execute(text(_FKS)):
        child, target = tables.get(table), tables.get(parent)
        if child is None or target is None:
            continue
        child.references.append(parent)
        pairs = list(zip(columns, parent_columns, strict=True))
        if child.kind == "distributed" and target.kind == "distributed":
            if (DISTRIBUTION_COLUMN, DISTRIBUTION_COLUMN) not in pairs:
                problems.append(
                    f"{table}: foreign key {name} ({', '.join(columns)}) → {parent} ({', '.join(parent_columns)}) "
                    f"does not carry {DISTRIBUTION_COLUMN}; make it ({DISTRIBUTION_COLUMN}, {', '.join(columns)}) "
                    f"→ {parent} ({DISTRIBUTION_COLUMN}, {', '.join(parent_columns)})"
                )
        elif child.kind == "distributed" and target.kind == "local":
            problems.append(f"{table}: foreign key {name} points to the coordinator-local table {parent}")
        elif child.kind == "reference" and target.kind != "reference":
            problems.append(f"{table}: the reference table's foreign key {name} points to the {target.kind} {parent}")
        if parent == "users" and columns[-1] in MEMBER_USER_COLUMNS.get(table, ()):
            members.add((table, columns[-1]))
            if (DISTRIBUTION_COLUMN, DISTRIBUTION_COLUMN) not in pairs:
                problems.append(
                    f"{table}: {columns[-1]} names an assignee, who must be a member of the row's dealership: "
                    f"make {name} ({DISTRIBUTION_COLUMN}, {columns[-1]}) → users ({DISTRIBUTION_COLUMN}, id)"
                )
    for table, column in sorted(set(_members()) - members):
        if table in tables:
            problems.append(f"{table}: no foreign key from {column} to users (models/placement.py names it)")
    return problems


def _in_fk_order(names: list[str], tables: dict[str, Table]) -> list[str]:
    """``names`` with each table after the ones it references (a cycle is broken where it closes)."""
    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in ordered or name in visiting:
            return
        visiting.add(name)
        for parent in sorted(set(tables[name].references)):
            if parent in names and parent != name:
                visit(parent)
        visiting.discard(name)
        ordered.append(name)

    for name in names:
        visit(name)
    return ordered


def plan(conn: Connection) -> list[str]:
    """The SQL that moves this schema onto Citus: reference tables, then distributed ones co-located by dealership,
    parents first. Raises ``ValueError`` naming the problems if the schema breaks a rule."""
    schema = inspect(conn)
    if schema.problems:
        raise ValueError("; ".join(schema.problems))
    tables = schema.tables
    cycles = _cycle_fks(conn, tables)
    lines = ["-- reference tables: copied to every node"]
    for name in _in_fk_order(sorted(n for n, t in tables.items() if t.kind == "reference"), tables):
        lines.append(f"SELECT create_reference_table('{name}');  -- {reason(name)}")
    lines.append(f"-- distributed tables: by {DISTRIBUTION_COLUMN}, co-located, each after the tables it references")
    for table, name, _ in cycles:
        lines.append(f"ALTER TABLE {table} DROP CONSTRAINT {name};  -- a cycle: put back once both are distributed")
    distributed = _in_fk_order(sorted(n for n, t in tables.items() if t.kind == "distributed"), tables)
    for i, name in enumerate(distributed):
        colocate = "" if i == 0 else f", colocate_with => '{distributed[0]}'"
        lines.append(f"SELECT create_distributed_table('{name}', '{DISTRIBUTION_COLUMN}'{colocate});")
    for table, name, definition in cycles:
        lines.append(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition};")
    lines.append("-- coordinator-local: not distributed (Citus adds those with a foreign key to a reference table to")
    lines.append("-- its metadata by itself: citus.enable_local_reference_table_foreign_keys, on by default)")
    for name in sorted(n for n, t in tables.items() if t.kind == "local"):
        lines.append(f"--   {name}: {reason(name)}")
    return lines


def _cycle_fks(conn: Connection, tables: dict[str, Table]) -> list[tuple[str, str, str]]:
    """Foreign keys between distributed tables that point forward in the distribution order (a cycle)."""
    order = _in_fk_order(sorted(n for n, t in tables.items() if t.kind == "distributed"), tables)
    position = {name: i for i, name in enumerate(order)}
    rows = conn.execute(
        text(
            "select t.relname, c.conname, pg_get_constraintdef(c.oid), p.relname from pg_constraint c "
            "join pg_class t on t.oid = c.conrelid join pg_class p on p.oid = c.confrelid "
            "where c.contype = 'f' and c.connamespace = 'public'::regnamespace order by 1, 2"
        )
    )
    return [
        (table, name, definition)
        for table, name, definition, parent in rows
        if table in position and parent in position and parent != table and position[parent] > position[table]
    ]


__all__ = ["Schema", "Table", "inspect", "plan", "reason", "verify"]
