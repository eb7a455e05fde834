"""Escalation: the default triggers of "The agent holds a conversation" for dealerships created before them.

New defaults, installed where a dealership has no trigger of that name (``brain.escalation.defaults`` is their one
definition): "Existing customer's problem", "Specific appointment time", "Writes in another language".

Changed defaults: "Legal or compliance" (an English keyword list and a sentiment condition) and "Safety recall" (a
regex and a sentiment condition) now use detectors (custom "legal": threats in any wording or language; custom
"recall": the customer's own car, not a shopper's question). A dealership's row is brought up to date only if its
conditions are still exactly the old default, as 0006 installed it; a trigger the dealership edited is left alone.
The old conditions are written out below: they are history, whatever the code says now.

Revision ID: 0014
Revises: 0013
"""

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from showroom.brain.escalation.defaults import DEFAULT_TRIGGERS
from showroom.db.ddl import as_maintenance

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NEW = ("Existing customer's problem", "Specific appointment time", "Writes in another language")
_OLD_LEGAL_WORDS = [
    "lawyer",
    "attorney",
    "attorney general",
    "lawsuit",
    "legal action",
    "small claims",
    "bbb",
    "better business bureau",
    "lemon law",
    "consumer protection",
    "ftc",
    "class action",
    "litigation",
    "sue you",
    "sue u",
    "sue y'all",
    "sue the dealership",
    "sue your",
    "suing",
    "sued",
    "take you to court",
    "see you in court",
    "report you",
    "without permission",
    "without my permission",
    "without my consent",
    "without consent",
    "privacy",
    "personal information",
    "sold my info",
    "sold my information",
    "identity theft",
    "discrimination",
    "discriminated",
    "harassment",
    "harassing",
]
_OLD_RECALL_PATTERN = (
    r"\brecall(?:s|ed)?\b(?!\s+(?:the|what|which|how|if|that|exactly|correctly|seeing|him|her|it|you|when|who|where))"
    r"|\bsafety (?:issue|defect|notice|campaign)\b|\bnhtsa\b"
)
OLD: dict[str, list[dict[str, Any]]] = {
    "Legal or compliance": [
        {"type": "keyword", "value": _OLD_LEGAL_WORDS},
        {"type": "sentiment", "value": "negative", "threshold": 0.2},
    ],
    "Safety recall": [
        {"type": "regex", "value": _OLD_RECALL_PATTERN},
        {"type": "sentiment", "value": "negative", "threshold": 0.2},
    ],
}


def _default(name: str) -> dict[str, Any]:
    return next(t for t in DEFAULT_TRIGGERS if t["name"] == name)


def _install(trigger: dict[str, Any]) -> None:
    op.get_bind().execute(
        sa.text("""
        INSERT INTO escalation_triggers (dealership_id, name, description, conditions, match_mode, priority,
                                         action, action_config)
        SELECT d.id, :name, :description, cast(:conditions as jsonb), :match_mode, :priority, :action,
               cast(:action_config as jsonb)
        FROM dealerships d
        ON CONFLICT (dealership_id, name) DO NOTHING"""),
        {
            "name": trigger["name"],
            "description": trigger.get("description"),
            "conditions": json.dumps(trigger["conditions"]),
            "match_mode": trigger.get("match_mode", "all"),
            "priority": trigger.get("priority", 100),
            "action": trigger.get("action", "handover"),
            "action_config": json.dumps(trigger.get("action_config", {})),
        },
    )


def _swap(name: str, before: list[dict[str, Any]], after: list[dict[str, Any]], description: str | None) -> None:
    op.get_bind().execute(
        sa.text("""
        UPDATE escalation_triggers SET conditions = cast(:after as jsonb),
               description = coalesce(:description, description)
        WHERE name = :name AND conditions = cast(:before as jsonb)"""),
        {"name": name, "before": json.dumps(before), "after": json.dumps(after), "description": description},
    )


def upgrade() -> None:
    with as_maintenance():  # data under FORCE RLS is written as maintenance (DATA_MODEL.md §4)
        for name in NEW:
            _install(_default(name))
        for name, old in OLD.items():
            new = _default(name)
            _swap(name, old, new["conditions"], new.get("description"))


def downgrade() -> None:
    with as_maintenance():
        for name, old in OLD.items():
            _swap(name, _default(name)["conditions"], old, None)
        op.get_bind().execute(sa.text("DELETE FROM escalation_triggers WHERE name = any(:names)"), {"names": list(NEW)})
