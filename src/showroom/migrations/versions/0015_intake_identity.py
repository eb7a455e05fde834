"""Intake identity (issue 14): contacts kept but flagged unverified, possible duplicates linked on both customers,
consent to automated SMS with its source, time and wording, and lead sources keyed by their provider, with a
monthly cost.

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import ARRAY, JSONB

revision: str = "0015"
down_revision: str | None = "0014"
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


def downgrade() -> None:
    op.drop_constraint("ck_lead_sources_monthly_cost", "lead_sources", type_="check")
    op.drop_column("lead_sources", "monthly_cost")
    op.drop_column("lead_sources", "provider_keys")
    op.drop_column("customers", "sms_consent")
    op.drop_column("customers", "possible_duplicates")
    op.drop_column("customers", "contact_flags")
