"""Issue 20's sweeps: lead scores decay when a lead goes quiet (the daily sweep finds the dealerships to decay),
and scheduled reports run when due (the minute sweep finds the schedules due).

The sweep runs with no tenant, so it cannot read ``dealerships`` under RLS; like ``overdue_handovers()`` (0006) a
SECURITY DEFINER function owned by maintenance returns ids only, and each dealership's decay runs in a job of its
own, acting for it.

Revision ID: 0020
Revises: 0019
"""

from collections.abc import Sequence

from alembic import op

from showroom.db.ddl import quote_ident, roles

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIVE = """
    CREATE FUNCTION active_dealership_ids()
    RETURNS SETOF int
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        SELECT d.id FROM dealerships d WHERE d.is_active ORDER BY d.id
    $$"""
DUE_REPORTS = """
    CREATE FUNCTION due_report_schedules()
    RETURNS TABLE (id int, dealership_id int)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        SELECT r.id, r.dealership_id FROM report_schedules r
        JOIN dealerships d ON d.id = r.dealership_id AND d.is_active
        WHERE r.is_active AND r.next_run_at <= now()
    $$"""
FUNCTIONS = (("active_dealership_ids()", ACTIVE), ("due_report_schedules()", DUE_REPORTS))


def upgrade() -> None:
    app, maint = roles()["app"], roles()["maint"]
    for signature, ddl in FUNCTIONS:
        op.execute(ddl)
        op.execute(f"ALTER FUNCTION {signature} OWNER TO {quote_ident(maint)}")
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO {quote_ident(app)}")


def downgrade() -> None:
    for signature, _ in FUNCTIONS:
        op.execute(f"DROP FUNCTION {signature}")
