"""Inventory-driven follow-ups (issue 18): a lead gets at most one message about a given unit.

A follow-up about a unit carries ``template = 'unit:<vehicle id>'``; a unique partial index on (dealership, lead,
template) for those rows makes "once per unit per lead" the database's rule, so two jobs (an arrival and a price
drop, or two workers) cannot both write one.

Revision ID: 0026
Revises: 0025
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ux_follow_ups_dealership_id_lead_id_unit",
        "follow_ups",
        ["dealership_id", "lead_id", "template"],
        unique=True,
        postgresql_where=sa.text("template LIKE 'unit:%'"),
    )


def downgrade() -> None:
    op.drop_index("ux_follow_ups_dealership_id_lead_id_unit", table_name="follow_ups")
