"""Issue 18's follow-ups. A channel preference per cadence step: ``follow_ups.preferred_channel`` (what the cadence's step asked
for: ``same``, ``sms``, ``email`` or ``call``) and ``follow_ups.channel_note`` (why the step goes on another channel
than it preferred: the customer cannot be reached on it). And live calendars: appointments NOTIFY their changes on
``showroom_events`` like conversations, messages and handovers (0007's ``notify_event``: ids only).

Revision ID: 0029
Revises: 0028
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
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

    op.execute(
        "CREATE TRIGGER tg_appointments_notify AFTER INSERT OR UPDATE ON appointments "
        "FOR EACH ROW EXECUTE FUNCTION notify_event()"
    )


def downgrade() -> None:
    op.execute("DROP TRIGGER tg_appointments_notify ON appointments")
    op.drop_constraint(op.f("ck_follow_ups_preferred_channel"), "follow_ups", type_="check")
    op.drop_column("follow_ups", "channel_note")
    op.drop_column("follow_ups", "preferred_channel")
