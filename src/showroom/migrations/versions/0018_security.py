"""Security findings (issue 15): chat visitors' contact claims and shared request budgets.

``conversations.contact_claims``: an e-mail or phone a chat visitor gave joins the visit to the customer who has it
only once proven (a one-time code sent there, or a staff member's confirmation); until then the claim waits on the
conversation, with the code's keyed hash (``conversations.contact_claims``).

``rate_counters``: the buckets (GCRA: a theoretical arrival time per key) of the sign-in, e-mail and public-traffic
budgets, shared by every server process (a process's own memory was not). Keys are hashed; not tenant data (counted before a tenant is known), so no
RLS: the service role reads and writes it, the maintenance sweep deletes old windows.

Revision ID: 0018
Revises: 0017
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from showroom.db.ddl import grant, roles

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    app, maint = roles()["app"], roles()["maint"]
    op.add_column(
        "conversations",
        sa.Column(
            "contact_claims",
            sa.dialects.postgresql.JSONB(),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
    )
    op.create_table(
        "rate_counters",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("tat", sa.DateTime(timezone=True), nullable=False),
        sa.Column("refused", sa.Boolean(), server_default=sa.text("false"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_counters")),
    )
    op.create_index("ix_rate_counters_tat", "rate_counters", ["tat"])
    op.execute(grant("SELECT, INSERT, UPDATE, DELETE", "rate_counters", app))
    op.execute(grant("SELECT, INSERT, UPDATE, DELETE", "rate_counters", maint))


def downgrade() -> None:
    op.drop_table("rate_counters")
    op.drop_column("conversations", "contact_claims")
