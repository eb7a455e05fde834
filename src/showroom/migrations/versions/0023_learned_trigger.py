"""Escalation: the default trigger "Reads like a message for a person" for dealerships created before it.

It hands over what the learned detector (``brain.escalation.learned``) finds like the messages staff answer when no
named trigger caught it. Installed where a dealership has no trigger of that name; the definition is written out
below as it was at this revision (the application's ``DEFAULT_TRIGGERS`` may change later).

Revision ID: 0023
Revises: 0022
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from showroom.db.ddl import as_maintenance

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NAME = "Reads like a message for a person"
DESCRIPTION = (
    "A model trained on labelled customer messages finds this one like those staff answer (complaints, "
    "negotiations, an owner's problem...) although no other trigger named it; the reason says what it resembles."
)


def upgrade() -> None:
    with as_maintenance():  # data under FORCE RLS is written as maintenance (DATA_MODEL.md §4)
        op.get_bind().execute(
            sa.text("""
            INSERT INTO escalation_triggers (dealership_id, name, description, conditions, match_mode, priority,
                                             action, action_config)
            SELECT d.id, :name, :description, cast(:conditions as jsonb), 'all', 150, 'handover',
                   cast(:action_config as jsonb)
            FROM dealerships d
            ON CONFLICT (dealership_id, name) DO NOTHING"""),
            {
                "name": NAME,
                "description": DESCRIPTION,
                "conditions": json.dumps([{"type": "custom", "value": "learned"}]),
                "action_config": json.dumps({"reason": "complex_inquiry", "urgency": "medium"}),
            },
        )


def downgrade() -> None:
    with as_maintenance():
        op.get_bind().execute(sa.text("DELETE FROM escalation_triggers WHERE name = :name"), {"name": NAME})
