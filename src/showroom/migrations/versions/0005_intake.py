"""Lead intake: the dead-letter list, Idempotency-Key lookups, and explicit ADF vendor routing.

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from showroom.db.ddl import grant, quote_ident, roles, updated_at_trigger

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RESOLVE_VENDOR = """
    CREATE FUNCTION resolve_adf_vendor(p_name text, p_id text)
    RETURNS int
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        -- Only an explicit, unambiguous match: the dealership that lists this vendor name or id in
        -- lead_routing. Two candidates (or none) is NULL: never a guess, never a fallback tenant.
        SELECT CASE WHEN count(*) = 1 THEN min(d.id) END
        FROM dealerships d
        WHERE d.is_active AND (
            (p_name IS NOT NULL AND EXISTS (
                SELECT 1 FROM jsonb_array_elements_text(d.lead_routing -> 'adf_vendor_names') AS v(name)
                WHERE lower(btrim(v.name)) = lower(btrim(p_name))))
            OR (p_id IS NOT NULL AND EXISTS (
                SELECT 1 FROM jsonb_array_elements_text(d.lead_routing -> 'adf_vendor_ids') AS v(id)
                WHERE btrim(v.id) = btrim(p_id))))
    $$"""


def upgrade() -> None:
    app, maint = roles()["app"], roles()["maint"]
    op.create_table(
        "intake_dead_letters",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("sender", sa.String(length=255), nullable=True),
        sa.Column("recipient", sa.String(length=255), nullable=True),
        sa.Column("vendor_name", sa.String(length=255), nullable=True),
        sa.Column("provider_name", sa.String(length=255), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_dealership_id", sa.Integer(), nullable=True),
        sa.Column("resolved_lead_id", postgresql.UUID(as_uuid=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint(
            "channel IN ('adf_http', 'inbound_email', 'cli')", name=op.f("ck_intake_dead_letters_channel")
        ),
        sa.ForeignKeyConstraint(
            ["resolved_dealership_id"],
            ["dealerships.id"],
            ondelete="CASCADE",
            name=op.f("fk_intake_dead_letters_resolved_dealership_id"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_dead_letters")),
    )
    op.create_index(
        "ix_intake_dead_letters_received_at",
        "intake_dead_letters",
        ["received_at"],
        postgresql_where=sa.text("resolved_at IS NULL"),
    )
    op.create_index(
        "ix_intake_dead_letters_resolved_dealership_id",
        "intake_dead_letters",
        ["resolved_dealership_id"],
        postgresql_where=sa.text("resolved_dealership_id IS NOT NULL"),
    )
    op.execute(updated_at_trigger("intake_dead_letters"))
    op.execute(grant("SELECT, INSERT, UPDATE, DELETE", "intake_dead_letters", maint))
    op.execute(grant("INSERT", "intake_dead_letters", app))

    op.create_index(
        "ix_leads_dealership_id_idempotency_key",
        "leads",
        ["dealership_id", sa.literal_column("(original_payload ->> 'idempotency_key')")],
    )

    op.execute(RESOLVE_VENDOR)
    op.execute(f"ALTER FUNCTION resolve_adf_vendor(text, text) OWNER TO {quote_ident(maint)}")
    op.execute("REVOKE ALL ON FUNCTION resolve_adf_vendor(text, text) FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION resolve_adf_vendor(text, text) TO {quote_ident(app)}")


def downgrade() -> None:
    op.execute("DROP FUNCTION resolve_adf_vendor(text, text)")
    op.drop_index("ix_leads_dealership_id_idempotency_key", table_name="leads")
    op.drop_table("intake_dead_letters")
