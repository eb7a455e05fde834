"""Background jobs: procrastinate's schema, applied here so it is versioned with ours (DESIGN.md §8).

procrastinate's tables carry no tenant data and no RLS: a task receives ids and sets its own tenant.
Upgrading procrastinate later means a new migration that applies its own migration scripts.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op
from procrastinate.schema import SchemaManager

from showroom.db.ddl import quote_ident, roles

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("procrastinate_jobs", "procrastinate_events", "procrastinate_periodic_defers", "procrastinate_workers")


def upgrade() -> None:
    # The raw driver connection: the schema holds ':' and '%' that SQLAlchemy would take for parameters,
    # and several statements, which psycopg runs in one call when there are no parameters.
    op.get_bind().connection.driver_connection.execute(SchemaManager.get_schema())  # type: ignore[union-attr]
    for role in roles().values():
        for table in TABLES:
            op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {quote_ident(role)}")
        op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quote_ident(role)}")


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"DROP TABLE IF EXISTS {table} CASCADE")
    op.execute("""
        DO $$
        DECLARE f record;
        BEGIN
            FOR f IN SELECT p.oid::regprocedure AS sig FROM pg_proc p
                     WHERE p.proname LIKE 'procrastinate%' AND p.pronamespace = 'public'::regnamespace LOOP
                EXECUTE 'DROP FUNCTION ' || f.sig || ' CASCADE';
            END LOOP;
        END $$""")
    for typ in ("procrastinate_job_to_defer_v1", "procrastinate_job_event_type", "procrastinate_job_status"):
        op.execute(f"DROP TYPE IF EXISTS {typ}")
