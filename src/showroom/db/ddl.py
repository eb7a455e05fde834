"""DDL building blocks the migrations share: RLS policies, updated_at triggers, grants.

Kept small and stable: a migration that used them must keep producing the same DDL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import context, op

TENANT_SETTING = "NULLIF(current_setting('app.dealership_id', true), '')::int"
USER_SETTING = "NULLIF(current_setting('app.user_id', true), '')::int"


def roles() -> dict[str, str]:
    """Role names for this run (``showroom db upgrade`` passes them; the plain alembic CLI gets defaults)."""
    given = context.config.attributes.get("roles") or {}
    return {"app": given.get("app", "showroom_app"), "maint": given.get("maint", "showroom_maint")}


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def tenant_policy(table: str, key: str = "dealership_id") -> list[str]:
    """ENABLE + FORCE row-level security and the one FOR ALL policy on the tenant setting (§4)."""
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY",
        f"CREATE POLICY pol_{table}_tenant ON {table} FOR ALL "
        f"USING ({key} = {TENANT_SETTING}) WITH CHECK ({key} = {TENANT_SETTING})",
    ]


def updated_at_trigger(table: str) -> str:
    return (
        f"CREATE TRIGGER tg_{table}_updated_at BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION set_updated_at()"
    )


def grant(privileges: str, table: str, role: str) -> str:
    return f"GRANT {privileges} ON {table} TO {quote_ident(role)}"


@contextmanager
def as_maintenance() -> Iterator[None]:
    """Run a migration's data step as the maintenance role (FORCE RLS binds the owner too), then switch back to
    whichever role ran the migration before (never RESET ROLE: that would drop to the login's own role)."""
    bind = op.get_bind()
    before = bind.exec_driver_sql("select current_user").scalar()
    bind.exec_driver_sql(f"SET LOCAL ROLE {quote_ident(roles()['maint'])}")
    try:
        yield
    finally:
        bind.exec_driver_sql(f"SET LOCAL ROLE {quote_ident(str(before))}")
