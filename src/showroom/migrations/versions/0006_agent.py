"""The AI agent: per-channel opt-outs, a per-customer AI switch, SLA breaches, the SLA sweep, and the default
escalation triggers for dealerships created before them.

Revision ID: 0006
Revises: 0005
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from showroom.brain.escalation.defaults import DEFAULT_TRIGGERS
from showroom.db.ddl import as_maintenance, quote_ident, roles

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OVERDUE = """
    CREATE FUNCTION overdue_handovers()
    RETURNS TABLE (id uuid, dealership_id int)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        SELECT h.id, h.dealership_id FROM handovers h
        WHERE h.status = 'pending' AND h.sla_due_at < now() AND h.sla_breached_at IS NULL
    $$"""


BY_SMS = """
    CREATE FUNCTION resolve_dealership_by_sms(p_number text)
    RETURNS int
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        -- The dealership whose texting number (settings.sms_number, E.164) received the message; NULL when
        -- none or several claim it.
        SELECT CASE WHEN count(*) = 1 THEN min(d.id) END FROM dealerships d
        WHERE d.is_active AND d.settings ->> 'sms_number' = btrim(p_number)
    $$"""


def upgrade() -> None:
    app, maint = roles()["app"], roles()["maint"]
    op.add_column(
        "customers",
        sa.Column(
            "opted_out_channels", sa.dialects.postgresql.JSONB(), server_default=sa.text("'{}'::jsonb"), nullable=False
        ),
    )
    op.add_column("customers", sa.Column("ai_enabled", sa.Boolean(), server_default=sa.text("true"), nullable=False))
    op.add_column("handovers", sa.Column("sla_breached_at", sa.DateTime(timezone=True), nullable=True))
    for signature, ddl in (("overdue_handovers()", OVERDUE), ("resolve_dealership_by_sms(text)", BY_SMS)):
        op.execute(ddl)
        op.execute(f"ALTER FUNCTION {signature} OWNER TO {quote_ident(maint)}")
        op.execute(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC")
        op.execute(f"GRANT EXECUTE ON FUNCTION {signature} TO {quote_ident(app)}")

    with as_maintenance():  # data under FORCE RLS is written as maintenance (DATA_MODEL.md §4)
        install_default_triggers(DEFAULT_TRIGGERS)


def install_default_triggers(triggers: list[dict]) -> None:  # type: ignore[type-arg]
    for trigger in triggers:
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


def downgrade() -> None:
    op.execute("DROP FUNCTION resolve_dealership_by_sms(text)")
    op.execute("DROP FUNCTION overdue_handovers()")
    op.drop_column("handovers", "sla_breached_at")
    op.drop_column("customers", "ai_enabled")
    op.drop_column("customers", "opted_out_channels")
