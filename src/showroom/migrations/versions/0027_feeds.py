"""Inventory imports as jobs (issue 15, finding 4) and self-refreshing inventory feeds (issue 19).

``inventory_feed_sources``: a dealership's feed fetched on a schedule (https with conditional GET, or SFTP with a
pinned host key), its state and the last error. ``inventory_imports``: one import run, the file stored until it
ends, progress and report. ``inventory_import_rows``: the parsed rows a run stages in batches before applying them
in one transaction. ``due_feed_sources()``: the sources due, across dealerships (ids only), for the minute sweep.

Revision ID: 0027
Revises: 0026
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from showroom.db.ddl import grant, quote_ident, roles, tenant_policy, updated_at_trigger

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("inventory_feed_sources", "inventory_imports", "inventory_import_rows")
DUE = """
    CREATE FUNCTION due_feed_sources()
    RETURNS TABLE (id uuid, dealership_id int)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        SELECT f.id, f.dealership_id FROM inventory_feed_sources f
        JOIN dealerships d ON d.id = f.dealership_id AND d.is_active
        WHERE f.enabled AND f.next_run_at <= now()
    $$"""


def _timestamps() -> list[sa.Column[Any]]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
    ]


def _tenant_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["dealership_id"], ["dealerships.id"], name=op.f(f"fk_{table}_dealership_id"), ondelete="CASCADE"
    )


def _user_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["created_by_user_id"], ["users.id"], name=op.f(f"fk_{table}_created_by_user_id"), ondelete="SET NULL"
    )


def upgrade() -> None:
    app, maint = roles()["app"], roles()["maint"]
    t = "inventory_feed_sources"
    op.create_table(
        t,
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("host_key", sa.Text(), nullable=True),
        sa.Column("password", sa.String(length=200), nullable=True),
        sa.Column("full_feed", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("interval_minutes", sa.Integer(), server_default=sa.text("60"), nullable=False),
        sa.Column("stale_after_hours", sa.Integer(), server_default=sa.text("48"), nullable=False),
        sa.Column("enabled", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("content_sha256", sa.String(length=64), nullable=True),
        sa.Column("next_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_run_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_change_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(length=10), server_default=sa.text("'ok'"), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("warned_state", sa.String(length=10), nullable=True),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        *_timestamps(),
        sa.CheckConstraint("kind IN ('https', 'sftp')", name=op.f(f"ck_{t}_kind")),
        sa.CheckConstraint("state IN ('ok', 'failing', 'stale')", name=op.f(f"ck_{t}_state")),
        sa.CheckConstraint("warned_state IN ('ok', 'failing', 'stale')", name=op.f(f"ck_{t}_warned_state")),
        sa.CheckConstraint(
            "interval_minutes >= 5 AND interval_minutes <= 10080", name=op.f(f"ck_{t}_interval_minutes")
        ),
        sa.CheckConstraint(
            "stale_after_hours >= 1 AND stale_after_hours <= 8760", name=op.f(f"ck_{t}_stale_after_hours")
        ),
        _tenant_fk(t),
        _user_fk(t),
        sa.PrimaryKeyConstraint("dealership_id", "id", name=op.f(f"pk_{t}")),  # Citus: the tenant first (0024)
    )
    op.create_index(f"ix_{t}_dealership_id", t, ["dealership_id"])
    op.create_index(
        f"ix_{t}_created_by_user_id",
        t,
        ["created_by_user_id"],
        postgresql_where=sa.text("created_by_user_id IS NOT NULL"),
    )
    op.create_index(f"ix_{t}_next_run_at", t, ["next_run_at"], postgresql_where=sa.text("enabled"))

    t = "inventory_imports"
    op.create_table(
        t,
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.UUID(), nullable=True),
        sa.Column("status", sa.String(length=20), server_default=sa.text("'queued'"), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=True),
        sa.Column("full_feed", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("rows_total", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("rows_done", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("report", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("cancel_requested", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        *_timestamps(),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'done', 'failed', 'cancelled')", name=op.f(f"ck_{t}_status")
        ),
        _tenant_fk(t),
        _user_fk(t),
        sa.ForeignKeyConstraint(  # composite, as every tenant reference since 0024; SET NULL clears source_id only
            ["dealership_id", "source_id"],
            ["inventory_feed_sources.dealership_id", "inventory_feed_sources.id"],
            name=op.f(f"fk_{t}_source_id"),
            ondelete="SET NULL (source_id)",
        ),
        sa.PrimaryKeyConstraint("dealership_id", "id", name=op.f(f"pk_{t}")),
    )
    op.create_index(f"ix_{t}_dealership_id_created_at", t, ["dealership_id", "created_at"])
    op.create_index(f"ix_{t}_source_id", t, ["source_id"], postgresql_where=sa.text("source_id IS NOT NULL"))
    op.create_index(
        f"ix_{t}_created_by_user_id",
        t,
        ["created_by_user_id"],
        postgresql_where=sa.text("created_by_user_id IS NOT NULL"),
    )
    # The file is read once, whole, by the job: no compression attempt on 25 MB of CSV, kept out of line.
    op.execute(f"ALTER TABLE {t} ALTER COLUMN content SET STORAGE EXTERNAL")

    t = "inventory_import_rows"
    op.create_table(
        t,
        sa.Column("import_id", sa.UUID(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("vin", sa.String(length=17), nullable=False),
        sa.Column("vehicle", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        _tenant_fk(t),
        sa.ForeignKeyConstraint(
            ["dealership_id", "import_id"],
            ["inventory_imports.dealership_id", "inventory_imports.id"],
            name=op.f(f"fk_{t}_import_id"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("dealership_id", "import_id", "line", name=op.f(f"pk_{t}")),
    )
    op.create_index(f"ix_{t}_dealership_id", t, ["dealership_id"])
    for table in TABLES:
        for stmt in tenant_policy(table):
            op.execute(stmt)
        if table != "inventory_import_rows":
            op.execute(updated_at_trigger(table))
        op.execute(grant("SELECT, INSERT, UPDATE, DELETE", table, app))
        op.execute(grant("SELECT, INSERT, UPDATE, DELETE", table, maint))
    op.execute(DUE)
    op.execute(f"ALTER FUNCTION due_feed_sources() OWNER TO {quote_ident(maint)}")
    op.execute("REVOKE ALL ON FUNCTION due_feed_sources() FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION due_feed_sources() TO {quote_ident(app)}")


def downgrade() -> None:
    op.execute("DROP FUNCTION due_feed_sources()")
    op.drop_table("inventory_import_rows")
    op.drop_table("inventory_imports")
    op.drop_table("inventory_feed_sources")
