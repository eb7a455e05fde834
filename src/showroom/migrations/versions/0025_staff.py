"""The staff app's inbox (issue 21): snooze until the customer answers, saved replies, and staff who are away.

``conversations.snoozed_until_reply``: out of the inbox's open tabs until the customer's next message (which wakes
any snooze). ``saved_replies``: a dealership's reply texts with ``{{variables}}``, inserted from the reply box; a
tenant table like the others (FORCEd row-level security, the ``updated_at`` trigger, grants). ``users.is_away``:
round robin (new leads, handovers) skips them.

Revision ID: 0025
Revises: 0024
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from showroom.db.ddl import grant, roles, tenant_policy, updated_at_trigger

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    app, maint = roles()["app"], roles()["maint"]
    op.add_column(
        "conversations",
        sa.Column("snoozed_until_reply", sa.Boolean(), server_default=sa.text("false"), nullable=False),
    )
    op.add_column("users", sa.Column("is_away", sa.Boolean(), server_default=sa.text("false"), nullable=False))
    op.create_table(
        "saved_replies",
        sa.Column("id", postgresql.UUID(as_uuid=True), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=100), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_saved_replies_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"], ["users.id"], name=op.f("fk_saved_replies_created_by_user_id"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("dealership_id", "id", name=op.f("pk_saved_replies")),  # Citus: the tenant first (0024)
        sa.UniqueConstraint("dealership_id", "title", name=op.f("uq_saved_replies_dealership_id_title")),
    )
    op.create_index(
        "ix_saved_replies_created_by_user_id",
        "saved_replies",
        ["created_by_user_id"],
        postgresql_where=sa.text("created_by_user_id IS NOT NULL"),
    )
    for stmt in tenant_policy("saved_replies"):
        op.execute(stmt)
    op.execute(updated_at_trigger("saved_replies"))
    op.execute(grant("SELECT, INSERT, UPDATE, DELETE", "saved_replies", app))
    op.execute(grant("SELECT, INSERT, UPDATE, DELETE", "saved_replies", maint))


def downgrade() -> None:
    op.drop_table("saved_replies")
    op.drop_column("users", "is_away")
    op.drop_column("conversations", "snoozed_until_reply")
