"""A channel preference per cadence step (issue 18): ``follow_ups.preferred_channel`` (what the cadence's step asked
for: ``same``, ``sms``, ``email`` or ``call``) and ``follow_ups.channel_note`` (why the step goes on another channel
than it preferred: the customer cannot be reached on it).

Revision ID: 0029_fu2
Revises: 0028
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029_fu2"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("follow_ups", sa.Column("preferred_channel", sa.String(20), nullable=True))
    op.add_column("follow_ups", sa.Column("channel_note", sa.Text(), nullable=True))
    op.create_check_constraint(
        op.f("ck_follow_ups_preferred_channel"),
        "follow_ups",
        "preferred_channel IN ('same', 'sms', 'email', 'call')",
    )


def downgrade() -> None:
    op.drop_constraint(op.f("ck_follow_ups_preferred_channel"), "follow_ups", type_="check")
    op.drop_column("follow_ups", "channel_note")
    op.drop_column("follow_ups", "preferred_channel")
