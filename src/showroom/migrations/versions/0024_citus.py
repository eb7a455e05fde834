"""Citus-ready keys (issue 16) and foreign keys the database checks per tenant (issue 15, finding 11).

On every distributed table (models/placement.py: each table with ``dealership_id`` but the reference and
coordinator-local ones) the primary key becomes ``(dealership_id, id)`` and every unique key includes
``dealership_id``. Every foreign key from a distributed table to another becomes ``(dealership_id, x_id) →
parent (dealership_id, id)`` with the same ON DELETE (``SET NULL (x_id)`` clears the reference, never the row's
dealership), so PostgreSQL itself refuses a row of one dealership naming a row of another: FK checks ignore RLS.
The assignee of a lead, an appointment or a follow-up (placement.MEMBER_USER_COLUMNS) must be a member of the
row's dealership: ``(dealership_id, assigned_user_id) → users (dealership_id, id)``.

One transaction. On a big database the cost is one index build per changed key and one anti-join per foreign key
(PostgreSQL validates a new foreign key with a single query when the owner runs it), under ACCESS EXCLUSIVE locks:
run it in a maintenance window. Existing cross-tenant references, if any, make it fail with the key named;
nothing is changed then.

Revision ID: 0024
Revises: 0023
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen at this revision (models/placement.py is the living list).
DISTRIBUTED = (
    "appointments",
    "conversations",
    "customer_insights",
    "customer_interactions",
    "customer_profiles",
    "customers",
    "escalation_triggers",
    "experiment_variants",
    "follow_ups",
    "handovers",
    "lead_activities",
    "lead_scores",
    "lead_sources",
    "leads",
    "messages",
    "personas",
    "prompt_experiments",
    "prompt_metrics",
    "prompt_variants",
    "report_schedules",
    "response_suggestions",
    "vehicle_interests",
    "vehicles",
    "webhook_deliveries",
    "webhook_endpoints",
)

# (table, column, parent, ON DELETE or None for NO ACTION): fk_<table>_<column>, single-column before.
REFERENCES = (
    ("appointments", "lead_id", "leads", "CASCADE"),
    ("appointments", "customer_id", "customers", "CASCADE"),
    ("appointments", "vehicle_id", "vehicles", "SET NULL"),
    ("conversations", "lead_id", "leads", "CASCADE"),
    ("conversations", "customer_id", "customers", "CASCADE"),
    ("conversations", "ai_persona_id", "personas", "SET NULL"),
    ("customer_insights", "customer_id", "customers", "CASCADE"),
    ("customer_insights", "conversation_id", "conversations", "SET NULL"),
    ("customer_insights", "message_id", "messages", "SET NULL"),
    ("customer_interactions", "profile_id", "customer_profiles", "CASCADE"),
    ("customer_interactions", "conversation_id", "conversations", "SET NULL"),
    ("customer_profiles", "customer_id", "customers", "CASCADE"),
    ("experiment_variants", "experiment_id", "prompt_experiments", "CASCADE"),
    ("experiment_variants", "conversation_id", "conversations", "CASCADE"),
    ("follow_ups", "lead_id", "leads", "CASCADE"),
    ("follow_ups", "conversation_id", "conversations", "SET NULL"),
    ("follow_ups", "customer_id", "customers", "CASCADE"),
    ("handovers", "conversation_id", "conversations", "CASCADE"),
    ("handovers", "lead_id", "leads", "CASCADE"),
    ("handovers", "escalation_trigger_id", "escalation_triggers", "SET NULL"),
    ("lead_activities", "lead_id", "leads", "CASCADE"),
    ("lead_activities", "message_id", "messages", "SET NULL"),
    ("lead_activities", "handover_id", "handovers", "SET NULL"),
    ("lead_scores", "lead_id", "leads", "CASCADE"),
    ("lead_scores", "conversation_id", "conversations", "SET NULL"),
    ("leads", "customer_id", "customers", "CASCADE"),
    ("leads", "source_id", "lead_sources", "SET NULL"),
    ("messages", "conversation_id", "conversations", "CASCADE"),
    ("messages", "in_reply_to", "messages", "SET NULL"),
    ("messages", "variant_id", "prompt_variants", "SET NULL"),
    ("prompt_experiments", "winner_variant_id", "prompt_variants", "SET NULL"),
    ("prompt_metrics", "experiment_id", "prompt_experiments", "CASCADE"),
    ("prompt_metrics", "conversation_id", "conversations", "CASCADE"),
    ("prompt_metrics", "message_id", "messages", "SET NULL"),
    ("prompt_variants", "experiment_id", "prompt_experiments", "CASCADE"),
    ("prompt_variants", "persona_id", "personas", None),
    ("response_suggestions", "conversation_id", "conversations", "CASCADE"),
    ("response_suggestions", "message_id", "messages", "CASCADE"),
    ("vehicle_interests", "lead_id", "leads", "CASCADE"),
    ("vehicle_interests", "vehicle_id", "vehicles", "SET NULL"),
    ("webhook_deliveries", "endpoint_id", "webhook_endpoints", "CASCADE"),
    # Assignees: a member of the row's dealership (→ users, a reference table).
    ("appointments", "assigned_user_id", "users", "SET NULL"),
    ("follow_ups", "assigned_user_id", "users", "SET NULL"),
    ("leads", "assigned_user_id", "users", "SET NULL"),
)

# The arm of an experiment: fk_<table>_variant_id (experiment_id, variant_id) → prompt_variants (experiment_id, id).
VARIANT_ARMS = ("experiment_variants", "prompt_metrics")

_ONCE = "'customer_replied', 'handover', 'appointment_booked', 'lead_converted', 'opt_out', 'contact_given'"
# (table, name before, definition before, name after, definition after); "INDEX" rows are partial unique indexes.
UNIQUES = (
    (
        "customer_profiles",
        "uq_customer_profiles_customer_id",
        "UNIQUE (customer_id)",
        "uq_customer_profiles_dealership_id_customer_id",
        "UNIQUE (dealership_id, customer_id)",
    ),
    (
        "messages",
        "uq_messages_conversation_id_idempotency_key",
        "UNIQUE (conversation_id, idempotency_key)",
        "uq_messages_dealership_id_conversation_id_idempotency_key",
        "UNIQUE (dealership_id, conversation_id, idempotency_key)",
    ),
    (
        "experiment_variants",
        "uq_experiment_variants_experiment_id_conversation_id",
        "UNIQUE (experiment_id, conversation_id)",
        "uq_experiment_variants_dealership_experiment_conversation",
        "UNIQUE (dealership_id, experiment_id, conversation_id)",
    ),
    (
        "prompt_variants",
        "uq_prompt_variants_experiment_id_id",
        "UNIQUE (experiment_id, id)",
        "uq_prompt_variants_dealership_id_experiment_id_id",
        "UNIQUE (dealership_id, experiment_id, id)",
    ),
    (
        "prompt_variants",
        "uq_prompt_variants_experiment_id_name",
        "UNIQUE (experiment_id, name)",
        "uq_prompt_variants_dealership_id_experiment_id_name",
        "UNIQUE (dealership_id, experiment_id, name)",
    ),
    (
        "prompt_variants",
        "INDEX uq_prompt_variants_experiment_id_is_control",
        "(experiment_id) WHERE is_control",
        "INDEX uq_prompt_variants_dealership_id_experiment_id_is_control",
        "(dealership_id, experiment_id) WHERE is_control",
    ),
    (
        "handovers",
        "INDEX uq_handovers_conversation_id",
        "(conversation_id) WHERE status IN ('pending', 'accepted', 'in_progress')",
        "INDEX uq_handovers_dealership_id_conversation_id",
        "(dealership_id, conversation_id) WHERE status IN ('pending', 'accepted', 'in_progress')",
    ),
    (
        "prompt_metrics",
        "INDEX uq_prompt_metrics_experiment_id_conversation_id_metric_name",
        f"(experiment_id, conversation_id, metric_name) WHERE metric_name IN ({_ONCE})",
        "INDEX uq_prompt_metrics_dealership_experiment_conversation_metric",
        f"(dealership_id, experiment_id, conversation_id, metric_name) WHERE metric_name IN ({_ONCE})",
    ),
    (
        "vehicle_interests",
        "INDEX uq_vehicle_interests_lead_id_is_primary",
        "(lead_id) WHERE is_primary",
        "INDEX uq_vehicle_interests_dealership_id_lead_id_is_primary",
        "(dealership_id, lead_id) WHERE is_primary",
    ),
)


def _on_delete(action: str | None, column: str) -> str:
    if action is None:
        return ""
    return f" ON DELETE SET NULL ({column})" if action == "SET NULL" else f" ON DELETE {action}"


def _drop_unique(table: str, name: str) -> str:
    if name.startswith("INDEX "):
        return f"DROP INDEX {name.removeprefix('INDEX ')}"
    return f"ALTER TABLE {table} DROP CONSTRAINT {name}"


def _add_unique(table: str, name: str, definition: str) -> str:
    if name.startswith("INDEX "):
        columns, _, where = definition.partition(" WHERE ")
        return f"CREATE UNIQUE INDEX {name.removeprefix('INDEX ')} ON {table} {columns} WHERE {where}"
    return f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}"


def _variant_arm(table: str, composite: bool) -> str:
    lead = "dealership_id, " if composite else ""
    return (
        f"ALTER TABLE {table} ADD CONSTRAINT fk_{table}_variant_id FOREIGN KEY ({lead}experiment_id, variant_id) "
        f"REFERENCES prompt_variants ({lead}experiment_id, id) ON DELETE CASCADE"
    )


def upgrade() -> None:
    op.execute("SET LOCAL maintenance_work_mem = '256MB'")  # index builds in memory on a big database
    for table, column, _, _ in REFERENCES:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT fk_{table}_{column}")
    for table in VARIANT_ARMS:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT fk_{table}_variant_id")
    for table, before, _, _, _ in UNIQUES:
        op.execute(_drop_unique(table, before))
    for table in DISTRIBUTED:
        op.execute(
            f"ALTER TABLE {table} DROP CONSTRAINT pk_{table}, ADD CONSTRAINT pk_{table} PRIMARY KEY (dealership_id, id)"
        )
    op.execute("ALTER TABLE users ADD CONSTRAINT uq_users_dealership_id_id UNIQUE (dealership_id, id)")
    for table, _, _, after, definition in UNIQUES:
        op.execute(_add_unique(table, after, definition))
    for table, column, parent, action in REFERENCES:
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT fk_{table}_{column} FOREIGN KEY (dealership_id, {column}) "
            f"REFERENCES {parent} (dealership_id, id){_on_delete(action, column)}"
        )
    for table in VARIANT_ARMS:
        op.execute(_variant_arm(table, composite=True))


def downgrade() -> None:
    for table, column, _, _ in REFERENCES:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT fk_{table}_{column}")
    for table in VARIANT_ARMS:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT fk_{table}_variant_id")
    for table, _, _, after, _ in UNIQUES:
        op.execute(_drop_unique(table, after))
    op.execute("ALTER TABLE users DROP CONSTRAINT uq_users_dealership_id_id")
    for table in DISTRIBUTED:
        op.execute(f"ALTER TABLE {table} DROP CONSTRAINT pk_{table}, ADD CONSTRAINT pk_{table} PRIMARY KEY (id)")
    for table, before, definition, _, _ in UNIQUES:
        op.execute(_add_unique(table, before, definition))
    for table, column, parent, action in REFERENCES:
        on_delete = f" ON DELETE {action}" if action else ""
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT fk_{table}_{column} FOREIGN KEY ({column}) "
            f"REFERENCES {parent} (id){on_delete}"
        )
    for table in VARIANT_ARMS:
        op.execute(_variant_arm(table, composite=False))
