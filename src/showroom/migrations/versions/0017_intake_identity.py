"""Intake identity (issue 14): contacts kept but flagged unverified, possible duplicates linked on both customers,
consent to automated SMS with its source, time and wording, and lead sources keyed by their provider, with a
monthly cost. Customers who texted the dealership before this migration get the consent that texting first gives
(source "customer texted first", the time of their first text), so their SMS threads carry on; nobody else is
assumed to have agreed to automated texts.

Revision ID: 0017
Revises: 0016
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

from showroom.db.ddl import as_maintenance

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "customers", sa.Column("contact_flags", JSONB(), nullable=False, server_default=sa.text("'{}'::jsonb"))
    )
    op.add_column(
        "customers", sa.Column("possible_duplicates", JSONB(), nullable=False, server_default=sa.text("'[]'::jsonb"))
    )
    op.add_column("customers", sa.Column("sms_consent", JSONB(), nullable=True))
    op.add_column(
        "lead_sources",
        sa.Column("provider_keys", ARRAY(sa.String(length=100)), nullable=False, server_default=sa.text("'{}'")),
    )
    op.add_column("lead_sources", sa.Column("monthly_cost", sa.Integer(), nullable=True))
    op.create_check_constraint("ck_lead_sources_monthly_cost", "lead_sources", "monthly_cost >= 0")
    op.execute("ALTER TABLE customers DISABLE TRIGGER tg_customers_updated_at")
    with as_maintenance():  # FORCE row-level security binds the owner too
        op.execute(
            "UPDATE customers c SET sms_consent = jsonb_build_object('granted', true, 'source', "
            "'customer texted first', 'at', to_jsonb(t.first_at), 'wording', null) "
            "FROM (SELECT v.customer_id, min(m.created_at) AS first_at FROM messages m "
            "JOIN conversations v ON v.id = m.conversation_id "
            "WHERE m.type = 'inbound' AND m.channel = 'sms' GROUP BY v.customer_id) t "
            "WHERE c.id = t.customer_id AND c.sms_consent IS NULL"
        )
    op.execute("ALTER TABLE customers ENABLE TRIGGER tg_customers_updated_at")


def downgrade() -> None:
    op.drop_constraint("ck_lead_sources_monthly_cost", "lead_sources", type_="check")
    op.drop_column("lead_sources", "monthly_cost")
    op.drop_column("lead_sources", "provider_keys")
    op.drop_column("customers", "sms_consent")
    op.drop_column("customers", "possible_duplicates")
    op.drop_column("customers", "contact_flags")
