"""Issue 19: CRM hand-offs (each send of a lead to the dealership's CRM as an ADF 1.0 e-mail, tracked), the
``undelivered`` message state (the SMS provider accepted a text that the carrier did not deliver), and the IMAP
mailboxes leads and replies are collected from (with the SECURITY DEFINER sweep that lists them).

A tenant table like the others: ``dealership_id`` NOT NULL, FORCEd row-level security with the tenant policy, the
``updated_at`` trigger, grants to the service and maintenance roles. The CRM's address and when to send live in
``dealerships.settings.crm`` (JSON, no column).

Revision ID: 0028
Revises: 0027
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from showroom.db.ddl import grant, quote_ident, roles, tenant_policy, updated_at_trigger

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    app, maint = roles()["app"], roles()["maint"]
    op.create_table(
        "crm_handoffs",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.UUID(), nullable=False),
        sa.Column("trigger", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), server_default=sa.text("'queued'"), nullable=False),
        sa.Column("to_address", sa.String(length=320), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=True),
        sa.Column("attempts", sa.SmallInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("adf", sa.Text(), nullable=True),
        sa.Column("requested_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("status IN ('queued', 'sent', 'failed')", name=op.f("ck_crm_handoffs_status")),
        sa.CheckConstraint(
            "trigger IN ('new_lead', 'qualified', 'handed_over', 'resend')", name=op.f("ck_crm_handoffs_trigger")
        ),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_crm_handoffs_dealership_id"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(  # composite, as every tenant reference since 0024
            ["dealership_id", "lead_id"],
            ["leads.dealership_id", "leads.id"],
            name=op.f("fk_crm_handoffs_lead_id"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_user_id"],
            ["users.id"],
            name=op.f("fk_crm_handoffs_requested_by_user_id"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("dealership_id", "id", name=op.f("pk_crm_handoffs")),  # Citus: the tenant first
    )
    op.create_index("ix_crm_handoffs_lead_id_created_at", "crm_handoffs", ["lead_id", "created_at"])
    op.create_index("ix_crm_handoffs_dealership_id_created_at", "crm_handoffs", ["dealership_id", "created_at"])
    op.create_index(
        "ix_crm_handoffs_requested_by_user_id",
        "crm_handoffs",
        ["requested_by_user_id"],
        postgresql_where=sa.text("requested_by_user_id IS NOT NULL"),
    )
    for stmt in tenant_policy("crm_handoffs"):
        op.execute(stmt)
    op.execute(updated_at_trigger("crm_handoffs"))
    op.execute(grant("SELECT, INSERT, UPDATE, DELETE", "crm_handoffs", app))
    op.execute(grant("SELECT, INSERT, UPDATE, DELETE", "crm_handoffs", maint))
    _delivery_checks(DELIVERY_STATES)
    _mailboxes(app, maint)


def _mailboxes(app: str, maint: str) -> None:
    op.create_table(
        "inbound_mailboxes",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("dealership_id", sa.Integer(), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("port", sa.Integer(), nullable=False),
        sa.Column("security", sa.String(length=10), server_default=sa.text("'ssl'"), nullable=False),
        sa.Column("username", sa.String(length=255), nullable=False),
        sa.Column("folder", sa.String(length=255), server_default=sa.text("'INBOX'"), nullable=False),
        sa.Column("move_to", sa.String(length=255), nullable=True),
        sa.Column("enabled", sa.Boolean(), server_default=sa.text("true"), nullable=False),
        sa.Column("uid_validity", sa.BigInteger(), nullable=True),
        sa.Column("last_uid", sa.BigInteger(), server_default=sa.text("0"), nullable=False),
        sa.Column("messages_taken", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_polled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("security IN ('ssl', 'starttls', 'none')", name=op.f("ck_inbound_mailboxes_security")),
        sa.CheckConstraint("port BETWEEN 1 AND 65535", name=op.f("ck_inbound_mailboxes_port")),
        sa.CheckConstraint("last_uid >= 0", name=op.f("ck_inbound_mailboxes_last_uid")),
        sa.ForeignKeyConstraint(
            ["dealership_id"], ["dealerships.id"], name=op.f("fk_inbound_mailboxes_dealership_id"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("dealership_id", "id", name=op.f("pk_inbound_mailboxes")),
        sa.UniqueConstraint("dealership_id", name=op.f("uq_inbound_mailboxes_dealership_id")),
    )
    for stmt in tenant_policy("inbound_mailboxes"):
        op.execute(stmt)
    op.execute(updated_at_trigger("inbound_mailboxes"))
    op.execute(grant("SELECT, INSERT, UPDATE, DELETE", "inbound_mailboxes", app))
    op.execute(grant("SELECT, INSERT, UPDATE, DELETE", "inbound_mailboxes", maint))
    op.execute(MAILBOX_SWEEP)
    op.execute(f"ALTER FUNCTION inbound_mailbox_dealerships() OWNER TO {quote_ident(maint)}")
    op.execute("REVOKE ALL ON FUNCTION inbound_mailbox_dealerships() FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION inbound_mailbox_dealerships() TO {quote_ident(app)}")


# The poll sweep runs with no tenant: ids only, as active_dealership_ids() (0020).
MAILBOX_SWEEP = """
    CREATE FUNCTION inbound_mailbox_dealerships()
    RETURNS SETOF int
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        SELECT m.dealership_id FROM inbound_mailboxes m
        JOIN dealerships d ON d.id = m.dealership_id AND d.is_active
        WHERE m.enabled ORDER BY m.dealership_id
    $$"""


DELIVERY_STATES = "'queued', 'sent', 'delivered', 'failed', 'undelivered'"
BEFORE = "'queued', 'sent', 'delivered', 'failed'"


def _delivery_checks(outbound: str) -> None:
    """The two CHECKs of messages.delivery_status, re-made NOT VALID then validated (no long exclusive lock)."""
    checks = {
        "ck_messages_delivery_status": f"delivery_status IN ({outbound}, 'received')",
        "ck_messages_delivery": (
            "(type = 'inbound' AND delivery_status IS NOT DISTINCT FROM 'received') OR "
            f"(type = 'outbound' AND delivery_status IS NOT NULL AND delivery_status IN ({outbound})) OR "
            "(type NOT IN ('inbound', 'outbound') AND delivery_status IS NULL)"
        ),
    }
    for name, condition in checks.items():
        op.execute(f"ALTER TABLE messages DROP CONSTRAINT {name}")
        op.execute(f"ALTER TABLE messages ADD CONSTRAINT {name} CHECK ({condition}) NOT VALID")
        op.execute(f"ALTER TABLE messages VALIDATE CONSTRAINT {name}")


def downgrade() -> None:
    op.execute("DROP FUNCTION inbound_mailbox_dealerships()")
    op.drop_table("inbound_mailboxes")
    op.execute("UPDATE messages SET delivery_status = 'failed' WHERE delivery_status = 'undelivered'")
    _delivery_checks(BEFORE)
    op.drop_table("crm_handoffs")
