"""Conversations: the dialogue state every turn reads and writes (``brain.dialogue.DialogueState`` as JSON: the
vehicles shown, the criteria gathered, the trade-in, the visit asked for, the contact details given, what was said,
the customer's language), so that follow-ups resolve against it and staff can see it.

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "conversations",
        sa.Column("dialogue_state", JSONB(), nullable=False, server_default=sa.text("'{}'::jsonb")),
    )


def downgrade() -> None:
    op.drop_column("conversations", "dialogue_state")
