"""Lead scores decay when a lead goes quiet (issue 20): the daily sweep finds the dealerships to decay.

The sweep runs with no tenant, so it cannot read ``dealerships`` under RLS; like ``overdue_handovers()`` (0006) a
SECURITY DEFINER function owned by maintenance returns ids only, and each dealership's decay runs in a job of its
own, acting for it.

Revision ID: 0021
Revises: 0018
"""

from collections.abc import Sequence

from alembic import op

from showroom.db.ddl import quote_ident, roles

revision: str = "0021"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIVE = """
    CREATE FUNCTION active_dealership_ids()
    RETURNS SETOF int
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        SELECT d.id FROM dealerships d WHERE d.is_active ORDER BY d.id
    $$"""


def upgrade() -> None:
    app, maint = roles()["app"], roles()["maint"]
    op.execute(ACTIVE)
    op.execute(f"ALTER FUNCTION active_dealership_ids() OWNER TO {quote_ident(maint)}")
    op.execute("REVOKE ALL ON FUNCTION active_dealership_ids() FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION active_dealership_ids() TO {quote_ident(app)}")


def downgrade() -> None:
    op.execute("DROP FUNCTION active_dealership_ids()")
