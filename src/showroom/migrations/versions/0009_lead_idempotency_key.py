"""Leads: the Idempotency-Key in a plain column, with a partial index the lookup reaches under RLS.

The key used to live only in ``original_payload`` and was looked up with ``original_payload ->> 'idempotency_key'``.
Under row-level security PostgreSQL lets a condition into an index scan only if its functions are leakproof, and
``->>`` is not: the expression index (migration 0005) was never used, and each JSON intake with a key read all of
the dealership's recent leads. ``leads.idempotency_key = …`` is leakproof text equality. Existing keys are copied
over (updated_at is left alone: nothing about those leads changed); a downgrade puts them back in the payload.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from showroom.db.ddl import as_maintenance

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "ix_leads_dealership_id_idempotency_key"


def upgrade() -> None:
    op.drop_index(NAME, table_name="leads")
    op.add_column("leads", sa.Column("idempotency_key", sa.String(length=255), nullable=True))
    op.execute("ALTER TABLE leads DISABLE TRIGGER tg_leads_updated_at")
    with as_maintenance():  # FORCE row-level security binds the owner too
        op.execute(
            "UPDATE leads SET idempotency_key = left(original_payload ->> 'idempotency_key', 255), "
            "original_payload = original_payload - 'idempotency_key' "
            "WHERE original_payload ? 'idempotency_key'"
        )
    op.execute("ALTER TABLE leads ENABLE TRIGGER tg_leads_updated_at")
    op.create_index(
        NAME, "leads", ["dealership_id", "idempotency_key"], postgresql_where=sa.text("idempotency_key IS NOT NULL")
    )


def downgrade() -> None:
    op.drop_index(NAME, table_name="leads")
    op.execute("ALTER TABLE leads DISABLE TRIGGER tg_leads_updated_at")
    with as_maintenance():
        op.execute(
            "UPDATE leads SET original_payload = original_payload "
            "|| jsonb_build_object('idempotency_key', idempotency_key) WHERE idempotency_key IS NOT NULL"
        )
    op.execute("ALTER TABLE leads ENABLE TRIGGER tg_leads_updated_at")
    op.drop_column("leads", "idempotency_key")
    op.create_index(NAME, "leads", ["dealership_id", sa.literal_column("(original_payload ->> 'idempotency_key')")])
