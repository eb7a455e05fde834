"""Live updates: NOTIFY on every change to conversations, messages and handovers.

Each notification carries ids only (dealership, table, row, conversation, operation), never content: a listener
fetches what changed through the API, so RLS and permissions still decide what anyone sees. NOTIFY is
transactional (sent at commit) and reaches every server process that LISTENs.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = {"conversations": "NEW.id", "messages": "NEW.conversation_id", "handovers": "NEW.conversation_id"}


def upgrade() -> None:
    op.execute("""
        CREATE FUNCTION notify_event() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('showroom_events', json_build_object(
                'dealership_id', NEW.dealership_id, 'table', TG_TABLE_NAME, 'op', lower(TG_OP), 'id', NEW.id,
                'conversation_id', CASE TG_TABLE_NAME WHEN 'conversations' THEN NEW.id::text
                                   ELSE (to_jsonb(NEW) ->> 'conversation_id') END)::text);
            RETURN NULL;
        END $$""")
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER tg_{table}_notify AFTER INSERT OR UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION notify_event()"
        )


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"DROP TRIGGER tg_{table}_notify ON {table}")
    op.execute("DROP FUNCTION notify_event()")
